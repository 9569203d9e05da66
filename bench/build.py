"""Benchmark build_rankings(): time, SQL queries and peak memory at 1x, 10x and 100x (models x rows).

    .venv/bin/python bench/build.py [--scales 1,10,100]

Base data: the real upstream snapshots in ../shared/sources, refreshed through a 127.0.0.1 mirror,
when both they and benchmarks.refresh exist; otherwise the curated fallback data (load_curated).
Synthetic scales clone every model with all its rows and fallbacks. Uses a throwaway SQLite file
(or DATABASE_URL if set) and never the network.
"""
import argparse
import time
import tracemalloc


import environment  # noqa: E402,F401  (sets up Django on a throwaway database)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.models import BenchmarkFallback, BenchmarkRow, CatalogModel, PerformanceFallback  # noqa: E402
from bench.mirror import SHARED, serve_snapshots  # noqa: E402
from benchmarks.refresh import refresh_sources  # noqa: E402
from rankings.build import build_rankings  # noqa: E402


def load_base() -> str:
    """Fill the database with the real data if possible, else the curated data; name which."""
    call_command("migrate", verbosity=0)
    if SHARED.is_dir():
        with serve_snapshots() as base_urls:
            settings.SOURCE_BASE_URLS.update(base_urls)
            settings.ARTIFICIAL_ANALYSIS_API_KEY = settings.ARTIFICIAL_ANALYSIS_API_KEY or "bench"
            refresh_sources(force=True)
        call_command("load_curated", verbosity=0)
        matched = BenchmarkRow.objects.matched().count()
        return f"real snapshots via a 127.0.0.1 mirror ({matched} rows matched) + curated fallbacks"
    call_command("load_curated", verbosity=0)
    return "curated fallback data (benchmarks/curated)"


def clone(first: int, last: int) -> None:
    """Add clones number first..last-1 of every original model, with its rows and fallbacks."""
    originals = list(CatalogModel.objects.exclude(canonical_id__contains="~clone"))
    rows = list(BenchmarkRow.objects.filter(model__in=originals))
    benchmark_fallbacks = list(BenchmarkFallback.objects.filter(model__in=originals))
    performance = list(PerformanceFallback.objects.filter(model__in=originals))
    for n in range(first, last):
        mapping = {}
        for model in originals:
            mapping[model.pk] = CatalogModel(**{**_fields(model), "canonical_id": f"{model.canonical_id}~clone{n}"})
        CatalogModel.objects.bulk_create(mapping.values())
        for objects in (rows, benchmark_fallbacks, performance):
            type(objects[0]).objects.bulk_create(
                [type(o)(**{**_fields(o), "model": mapping[o.model_id]}) for o in objects], batch_size=2000
            ) if objects else None


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if not f.primary_key and f.attname != "model_id"}


def measure(label: str) -> None:
    """Time and queries of one build; peak memory from a second build (tracemalloc slows Python)."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        ranking = build_rankings()
        elapsed = time.perf_counter() - started
    tracemalloc.start()
    build_rankings()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ranked = ranking.entries.filter(rank__isnull=False).count()
    print(f"{label:>5}  models={CatalogModel.objects.count():6d}  rows={BenchmarkRow.objects.count():7d}  "
          f"entries={ranking.model_count:6d} ranked={ranked:6d}  time={elapsed:7.3f}s  "
          f"queries={len(queries.captured_queries):3d}  peak_mem={peak / 2**20:7.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    scales = [int(s) for s in parser.parse_args().scales.split(",")]
    print(f"base data: {load_base()}; database: {connection.vendor}")
    done = 1
    for scale in scales:
        if scale > done:
            clone(done - 1, scale - 1)
            done = scale
        measure(f"{scale}x")


if __name__ == "__main__":
    main()
