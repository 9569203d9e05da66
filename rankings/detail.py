"""What the model and compare pages show: one model's figures with their provenance, or a few side by side.

Reads stored snapshots only. Provenance is the build's JSON; it is read defensively (any figure may
lack any field) so an older or partial snapshot still renders.
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_date, parse_datetime

from benchmarks.fetchers.rows import BENCHMARKS
from benchmarks.models import CatalogModel, Source
from rankings.columns import COLUMNS, Column, show
from rankings.models import Ranking, RankingEntry

HISTORY_LIMIT = 60
PRICE = Column("price", "Price", fmt="${:.2f}")
COMPARE_ROWS = [c for c in COLUMNS if c.key not in ("rank", "model_name", "provider", "updated")] + [
    Column("ttft_p95", "TTFT p95", "s", "{:.2f}", "low"),
    Column("throughput_p95", "Speed p95", "tok/s", "{:.0f}", "high"),
    Column("total_latency_median", "Total latency", "s", "{:.2f}", "low"),
    Column("total_latency_p95", "Total latency p95", "s", "{:.2f}", "low"),
    Column("prompt_price", "Input price", "$/1M", "${:.2f}", "low"),
    Column("completion_price", "Output price", "$/1M", "${:.2f}", "low"),
]


@dataclass
class Figure:
    name: str
    score: float | None = None  # normalised 0-100, coding benchmarks only
    value: object = None
    unit: str = ""
    source: str = ""
    source_url: str = ""
    config: dict = field(default_factory=dict)
    upstream_date: object = None
    fetched_at: object = None
    origin: str = ""
    raw_model: str = ""
    extra: dict = field(default_factory=dict)


SPEED_UNITS = {"ttft_median": "s", "ttft_p95": "s", "throughput_median": "tokens/s", "throughput_p95": "tokens/s",
               "total_latency_median": "s", "total_latency_p95": "s", "quality_index": "index"}


def figures(entry: RankingEntry) -> tuple[list[Figure], list[Figure]]:
    """(coding benchmark figures, speed and price figures) of one entry, from its stored `provenance`.

    Provenance is build.py's {"benchmarks": {slot: ref}, "performance": {field: ref}, "pricing": ref}.
    """
    provenance = entry.provenance if isinstance(entry.provenance, dict) else {}
    homepages = dict(Source.objects.values_list("slug", "homepage"))
    coding = []
    for slot, ref in sorted(_mapping(provenance.get("benchmarks")).items()):
        ref = _mapping(ref)
        benchmark = str(ref.get("benchmark") or slot)
        figure = _figure(slot, ref, homepages, ref.get("raw_value"), BENCHMARKS.get(benchmark, ("", ""))[1])
        figure.score = ref.get("normalized") if isinstance(ref.get("normalized"), (int, float)) else None
        if benchmark != slot:
            figure.extra["run of"] = benchmark
        if ref.get("scaffold"):
            figure.extra["scaffold"] = "agent scaffold run"
        coding.append(figure)
    other = [_figure(field_name, _mapping(ref), homepages, getattr(entry, field_name, None),
                     SPEED_UNITS.get(field_name, ""))
             for field_name, ref in sorted(_mapping(provenance.get("performance")).items())]
    pricing = _mapping(provenance.get("pricing"))
    if pricing:
        value = f"{show(PRICE, entry.prompt_price)} in / {show(PRICE, entry.completion_price)} out"
        other.append(_figure("price", pricing, homepages, value, "per 1M tokens"))
    return coding, other


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _figure(name: str, ref: dict, homepages: dict, value, unit: str) -> Figure:
    source = str(ref.get("source") or "")
    return Figure(
        name=name, value=value, unit=unit, source=source,
        source_url=str(ref.get("source_url") or homepages.get(source, "")),
        config=ref.get("config") if isinstance(ref.get("config"), dict) else {},
        upstream_date=_when(ref.get("upstream_date")), fetched_at=_when(ref.get("fetched_at")),
        origin=str(ref.get("origin") or ""), raw_model=str(ref.get("raw_model") or ""))


def _when(value):
    if not isinstance(value, str):
        return value
    try:
        return parse_datetime(value) or parse_date(value) or value
    except ValueError:
        return value


def history(model: CatalogModel) -> list[tuple[datetime, int | None]]:
    """(snapshot time, rank) of the model in the latest published snapshots, oldest first."""
    rows = (RankingEntry.objects.filter(model=model, ranking__status=Ranking.Status.PUBLISHED)
            .order_by("-ranking__computed_at").values_list("ranking__computed_at", "rank")[:HISTORY_LIMIT])
    return list(reversed(rows))


def parse_compare_ids(values: list[str]) -> list[str]:
    """Model ids from ?models=a,b&models=c, in order, duplicates and blanks dropped."""
    ids: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in ids:
                ids.append(part)
    return ids


def compare(ranking: Ranking, ids: list[str]) -> tuple[list[RankingEntry], list[str]]:
    """(entries of the snapshot in the order asked, ids not found in it)."""
    found = {e.model.canonical_id: e for e in
             RankingEntry.objects.filter(ranking=ranking, model__canonical_id__in=ids).select_related("model")}
    return [found[i] for i in ids if i in found], [i for i in ids if i not in found]


def compare_table(entries: list[RankingEntry]) -> list[dict]:
    """One row per figure: label, cells [{text, best}] — best marks the better value (ties all marked)."""
    table = []
    for column in COMPARE_ROWS:
        values = [getattr(e, column.key, None) for e in entries]
        present = [v for v in values if v is not None]
        best = None
        if column.better and len(present) > 1 and len(set(present)) > 1:
            best = max(present) if column.better == "high" else min(present)
        table.append({"label": column.label, "unit": column.unit, "better": column.better,
                      "cells": [{"text": show(column, v), "best": v is not None and v == best} for v in values]})
    return table
