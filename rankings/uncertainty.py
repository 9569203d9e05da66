"""Standard errors, intervals and tie groups. Pure maths, no Django.

Conventions: a standard error is in the unit of the value it belongs to; an interval is
score +/- Z95 standard errors, clamped to 0-100; errors of different benchmarks are independent.
"""
import math
from collections.abc import Sequence

Z95 = 1.959964


def binomial_stderr(percent: float, n: int) -> float:
    """Standard error, in percentage points, of a pass rate `percent` (0-100) measured on `n` tasks."""
    if n <= 0:
        raise ValueError("A sample size must be positive.")
    p = min(max(percent / 100.0, 0.0), 1.0)
    return 100.0 * math.sqrt(p * (1.0 - p) / n)


def stderr_from_interval(low: float, high: float) -> float:
    """Standard error from a symmetric-ish 95% interval: its width / (2 * 1.96)."""
    return abs(high - low) / (2.0 * Z95)


def raw_stderr(value: float, unit: str, stderr: float | None, low: float | None, high: float | None,
               sample_size: int | None, default_tasks: int | None) -> float | None:
    """The best standard error available for one figure, or None when nothing supports one.

    Order: upstream's stderr, upstream's 95% interval, a binomial error from the figure's own
    sample size, then from the benchmark's public task count (pass rates only).
    """
    if stderr is not None and math.isfinite(stderr) and stderr >= 0:
        return stderr
    if low is not None and high is not None and math.isfinite(low) and math.isfinite(high):
        return stderr_from_interval(low, high)
    n = sample_size or default_tasks
    if unit == "%" and n:
        return binomial_stderr(value, n)
    return None


def combine_stderrs(weighted: Sequence[tuple[float, float]]) -> float:
    """Stderr of sum(w_i * x_i) for independent x_i, given (w_i, stderr_i) pairs."""
    return math.sqrt(sum((w * se) ** 2 for w, se in weighted))


def interval(score: float, stderr: float | None) -> tuple[float, float]:
    """The 95% interval of a 0-100 score, clamped to 0-100; a point when the error is unknown."""
    se = stderr or 0.0
    return max(0.0, score - Z95 * se), min(100.0, score + Z95 * se)


def assign_tie_groups(ranked: Sequence[tuple[float, float]]) -> list[int]:
    """Tie groups for (low, high) intervals listed best first: 1, 2, 3, ...

    An item shares the group of the item just above it when its interval reaches that item's
    interval (its high >= the above's low); otherwise it starts the next group. Chains are allowed:
    A ties B and B ties C puts all three in one group even if A and C do not overlap.
    """
    groups: list[int] = []
    for index, (low, high) in enumerate(ranked):
        if index == 0:
            groups.append(1)
            continue
        above_low = ranked[index - 1][0]
        groups.append(groups[-1] if high >= above_low else groups[-1] + 1)
    return groups
