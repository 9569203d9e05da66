"""A named lock in the database (RefreshLock): holds across processes, on SQLite and PostgreSQL.

acquire_lock() returns a token or None; only the token's holder releases it. A lock expires after
its ttl, so a crashed worker cannot block refreshes for longer than that.
"""
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from benchmarks.models import RefreshLock

REFRESH_LOCK = "refresh"


def acquire_lock(name: str, ttl_seconds: float) -> str | None:
    """Take the lock `name` for `ttl_seconds`; the token to release it with, or None if it is held."""
    now = timezone.now()
    RefreshLock.objects.filter(name=name, expires_at__lte=now).delete()
    token = uuid.uuid4().hex
    try:
        # The savepoint keeps a surrounding transaction usable when the INSERT loses the race.
        with transaction.atomic():
            RefreshLock.objects.create(name=name, token=token, acquired_at=now,
                                       expires_at=now + timedelta(seconds=ttl_seconds))
    except IntegrityError:
        return None
    return token


def release_lock(name: str, token: str | None) -> bool:
    """Release the lock if `token` still holds it; False when it had expired or been taken over."""
    if not token:
        return False
    deleted, _ = RefreshLock.objects.filter(name=name, token=token).delete()
    return bool(deleted)


def lock_is_held(name: str) -> bool:
    return RefreshLock.objects.filter(name=name, expires_at__gt=timezone.now()).exists()
