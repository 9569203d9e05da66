"""Where admins curate: sources, the catalog, aliases, fallback figures, and the unmatched-names queue."""
from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

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
    list_display = ["raw_name", "source", "row_count", "suggestions", "status", "last_seen"]
    list_filter = ["status", "source"]
    search_fields = ["raw_name"]
    list_select_related = ["source"]
