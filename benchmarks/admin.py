"""Where admins curate: sources, the catalog, aliases, fallback figures, and the unmatched-names queue."""
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from benchmarks import review_queue
from benchmarks.models import (
    BenchmarkFallback,
    BenchmarkRow,
    CatalogModel,
    FetchRun,
    ModelAlias,
    PerformanceFallback,
    Source,
    UnmatchedName,
)


def model_field(column="model") -> fields.Field:
    """CSV columns name catalog models by canonical id, not by database id."""
    return fields.Field(attribute="model", column_name=column,
                        widget=ForeignKeyWidget(CatalogModel, field="canonical_id"))


class PerformanceFallbackResource(resources.ModelResource):
    model = model_field()

    class Meta:
        model = PerformanceFallback
        import_id_fields = ["model"]
        fields = ["model", "ttft_median", "ttft_p95", "throughput_median", "throughput_p95",
                  "total_latency_median", "total_latency_p95", "quality_index", "as_of", "source_url", "note"]
        clean_model_instances = True


class BenchmarkFallbackResource(resources.ModelResource):
    model = model_field()

    class Meta:
        model = BenchmarkFallback
        import_id_fields = ["model", "benchmark"]
        fields = ["model", "benchmark", "value", "as_of", "source_url", "note"]
        clean_model_instances = True


class ModelAliasResource(resources.ModelResource):
    model = model_field()
    source = fields.Field(attribute="source", column_name="source",
                          widget=ForeignKeyWidget(Source, field="slug"))

    class Meta:
        model = ModelAlias
        import_id_fields = ["raw_name", "source"]
        fields = ["raw_name", "source", "model", "not_in_catalog", "origin", "reviewed", "note"]
        clean_model_instances = True


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "enabled", "status", "row_count", "last_success_at",
                    "upstream_version"]
    list_filter = ["kind", "enabled", "status"]
    list_editable = ["enabled"]
    search_fields = ["name", "slug"]
    readonly_fields = ["last_attempt_at", "last_success_at", "status", "last_error", "row_count",
                       "upstream_version", "etag", "last_modified"]


@admin.register(FetchRun)
class FetchRunAdmin(admin.ModelAdmin):
    list_display = ["source", "started_at", "status", "rows", "duration_ms", "short_error"]
    list_filter = ["status", "source"]
    date_hierarchy = "started_at"
    list_select_related = ["source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="error")
    def short_error(self, run):
        return run.error[:120]


class PerformanceFallbackInline(admin.StackedInline):
    model = PerformanceFallback
    extra = 0


class BenchmarkFallbackInline(admin.TabularInline):
    model = BenchmarkFallback
    extra = 0


@admin.register(CatalogModel)
class CatalogModelAdmin(admin.ModelAdmin):
    list_display = ["canonical_id", "name", "provider", "open_weights", "context_length", "prompt_price",
                    "completion_price", "origin", "active"]
    list_filter = ["active", "open_weights", "origin", "provider"]
    search_fields = ["canonical_id", "name", "hf_id"]
    inlines = [PerformanceFallbackInline, BenchmarkFallbackInline]

    def save_model(self, request, obj, form, change):
        # An admin's edit marks the row as theirs: the OpenRouter refresh leaves admin rows alone.
        obj.origin = CatalogModel.Origin.ADMIN
        super().save_model(request, obj, form, change)


@admin.register(ModelAlias)
class ModelAliasAdmin(ImportExportModelAdmin):
    resource_classes = [ModelAliasResource]
    list_display = ["raw_name", "source", "model", "not_in_catalog", "origin", "reviewed", "created_at"]
    list_filter = ["origin", "reviewed", "not_in_catalog", "source"]
    search_fields = ["raw_name", "model__canonical_id", "note"]
    autocomplete_fields = ["model"]
    list_select_related = ["source", "model"]

    # Every alias change re-matches the stored rows it can affect at once (no refetch, no signals).
    def save_model(self, request, obj, form, change):
        affected = {obj.source_id}
        if change and "source" in form.changed_data:
            affected.add(form.initial.get("source"))
        super().save_model(request, obj, form, change)
        rematch_and_report(request, affected)

    def delete_model(self, request, obj):
        affected = {obj.source_id}
        super().delete_model(request, obj)
        rematch_and_report(request, affected)

    def delete_queryset(self, request, queryset):
        affected = set(queryset.values_list("source_id", flat=True))
        super().delete_queryset(request, queryset)
        rematch_and_report(request, affected)

    def process_result(self, result, request):
        response = super().process_result(result, request)
        rematch_and_report(request, {None})  # an import may touch any source
        return response

    def response_add(self, request, obj, post_url_continue=None):
        if request.GET.get("from_queue") and not any(key in request.POST for key in ("_continue", "_addanother")):
            return HttpResponseRedirect(reverse("admin:benchmarks_unmatchedname_changelist"))
        return super().response_add(request, obj, post_url_continue)


def rematch_and_report(request, source_ids: set) -> None:
    """Re-resolve the rows of the sources an alias change touched, and say what came of it."""
    messages.info(request, review_queue.describe_rematch(review_queue.rematch_sources(source_ids)))


@admin.register(PerformanceFallback)
class PerformanceFallbackAdmin(ImportExportModelAdmin):
    resource_classes = [PerformanceFallbackResource]
    list_display = ["model", "ttft_median", "throughput_median", "total_latency_median", "quality_index",
                    "as_of"]
    list_editable = ["ttft_median", "throughput_median", "total_latency_median", "quality_index"]
    search_fields = ["model__canonical_id", "model__name"]
    autocomplete_fields = ["model"]
    list_select_related = ["model"]


@admin.register(BenchmarkFallback)
class BenchmarkFallbackAdmin(ImportExportModelAdmin):
    resource_classes = [BenchmarkFallbackResource]
    list_display = ["model", "benchmark", "value", "as_of", "note"]
    list_editable = ["value"]
    list_filter = ["benchmark"]
    search_fields = ["model__canonical_id", "model__name", "note"]
    autocomplete_fields = ["model"]
    list_select_related = ["model"]


@admin.register(BenchmarkRow)
class BenchmarkRowAdmin(admin.ModelAdmin):
    list_display = ["raw_model", "source", "benchmark", "metric", "value", "model", "match_method",
                    "upstream_date", "fetched_at"]
    list_filter = ["source", "benchmark", "match_method"]
    search_fields = ["raw_model", "model__canonical_id"]
    list_select_related = ["source", "model"]
    raw_id_fields = ["model"]

    def has_add_permission(self, request):
        return False  # rows come from refreshes; curated figures are fallbacks


@admin.register(UnmatchedName)
class UnmatchedNameAdmin(admin.ModelAdmin):
    """The review queue: map each name to a model (or "not in catalog") and its rows re-match at once."""

    list_display = ["raw_name", "source", "row_count", "suggested_models", "status", "map_link", "last_seen"]
    list_filter = ["status", "source"]
    search_fields = ["raw_name"]
    list_select_related = ["source"]
    readonly_fields = ["source", "raw_name", "row_count", "suggestions", "first_seen", "last_seen"]
    actions = ["accept_top_suggestion", "mark_not_in_catalog", "ignore", "reopen"]

    def has_add_permission(self, request):
        return False  # the queue is filled by matching; map a name from here instead

    @admin.display(description="suggestions (score)")
    def suggested_models(self, item):
        pairs = item.suggestions if isinstance(item.suggestions, list) else []
        return ", ".join(f"{pair[0]} ({pair[1]:.0f})" for pair in pairs
                         if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], int | float)) or "—"

    @admin.display(description="map")
    def map_link(self, item):
        query = urlencode({"raw_name": item.raw_name, "source": item.source_id, "from_queue": 1})
        return format_html('<a href="{}?{}">Map to…</a>', reverse("admin:benchmarks_modelalias_add"), query)

    @admin.action(description="Accept top suggestion (alias for this source)")
    def accept_top_suggestion(self, request, queryset):
        outcome = review_queue.accept_top_suggestions(queryset)
        level = messages.WARNING if outcome.skipped else messages.SUCCESS
        self.message_user(request, review_queue.describe(outcome), level)

    @admin.action(description="Mark as not in catalog")
    def mark_not_in_catalog(self, request, queryset):
        outcome = review_queue.mark_not_in_catalog(queryset)
        self.message_user(request, f"Marked {review_queue.count_of(outcome.mapped, 'name')} as not in catalog; "
                                   "they left the queue.")

    @admin.action(description="Ignore for now (keep, but out of the open queue)")
    def ignore(self, request, queryset):
        count = queryset.update(status=UnmatchedName.Status.IGNORED)
        self.message_user(request, f"Ignored {review_queue.count_of(count, 'name')}.")

    @admin.action(description="Reopen")
    def reopen(self, request, queryset):
        count = queryset.update(status=UnmatchedName.Status.OPEN)
        self.message_user(request, f"Reopened {review_queue.count_of(count, 'name')}.")
