"""Coding quality: choose one run per benchmark, normalise it against fixed anchors, combine.

Maths only: numbers in, scores out; no Django. Anchors, weights and rules live in anchors.py.
Contract: a model's composite depends only on its own measurements and the weights, never on
other models; missing benchmarks lower coverage, never the score.
"""
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rankings.anchors import CODING_BENCHMARKS, FEEDS, FULL_COVERAGE, STANDARD_HARNESSES
from rankings.uncertainty import combine_stderrs, interval, raw_stderr


@dataclass(frozen=True)
class Measurement:
    """One upstream (or curated) figure for one model. `ref` is passed through untouched as provenance."""

    benchmark: str
    value: float
    unit: str = "%"
    config: Mapping = field(default_factory=dict)
    stderr: float | None = None
    sample_size: int | None = None
    interval_low: float | None = None
    interval_high: float | None = None
    ref: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class BenchmarkPart:
    """The run chosen for one coding benchmark, normalised: `score` and `stderr` are on the 0-100 scale."""

    benchmark: str
    raw: float
    score: float
    stderr: float | None
    scaffold: bool
    measurement: Measurement


@dataclass(frozen=True)
class Composite:
    score: float | None
    stderr: float | None
    low: float | None
    high: float | None
    coverage: float
    present: list[str]
    missing: list[str]
    reason: str | None = None
    provisional: bool = False  # a score on less than the full coverage (RULES["coverage"])


def validate_weights(weights: Mapping[str, float], allowed: Iterable[str]) -> dict[str, float]:
    """Weights normalised to sum 1; missing keys count as 0.

    Raises ValueError for unknown keys, non-numbers, negative or non-finite values, or all zeros.
    """
    allowed = set(allowed)
    unknown = sorted(set(weights) - allowed)
    if unknown:
        raise ValueError(f"Unknown weight(s): {', '.join(unknown)}. Allowed: {', '.join(sorted(allowed))}.")
    clean: dict[str, float] = {}
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"Weight {key!r} must be a number, got {value!r}.")
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"Weight {key!r} must be a finite number >= 0, got {value!r}.")
        clean[key] = float(value)
    total = sum(clean.values())
    if total <= 0:
        raise ValueError("At least one weight must be above zero.")
    return {key: clean.get(key, 0.0) / total for key in sorted(allowed)}


def is_scaffold_run(benchmark: str, config: Mapping) -> bool:
    """True for a run under an agent scaffold or a two-model pairing, not the model on its own.

    A harness every model runs under (mini-SWE-agent on bash-only, aider itself) is not a scaffold.
    """
    if benchmark in FEEDS:
        return False
    agent = str(config.get("agent") or "").strip().lower().replace(" ", "-")
    if agent and agent not in STANDARD_HARNESSES:
        return True
    return bool(config.get("editor_model")) or config.get("edit_format") == "architect"


def normalize(benchmark: str, value: float) -> float:
    """`value` on the benchmark's fixed anchors: floor -> 0, ceiling -> 100, clamped."""
    anchor = CODING_BENCHMARKS[benchmark]
    scaled = 100.0 * (value - anchor.floor) / (anchor.ceiling - anchor.floor)
    return min(100.0, max(0.0, scaled))


def _to_part(slot: str, m: Measurement) -> BenchmarkPart:
    anchor = CODING_BENCHMARKS[slot]
    se = raw_stderr(m.value, m.unit, m.stderr, m.interval_low, m.interval_high, m.sample_size, anchor.tasks)
    scale = 100.0 / (anchor.ceiling - anchor.floor)
    return BenchmarkPart(slot, m.value, normalize(slot, m.value), None if se is None else se * scale,
                         is_scaffold_run(m.benchmark, m.config), m)


def _preference(part: BenchmarkPart) -> tuple:
    # Plain runs beat scaffold runs whatever their score; then the best score; then content, so that
    # input order never decides between equal runs.
    m = part.measurement
    return (not part.scaffold, part.raw, m.benchmark in FEEDS,
            json.dumps([dict(m.config), dict(m.ref)], sort_keys=True, default=str))


def select_runs(measurements: Iterable[Measurement]) -> dict[str, BenchmarkPart]:
    """The chosen run per coding benchmark (see RULES["config"]); unknown benchmarks and non-finite values are skipped."""
    best: dict[str, BenchmarkPart] = {}
    for m in measurements:
        slot = FEEDS.get(m.benchmark, m.benchmark)
        if slot not in CODING_BENCHMARKS or not isinstance(m.value, (int, float)) or not math.isfinite(m.value):
            continue
        part = _to_part(slot, m)
        if slot not in best or _preference(part) > _preference(best[slot]):
            best[slot] = part
    return best


def combine(parts: Mapping[str, tuple[float, float | None]], weights: Mapping[str, float] | None = None,
            min_coverage: float = 0.25, full_coverage: float = FULL_COVERAGE) -> Composite:
    """Weighted mean of normalised (score, stderr) per benchmark, over the benchmarks present.

    `weights` default to the anchors' weights and are validated/normalised. Below `min_coverage`
    (share of weight present) there is no score, only the reason; below `full_coverage` the score
    is provisional.
    """
    weights = validate_weights(weights or {k: a.weight for k, a in CODING_BENCHMARKS.items()}, CODING_BENCHMARKS)
    counted = [key for key in sorted(parts) if weights.get(key, 0) > 0]
    present_weight = sum(weights[key] for key in counted)
    missing = sorted(key for key, w in weights.items() if w > 0 and key not in parts)
    coverage = round(present_weight, 10)
    if not counted or coverage < min_coverage:
        reason = (f"Coding data covers {coverage:.0%} of the coding weight; at least {min_coverage:.0%} is needed.")
        return Composite(None, None, None, None, coverage, counted, missing, reason)
    score = sum(weights[key] * parts[key][0] for key in counted) / present_weight
    stderr = combine_stderrs([(weights[key] / present_weight, parts[key][1] or 0.0) for key in counted])
    low, high = interval(score, stderr)
    return Composite(score, stderr, low, high, coverage, counted, missing, provisional=coverage < full_coverage)


def composite_score(measurements: Iterable[Measurement], weights: Mapping[str, float] | None = None,
                    min_coverage: float = 0.25,
                    full_coverage: float = FULL_COVERAGE) -> tuple[Composite, dict[str, BenchmarkPart]]:
    """The coding composite of one model from its raw measurements, with the runs used (provenance)."""
    chosen = select_runs(measurements)
    parts = {key: (part.score, part.stderr) for key, part in chosen.items()}
    return combine(parts, weights, min_coverage, full_coverage), chosen
