"""Clearing the review queue: turn unmatched names into aliases and re-match the stored rows at once.

The admin's queue actions and its alias forms call these; nothing here refetches upstream data.
Every change of an alias re-resolves the rows it can affect: its source's rows, or every source's
rows for a global alias.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from benchmarks.matching import resolve_all_rows, resolve_source_rows
from benchmarks.models import BenchmarkRow, CatalogModel, ModelAlias, Source, UnmatchedName


@dataclass
class Outcome:
    """What one queue action did, in numbers an admin message can state."""

    mapped: int = 0
    rows_matched: int = 0
    skipped: list[str] = field(default_factory=list)  # raw names left alone, with the reason


def rematch_sources(source_ids: Iterable[int | None]) -> dict[str, dict]:
    """Re-resolve stored rows after alias changes; `None` among the ids (a global alias) means every source.

    Returns resolve_source_rows' stats per source slug.
    """
    source_ids = set(source_ids)
    if None in source_ids:
        return resolve_all_rows()
    return {source.slug: resolve_source_rows(source) for source in Source.objects.filter(pk__in=source_ids)}


# A top suggestion scoring lower than this is a guess (a version, size or family differs): map it by hand.
MIN_ACCEPT_SCORE = 70


def accept_top_suggestions(items: Iterable[UnmatchedName]) -> Outcome:
    """Alias each queued name (for its source) to its best suggestion, then re-match its rows.

    Names whose best suggestion scores below MIN_ACCEPT_SCORE are skipped, with the reason."""
    items = list(items)
    wanted = {_top(item) for item in items} - {None}
    models = {model.canonical_id: model for model in CatalogModel.objects.filter(canonical_id__in=wanted)}
    outcome, mapped = Outcome(), []
    with transaction.atomic():
        for item in items:
            model = models.get(_top(item) or "")
            if model is None:
                outcome.skipped.append(f"{item.raw_name} ({'no suggestion' if not _top(item) else 'model gone'})")
                continue
            if _top_score(item) < MIN_ACCEPT_SCORE:
                outcome.skipped.append(f"{item.raw_name} (best score {_top_score(item):g} < {MIN_ACCEPT_SCORE}: "
                                       "map it by hand)")
                continue
            _save_alias(item, model=model)
            mapped.append(item)
        return _finish(outcome, mapped)


def mark_not_in_catalog(items: Iterable[UnmatchedName]) -> Outcome:
    """Alias each queued name (for its source) to "not in catalog": it leaves the queue for good."""
    items = list(items)
    with transaction.atomic():
        for item in items:
            _save_alias(item, model=None)
        return _finish(Outcome(), items)


def count_of(count: int, noun: str) -> str:
    """"1 name", "3 names"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def describe(outcome: Outcome, verb: str = "Mapped") -> str:
    """"Mapped 3 names; 41 rows now matched." plus any names that were skipped."""
    text = f"{verb} {count_of(outcome.mapped, 'name')}; {count_of(outcome.rows_matched, 'row')} now matched."
    if outcome.skipped:
        text += f" Skipped {len(outcome.skipped)}: {', '.join(outcome.skipped[:10])}."
    return text


def describe_rematch(stats: dict[str, dict]) -> str:
    """One line per re-matched source: "swebench: 120 of 130 rows matched, 4 names in the queue"."""
    parts = [f"{slug}: {s['matched_rows']} of {s['rows']} rows matched, "
             f"{s['unmatched_names']} name{'s' if s['unmatched_names'] != 1 else ''} in the queue"
             for slug, s in stats.items() if s["rows"]]
    return "Re-matched stored rows. " + ("; ".join(parts) if parts else "No source has stored rows.")


def _top(item: UnmatchedName) -> str | None:
    suggestion = item.suggestions[0] if isinstance(item.suggestions, list) and item.suggestions else None
    return suggestion[0] if isinstance(suggestion, list | tuple) and suggestion else None


def _top_score(item: UnmatchedName) -> float:
    try:
        return float(item.suggestions[0][1])
    except (TypeError, ValueError, IndexError, KeyError):
        return 0.0


def _save_alias(item: UnmatchedName, model: CatalogModel | None) -> None:
    ModelAlias.objects.update_or_create(
        raw_name=item.raw_name, source_id=item.source_id,
        defaults={"model": model, "not_in_catalog": model is None, "origin": ModelAlias.Origin.ADMIN,
                  "reviewed": True})


def _finish(outcome: Outcome, mapped: list[UnmatchedName]) -> Outcome:
    """Re-match the touched sources and count the rows of the mapped names that now have a model."""
    outcome.mapped = len(mapped)
    rematch_sources({item.source_id for item in mapped})
    for source_id in {item.source_id for item in mapped}:
        names = [item.raw_name for item in mapped if item.source_id == source_id]
        outcome.rows_matched += BenchmarkRow.objects.filter(source_id=source_id, raw_model__in=names,
                                                            model__isnull=False).count()
    return outcome
