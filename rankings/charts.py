"""Geometry for the hand-written SVG charts: scales, ticks, the Pareto frontier, rank history.

Pure functions: points in, pixel positions out. Templates draw the SVG; nothing loads from the web.
"""
import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 900, 440
MARGIN = {"left": 56, "right": 24, "top": 20, "bottom": 48}


@dataclass
class Point:
    x: float
    y: float
    label: str
    url: str = ""
    cx: float = 0.0
    cy: float = 0.0
    frontier: bool = False
    number: int = 0  # position on the Pareto frontier, cheapest first (the chart labels it by number)
    label_end: bool = False  # label to the left of the point: it sits near the right edge


@dataclass
class Chart:
    points: list[Point]
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    frontier_path: str = ""
    frontier: list[Point] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN["left"]
    right: int = WIDTH - MARGIN["right"]
    top: int = MARGIN["top"]
    bottom: int = HEIGHT - MARGIN["bottom"]


def pareto_frontier(points: list[Point]) -> list[Point]:
    """Points no other point beats on both axes (lower x and higher y), cheapest first."""
    frontier: list[Point] = []
    for point in sorted(points, key=lambda p: (p.x, -p.y)):
        if not frontier or point.y > frontier[-1].y:
            frontier.append(point)
    return frontier


def scatter(points: list[Point], log_x: bool = True, frontier: bool = False) -> Chart:
    """Place points on a plot (x on a log scale when `log_x`); y is a 0-100 score.

    Points with a missing or (on a log scale) non-positive x are left out: they have no place.
    """
    usable = [p for p in points if p.x is not None and p.y is not None and (p.x > 0 or not log_x)]
    chart = Chart(usable)
    if not usable:
        return chart
    to_x = _x_scale([p.x for p in usable], log_x, chart)
    for point in usable:
        point.cx = round(to_x(point.x), 1)
        point.cy = round(_y(point.y, chart), 1)
        point.label_end = point.cx > chart.right - 30
    chart.y_ticks = [(round(_y(v, chart), 1), str(v)) for v in range(0, 101, 20)]
    if frontier:
        line = pareto_frontier(usable)
        for number, point in enumerate(line, start=1):
            point.frontier, point.number = True, number
        chart.frontier = line
        chart.frontier_path = " ".join(f"{p.cx},{p.cy}" for p in line)
    return chart


def _y(value: float, chart: Chart) -> float:
    share = min(max(value, 0.0), 100.0) / 100.0
    return chart.bottom - share * (chart.bottom - chart.top)


def _x_scale(values: list[float], log_x: bool, chart: Chart):
    transform = math.log10 if log_x else float
    low, high = transform(min(values)), transform(max(values))
    if log_x:
        low, high = math.floor(low), math.ceil(high)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    span = chart.right - chart.left

    def to_x(value: float) -> float:
        return chart.left + (transform(value) - low) / (high - low) * span

    if log_x:
        chart.x_ticks = [(round(to_x(10 ** e), 1), _short(10 ** e)) for e in range(int(low), int(high) + 1)]
    else:
        step = (high - low) / 4
        chart.x_ticks = [(round(to_x(low + i * step), 1), _short(low + i * step)) for i in range(5)]
    return to_x


def _short(value: float) -> str:
    return f"{value:g}" if value >= 0.01 else f"{value:.0e}"


def rank_history(history: list[tuple[str, int | None]], width: int = 360, height: int = 120) -> dict:
    """A small line chart of rank over snapshots: [(date label, rank)] oldest first; rank 1 on top."""
    ranked = [(label, rank) for label, rank in history if rank is not None]
    if not ranked:
        return {"points": [], "path": "", "width": width, "height": height}
    worst = max(rank for _label, rank in ranked)
    pad, left = 12, 40  # the left margin holds the "#1" / "#worst" labels
    step = (width - left - pad) / max(len(ranked) - 1, 1)
    points = []
    for index, (label, rank) in enumerate(ranked):
        cy = pad if worst == 1 else pad + (rank - 1) / (worst - 1) * (height - 2 * pad)
        points.append({"cx": round(left + index * step, 1), "cy": round(cy, 1), "rank": rank, "label": label})
    return {"points": points, "path": " ".join(f"{p['cx']},{p['cy']}" for p in points),
            "width": width, "height": height, "worst": worst, "top": pad, "bottom": height - pad}
