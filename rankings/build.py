"""Build a ranking snapshot: read rows, fallbacks and prices, call scoring, write one snapshot.

Contract of build_rankings(): everything is read in a fixed handful of queries (never one per
model), scored in memory by rankings.scoring / efficiency / reranking, and written in ONE
transaction: the new snapshot is created "building", its entries bulk-inserted, then it is
published and old snapshots beyond RANKINGS_SNAPSHOT_RETENTION are deleted. Until that commits,
the previous snapshot stays the published one. A failure is recorded as a FAILED snapshot (its
notes say why) and re-raised.
"""
import logging
from collections import defaultdict
from datetime import date, datetime, time
from datetime import timezone as dt_timezone
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from benchmarks.fetchers.rows import BENCHMARKS
from benchmarks.models import BenchmarkFallback, BenchmarkRow, CatalogModel, PerformanceFallback
from rankings.anchors import CODING_BENCHMARKS, FEEDS, METHODOLOGY_VERSION, describe_methodology
from rankings.efficiency import blended_price, performance_score
from rankings.models import Ranking, RankingEntry
from rankings.reranking import TOP_LEVEL, ModelParts, RankedModel, rank_models
from rankings.scoring import BenchmarkPart, Measurement, select_runs, validate_weights

logger = logging.getLogger(__name__)

CODING_KEYS = set(CODING_BENCHMARKS) | set(FEEDS)
AA = "artificialanalysis"
ROW_FIELDS = ("id", "model_id", "benchmark", "metric", "value", "unit", "config", "sample_size", "stderr",
              "interval_low", "interval_high", "upstream_date", "upstream_id", "raw_model", "fetched_at",
              "source__slug")
# Entries per INSERT: one statement for any realistic catalog (a few hundred models).
BATCH_SIZE = 1000
SCORE_ARGS = {"ttft_median": "ttft", "throughput_median": "throughput", "total_latency_median": "total_latency",
              "ttft_p95": "ttft_p95", "throughput_p95": "throughput_p95", "total_latency_p95": "total_latency_p95"}
SPEED_FIELDS = ("ttft_median", "ttft_p95", "throughput_median", "throughput_p95", "total_latency_median",
                "total_latency_p95", "quality_index")


def build_rankings(now: datetime | None = None, weights: dict | None = None,
                   min_coverage: float | None = None) -> Ranking:
    """Compute and publish a new snapshot; returns it. Raises ValueError for invalid weights."""
    now = now or timezone.now()
    weights = validate_weights(weights or settings.RANKINGS_WEIGHTS, TOP_LEVEL)
    min_coverage = settings.RANKINGS_MIN_COVERAGE if min_coverage is None else min_coverage
    try:
        entries = score_models(read_inputs(), weights, min_coverage)
        return write_snapshot(now, weights, min_coverage, entries)
    except Exception as error:
        record_failure(now, weights, error)
        raise


def read_inputs() -> dict[int, dict]:
    """Per catalog model id: {"model", "rows", "aa_rows", "fallbacks", "performance"}, in four queries.

    Only active models with coding data (an upstream row or a curated fallback) are included.
    """
    rows = BenchmarkRow.objects.matched().filter(model__active=True).values(*ROW_FIELDS)
    inputs: dict[int, dict] = defaultdict(lambda: {"rows": [], "aa_rows": [], "fallbacks": [], "performance": None})
    for row in rows:
        if row["benchmark"] == AA:
            inputs[row["model_id"]]["aa_rows"].append(row)
        elif row["benchmark"] in CODING_KEYS and row["metric"] == BENCHMARKS[row["benchmark"]][0]:
            inputs[row["model_id"]]["rows"].append(row)
    for fallback in BenchmarkFallback.objects.filter(model__active=True).values():
        inputs[fallback["model_id"]]["fallbacks"].append(fallback)
    for perf in PerformanceFallback.objects.filter(model__active=True).values():
        inputs[perf["model_id"]]["performance"] = perf
    with_data = Q(pk__in=BenchmarkRow.objects.matched().values("model_id")) | Q(
        pk__in=BenchmarkFallback.objects.values("model_id"))
    models = CatalogModel.objects.active().filter(with_data).only(
        "canonical_id", "name", "provider", "open_weights", "context_length", "prompt_price",
        "completion_price", "pricing_variable", "pricing_updated_at", "origin")
    for model in models:
        if model.pk in inputs:
            inputs[model.pk]["model"] = model
    return {pk: data for pk, data in inputs.items()
            if "model" in data and (data["rows"] or any(f["benchmark"] in CODING_KEYS for f in data["fallbacks"]))}


def _row_measurement(row: dict) -> Measurement:
    ref = {"source": row["source__slug"], "row_id": row["id"], "raw_model": row["raw_model"],
           "upstream_date": row["upstream_date"], "fetched_at": row["fetched_at"], "origin": "upstream"}
    config = row["config"] if isinstance(row["config"], dict) else {}
    return Measurement(row["benchmark"], row["value"], row["unit"], config, row["stderr"], row["sample_size"],
                       row["interval_low"], row["interval_high"], ref)


def measurements_for(data: dict) -> list[Measurement]:
    """Upstream coding rows, plus a curated fallback for each benchmark no upstream row covers."""
    measurements = [_row_measurement(row) for row in data["rows"]]
    covered = {FEEDS.get(m.benchmark, m.benchmark) for m in measurements}
    for fallback in data["fallbacks"]:
        slot = FEEDS.get(fallback["benchmark"], fallback["benchmark"])
        if slot in covered or fallback["benchmark"] not in CODING_KEYS:
            continue
        ref = {"source": "fallback", "fallback_id": fallback["id"], "source_url": fallback["source_url"],
               "note": fallback["note"], "upstream_date": fallback["as_of"], "fetched_at": fallback["updated_at"],
               "origin": "fallback"}
        measurements.append(Measurement(fallback["benchmark"], fallback["value"],
                                        BENCHMARKS[fallback["benchmark"]][1], {}, ref=ref))
    return measurements


SPEED_METRICS = ("ttft_median", "throughput_median", "total_latency_median")


def choose_aa_record(aa_rows: list[dict]) -> dict[str, dict]:
    """metric -> row of ONE Artificial Analysis record (effort variants are separate records).

    The record with the most speed figures, then the highest coding index, then the highest
    intelligence index: the speed of the configuration most likely behind the coding score.
    """
    records: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in aa_rows:
        if row["value"] is not None and row["value"] > 0:
            records[row["upstream_id"] or row["raw_model"]][row["metric"]] = row

    def preference(item):
        key, metrics = item
        index = [metrics[m]["value"] if m in metrics else -1.0 for m in ("coding_index", "intelligence_index")]
        return (sum(m in metrics for m in SPEED_METRICS), *index, key)

    return max(records.items(), key=preference)[1] if records else {}


def choose_speed_figures(aa_rows: list[dict], fallback: dict | None) -> tuple[dict, dict]:
    """({field: {"value", "ref"}}, chosen AA record): AA figures first, the curated fallback where AA has none.

    p95 figures only ever come from the fallback (AA publishes medians). quality_index is AA's coding index.
    """
    aa = choose_aa_record(aa_rows)
    speed = {}
    for field, metric in [*[(m, m) for m in SPEED_METRICS], ("quality_index", "coding_index")]:
        if metric in aa:
            row = aa[metric]
            speed[field] = {"value": row["value"], "ref": {
                "source": AA, "row_id": row["id"], "raw_model": row["raw_model"], "upstream_id": row["upstream_id"],
                "upstream_date": row["upstream_date"], "fetched_at": row["fetched_at"], "origin": "upstream"}}
    for field in SPEED_FIELDS:
        if field not in speed and fallback and fallback.get(field) is not None:
            speed[field] = {"value": fallback[field], "ref": {
                "source": "fallback", "performance_fallback_id": fallback["id"], "source_url": fallback["source_url"],
                "upstream_date": fallback["as_of"], "fetched_at": fallback["updated_at"], "origin": "fallback"}}
    return speed, aa


def price_figures(model: CatalogModel, aa: dict) -> dict:
    """Prompt/completion price with provenance: the catalog's, else Artificial Analysis's."""
    origin = "upstream" if model.origin == CatalogModel.Origin.OPENROUTER else "fallback"
    source = "openrouter" if origin == "upstream" else f"catalog-{model.origin}"
    if model.prompt_price is not None or model.completion_price is not None or model.pricing_variable:
        return {"prompt": model.prompt_price, "completion": model.completion_price,
                "variable": model.pricing_variable,
                "ref": {"source": source, "origin": origin, "fetched_at": model.pricing_updated_at}}
    if "price_input" in aa and "price_output" in aa:
        row = aa["price_input"]
        return {"prompt": Decimal(str(row["value"])), "completion": Decimal(str(aa["price_output"]["value"])),
                "variable": False, "ref": {"source": AA, "row_id": row["id"], "raw_model": row["raw_model"],
                                           "fetched_at": row["fetched_at"], "origin": "upstream"}}
    return {"prompt": None, "completion": None, "variable": False, "ref": None}


def score_models(inputs: dict[int, dict], weights: dict, min_coverage: float) -> list[RankingEntry]:
    """Unsaved entries for every model, ranked; per model only pure maths, no queries."""
    prepared = {}
    for pk, data in inputs.items():
        chosen = select_runs(measurements_for(data))
        speed, aa = choose_speed_figures(data["aa_rows"], data["performance"])
        prices = price_figures(data["model"], aa)
        perf = performance_score(**{SCORE_ARGS[k]: v["value"] for k, v in speed.items() if k in SCORE_ARGS})
        blend, price_reason = blended_price(_float(prices["prompt"]), _float(prices["completion"]),
                                            prices["variable"])
        parts = ModelParts(data["model"].canonical_id, {k: (p.score, p.stderr) for k, p in chosen.items()},
                           perf.score, blend, price_reason, perf.reason)
        prepared[data["model"].canonical_id] = (data["model"], chosen, speed, prices, parts)
    ranked = rank_models([p[-1] for p in prepared.values()], weights, None, min_coverage,
                         settings.RANKINGS_FULL_COVERAGE)
    return [make_entry(result, *prepared[result.key], min_coverage) for result in ranked]


def _float(x) -> float | None:
    return None if x is None else float(x)


def make_entry(result: RankedModel, model: CatalogModel, chosen: dict[str, BenchmarkPart], speed: dict,
               prices: dict, parts: ModelParts, min_coverage: float) -> RankingEntry:
    """One unsaved RankingEntry with its figures, provenance and freshness per family."""
    benchmarks = {key: {**part.measurement.ref, "benchmark": part.measurement.benchmark, "raw_value": part.raw,
                        "config": dict(part.measurement.config), "scaffold": part.scaffold,
                        "normalized": part.score, "stderr": part.stderr} for key, part in chosen.items()}
    performance = {key: figure["ref"] for key, figure in speed.items()}
    pricing = prices["ref"]
    blend = parts.blended_price
    composite = result.composite
    return RankingEntry(
        model=model, model_name=model.name, provider=model.provider, open_weights=model.open_weights,
        context_length=model.context_length, rank=result.rank, tie_group=result.tie_group,
        composite_score=composite.score, composite_stderr=composite.stderr,
        composite_low=composite.low, composite_high=composite.high,
        performance_score=result.performance, value_score=result.value.score, overall_score=result.overall,
        coverage=composite.coverage, parts=jsonable(parts.to_json()),
        coverage_detail={"present": composite.present, "missing": composite.missing, "min_coverage": min_coverage,
                         "provisional": composite.provisional},
        **{key: speed[key]["value"] if key in speed else None for key in SPEED_FIELDS},
        prompt_price=prices["prompt"], completion_price=prices["completion"],
        blended_price=None if blend is None else Decimal(str(round(blend, 6))),
        sources=sorted({ref["source"] for ref in [*benchmarks.values(), *performance.values(), pricing] if ref}),
        provenance=jsonable({"benchmarks": benchmarks, "performance": performance, "pricing": pricing}),
        reasons=result.reasons,
        benchmark_data_updated_at=newest(benchmarks.values()),
        performance_data_updated_at=newest(performance.values()),
        pricing_data_updated_at=newest([pricing] if pricing else []))


def newest(refs) -> datetime | None:
    """The newest fetch time among the provenance refs that fed a family.

    A curated fallback counts from its as-of date, not from when it was loaded: a figure measured
    in February and loaded today is February's news, and its freshness badge must say so.
    """
    return max(filter(None, (freshness_of(ref) for ref in refs)), default=None)


def freshness_of(ref: dict) -> datetime | None:
    if ref.get("origin") == "fallback" and isinstance(ref.get("upstream_date"), date):
        return datetime.combine(ref["upstream_date"], time.min, tzinfo=dt_timezone.utc)
    return ref["fetched_at"] if isinstance(ref.get("fetched_at"), datetime) else None


def jsonable(value):
    """Dates to ISO strings, Decimals to floats, recursively: what a JSONField can store."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def write_snapshot(now: datetime, weights: dict, min_coverage: float, entries: list[RankingEntry]) -> Ranking:
    methodology = {**describe_methodology(), "min_coverage": min_coverage,
                   "full_coverage": settings.RANKINGS_FULL_COVERAGE}
    with transaction.atomic():
        ranking = Ranking.objects.create(computed_at=now, status=Ranking.Status.BUILDING,
                                         methodology_version=METHODOLOGY_VERSION, weights=weights,
                                         methodology=methodology, model_count=len(entries))
        for entry in entries:
            entry.ranking = ranking
        RankingEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        Ranking.objects.filter(pk=ranking.pk).update(status=Ranking.Status.PUBLISHED)
        ranking.status = Ranking.Status.PUBLISHED
        prune_snapshots(max(1, settings.RANKINGS_SNAPSHOT_RETENTION))
    logger.info("Published ranking %s with %d models", ranking.pk, len(entries))
    return ranking


def prune_snapshots(keep: int) -> int:
    """Delete all but the newest `keep` snapshots (any status); returns how many went."""
    old = list(Ranking.objects.order_by("-computed_at", "-id").values_list("id", flat=True)[keep:])
    if old:
        Ranking.objects.filter(id__in=old).delete()
    return len(old)


def record_failure(now: datetime, weights: dict, error: Exception) -> None:
    """Leave a FAILED snapshot saying why; the published one is untouched. Never masks `error`."""
    try:
        Ranking.objects.create(computed_at=now, status=Ranking.Status.FAILED, methodology_version=METHODOLOGY_VERSION,
                               weights=weights, notes=f"{type(error).__name__}: {error}"[:2000])
    except Exception:  # the database itself may be what failed
        logger.exception("Could not record the failed build")
    logger.error("Ranking build failed: %s", error)
