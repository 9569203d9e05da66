"""Thin Celery tasks: refresh every source in parallel, then build one snapshot (a chord).

refresh_all() is the entry task (the nightly beat entry and request_refresh() call it). It takes the
refresh lock or refuses; the chord's build task releases it. Without REDIS_URL, tasks run eagerly
in-process, chord included. Tasks take slugs and flags only and are safe to run twice.
"""
import logging

from celery import chord, group, shared_task
from celery.result import allow_join_result
from django.conf import settings
from django.db import transaction

from benchmarks.locks import REFRESH_LOCK, acquire_lock, release_lock
from benchmarks.models import Source

logger = logging.getLogger(__name__)

MAX_RETRIES = 3
# Held at most this long: the parallel refreshes and the build, each within the task time limit.
LOCK_SECONDS = 2 * settings.CELERY_TASK_TIME_LIMIT + 60


def backoff(retries: int) -> int:
    """Seconds before retry number `retries` + 1: 30, 60, 120..., capped at 10 minutes."""
    return min(600, 30 * 2 ** retries)


def enabled_slugs() -> list[str]:
    return [slug for slug in Source.objects.enabled().values_list("slug", flat=True)
            if settings.SOURCE_ENABLED.get(slug, True)]


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def refresh_source_task(self, slug: str, force: bool = False) -> dict:
    """Refresh one source. After the last retry it reports the error instead of raising, so the
    chord still builds from the last good data of this source."""
    from benchmarks.refresh import refresh_source

    try:
        run = refresh_source(slug, force=force)
    except Exception as error:
        if self.request.retries < MAX_RETRIES and not self.request.is_eager:
            raise self.retry(exc=error, countdown=backoff(self.request.retries))
        logger.exception("Refreshing %s failed", slug)
        return {"source": slug, "status": "error", "error": f"{type(error).__name__}: {error}"}
    return {"source": slug, "status": run.status, "fetch_run": run.pk, "rows": run.rows}


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def build_rankings_task(self, results: list | None = None, lock_token: str | None = None) -> dict:
    """Build and publish a snapshot, then release the refresh lock (also when it finally fails)."""
    from rankings.build import build_rankings

    try:
        rematch_after_catalog_change(results or [])
        ranking = build_rankings()
    except Exception as error:
        if self.request.retries < MAX_RETRIES and not self.request.is_eager:
            raise self.retry(exc=error, countdown=backoff(self.request.retries))
        release_lock(REFRESH_LOCK, lock_token)
        raise
    release_lock(REFRESH_LOCK, lock_token)
    return {"status": "built", "ranking": ranking.pk, "models": ranking.model_count, "sources": results or []}


def rematch_after_catalog_change(results: list) -> None:
    """Sources refreshed in parallel matched names against the old catalog: match again if it changed."""
    from benchmarks.refresh import CATALOG_SOURCE, resolve_rows

    if any(isinstance(r, dict) and r.get("source") == CATALOG_SOURCE and r.get("status") == "ok" for r in results):
        for source in Source.objects.exclude(slug=CATALOG_SOURCE).filter(row_count__gt=0):
            resolve_rows(source)


@shared_task
def release_refresh_lock_task(*args, lock_token: str | None = None) -> None:
    """Error callback of the chord: a failed chord must not keep the lock until it expires."""
    release_lock(REFRESH_LOCK, lock_token)


@shared_task(bind=True)
def refresh_all(self, force: bool = False) -> dict:
    """Refresh all enabled sources in parallel, then build; refused while another refresh holds the lock."""
    token = acquire_lock(REFRESH_LOCK, LOCK_SECONDS)
    if token is None:
        logger.warning("A refresh is already running; this one is refused.")
        return {"status": "refused", "reason": "A refresh is already running."}
    slugs = enabled_slugs()
    body = build_rankings_task.s(lock_token=token).on_error(release_refresh_lock_task.si(lock_token=token))
    try:
        if slugs:
            result = chord(group(refresh_source_task.si(slug, force) for slug in slugs))(body)
        else:  # a chord with no header would never call its body
            result = body.apply_async(args=([],))
    except Exception:
        release_lock(REFRESH_LOCK, token)
        raise
    if self.app.conf.task_always_eager:
        with allow_join_result():  # in-process: the chord has already run, this only reads its result
            return result.get()
    return {"status": "started", "task": result.id, "sources": slugs}


def request_refresh(force: bool = False) -> None:
    """Enqueue refresh_all once the current transaction commits (what admin actions and views call)."""
    transaction.on_commit(lambda: refresh_all.delay(force))
