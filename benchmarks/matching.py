"""Name matching against the database: stored benchmark rows -> catalog models, and the review queue.

`load_matcher()` builds the pure `Matcher` from the active catalog and the aliases in three queries.
`resolve_source_rows(source)` resolves every stored row of a source (each distinct raw name once),
writes `model` / `match_method` / parsed config back in bulk and rebuilds that source's
`UnmatchedName` queue, all in one transaction; the number of queries does not grow with the number
of names. Refreshes call it after storing rows; the admin calls it after every alias change.
"""
import json
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from benchmarks.models import BenchmarkRow, CatalogModel, ModelAlias, Source, UnmatchedName
from benchmarks.names import NOT_IN_CATALOG, CatalogItem, Match, Matcher

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
ROW_BATCH_SIZE = 2000  # about 2 query parameters per row: far below SQLite's 32,766 and PostgreSQL's 65,535
SUGGESTIONS_KEPT = 3


@dataclass
class LoadedMatcher:
    """A matcher plus the database ids of the models it can answer with."""

    matcher: Matcher
    ids: dict[str, int]  # canonical id -> CatalogModel pk


def load_matcher() -> Matcher:
    """The matcher for the current active catalog and every alias (global and per source)."""
    return _load().matcher


def _load() -> LoadedMatcher:
    ids: dict[str, int] = {}
    catalog = []
    fields = ("pk", "canonical_id", "name", "hf_id", "release_date", "reasoning")
    for pk, canonical_id, name, hf_id, release_date, reasoning in \
            CatalogModel.objects.active().values_list(*fields):
        ids[canonical_id] = pk
        ids.setdefault(canonical_id.split(":")[0], pk)  # the matcher answers without ":free"-style suffixes
        catalog.append(CatalogItem(canonical_id, name, hf_id, reasoning=reasoning, release_date=release_date))
    aliases: dict = {}
    for raw, slug, model_pk, canonical_id, not_in_catalog in ModelAlias.objects.values_list(
            "raw_name", "source__slug", "model_id", "model__canonical_id", "not_in_catalog"):
        aliases[(slug, raw) if slug else raw] = NOT_IN_CATALOG if not_in_catalog else canonical_id
        if canonical_id:
            ids[canonical_id] = model_pk  # an alias may name a model the catalog has deactivated
    return LoadedMatcher(Matcher(catalog, aliases), ids)


def resolve_source_rows(source: Source | str, loaded: LoadedMatcher | None = None) -> dict:
    """Resolve every stored row of `source` and rebuild its review queue, in one transaction.

    Returns {"source", "rows", "matched_rows", "unmatched_rows", "unmatched_names", "updated_rows"}.
    Rows an alias marks "not in catalog" count as unmatched but never enter the queue. Upstream's
    own config keys win over keys parsed from the raw name.
    """
    if isinstance(source, str):
        source = Source.objects.get(slug=source)
    with transaction.atomic():
        loaded = loaded or _load()
        rows = list(BenchmarkRow.objects.filter(source=source).only("pk", "raw_model", "config", "model_id",
                                                                    "match_method"))
        matches = {raw: _resolve(loaded.matcher, raw, source.slug) for raw in {row.raw_model for row in rows}}
        changed = [row for row in rows if _apply(row, matches[row.raw_model], loaded.ids)]
        _write_rows(changed)
        queued = _rebuild_queue(source, rows, matches)
    unmatched_rows = sum(1 for row in rows if row.model_id is None)
    return {"source": source.slug, "rows": len(rows), "matched_rows": len(rows) - unmatched_rows,
            "unmatched_rows": unmatched_rows, "unmatched_names": queued, "updated_rows": len(changed)}


def resolve_all_rows() -> dict[str, dict]:
    """Resolve the rows of every source with one matcher (after a global alias or catalog change)."""
    loaded = _load()
    return {source.slug: resolve_source_rows(source, loaded) for source in Source.objects.order_by("slug")}


def _resolve(matcher: Matcher, raw: str, source_slug: str) -> Match:
    try:
        return matcher.resolve(raw, source=source_slug)
    except Exception:  # one odd name must not stop a whole source: it stays unmatched, and we hear of it
        logger.exception("Could not resolve %r from %s", raw, source_slug)
        return Match(None, "none")


def _apply(row: BenchmarkRow, match: Match, ids: dict[str, int]) -> bool:
    """Set the row's model, method and merged config; True when anything changed."""
    model_pk = ids.get(match.model_id) if match.model_id else None
    method = match.method if model_pk or match.method == "alias" else "none"
    config = {**match.config, **row.config} if isinstance(row.config, dict) else row.config
    if (row.model_id, row.match_method, row.config) == (model_pk, method, config):
        return False
    row.model_id, row.match_method, row.config = model_pk, method, config
    return True


def _write_rows(rows: list[BenchmarkRow]) -> None:
    """Save model, method and config of `rows`: one UPDATE per ROW_BATCH_SIZE rows.

    Rows with the same outcome (about one per raw name) share one CASE branch; bulk_update builds
    a branch per row and field, which made writing 10,000 rows take seconds of Python time.
    """
    groups: dict[str, list[BenchmarkRow]] = {}
    for row in rows:
        groups.setdefault(json.dumps([row.model_id, row.match_method, row.config], sort_keys=True), []).append(row)
    batch: list[list[BenchmarkRow]] = []
    size = 0
    for members in groups.values():
        for start in range(0, len(members), ROW_BATCH_SIZE):
            batch.append(members[start:start + ROW_BATCH_SIZE])
            size += len(batch[-1])
            if size >= ROW_BATCH_SIZE:
                _update_batch(batch)
                batch, size = [], 0
    if batch:
        _update_batch(batch)


def _update_batch(groups: list[list[BenchmarkRow]]) -> None:
    fields = {name: BenchmarkRow._meta.get_field(name) for name in ("model", "match_method", "config")}
    casted = connection.features.requires_casted_case_in_updates
    values = {}
    for name, field in fields.items():
        whens = [When(pk__in=[row.pk for row in group], then=Value(getattr(group[0], field.attname),
                                                                   output_field=field)) for group in groups]
        case = Case(*whens, output_field=field)
        # As bulk_update does: PostgreSQL types a CASE of parameters as text unless it is cast.
        values[field.attname] = Cast(case, output_field=field) if casted else case
    BenchmarkRow.objects.filter(pk__in=[row.pk for group in groups for row in group]).update(**values)


def _rebuild_queue(source: Source, rows: list[BenchmarkRow], matches: dict[str, Match]) -> int:
    """Make the source's queue list exactly its unmatched names; ignored names stay ignored."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.model_id is None and row.match_method == "none":
            counts[row.raw_model] = counts.get(row.raw_model, 0) + 1
    existing = {item.raw_name: item for item in UnmatchedName.objects.filter(source=source)}
    now = timezone.now()
    to_update, to_create, stale = [], [], []
    for raw, count in counts.items():
        suggestions = [[model_id, score] for model_id, score in matches[raw].suggestions[:SUGGESTIONS_KEPT]]
        item = existing.get(raw)
        if item is None:
            to_create.append(UnmatchedName(source=source, raw_name=raw, row_count=count, suggestions=suggestions))
        else:
            item.row_count, item.suggestions, item.last_seen = count, suggestions, now
            to_update.append(item)
    for raw, item in existing.items():
        if raw in counts:
            continue
        if raw in matches or item.status != UnmatchedName.Status.IGNORED:
            stale.append(item.pk)  # now matched, or an open name upstream no longer lists
        elif item.row_count:
            item.row_count = 0  # ignored and gone: kept, so it stays ignored if upstream brings it back
            to_update.append(item)
    # ignore_conflicts: a concurrent resolve of the same source may have queued the name first.
    UnmatchedName.objects.bulk_create(to_create, batch_size=BATCH_SIZE, ignore_conflicts=True)
    UnmatchedName.objects.bulk_update(to_update, ["row_count", "suggestions", "last_seen"], batch_size=BATCH_SIZE)
    for start in range(0, len(stale), BATCH_SIZE):
        UnmatchedName.objects.filter(pk__in=stale[start:start + BATCH_SIZE]).delete()
    return len(counts)


def match_report() -> dict:
    """How well names match: per source row counts and share matched, per model the sources covering it.

    {"sources": [{"source", "rows", "matched_rows", "unmatched_rows", "share_matched", "unmatched_names"}],
     "models": [{"model", "sources"}] (models with rows from at least one source),
     "catalog_models": active catalog size, "models_without_sources": active models no source covers}
    """
    unmatched = Q(model__isnull=True)
    per_source = (BenchmarkRow.objects.values("source__slug").order_by("source__slug")
                  .annotate(rows=Count("pk"), unmatched_rows=Count("pk", filter=unmatched),
                            unmatched_names=Count("raw_model", distinct=True, filter=unmatched)))
    sources = [{"source": s["source__slug"], "rows": s["rows"], "matched_rows": s["rows"] - s["unmatched_rows"],
                "unmatched_rows": s["unmatched_rows"],
                "share_matched": round((s["rows"] - s["unmatched_rows"]) / s["rows"], 4) if s["rows"] else 0.0,
                "unmatched_names": s["unmatched_names"]} for s in per_source]
    covering: dict[str, list[str]] = {}
    for canonical_id, slug in (BenchmarkRow.objects.filter(model__isnull=False).order_by("model__canonical_id",
                               "source__slug").values_list("model__canonical_id", "source__slug").distinct()):
        covering.setdefault(canonical_id, []).append(slug)
    active = set(CatalogModel.objects.active().values_list("canonical_id", flat=True))
    return {"sources": sources, "models": [{"model": m, "sources": s} for m, s in covering.items()],
            "catalog_models": len(active), "models_without_sources": len(active - set(covering))}
