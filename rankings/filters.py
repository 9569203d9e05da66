"""Filters and ordering for the rankings list and the model catalog.

Filtering runs in the database (django-filter); ordering runs in Python on the snapshot's rows,
because custom weights change scores that exist only in memory. Ordering fields are a whitelist:
an unknown field is an error that lists the allowed ones, never silently ignored.
"""
from collections.abc import Callable, Iterable

import django_filters
from drf_spectacular.utils import extend_schema_field
from django.db.models import Q
from rest_framework.exceptions import ValidationError

from benchmarks.models import CatalogModel
from rankings.models import RankingEntry

ORDERING_FIELDS = (
    "rank", "overall_score", "composite_score", "performance_score", "value_score", "coverage",
    "ttft_median", "ttft_p95", "throughput_median", "throughput_p95", "total_latency_median",
    "total_latency_p95", "quality_index", "prompt_price", "completion_price", "blended_price",
    "context_length", "model_name", "provider",
)
TEXT_FIELDS = {"model_name", "provider"}
MAX_PRICE = 1_000_000  # USD per 1M tokens; anything above is a typo, and huge numbers upset databases
MAX_CONTEXT = 1_000_000_000
NO_NUL = "^[^\\u0000]*$"
BOOLEAN_CHOICES = ["true", "false", "1", "0"]


def strict_boolean(help_text: str) -> django_filters.TypedChoiceFilter:
    """A boolean filter that rejects "maybe" with a 400 instead of silently dropping the filter."""
    boolean = django_filters.TypedChoiceFilter(choices=[(c, c) for c in BOOLEAN_CHOICES],
                                               coerce=lambda value: value in ("true", "1"), help_text=help_text)
    return extend_schema_field({"type": "string", "enum": BOOLEAN_CHOICES})(boolean)


def text(method: str, help_text: str) -> django_filters.CharFilter:
    """A text filter; the schema says what Django's form field enforces: no NUL characters."""
    return extend_schema_field({"type": "string", "pattern": NO_NUL})(
        django_filters.CharFilter(method=method, help_text=help_text))


def bounded(number_filter: django_filters.NumberFilter, low: float, high: float, kind: str = "number"):
    """The filter with its range enforced (400 outside it) and stated in the OpenAPI schema."""
    number_filter.extra.update(min_value=low, max_value=high)
    if kind == "integer":
        number_filter.extra["decimal_places"] = 0
    return extend_schema_field({"type": kind, "minimum": low, "maximum": high})(number_filter)


class RankingEntryFilter(django_filters.FilterSet):
    provider = text("filter_provider", "Provider slug(s), comma-separated, e.g. anthropic,openai.")
    open_weights = strict_boolean("true: only open-weights models; false: only closed.")
    min_coverage = bounded(django_filters.NumberFilter(field_name="coverage", lookup_expr="gte", help_text=(
        "Minimum coverage, 0 to 1.")), 0, 1)
    min_price = bounded(django_filters.NumberFilter(field_name="blended_price", lookup_expr="gte", help_text=(
        "Minimum blended price, USD per 1M tokens.")), 0, MAX_PRICE)
    max_price = bounded(django_filters.NumberFilter(field_name="blended_price", lookup_expr="lte", help_text=(
        "Maximum blended price, USD per 1M tokens.")), 0, MAX_PRICE)
    min_context = bounded(django_filters.NumberFilter(field_name="context_length", lookup_expr="gte", help_text=(
        "Minimum context length, tokens.")), 0, MAX_CONTEXT, "integer")
    search = text("filter_search", "Part of the model's name or id.")

    class Meta:
        model = RankingEntry
        fields = ["provider", "open_weights", "min_coverage", "min_price", "max_price", "min_context", "search"]

    def filter_provider(self, queryset, name, value):
        wanted = Q()
        for provider in (p.strip() for p in value.split(",")):
            if provider:
                wanted |= Q(provider__iexact=provider)
        return queryset.filter(wanted)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(model_name__icontains=value) | Q(model__canonical_id__icontains=value))


class CatalogModelFilter(django_filters.FilterSet):
    provider = text("filter_provider", "Provider slug, e.g. anthropic.")
    open_weights = strict_boolean("true: only open-weights models; false: only closed.")
    search = text("filter_search", "Part of the model's name or id.")

    class Meta:
        model = CatalogModel
        fields = ["provider", "open_weights", "search"]

    def filter_provider(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(provider__iexact=value) if value else queryset

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(canonical_id__icontains=value)) if value else queryset


def filter_or_raise(filterset_class, params, queryset):
    """The filtered queryset; a 400 naming each invalid filter value otherwise.

    An empty value for a typed filter (open_weights=, min_price=) is an error too, as the schema says:
    leave the parameter out instead. Text filters accept an empty value as "no filter".
    """
    empty = {name: ["Give a value, or leave the parameter out."] for name, field in
             filterset_class.base_filters.items()
             if params.get(name) == "" and not isinstance(field, django_filters.CharFilter)}
    if empty:
        raise ValidationError(empty)
    filterset = filterset_class(params, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def parse_ordering(raw: str | None) -> list[tuple[str, bool]]:
    """`"-overall_score,model_name"` -> [("overall_score", True), ("model_name", False)] (True: descending).

    Raises ValidationError naming the unknown fields and the allowed list.
    """
    if not raw or not raw.strip():
        return []
    terms = [term.strip() for term in raw.split(",") if term.strip()]
    parsed = [(term.lstrip("-"), term.startswith("-")) for term in terms]
    unknown = [name for name, _ in parsed if name not in ORDERING_FIELDS]
    if unknown:
        raise ValidationError({"ordering": [
            f"Cannot order by {', '.join(repr(u) for u in unknown)}. Allowed fields (prefix - for descending): "
            f"{', '.join(ORDERING_FIELDS)}."]})
    return parsed


def order_entries(entries: Iterable[RankingEntry], ordering: list[tuple[str, bool]]) -> list[RankingEntry]:
    """Rows by rank (unranked last, then by name), then by each ordering field; empty values always last."""
    ordered = sorted(entries, key=lambda e: (e.rank is None, e.rank or 0, e.model_name.casefold()))
    for name, descending in reversed(ordering):
        value = _sort_value(name)
        present = [e for e in ordered if value(e) is not None]
        present.sort(key=value, reverse=descending)  # stable in both directions
        ordered = present + [e for e in ordered if value(e) is None]
    return ordered


def _sort_value(name: str) -> Callable[[RankingEntry], object]:
    if name in TEXT_FIELDS:
        return lambda entry: (getattr(entry, name) or "").casefold() or None
    return lambda entry: getattr(entry, name)
