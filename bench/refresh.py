"""Times a full refresh of every source from the real snapshots served on 127.0.0.1.

    .venv/bin/python bench/refresh.py            # fresh SQLite database in a temp dir
    DATABASE_URL=postgres://... .venv/bin/python bench/refresh.py

Prints rows and duration per source, total time, rows/s and peak memory. The snapshots in
../shared/sources are served under the file names upstream uses (see bench/mirror.py), never copied.
"""
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.mirror import SHARED, serve_snapshots  # noqa: E402


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to serve.")
    workdir = tempfile.mkdtemp(prefix="coderank-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("ARTIFICIAL_ANALYSIS_API_KEY", "bench-dummy-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from benchmarks.refresh import refresh_sources

    with serve_snapshots() as urls:
        settings.SOURCE_BASE_URLS = urls
        tracemalloc.start()
        started = time.perf_counter()
        runs = refresh_sources(force=True)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    report(runs, elapsed, peak, settings.DATABASES["default"]["ENGINE"])


def report(runs, elapsed: float, peak: int, engine: str) -> None:
    import resource
    print(f"database: {engine}")
    for run in runs:
        print(f"  {run.source.slug:<20} {run.status:<13} {run.rows:>6} rows {run.duration_ms:>6} ms")
    rows = sum(run.rows for run in runs)
    print(f"total: {rows} rows in {elapsed:.2f} s ({rows / elapsed:,.0f} rows/s)")
    print(f"peak traced Python memory: {peak / 2**20:.1f} MiB; "
          f"max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
