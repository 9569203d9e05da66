"""Celery tasks: the refresh chord, the refresh lock, on-commit enqueueing, and a real worker on Redis."""
import os
import sys
import types
from datetime import timedelta

import pytest
from django.utils import timezone

from benchmarks.locks import REFRESH_LOCK, acquire_lock, lock_is_held, release_lock
from benchmarks.models import RefreshLock, Source
from benchmarks.tasks import refresh_all, refresh_source_task, request_refresh
from config.celery import app
from rankings.models import Ranking


class FakeRefresh:
    """Stands in for benchmarks.refresh: records calls, fails for the slugs in `failing`."""

    def __init__(self, failing=()):
        self.calls, self.failing, self.rematched = [], set(failing), []

    def resolve_rows(self, source):
        self.rematched.append(source.slug)
        return []

    def refresh_source(self, slug, force=False, client=None):
        self.calls.append((slug, force))
        if slug in self.failing:
            raise ConnectionError(f"{slug} unreachable")
        return types.SimpleNamespace(status="ok", pk=len(self.calls), rows=10)


@pytest.fixture
def fake_refresh(monkeypatch):
    fake = FakeRefresh()
    module = types.ModuleType("benchmarks.refresh")
    module.refresh_source, module.resolve_rows, module.CATALOG_SOURCE = fake.refresh_source, fake.resolve_rows, "openrouter"
    monkeypatch.setitem(sys.modules, "benchmarks.refresh", module)
    return fake


@pytest.fixture
def eager():
    """In-process tasks, as a development install runs them (also when CI sets REDIS_URL)."""
    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


@pytest.mark.django_db
def test_refresh_all_refreshes_every_enabled_source_then_builds(fake_refresh, eager):
    Source.objects.filter(slug="lmarena").update(enabled=False)
    result = refresh_all.delay(force=True).get()
    assert result["status"] == "built"
    assert sorted(slug for slug, _ in fake_refresh.calls) == sorted(
        Source.objects.enabled().values_list("slug", flat=True))
    assert all(force for _, force in fake_refresh.calls) and ("lmarena", True) not in fake_refresh.calls
    assert Ranking.objects.latest_published().pk == result["ranking"]
    assert not lock_is_held(REFRESH_LOCK)


@pytest.mark.django_db
def test_names_are_matched_again_after_the_catalog_refreshed(fake_refresh, eager):
    Source.objects.filter(slug__in=["aider", "openrouter"]).update(row_count=5)
    refresh_all.delay().get()
    assert fake_refresh.rematched == ["aider"]


@pytest.mark.django_db
def test_a_failing_source_is_reported_and_the_build_still_runs(fake_refresh, eager):
    fake_refresh.failing = {"swebench"}
    result = refresh_all.delay().get()
    failed = [r for r in result["sources"] if r["status"] == "error"]
    assert [r["source"] for r in failed] == ["swebench"] and "unreachable" in failed[0]["error"]
    assert Ranking.objects.published().count() == 1


@pytest.mark.django_db
def test_second_refresh_is_refused_while_the_lock_is_held(fake_refresh, eager):
    token = acquire_lock(REFRESH_LOCK, 60)
    assert refresh_all.delay().get()["status"] == "refused"
    assert fake_refresh.calls == [] and not Ranking.objects.exists()
    assert release_lock(REFRESH_LOCK, token)


@pytest.mark.django_db
def test_expired_lock_is_taken_over():
    assert acquire_lock(REFRESH_LOCK, 60) is not None
    RefreshLock.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert acquire_lock(REFRESH_LOCK, 60) is not None


@pytest.mark.django_db
def test_only_the_holder_releases_the_lock():
    token = acquire_lock(REFRESH_LOCK, 60)
    assert not release_lock(REFRESH_LOCK, "someone-else") and lock_is_held(REFRESH_LOCK)
    assert release_lock(REFRESH_LOCK, token) and not lock_is_held(REFRESH_LOCK)


@pytest.mark.django_db
def test_failed_build_releases_the_lock_and_raises(fake_refresh, eager, monkeypatch):
    def broken_build():
        raise RuntimeError("build broke")

    monkeypatch.setattr("rankings.build.build_rankings", broken_build)
    with pytest.raises(RuntimeError):
        refresh_all.delay().get()
    assert not lock_is_held(REFRESH_LOCK)


@pytest.mark.django_db
def test_refresh_source_task_returns_the_fetch_run(fake_refresh, eager):
    assert refresh_source_task.delay("aider").get() == {"source": "aider", "status": "ok", "fetch_run": 1, "rows": 10}


@pytest.mark.django_db
def test_request_refresh_enqueues_only_on_commit(fake_refresh, eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request_refresh()
        assert fake_refresh.calls == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert fake_refresh.calls and Ranking.objects.published().count() == 1


@pytest.mark.skipif(not os.environ.get("REDIS_URL"),
                    reason="REDIS_URL is not set: the real-worker test needs Redis (CI: redis://127.0.0.1:6379/15)")
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_one_refresh_and_refuses_the_concurrent_one(fake_refresh):
    from celery.contrib.testing.worker import start_worker

    assert not app.conf.task_always_eager
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        first, second = refresh_all.delay(), refresh_all.delay()
        started, refused = first.get(timeout=60), second.get(timeout=60)
        assert started["status"] == "started" and refused["status"] == "refused"
        built = app.AsyncResult(started["task"]).get(timeout=120)
    assert built["status"] == "built" and len(built["sources"]) == len(started["sources"])
    assert Ranking.objects.published().count() == 1 and not lock_is_held(REFRESH_LOCK)


@pytest.mark.django_db
def test_nightly_schedule_runs_refresh_all_at_0315_utc():
    from django_celery_beat.models import PeriodicTask

    nightly = PeriodicTask.objects.get(task="benchmarks.tasks.refresh_all")
    assert nightly.enabled and nightly.crontab.hour == "3" and nightly.crontab.minute == "15"
    assert str(nightly.crontab.timezone) == "UTC"
    assert nightly.task in app.tasks
