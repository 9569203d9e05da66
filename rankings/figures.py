"""Every raw figure behind one model's scores: upstream rows matched to it and its curated fallbacks.

Three queries whatever the model: its benchmark rows (with their sources), its benchmark fallbacks,
its performance fallback.
"""
from benchmarks.fetchers.rows import BENCHMARKS
from benchmarks.models import BenchmarkFallback, BenchmarkRow, CatalogModel, PerformanceFallback

# Which source publishes a benchmark, by key prefix: a fallback names the benchmark, not the source.
SOURCE_PREFIXES = (("swebench", "swebench"), ("humaneval", "evalplus"), ("mbpp", "evalplus"),
                   ("bigcodebench", "bigcodebench"), ("livebench", "livebench"), ("aider", "aider"),
                   ("lmarena", "lmarena"), ("artificialanalysis", "artificialanalysis"))
PERFORMANCE_FIGURES = {"ttft_median": "s", "ttft_p95": "s", "throughput_median": "tokens/s",
                       "throughput_p95": "tokens/s", "total_latency_median": "s", "total_latency_p95": "s",
                       "quality_index": "index"}


def source_of(benchmark: str) -> str:
    """The slug of the source that publishes `benchmark`, or "" when no known source does."""
    return next((slug for prefix, slug in SOURCE_PREFIXES if benchmark.startswith(prefix)), "")


def collect_figures(model: CatalogModel) -> list[dict]:
    """Upstream rows first (by source, benchmark, metric), then fallbacks; each with origin, dates and config."""
    rows = BenchmarkRow.objects.filter(model=model).select_related("source").order_by(
        "source__slug", "benchmark", "metric", "raw_model", "id")
    figures = [_from_row(row) for row in rows]
    figures += [_from_benchmark_fallback(f) for f in BenchmarkFallback.objects.filter(model=model)]
    performance = PerformanceFallback.objects.filter(model=model).first()
    if performance is not None:
        figures += _from_performance_fallback(performance)
    return figures


def _from_row(row: BenchmarkRow) -> dict:
    return {"origin": "upstream", "source": row.source.slug, "benchmark": row.benchmark, "metric": row.metric,
            "value": row.value, "unit": row.unit, "configuration": row.config or {}, "raw_model": row.raw_model,
            "stderr": row.stderr, "sample_size": row.sample_size, "upstream_date": row.upstream_date,
            "fetched_at": row.fetched_at, "source_url": ""}


def _from_benchmark_fallback(fallback: BenchmarkFallback) -> dict:
    metric, unit = BENCHMARKS.get(fallback.benchmark, ("", ""))
    return {"origin": "fallback", "source": source_of(fallback.benchmark), "benchmark": fallback.benchmark,
            "metric": metric, "value": fallback.value, "unit": unit, "configuration": {}, "raw_model": "",
            "stderr": None, "sample_size": None, "upstream_date": fallback.as_of,
            "fetched_at": fallback.updated_at, "source_url": fallback.source_url}


def _from_performance_fallback(fallback: PerformanceFallback) -> list[dict]:
    return [{"origin": "fallback", "source": "artificialanalysis", "benchmark": "artificialanalysis",
             "metric": metric, "value": getattr(fallback, metric), "unit": unit, "configuration": {},
             "raw_model": "", "stderr": None, "sample_size": None, "upstream_date": fallback.as_of,
             "fetched_at": fallback.updated_at, "source_url": fallback.source_url}
            for metric, unit in PERFORMANCE_FIGURES.items() if getattr(fallback, metric) is not None]
