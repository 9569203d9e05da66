"""The ranking table's columns: how each figure is shown, sorted and compared.

One definition serves the rankings table, its server-side ordering and the compare page, so a
figure reads the same everywhere. A missing figure shows "—", never 0, and sorts last both ways.
"""
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.timesince import timesince

MISSING = "—"


@dataclass(frozen=True)
class Column:
    key: str  # the ordering key (as in ?ordering=-ttft_median), an attribute of the row
    label: str
    unit: str = ""
    fmt: str = "{:.1f}"
    better: str = ""  # "high", "low" or "" (not compared)
    numeric: bool = True
    help: str = ""


COLUMNS = [
    Column("rank", "Rank", fmt="{:d}", help="Position in the snapshot; the tie group is shown beside it."),
    Column("model_name", "Model", numeric=False),
    Column("provider", "Provider", numeric=False),
    Column("composite_score", "Coding", better="high", help="Coding score, 0-100, from fixed benchmark anchors."),
    Column("performance_score", "Perf.", better="high", help="Performance (speed) score, 0-100."),
    Column("value_score", "Value", better="high", help="Value (price for the coding quality) score, 0-100."),
    Column("overall_score", "Overall", better="high", help="Weighted sum of coding, performance and value."),
    Column("ttft_median", "TTFT", "s", "{:.2f}", "low", help="Median time to first token, seconds."),
    Column("throughput_median", "Speed", "tok/s", "{:.0f}", "high", help="Median output tokens per second."),
    Column("quality_index", "Quality idx", fmt="{:.1f}", better="high", help="Artificial Analysis index."),
    Column("blended_price", "Price", "$/1M", "${:.2f}", "low", help="USD per 1M tokens, 3 input : 1 output."),
    Column("context_length", "Context", fmt="{}", better="high", help="Context window, tokens."),
    Column("coverage", "Coverage", better="high", help="Coding benchmarks with data, of those weighted."),
    Column("updated", "Updated", better="", help="Age of the oldest figure (benchmarks, speed, price)."),
]
SORT_KEYS = {column.key for column in COLUMNS}
FRESHNESS = (("benchmarks", "benchmark_data_updated_at"), ("speed", "performance_data_updated_at"),
             ("price", "pricing_data_updated_at"))


def value_of(row, key: str):
    """The raw value behind a column for one row: a number, a string or None."""
    if key == "updated":
        stamps = [getattr(row, attr) for _label, attr in FRESHNESS if getattr(row, attr) is not None]
        return min(stamps).timestamp() if stamps else None
    return getattr(row, key, None)


def show(column: Column, value) -> str:
    """The figure as printed: formatted, or "—" when missing."""
    if value is None or value == "":
        return MISSING
    if column.key == "context_length":
        return show_tokens(value)
    if column.key == "coverage":
        return f"{float(value):.0%}"
    if not column.numeric:
        return str(value)
    if isinstance(value, Decimal):
        value = float(value)
    return column.fmt.format(value)


def show_tokens(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.3g}M"
    return f"{count / 1000:.0f}k" if count >= 1000 else str(count)


def coverage_counts(row) -> tuple[int, int] | None:
    """(k, n): coding benchmarks with data, of the n weighted; None when the snapshot has no detail."""
    detail = row.coverage_detail if isinstance(row.coverage_detail, dict) else {}
    present, missing = detail.get("present"), detail.get("missing")
    if not isinstance(present, list) or not isinstance(missing, list):
        return None
    return len(present), len(present) + len(missing)


def freshness(row, now: datetime | None = None) -> dict:
    """The row's freshness badge: age of its oldest figure, a colour class by age, exact times per kind.

    `age` is "fresh" (up to 7 days), "aging" (up to 30), "stale" (older) or "missing" (no dated figure).
    """
    now = now or timezone.now()
    stamps = {label: getattr(row, attr) for label, attr in FRESHNESS}
    title = "; ".join(f"{label} {stamp:%Y-%m-%d %H:%M} UTC" if stamp else f"{label}: no data"
                      for label, stamp in stamps.items())
    dated = [stamp for stamp in stamps.values() if stamp is not None]
    if not dated:
        return {"text": MISSING, "age": "missing", "title": title}
    oldest = min(dated)
    days = (now - oldest).total_seconds() / 86400
    age = "fresh" if days <= 7 else "aging" if days <= 30 else "stale"
    ago = "today" if days < 1 else f"{timesince(oldest, now, depth=1)} ago"
    return {"text": f"updated {ago}", "age": age, "title": title}


def sort_rows(rows: list, ordering: str) -> list:
    """Rows ordered by `ordering` ("key" or "-key"); missing values last in both directions.

    Ties (and rows without an ordering) keep the snapshot order: by rank, unranked last by name.
    This is the API's rule (filters.order_entries), so a CSV export lists rows in the page's order.
    """
    key = ordering.lstrip("-") or "rank"
    ordered = sorted(rows, key=lambda row: (row.rank is None, row.rank or 0, row.model_name.casefold()))

    def sort_value(row):
        value = value_of(row, key)
        return value.casefold() if isinstance(value, str) else value

    present = [row for row in ordered if value_of(row, key) is not None]
    present.sort(key=sort_value, reverse=ordering.startswith("-"))  # stable both ways: ties stay by rank
    return present + [row for row in ordered if value_of(row, key) is None]


def cells(row, now: datetime | None = None) -> list[dict]:
    """Every column of one row as {key, text, sort}: `sort` is "" when missing (sorted last by the JS)."""
    out = []
    for column in COLUMNS:
        value = value_of(row, column.key)
        sort = "" if value is None else (str(value).casefold() if not column.numeric else f"{float(value):.10g}")
        out.append({"key": column.key, "text": show(column, value), "sort": sort})
    counts = coverage_counts(row)
    if counts:
        out[_INDEX["coverage"]]["text"] = f"{counts[0]} of {counts[1]}"
    out[_INDEX["updated"]]["badge"] = freshness(row, now)
    return out


_INDEX = {column.key: position for position, column in enumerate(COLUMNS)}
