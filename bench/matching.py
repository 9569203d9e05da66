"""Time resolve_source_rows() and count its SQL queries at growing sizes (synthetic catalog and rows).

    .venv/bin/python bench/matching.py [--sizes 1000,10000,50000]

Each size is that many BenchmarkRows of one source over a 2,000-model catalog; a third of the raw
names are unknown (so they fill the review queue), and each raw name has about 5 rows. Runs twice
per size: the first resolve writes every row, the second finds nothing to change. Uses a throwaway
SQLite file (or DATABASE_URL if set) and never the network.
"""
import argparse
import random
import time


import environment  # noqa: E402,F401  (sets up Django on a throwaway database)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.matching import resolve_source_rows  # noqa: E402
from benchmarks.models import BenchmarkRow, CatalogModel, Source, UnmatchedName  # noqa: E402
from names import raw_names, synthetic_catalog  # noqa: E402  (bench/names.py)


def fill(size: int, rng: random.Random) -> Source:
    BenchmarkRow.objects.all().delete()
    UnmatchedName.objects.all().delete()
    if not CatalogModel.objects.exists():
        CatalogModel.objects.bulk_create(
            CatalogModel(canonical_id=item.canonical_id, name=item.name, provider=item.canonical_id.split("/")[0])
            for item in synthetic_catalog(2000, random.Random(7)))
    catalog = synthetic_catalog(2000, random.Random(7))
    names = raw_names(catalog, max(1, size // 5), rng)
    source = Source.objects.get(slug="swebench")
    now = timezone.now()
    BenchmarkRow.objects.bulk_create((BenchmarkRow(source=source, benchmark="swebench-verified", metric="resolved",
                                                   unit="%", value=50, raw_model=rng.choice(names), fetched_at=now)
                                      for _ in range(size)), batch_size=1000)
    return source


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    for size in (int(s) for s in args.sizes.split(",")):
        source = fill(size, rng)
        for label in ("first", "again"):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                stats = resolve_source_rows(source)
                elapsed = time.perf_counter() - started
            print(f"{size:>6} rows, {label:<5}: {elapsed:6.2f} s, {len(queries):>3} queries, "
                  f"{stats['matched_rows']} matched, {stats['unmatched_names']} names queued, "
                  f"{stats['updated_rows']} rows written")


if __name__ == "__main__":
    main()
