"""Performance (speed) and value (price for the coding quality) scores. Pure maths, no Django.

Both are 0-100 on log scales with fixed anchors (anchors.py), so one model's score never depends
on another's. A score that cannot be computed is None with a reason, never 0.
"""
import math
from dataclasses import dataclass, field

from rankings.anchors import BLEND_INPUT_SHARE, P95_SHARE, PERFORMANCE_METRICS, VALUE_BEST, VALUE_WORST


@dataclass(frozen=True)
class PartScore:
    score: float | None
    reason: str | None = None
    detail: dict = field(default_factory=dict)


def log_scale(x: float, best: float, worst: float) -> float:
    """`x` between log anchors: `best` -> 100, `worst` -> 0, clamped. Works for either direction."""
    share = (math.log(worst) - math.log(x)) / (math.log(worst) - math.log(best))
    return min(100.0, max(0.0, 100.0 * share))


def _measured(x: float | None) -> float | None:
    # Upstream writes 0 for "not measured"; a speed or a time is never really 0 or negative.
    if x is None or isinstance(x, bool) or not math.isfinite(x) or x <= 0:
        return None
    return float(x)


def performance_score(ttft: float | None = None, throughput: float | None = None,
                      total_latency: float | None = None, ttft_p95: float | None = None,
                      throughput_p95: float | None = None, total_latency_p95: float | None = None) -> PartScore:
    """Speed, 0-100: weighted mean of the sub-scores present (see RULES["performance"]).

    Each sub-score is the median's log-scale score, or 3/4 median + 1/4 p95 where p95 is known.
    Needs throughput or total latency: TTFT alone says little about a coding session.
    """
    figures = {"ttft": (ttft, ttft_p95), "throughput": (throughput, throughput_p95),
               "total_latency": (total_latency, total_latency_p95)}
    subs: dict[str, float] = {}
    for key, (median, p95) in figures.items():
        median, p95 = _measured(median), _measured(p95)
        if median is None:
            continue
        anchor = PERFORMANCE_METRICS[key]
        sub = log_scale(median, anchor.best, anchor.worst)
        if p95 is not None:
            sub = (1 - P95_SHARE) * sub + P95_SHARE * log_scale(p95, anchor.best, anchor.worst)
        subs[key] = sub
    if "throughput" not in subs and "total_latency" not in subs:
        return PartScore(None, "No throughput or total latency figure.", {"subscores": subs})
    total = sum(PERFORMANCE_METRICS[key].weight for key in subs)
    score = sum(PERFORMANCE_METRICS[key].weight * sub for key, sub in subs.items()) / total
    return PartScore(score, None, {"subscores": subs})


def blended_price(prompt: float | None, completion: float | None, pricing_variable: bool = False,
                  input_share: float = BLEND_INPUT_SHARE) -> tuple[float | None, str | None]:
    """(USD per 1M blended tokens, None) or (None, reason). A negative price means variable (-1)."""
    if pricing_variable or (prompt is not None and prompt < 0) or (completion is not None and completion < 0):
        return None, "Variable price (set per request by the router): no value score."
    if prompt is None or completion is None:
        return None, "No price known."
    prompt, completion = float(prompt), float(completion)
    if not (math.isfinite(prompt) and math.isfinite(completion)):
        return None, "No price known."
    return input_share * prompt + (1 - input_share) * completion, None


def value_score(composite: float | None, blended: float | None, price_reason: str | None = None) -> PartScore:
    """Price efficiency, 0-100: blended price per unit of coding quality on a log scale.

    Free (blended 0) scores 100 if the model has a coding score. No coding score or no usable
    price: None with the reason. A coding score of 0 with a price scores 0.
    """
    if composite is None:
        return PartScore(None, "No coding score to set the price against.")
    if blended is None:
        return PartScore(None, price_reason or "No price known.")
    if blended == 0:
        return PartScore(100.0, None, {"free": True, "cost_per_quality": 0.0})
    if composite <= 0:
        return PartScore(0.0, None, {"cost_per_quality": None})
    cost_per_quality = blended / (composite / 100.0)
    return PartScore(log_scale(cost_per_quality, VALUE_BEST, VALUE_WORST), None,
                     {"cost_per_quality": cost_per_quality})
