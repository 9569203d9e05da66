"""Refresh: fetch a source, check what came back, and publish it in one transaction.

The last good data always stays: a failed, rejected or suspiciously small fetch changes nothing
but the source's status and its FetchRun. Every outcome is one FetchRun and a Source update, with
readable errors and no secrets.
"""
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timedelta

import httpx
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from benchmarks.catalog_sync import sync_catalog
from benchmarks.fetchers import FETCHERS, FetchResult, SourceError, get_fetcher, redact
from benchmarks.models import BenchmarkRow, FetchRun, Source

logger = logging.getLogger(__name__)
Status = FetchRun.Status
CATALOG_SOURCE = "openrouter"
MAX_MESSAGE = 2000
FAILED_STATUSES = {Status.FAILED, Status.REJECTED, Status.NOT_CONFIGURED}
# Fetches run in parallel; database work is serialized. SQLite has one writer, and a transaction
# that reads before it writes fails at once ("database is locked") when another thread writes.
DB_LOCK = threading.Lock()


class Rejected(Exception):
    """The fetch worked but its result must not replace the published data."""

    def __init__(self, message: str, rows: int):
        super().__init__(message)
        self.rows = rows


def new_client() -> httpx.Client:
    return httpx.Client(timeout=settings.FETCH_TIMEOUT_SECONDS, follow_redirects=True,
                        headers={"User-Agent": "CodeRank (self-hosted LLM coding rankings)"})


def refresh_source(source_slug: str, force: bool = False, client: httpx.Client | None = None) -> FetchRun:
    """Fetch one source and publish its rows (or catalog); returns the finished FetchRun.

    Skipped when disabled, or when fetched OK within RANKINGS_CACHE_HOURS unless `force`.
    Never raises for upstream problems: they become the run's status and error.
    """
    if source_slug not in FETCHERS:
        raise ValueError(f"unknown source {source_slug!r}; valid keys: {', '.join(sorted(FETCHERS))}")
    with DB_LOCK:
        source, _ = Source.objects.get_or_create(slug=source_slug, defaults={"name": source_slug})
        now = timezone.now()
        run = FetchRun.objects.create(source=source, started_at=now)
        started = time.monotonic()
        reason = skip_reason(source, force, now)
        if reason:
            return finish_skipped(run, source, reason, started)
    own_client = client is None
    client = client or new_client()
    try:
        result = fetch(source, force, client)  # network and parsing only: no database, no lock
        with DB_LOCK:
            return publish(run, source, result, started)
    except SourceError as error:
        outcome = (error.status, str(error), 0)
    except Rejected as error:
        outcome = (Status.REJECTED, str(error), error.rows)
    except Exception as error:  # a bug must not take the other sources down: record it and go on
        logger.exception("Refreshing %s failed unexpectedly", source_slug)
        outcome = (Status.FAILED, f"unexpected error: {type(error).__name__}: {error}", 0)
    finally:
        if own_client:
            client.close()
    with DB_LOCK:
        return finish_failed(run, source, *outcome, started)


def skip_reason(source: Source, force: bool, now: datetime) -> str:
    if not settings.SOURCE_ENABLED.get(source.slug, True):
        return f"disabled by the ENABLE_{source.slug.upper()} setting"
    if not source.enabled:
        return "disabled in the admin"
    fresh_until = source.last_success_at and source.last_success_at + timedelta(hours=settings.RANKINGS_CACHE_HOURS)
    if not force and fresh_until and now < fresh_until:
        return f"fetched OK at {source.last_success_at:%Y-%m-%d %H:%M} UTC, within the " \
               f"{settings.RANKINGS_CACHE_HOURS}-hour cache (force to refetch)"
    return ""


def fetch(source: Source, force: bool, client: httpx.Client) -> FetchResult:
    """Fetch with the stored validators when they still describe the published data."""
    fetcher = get_fetcher(source.slug, base_url=source.base_url)
    usable = (not force and source.row_count > 0 and source.status in (Status.OK, Status.NOT_MODIFIED)
              and (not fetcher.expected_version or fetcher.expected_version == source.upstream_version))
    etag, last_modified = (source.etag, source.last_modified) if usable else ("", "")
    return fetcher.fetch(client, etag=etag, last_modified=last_modified)


def publish(run: FetchRun, source: Source, result: FetchResult, started: float) -> FetchRun:
    now = timezone.now()
    if result.not_modified:
        Source.objects.filter(pk=source.pk).update(status=Status.NOT_MODIFIED, last_attempt_at=now,
                                                   last_success_at=now, last_error="")
        return close_run(run, Status.NOT_MODIFIED, source.row_count, "", started)
    count = len(result.catalog) if source.slug == CATALOG_SOURCE else len(result.rows)
    check_count(source, count)
    store(source, result, count, now)
    if source.slug != CATALOG_SOURCE:
        result.warnings.extend(resolve_rows(source))
    return close_run(run, Status.OK, count, "; ".join(result.warnings), started)


def store(source: Source, result: FetchResult, count: int, now: datetime) -> None:
    """Replace the source's rows (or sync the catalog) and mark it OK, all in one transaction."""
    with transaction.atomic():
        if source.slug == CATALOG_SOURCE:
            counts = sync_catalog(result.catalog, now, result.warnings)
            logger.info("Catalog: %s", counts)
        else:
            replace_rows(source, result, now)
        Source.objects.filter(pk=source.pk).update(
            status=Status.OK, last_attempt_at=now, last_success_at=now, last_error="", row_count=count,
            upstream_version=result.upstream_version[:100], etag=result.etag[:300],
            last_modified=result.last_modified[:100])


def check_count(source: Source, count: int) -> None:
    """Refuse an empty result, or one much smaller than the last good one (a half-served file)."""
    if count == 0:
        raise Rejected("upstream returned no rows", 0)
    floor = settings.REFRESH_MIN_ROW_RATIO * source.row_count
    if source.row_count and count < floor:
        raise Rejected(f"only {count} rows, fewer than {settings.REFRESH_MIN_ROW_RATIO:.0%} of the last good "
                       f"{source.row_count}; kept the published rows", count)


def replace_rows(source: Source, result: FetchResult, now: datetime) -> None:
    """Swap this source's rows for the new ones; the caller holds the transaction."""
    BenchmarkRow.objects.filter(source=source).delete()
    BenchmarkRow.objects.bulk_create((
        BenchmarkRow(source=source, benchmark=row.benchmark, metric=row.metric, value=row.value, unit=row.unit,
                     raw_model=row.model, config=row.config, sample_size=row.sample_size, stderr=row.stderr,
                     interval_low=row.interval_low, interval_high=row.interval_high,
                     upstream_date=row.upstream_date, upstream_id=row.upstream_id, fetched_at=now)
        for row in result.rows), batch_size=1000)


def resolve_rows(source: Source) -> list[str]:
    """Run the name matcher on the source's rows; a warning (not a failure) when it cannot."""
    try:
        from benchmarks.matching import resolve_source_rows
    except ImportError:
        return []  # matching not installed yet: rows stay unmatched until it is
    try:
        resolve_source_rows(source)
    except Exception as error:
        logger.exception("Name matching failed for %s", source.slug)
        return [f"rows stored, but name matching failed: {type(error).__name__}: {error}"]
    return []


def finish_skipped(run: FetchRun, source: Source, reason: str, started: float) -> FetchRun:
    if reason.startswith("disabled"):  # a fresh cache leaves the source's real status in place
        Source.objects.filter(pk=source.pk).update(status=Source.Status.SKIPPED)
    return close_run(run, Status.SKIPPED, 0, reason, started)


def finish_failed(run: FetchRun, source: Source, status: str, message: str, rows: int, started: float) -> FetchRun:
    message = redact(message)[:MAX_MESSAGE]
    Source.objects.filter(pk=source.pk).update(status=status, last_attempt_at=timezone.now(), last_error=message)
    return close_run(run, status, rows, message, started)


def close_run(run: FetchRun, status: str, rows: int, message: str, started: float) -> FetchRun:
    run.status, run.rows, run.error = status, rows, redact(message)[:MAX_MESSAGE]
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save(update_fields=["status", "rows", "error", "finished_at", "duration_ms"])
    return run


def refresh_sources(slugs: list[str] | None = None, force: bool = False,
                    progress: Callable[[FetchRun], None] | None = None) -> list[FetchRun]:
    """Refresh `slugs` (default: every source) concurrently; one thread and DB connection each.

    A refresh takes about as long as the slowest source. `progress(run)` is called as each one
    finishes. When the catalog changed, every other source's names are resolved again.
    """
    slugs = list(slugs or FETCHERS)
    runs: list[FetchRun] = []
    with new_client() as client, ThreadPoolExecutor(max_workers=max(1, len(slugs))) as pool:
        futures = [pool.submit(refresh_in_thread, slug, force, client) for slug in slugs]
        for future in as_completed(futures):
            runs.append(future.result())
            if progress:
                progress(runs[-1])
    if any(run.source.slug == CATALOG_SOURCE and run.status == Status.OK for run in runs):
        for source in Source.objects.exclude(slug=CATALOG_SOURCE).filter(row_count__gt=0):
            with DB_LOCK:
                resolve_rows(source)
    order = {slug: index for index, slug in enumerate(slugs)}
    return sorted(runs, key=lambda run: order[run.source.slug])


def refresh_in_thread(slug: str, force: bool, client: httpx.Client) -> FetchRun:
    try:
        return refresh_source(slug, force=force, client=client)
    finally:
        connections.close_all()  # this thread's connections only: Django keeps them per thread
