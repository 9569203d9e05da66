"""Filters and ordering for the rankings list and the model catalog.

Filtering runs in the database (django-filter); ordering runs in Python on the snapshot's rows,
because custom weights change scores that exist only in memory. Ordering fields are a whitelist:
an unknown field is an error that lists the allowed ones, never silently ignored.
"""
from collections.abc import Callable, Iterable

import django_filters
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
# Strict booleans: "maybe" is an error, not a silently dropped filter.
BOOLEAN_CHOICES = [("true", "true"), ("false", "false"), ("1", "1"), ("0", "0")]


def _is_true(value: str) -> bool:
    return value in ("true", "1")


class RankingEntryFilter(django_filters.FilterSet):
    provider = django_filters.CharFilter(method="filter_provider",
                                         help_text="Provider slug(s), comma-separated, e.g. anthropic,openai.")
    open_weights = django_filters.TypedChoiceFilter(choices=BOOLEAN_CHOICES, coerce=_is_true,
                                                    help_text="true: only open-weights models; false: only closed.")
    min_coverage = django_filters.NumberFilter(field_name="coverage", lookup_expr="gte", min_value=0, max_value=1,
                                               help_text="Minimum coverage, 0 to 1.")
    min_price = django_filters.NumberFilter(field_name="blended_price", lookup_expr="gte", min_value=0,
                                            max_value=MAX_PRICE, help_text="Minimum blended price, USD per 1M tokens.")
    max_price = django_filters.NumberFilter(field_name="blended_price", lookup_expr="lte", min_value=0,
                                            max_value=MAX_PRICE, help_text="Maximum blended price, USD per 1M tokens.")
    min_context = django_filters.NumberFilter(field_name="context_length", lookup_expr="gte", min_value=0,
                                              max_value=MAX_CONTEXT, help_text="Minimum context length, tokens.")
    search = django_filters.CharFilter(method="filter_search", help_text="Part of the model's name or id.")

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
    provider = django_filters.CharFilter(field_name="provider", lookup_expr="iexact")
    open_weights = django_filters.TypedChoiceFilter(choices=BOOLEAN_CHOICES, coerce=_is_true)
    search = django_filters.CharFilter(method="filter_search", help_text="Part of the model's name or id.")

    class Meta:
        model = CatalogModel
        fields = ["provider", "open_weights", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(canonical_id__icontains=value)) if value else queryset


def filter_or_raise(filterset_class, params, queryset):
    """The filtered queryset; a 400 naming each invalid filter value otherwise."""
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
