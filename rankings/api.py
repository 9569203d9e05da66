"""The public REST API: read-only viewsets over the latest snapshot, the catalog, sources and snapshots.

Everything is read from stored data: no request fetches upstream or recomputes raw scores. The
rankings list and snapshot views are cached per snapshot (response_cache); every GET carries an
ETag and answers a matching conditional GET with 304. Anonymous clients read and are throttled;
nothing is writable here (staff edit data in the admin).
"""
from django.db.models import Count, Q
from django.http import Http404
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware, method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from benchmarks.models import CatalogModel, Source
from rankings import serializers as s
from rankings.diff import diff_entries
from rankings.figures import collect_figures
from rankings.exports import CSVRenderer
from rankings.filters import CatalogModelFilter, RankingEntryFilter, filter_or_raise, order_entries
from rankings.models import Ranking, RankingEntry
from rankings.pagination import ApiPagination
from rankings.ranking_list import RANKING_PARAMETERS, build_ranking_list
from rankings.response_cache import StoredResponse, cache_key, serve_cached

conditional_get = method_decorator(decorator_from_middleware(ConditionalGetMiddleware), name="dispatch")
MAX_ID = 2**63 - 1
ERRORS = {(code, "application/json"): OpenApiResponse(s.ErrorSerializer, description=text) for code, text in
          ((400, "Invalid query parameter."), (404, "Not found."), (429, "Too many requests."))}


def latest_snapshot() -> Ranking | None:
    return Ranking.objects.latest_published()


class ReadOnlyApi:
    renderer_classes = [JSONRenderer]
    pagination_class = ApiPagination

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:  # DRF's answer to an unknown ?format=: say what is offered instead
            formats = ", ".join(renderer.format for renderer in self.get_renderers())
            raise ValidationError({"format": [f"Unknown format. Available: {formats}."]}) from None

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON whatever format was asked for (a CSV request with a bad filter included).
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


@conditional_get
class RankingViewSet(ReadOnlyApi, viewsets.GenericViewSet):
    """The latest published snapshot's rows: filter, order, re-weight, paginate, export as CSV."""

    queryset = RankingEntry.objects.none()
    serializer_class = s.RankingEntrySerializer
    filter_backends = [DjangoFilterBackend]  # documents the filters; build_ranking_list applies them
    filterset_class = RankingEntryFilter
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(parameters=RANKING_PARAMETERS, responses={
        (200, "application/json"): s.RankingListSerializer, (200, "text/csv"): OpenApiTypes.STR, **ERRORS})
    def list(self, request, *args, **kwargs):
        snapshot = latest_snapshot()
        media_format = request.accepted_renderer.format
        key = cache_key("rankings", snapshot, request, media_format)
        return serve_cached(request, key, snapshot, lambda: build_ranking_list(request, snapshot, media_format, self))


@extend_schema_view(list=extend_schema(
    operation_id="rankings_csv", responses={(200, "text/csv"): OpenApiTypes.STR, **ERRORS},
    parameters=[*RANKING_PARAMETERS, OpenApiParameter("format", exclude=True), OpenApiParameter("limit", exclude=True),
                OpenApiParameter("offset", exclude=True)]))
class RankingCsvViewSet(RankingViewSet):
    """The rankings export: every row matching the filters, with custom weights, as CSV with attribution."""


@conditional_get
class ModelViewSet(ReadOnlyApi, viewsets.ReadOnlyModelViewSet):
    """The model catalog; a model's page lists every raw figure behind its scores and its latest entry."""

    queryset = CatalogModel.objects.order_by("canonical_id")
    serializer_class = s.ModelSummarySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CatalogModelFilter
    lookup_field = "canonical_id"
    lookup_url_kwarg = "model_id"
    lookup_value_regex = r"[^/]+(?:/[^/]+)*"  # canonical ids contain a slash: anthropic/claude-sonnet-4.5

    @extend_schema(responses={200: s.ModelSummarySerializer(many=True), **ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return filter_or_raise(CatalogModelFilter, self.request.query_params, queryset)

    @extend_schema(responses={200: s.ModelDetailSerializer, **ERRORS})
    def retrieve(self, request, *args, **kwargs):
        model = self.get_object()
        snapshot = latest_snapshot()
        entry = (snapshot.entries.select_related("model").filter(model=model).first() if snapshot else None)
        model.figures = collect_figures(model)
        model.latest_entry = entry
        model.latest_snapshot_id = snapshot.pk if snapshot else None
        return Response(s.ModelDetailSerializer(model).data)

    def get_object(self):
        model = CatalogModel.objects.filter(canonical_id=self.kwargs[self.lookup_url_kwarg]).first()
        if model is None:
            raise NotFound(f"No model with id {self.kwargs[self.lookup_url_kwarg]!r}. See /api/models/ for the list.")
        return model


@conditional_get
class SourceViewSet(ReadOnlyApi, viewsets.ReadOnlyModelViewSet):
    """Each upstream source: status, last success, last error (secrets removed), row counts, version."""

    queryset = Source.objects.annotate(stored_rows=Count("rows"),
                                       matched_rows=Count("rows", filter=Q(rows__model__isnull=False)))
    serializer_class = s.SourceSerializer
    pagination_class = None  # one row per upstream: a handful
    lookup_field = "slug"

    @extend_schema(responses={200: s.SourceSerializer(many=True), **ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: s.SourceSerializer, **ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@conditional_get
class SnapshotViewSet(ReadOnlyApi, viewsets.ReadOnlyModelViewSet):
    """Published snapshots, newest first; one snapshot with all its rows; the diff of two snapshots."""

    queryset = Ranking.objects.published()
    serializer_class = s.SnapshotSerializer
    lookup_value_regex = r"[0-9]+"

    @extend_schema(responses={200: s.SnapshotSerializer(many=True), **ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: s.SnapshotDetailSerializer, **ERRORS})
    def retrieve(self, request, *args, **kwargs):
        snapshot = self._snapshot(kwargs["pk"])
        return serve_cached(request, cache_key("snapshot", snapshot, request, "json"), snapshot,
                            lambda: _json(_describe_snapshot(snapshot)))

    @extend_schema(parameters=[OpenApiParameter("against", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                                                required=True, description="Id of the snapshot to compare with.")],
                   responses={200: s.SnapshotDiffSerializer, **ERRORS})
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        snapshot = self._snapshot(pk)
        other = self._against(request.query_params.get("against"))
        return serve_cached(request, cache_key("diff", snapshot, request, "json"), snapshot,
                            lambda: _json(_describe_diff(snapshot, other)))

    def _snapshot(self, pk: str) -> Ranking:
        snapshot = Ranking.objects.published().filter(pk=pk).first() if int(pk) <= MAX_ID else None
        if snapshot is None:
            raise NotFound(f"No published snapshot with id {pk}. See /api/snapshots/ for the list.")
        return snapshot

    def _against(self, raw: str | None) -> Ranking:
        if not raw:
            raise ValidationError({"against": ["Give the snapshot to compare with: ?against=<snapshot id>."]})
        if not raw.isdigit() or int(raw) > MAX_ID:
            raise ValidationError({"against": [f"{raw!r} is not a snapshot id (a whole number)."]})
        other = Ranking.objects.published().filter(pk=int(raw)).first()
        if other is None:
            raise NotFound(f"No published snapshot with id {raw} to compare with. See /api/snapshots/.")
        return other


def _entries(snapshot: Ranking) -> list[RankingEntry]:
    return order_entries(snapshot.entries.select_related("model").defer("provenance"), [])


def _describe_snapshot(snapshot: Ranking) -> dict:
    data = s.SnapshotSerializer(snapshot).data
    data["methodology"] = snapshot.methodology
    data["entries"] = s.RankingEntrySerializer(_entries(snapshot), many=True).data
    return data


def _describe_diff(snapshot: Ranking, other: Ranking) -> dict:
    return {"snapshot": snapshot.pk, "against": other.pk, **diff_entries(_entries(snapshot), _entries(other))}


def _json(data: dict) -> StoredResponse:
    return StoredResponse(JSONRenderer().render(data), "application/json")
