"""The rankings list a request asks for: the snapshot's rows re-weighted, filtered, ordered, paginated.

Queries per request, whatever the number of models: the rows (one, with their models), the filtered
ids (one, only when a filter is given), the sources for the attribution (one).
"""
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from rankings.anchors import CODING_BENCHMARKS
from rankings.custom_weights import BENCHMARK_PREFIX, MAX_WEIGHT, WEIGHT_PARAMS, Weights, parse_weights, rerank_entries
from rankings.exports import describe_attribution, render_csv
from rankings.filters import ORDERING_FIELDS, RankingEntryFilter, filter_or_raise, order_entries, parse_ordering
from rankings.models import Ranking, RankingEntry
from rankings.pagination import ApiPagination
from rankings.response_cache import StoredResponse
from rankings.serializers import RankingEntrySerializer, SnapshotSerializer

FILTER_PARAMS = frozenset(RankingEntryFilter.base_filters)
NO_SNAPSHOT = "No ranking has been published yet: the first build has not finished. Try again later."
WEIGHT_SCHEMA = {"type": "number", "minimum": 0, "maximum": MAX_WEIGHT}
RANKING_PARAMETERS = [
    OpenApiParameter("ordering", str, description="Comma-separated fields, '-' for descending; empty values "
                     f"always last. Allowed: {', '.join(ORDERING_FIELDS)}."),
    OpenApiParameter("format", str, enum=["json", "csv"], description="csv: every matching row, no pagination."),
    *[OpenApiParameter(param, WEIGHT_SCHEMA, description=f"Relative weight of the {key} score (default: the "
                       "snapshot's).") for param, key in WEIGHT_PARAMS.items()],
    *[OpenApiParameter(f"{BENCHMARK_PREFIX}{key}", WEIGHT_SCHEMA, description=f"Relative weight of {key} in the coding "
                       f"score (default {anchor.weight:g}; other benchmarks keep theirs).")
      for key, anchor in CODING_BENCHMARKS.items()],
]


def build_ranking_list(request, snapshot: Ranking | None, media_format: str, view) -> StoredResponse:
    """The response body for /api/rankings/ (JSON page) or its CSV export (all matching rows).

    Raises ValidationError for an invalid filter, ordering or weight, even before any snapshot exists.
    """
    params = request.query_params
    if params.get("format") == "":
        raise ValidationError({"format": ["Give json or csv, or leave the parameter out."]})
    paginator = ApiPagination()
    paginator.get_limit(request), paginator.get_offset(request)  # invalid paging is a 400 for CSV too
    weights = parse_weights(params, snapshot)
    ordering = parse_ordering(params.get("ordering"))
    rows = select_rows(params, snapshot, weights, ordering)
    attribution = describe_attribution(slug for row in rows for slug in _sources(row))
    if media_format == "csv":
        body = render_csv(RankingEntrySerializer(rows, many=True).data, attribution if snapshot else NO_SNAPSHOT)
        name = f"coderank-rankings-{snapshot.pk if snapshot else 'none'}.csv"
        return StoredResponse(body.encode(), "text/csv; charset=utf-8",
                              {"Content-Disposition": f'attachment; filename="{name}"'})
    page = paginator.paginate_queryset(rows, request, view)
    data = {"count": paginator.count, "next": paginator.get_next_link(), "previous": paginator.get_previous_link(),
            "snapshot": SnapshotSerializer(snapshot).data if snapshot else None,
            "notice": None if snapshot else NO_SNAPSHOT, "weights": weights.describe(),
            "custom_weights": weights.custom, "attribution": attribution,
            "results": RankingEntrySerializer(page, many=True).data}
    return StoredResponse(JSONRenderer().render(data), "application/json")


def select_rows(params, snapshot: Ranking | None, weights: Weights,
                ordering: list[tuple[str, bool]]) -> list[RankingEntry]:
    """Every row of `snapshot` that passes the filters, with `weights` applied, in the asked order."""
    filtered = filter_or_raise(RankingEntryFilter, params, snapshot.entries.all() if snapshot
                               else RankingEntry.objects.none())  # validates even without a snapshot
    if snapshot is None:
        return []
    deferred = ("provenance",) if weights.custom else ("provenance", "parts")
    entries = list(snapshot.entries.select_related("model").defer(*deferred))
    if weights.custom:
        rerank_entries(entries, weights, snapshot)
    if FILTER_PARAMS & set(params):
        keep = set(filtered.values_list("pk", flat=True))
        entries = [entry for entry in entries if entry.pk in keep]
    return order_entries(entries, ordering)


def _sources(row: RankingEntry) -> list[str]:
    return [str(slug) for slug in row.sources] if isinstance(row.sources, list) else []
