from django.contrib import admin

from rankings.models import Ranking, RankingEntry


class RankingEntryInline(admin.TabularInline):
    model = RankingEntry
    fields = ["rank", "tie_group", "model_name", "composite_score", "performance_score", "value_score",
              "overall_score", "coverage"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Ranking)
class RankingAdmin(admin.ModelAdmin):
    list_display = ["computed_at", "status", "methodology_version", "model_count"]
    list_filter = ["status"]
    readonly_fields = ["computed_at", "methodology_version", "weights", "methodology", "model_count"]
    inlines = [RankingEntryInline]


@admin.register(RankingEntry)
class RankingEntryAdmin(admin.ModelAdmin):
    list_display = ["ranking", "rank", "model_name", "provider", "composite_score", "overall_score", "coverage"]
    list_filter = ["ranking", "provider"]
    search_fields = ["model_name", "model__canonical_id"]
    list_select_related = ["ranking", "model"]
    readonly_fields = [f.name for f in RankingEntry._meta.fields]
