"""Per-request weights: read them from the query string, re-rank a snapshot's rows with them.

`w_coding`, `w_performance`, `w_value` replace the snapshot's top-level weights; `wb_<benchmark>`
replaces one coding benchmark's weight (the others keep theirs). Weights are relative: they are
normalised to sum 1. The maths is reranking.rank_models, the same the build uses, fed only with
the parts stored on each row, so no upstream data is read or recomputed.
"""
import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from rest_framework.exceptions import ValidationError

from rankings.anchors import CODING_BENCHMARKS, DEFAULT_WEIGHTS
from rankings.models import Ranking, RankingEntry
from rankings.reranking import TOP_LEVEL, ModelParts, rank_models
from rankings.scoring import validate_weights

WEIGHT_PARAMS = {f"w_{key}": key for key in TOP_LEVEL}
BENCHMARK_PREFIX = "wb_"
MAX_WEIGHT = 1_000_000  # weights are relative; a cap keeps their sum finite


@dataclass(frozen=True)
class Weights:
    top: dict[str, float]
    benchmarks: dict[str, float]
    custom: bool

    def describe(self) -> dict:
        return {**self.top, "benchmarks": self.benchmarks}


def parse_weights(params: Mapping[str, str], snapshot: Ranking | None) -> Weights:
    """The effective, normalised weights for a request; ValidationError with a clear message when invalid."""
    stored_top = _stored(snapshot.weights if snapshot else None, DEFAULT_WEIGHTS, TOP_LEVEL)
    stored_benchmarks = _stored(_stored_benchmark_weights(snapshot), _anchor_weights(), CODING_BENCHMARKS)
    top, benchmarks, errors = dict(stored_top), dict(stored_benchmarks), {}
    custom = False
    for param, raw in params.items():
        if param in WEIGHT_PARAMS:
            target, key = top, WEIGHT_PARAMS[param]
        elif param.startswith(BENCHMARK_PREFIX):
            target, key = benchmarks, param[len(BENCHMARK_PREFIX):]
            if key not in CODING_BENCHMARKS:
                errors[param] = [f"Unknown benchmark {key!r}. Known: {', '.join(CODING_BENCHMARKS)}."]
                continue
        elif param.startswith("w_"):
            errors[param] = [f"Unknown weight. Use {', '.join(WEIGHT_PARAMS)} or wb_<benchmark>."]
            continue
        else:
            continue
        custom = True
        try:
            target[key] = _weight(raw)
        except ValueError as error:
            errors[param] = [str(error)]
    if errors:
        raise ValidationError(errors)
    return Weights(_normalised(top, TOP_LEVEL, "w_"), _normalised(benchmarks, CODING_BENCHMARKS, "wb_"), custom)


def rerank_entries(entries: list[RankingEntry], weights: Weights, snapshot: Ranking) -> list[RankingEntry]:
    """The rows with scores, ranks and tie groups recomputed for `weights`, in memory (never saved).

    A row whose stored parts cannot be read counts as having no coding data, with that reason.
    """
    parts, unreadable = [], {}
    for entry in entries:
        key = entry.model.canonical_id
        try:
            parts.append(ModelParts.from_json(key, entry.parts or {}))
        except ValueError as error:
            parts.append(ModelParts(key, {}))
            unreadable[key] = str(error)
    methodology = snapshot.methodology or {}
    min_coverage = methodology.get("min_coverage", settings.RANKINGS_MIN_COVERAGE)
    full_coverage = methodology.get("full_coverage", settings.RANKINGS_FULL_COVERAGE)
    ranked = {r.key: r for r in rank_models(parts, weights.top, weights.benchmarks, min_coverage, full_coverage)}
    for entry in entries:
        _copy_scores(entry, ranked[entry.model.canonical_id], unreadable.get(entry.model.canonical_id))
    return entries


def _copy_scores(entry: RankingEntry, result, unreadable: str | None) -> None:
    composite = result.composite
    entry.rank, entry.tie_group = result.rank, result.tie_group
    entry.composite_score, entry.composite_stderr = composite.score, composite.stderr
    entry.composite_low, entry.composite_high = composite.low, composite.high
    entry.coverage = composite.coverage
    entry.coverage_detail = {**(entry.coverage_detail or {}), "present": composite.present,
                             "missing": composite.missing, "provisional": composite.provisional}
    entry.performance_score, entry.value_score, entry.overall_score = result.performance, result.value.score, \
        result.overall
    entry.reasons = dict(result.reasons, **({"parts": unreadable} if unreadable else {}))


def _weight(raw: str) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{raw!r} is not a number; give a weight such as 0.5.") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
        raise ValueError(f"A weight must be a number from 0 to {MAX_WEIGHT:g}, got {raw!r}.")
    return value


def _normalised(weights: dict[str, float], allowed, prefix: str) -> dict[str, float]:
    try:
        return validate_weights(weights, allowed)
    except ValueError:
        raise ValidationError({"weights": [f"At least one {prefix}* weight must be above zero."]}) from None


def _stored(weights, default: Mapping[str, float], allowed) -> dict[str, float]:
    # A snapshot's stored weights are trusted only if valid; otherwise the methodology defaults.
    try:
        return validate_weights({k: v for k, v in (weights or {}).items() if k in allowed}, allowed)
    except (ValueError, AttributeError):
        return validate_weights(default, allowed)


def _stored_benchmark_weights(snapshot: Ranking | None) -> dict | None:
    benchmarks = (snapshot.methodology or {}).get("coding_benchmarks") if snapshot else None
    if not isinstance(benchmarks, dict):
        return None
    return {k: v.get("weight") for k, v in benchmarks.items() if isinstance(v, dict)}


def _anchor_weights() -> dict[str, float]:
    return {key: anchor.weight for key, anchor in CODING_BENCHMARKS.items()}
