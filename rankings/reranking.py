"""Overall score, order, ranks and tie groups, from stored per-model parts. Pure maths, no Django.

The build ranks with this, and the API re-ranks a stored snapshot with custom weights through the
same function, from `RankingEntry.parts` alone (ModelParts.from_json), without the raw data.
"""
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rankings.anchors import CODING_BENCHMARKS, DEFAULT_WEIGHTS, FULL_COVERAGE
from rankings.efficiency import PartScore, value_score
from rankings.scoring import Composite, combine, validate_weights
from rankings.uncertainty import assign_tie_groups, interval

TOP_LEVEL = ("coding", "performance", "value")


@dataclass(frozen=True)
class ModelParts:
    """What a snapshot stores per model to be re-ranked: normalised benchmark (score, stderr), speed, price."""

    key: str
    benchmarks: Mapping[str, tuple[float, float | None]]
    performance: float | None = None
    blended_price: float | None = None
    price_reason: str | None = None
    performance_reason: str | None = None

    def to_json(self) -> dict:
        return {"benchmarks": {k: {"score": s, "stderr": se} for k, (s, se) in sorted(self.benchmarks.items())},
                "performance": self.performance, "blended_price": self.blended_price,
                "price_reason": self.price_reason, "performance_reason": self.performance_reason}

    @classmethod
    def from_json(cls, key: str, data: Mapping) -> "ModelParts":
        """Rebuild from `to_json()` output; raises ValueError on a malformed document."""
        try:
            benchmarks = {k: (_number(v["score"]), _optional(v.get("stderr")))
                          for k, v in (data.get("benchmarks") or {}).items()}
            return cls(key, benchmarks, _optional(data.get("performance")), _optional(data.get("blended_price")),
                       data.get("price_reason"), data.get("performance_reason"))
        except (AttributeError, KeyError, TypeError) as error:
            raise ValueError(f"Malformed stored parts for {key}: {error}") from error


def _number(x) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise ValueError(f"Not a finite number: {x!r}")
    return float(x)


def _optional(x) -> float | None:
    return None if x is None else _number(x)


@dataclass(frozen=True)
class RankedModel:
    key: str
    composite: Composite
    performance: float | None
    value: PartScore
    overall: float | None
    overall_low: float | None
    overall_high: float | None
    rank: int | None = None
    tie_group: int | None = None
    reasons: dict = field(default_factory=dict)


def overall_score(parts: Mapping[str, float | None], weights: Mapping[str, float]) -> PartScore:
    """weights . (coding, performance, value); None with the reason when a part with weight > 0 is missing."""
    weights = validate_weights(weights, TOP_LEVEL)
    needed = [key for key in TOP_LEVEL if weights[key] > 0]
    missing = [key for key in needed if parts.get(key) is None]
    if missing:
        return PartScore(None, f"No {' or '.join(missing)} score, so no overall score.")
    return PartScore(sum(weights[key] * parts[key] for key in needed))


def _score(model: ModelParts, weights: dict, benchmark_weights: dict, min_coverage: float,
           full_coverage: float) -> RankedModel:
    composite = combine(model.benchmarks, benchmark_weights, min_coverage, full_coverage)
    value = value_score(composite.score, model.blended_price, model.price_reason)
    overall = overall_score({"coding": composite.score, "performance": model.performance,
                             "value": value.score}, weights)
    low = high = None
    if overall.score is not None:
        low, high = interval(overall.score, weights["coding"] * (composite.stderr or 0.0))
    reasons = {"composite": composite.reason, "performance": model.performance_reason if model.performance is None
               else None, "value": value.reason, "overall": overall.reason}
    return RankedModel(model.key, composite, model.performance, value, overall.score, low, high,
                       reasons={k: v for k, v in reasons.items() if v})


def rank_models(models: Iterable[ModelParts], weights: Mapping[str, float] | None = None,
                benchmark_weights: Mapping[str, float] | None = None,
                min_coverage: float = 0.25, full_coverage: float = FULL_COVERAGE) -> list[RankedModel]:
    """Score and order models (RULES["order"]); returns them best first with rank and tie_group.

    Raises ValueError for invalid weights. Ties in score are broken by key, so input order never matters.
    """
    weights = validate_weights(weights or DEFAULT_WEIGHTS, TOP_LEVEL)
    benchmark_weights = validate_weights(
        benchmark_weights or {k: a.weight for k, a in CODING_BENCHMARKS.items()}, CODING_BENCHMARKS)
    scored = [_score(m, weights, benchmark_weights, min_coverage, full_coverage) for m in models]
    ranked, groups = [], []
    for provisional in (False, True):
        tier = [m for m in scored if m.composite.score is not None and m.composite.provisional == provisional]
        with_overall = sorted((m for m in tier if m.overall is not None), key=lambda m: (-m.overall, m.key))
        coding_only = sorted((m for m in tier if m.overall is None), key=lambda m: (-m.composite.score, m.key))
        for block, spans in ((with_overall, [(m.overall_low, m.overall_high) for m in with_overall]),
                             (coding_only, [(m.composite.low, m.composite.high) for m in coding_only])):
            offset = groups[-1] if groups else 0
            groups += [offset + g for g in assign_tie_groups(spans)]
            ranked += block
    unranked = sorted((m for m in scored if m.composite.score is None), key=lambda m: m.key)
    return [_with_rank(m, position, group)
            for position, (m, group) in enumerate(zip(ranked, groups), start=1)] + unranked


def _with_rank(model: RankedModel, rank: int, group: int) -> RankedModel:
    return RankedModel(model.key, model.composite, model.performance, model.value, model.overall,
                       model.overall_low, model.overall_high, rank, group, model.reasons)
