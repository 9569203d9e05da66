"""manage.py refresh_rankings: refresh the sources now, then build the rankings (no worker needed)."""
import time

from django.core.management.base import BaseCommand, CommandError

from benchmarks.fetchers import FETCHERS
from benchmarks.locks import REFRESH_LOCK, acquire_lock, release_lock
from benchmarks.models import FetchRun
from benchmarks.refresh import FAILED_STATUSES, refresh_sources
from rankings.build import build_rankings

LOCK_SECONDS = 3600


class Command(BaseCommand):
    help = "Fetch every enabled source (or --source KEY ...), store their rows, then build the rankings."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", dest="sources", metavar="KEY",
                            help=f"Only this source (repeatable). Keys: {', '.join(FETCHERS)}")
        parser.add_argument("--force", action="store_true", help="Refetch even within the cache window.")
        parser.add_argument("--no-build", action="store_true", help="Do not build the rankings afterwards.")

    def handle(self, *args, sources=None, force=False, no_build=False, **options):
        unknown = sorted(set(sources or []) - set(FETCHERS))
        if unknown:
            raise CommandError(f"Unknown source {', '.join(unknown)}. Valid keys: {', '.join(FETCHERS)}")
        token = acquire_lock(REFRESH_LOCK, LOCK_SECONDS)
        if token is None:
            raise CommandError("Another refresh is running; try again when it has finished.")
        try:
            started = time.monotonic()
            runs = refresh_sources(sources, force=force, progress=self.print_progress)
            self.print_summary(runs, time.monotonic() - started)
            if not no_build:
                self.build()
        finally:
            release_lock(REFRESH_LOCK, token)
        attempted = [run for run in runs if run.status != FetchRun.Status.SKIPPED]
        if attempted and all(run.status in FAILED_STATUSES for run in attempted):
            raise CommandError("Every enabled source failed; the published data is unchanged.")

    def print_progress(self, run: FetchRun) -> None:
        style = self.style.ERROR if run.status in FAILED_STATUSES else self.style.SUCCESS
        detail = f"  {run.error}" if run.error else ""
        self.stdout.write(style(f"{run.source.slug:<20} {run.status:<14} {run.rows:>6} rows "
                                f"{run.duration_ms or 0:>7} ms") + detail)

    def print_summary(self, runs: list[FetchRun], seconds: float) -> None:
        self.stdout.write("\nsource               status          rows  duration")
        for run in runs:
            self.stdout.write(f"{run.source.slug:<20} {run.status:<14} {run.rows:>6} {run.duration_ms or 0:>7} ms")
        total = sum(run.rows for run in runs if run.status == FetchRun.Status.OK)
        self.stdout.write(f"{len(runs)} sources, {total} rows stored in {seconds:.1f} s")

    def build(self) -> None:
        ranking = build_rankings()
        scored = ranking.entries.filter(composite_score__isnull=False).count()
        self.stdout.write(self.style.SUCCESS(
            f"Rankings built: snapshot {ranking.pk}, {ranking.model_count} models, {scored} with a coding score."))
