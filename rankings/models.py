"""Computed rankings: one snapshot per build, one entry per ranked model.

Requests only ever read the latest published snapshot; a build writes a new one in a transaction.
"""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from benchmarks.models import NOT_NEGATIVE, CatalogModel

SCORE = [MinValueValidator(0, "A score cannot be below 0."), MaxValueValidator(100, "A score cannot be above 100.")]
SHARE = [MinValueValidator(0, "Coverage cannot be below 0."), MaxValueValidator(1, "Coverage cannot be above 1.")]


class RankingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Ranking.Status.PUBLISHED).order_by("-computed_at", "-id")

    def latest_published(self) -> "Ranking | None":
        return self.published().first()


class Ranking(models.Model):
    """A snapshot: the whole ranking as computed at one moment, with the methodology used."""

    class Status(models.TextChoices):
        BUILDING = "building", "Building"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    computed_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BUILDING)
    methodology_version = models.CharField(max_length=20)
    weights = models.JSONField(help_text='{"coding": 0.5, "performance": 0.3, "value": 0.2}')
    methodology = models.JSONField(default=dict, help_text="Benchmark weights, anchors and rules used.")
    model_count = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)

    objects = RankingQuerySet.as_manager()

    class Meta:
        ordering = ["-computed_at"]
        indexes = [models.Index(fields=["status", "-computed_at"], name="ranking_status_computed")]

    def __str__(self):
        return f"Ranking of {self.computed_at:%Y-%m-%d %H:%M} ({self.status})"

    def get_absolute_url(self):
        return reverse("snapshot-detail", args=[self.pk])


class RankingEntry(models.Model):
    """One model's row in a snapshot: its scores, the figures behind them, and where each came from.

    Model name, provider and the like are copied in so a snapshot stays true to its day.
    """

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    model = models.ForeignKey(CatalogModel, on_delete=models.CASCADE, related_name="ranking_entries")
    model_name = models.CharField(max_length=200)
    provider = models.CharField(max_length=100)
    open_weights = models.BooleanField(default=False)
    context_length = models.PositiveIntegerField(null=True, blank=True)

    rank = models.PositiveIntegerField(null=True, blank=True, help_text="Position in the snapshot (see the methodology for the order).")
    tie_group = models.PositiveIntegerField(null=True, blank=True)
    composite_score = models.FloatField("coding score", null=True, blank=True, validators=SCORE)
    composite_stderr = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    composite_low = models.FloatField(null=True, blank=True)
    composite_high = models.FloatField(null=True, blank=True)
    performance_score = models.FloatField(null=True, blank=True, validators=SCORE)
    value_score = models.FloatField(null=True, blank=True, validators=SCORE)
    overall_score = models.FloatField(null=True, blank=True, validators=SCORE)
    coverage = models.FloatField(default=0, validators=SHARE)
    coverage_detail = models.JSONField(default=dict, help_text='{"present": [...], "missing": [...]}')
    parts = models.JSONField(default=dict, help_text="Per-benchmark normalized scores, for re-weighting.")

    ttft_median = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    ttft_p95 = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    throughput_median = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    throughput_p95 = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    total_latency_median = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    total_latency_p95 = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    quality_index = models.FloatField(null=True, blank=True)
    prompt_price = models.DecimalField(max_digits=14, decimal_places=6, null=True, blank=True, validators=NOT_NEGATIVE)
    completion_price = models.DecimalField(max_digits=14, decimal_places=6, null=True, blank=True,
                                           validators=NOT_NEGATIVE)
    blended_price = models.DecimalField(max_digits=14, decimal_places=6, null=True, blank=True,
                                        validators=NOT_NEGATIVE)

    sources = models.JSONField(default=list, help_text="Slugs of the sources that fed this row.")
    provenance = models.JSONField(default=dict, help_text="Per figure: source, raw row, dates, origin.")
    reasons = models.JSONField(default=dict, help_text="Why a score is missing, per score.")
    benchmark_data_updated_at = models.DateTimeField(null=True, blank=True)
    performance_data_updated_at = models.DateTimeField(null=True, blank=True)
    pricing_data_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ranking", "rank", "model_name"]
        verbose_name_plural = "ranking entries"
        constraints = [models.UniqueConstraint(fields=["ranking", "model"], name="entry_unique_model")]
        indexes = [models.Index(fields=["ranking", "rank"], name="entry_ranking_rank")]

    def __str__(self):
        return f"#{self.rank or '–'} {self.model_name}"
