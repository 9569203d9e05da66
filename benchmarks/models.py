"""Everything that comes from outside, and its curation.

Sources and their fetch history, the canonical model catalog, name aliases and the queue of
names nobody has matched yet, raw benchmark rows, and the fallback figures admins curate.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from benchmarks.fetchers.rows import BENCHMARKS

NOT_NEGATIVE = [MinValueValidator(0, "This cannot be negative.")]
PERCENT = [MinValueValidator(0, "A percentage cannot be below 0."),
           MaxValueValidator(100, "A percentage cannot be above 100.")]
PERCENT_UNITS = {"%"}
BENCHMARK_CHOICES = [(key, key) for key in BENCHMARKS]


class FetchStatus(models.TextChoices):
    """How a source's last fetch (Source.status) or one fetch attempt (FetchRun.status) ended."""

    NEVER = "never", "Never fetched"
    RUNNING = "running", "Running"
    OK = "ok", "OK"
    NOT_MODIFIED = "not_modified", "Not modified"
    FAILED = "failed", "Failed"
    REJECTED = "rejected", "Rejected"
    NOT_CONFIGURED = "not_configured", "Not configured"
    SKIPPED = "skipped", "Skipped"


class SourceQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)


class Source(models.Model):
    class Kind(models.TextChoices):
        CATALOG = "catalog", "Model catalog and prices"
        BENCHMARK = "benchmark", "Coding benchmark"
        PERFORMANCE = "performance", "Speed and latency"

    Status = FetchStatus

    slug = models.SlugField(unique=True, help_text="Key used in settings, e.g. SWEBENCH_BASE_URL.")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BENCHMARK)
    enabled = models.BooleanField(default=True)
    base_url = models.URLField(blank=True, help_text="Empty: use the <KEY>_BASE_URL setting.")
    homepage = models.URLField(blank=True)
    attribution = models.CharField(max_length=300, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEVER)
    last_error = models.TextField(blank=True)
    row_count = models.PositiveIntegerField(default=0)
    upstream_version = models.CharField(max_length=100, blank=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class FetchRun(models.Model):
    Status = FetchStatus

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    rows = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["source", "-started_at"], name="fetchrun_source_started")]

    def __str__(self):
        return f"{self.source.slug} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class CatalogModelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class CatalogModel(models.Model):
    """One canonical model. Most come from OpenRouter; admins add the ones OpenRouter lacks."""

    class Origin(models.TextChoices):
        OPENROUTER = "openrouter", "OpenRouter catalog"
        CURATED = "curated", "Curated data shipped with CodeRank"
        ADMIN = "admin", "Added or edited by an admin"

    canonical_id = models.CharField(max_length=200, unique=True,
                                    help_text="Provider/model, as OpenRouter names it: anthropic/claude-sonnet-4.5")
    name = models.CharField(max_length=200)
    provider = models.CharField(max_length=100, db_index=True)
    hf_id = models.CharField("Hugging Face id", max_length=200, blank=True)
    open_weights = models.BooleanField(default=False)
    context_length = models.PositiveIntegerField(null=True, blank=True)
    release_date = models.DateField(null=True, blank=True)
    reasoning = models.BooleanField(null=True, blank=True,
                                    help_text="Supports reasoning/thinking modes; empty when unknown. Name matching "
                                              "will not give a thinking-mode name to a model marked No.")
    prompt_price = models.DecimalField("input price (USD / 1M tokens)", max_digits=14, decimal_places=6,
                                       null=True, blank=True, validators=NOT_NEGATIVE)
    completion_price = models.DecimalField("output price (USD / 1M tokens)", max_digits=14, decimal_places=6,
                                           null=True, blank=True, validators=NOT_NEGATIVE)
    pricing_variable = models.BooleanField(default=False, help_text="Upstream says the price varies per request.")
    pricing_updated_at = models.DateTimeField(null=True, blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.ADMIN)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CatalogModelQuerySet.as_manager()

    class Meta:
        ordering = ["canonical_id"]
        verbose_name = "catalog model"

    def __str__(self):
        return self.canonical_id

    def get_absolute_url(self):
        return reverse("model-detail", args=[self.canonical_id])


class ModelAlias(models.Model):
    """A raw name that means a catalog model (or, explicitly, no model in the catalog)."""

    class Origin(models.TextChoices):
        AUTO = "auto", "Automatic"
        ADMIN = "admin", "Admin"

    raw_name = models.CharField(max_length=300)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.CASCADE,
                               help_text="Empty: the alias applies to every source.")
    model = models.ForeignKey(CatalogModel, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="aliases")
    not_in_catalog = models.BooleanField(default=False, help_text="This name means a model we do not list.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ADMIN)
    reviewed = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["raw_name"]
        verbose_name_plural = "model aliases"
        constraints = [
            models.UniqueConstraint(fields=["raw_name", "source"], name="alias_unique_per_source"),
            models.UniqueConstraint(fields=["raw_name"], condition=Q(source__isnull=True),
                                    name="alias_unique_global"),
            models.CheckConstraint(condition=Q(model__isnull=False) ^ Q(not_in_catalog=True),
                                   name="alias_model_xor_not_in_catalog"),
        ]

    def __str__(self):
        target = self.model.canonical_id if self.model_id else "not in catalog"
        return f"{self.raw_name} → {target}"

    def clean(self):
        if self.model_id is None and not self.not_in_catalog:
            raise ValidationError("Choose the catalog model this name means, or tick “not in catalog”.")
        if self.model_id is not None and self.not_in_catalog:
            raise ValidationError("A name cannot both mean a catalog model and be “not in catalog”.")


class UnmatchedName(models.Model):
    """The review queue: a raw name from a source that resolved to no catalog model."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IGNORED = "ignored", "Ignored"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="unmatched_names")
    raw_name = models.CharField(max_length=300)
    row_count = models.PositiveIntegerField(default=0)
    suggestions = models.JSONField(default=list, blank=True, help_text="[[canonical id, score], ...]")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-row_count", "raw_name"]
        constraints = [models.UniqueConstraint(fields=["source", "raw_name"], name="unmatched_unique_per_source")]

    def __str__(self):
        return f"{self.raw_name} ({self.source.slug})"


class BenchmarkRowQuerySet(models.QuerySet):
    def matched(self):
        return self.filter(model__isnull=False)


class BenchmarkRow(models.Model):
    """One figure from one source for one raw model name, as fetched. Replaced per source on refresh."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="rows")
    benchmark = models.CharField(max_length=60)
    metric = models.CharField(max_length=40)
    value = models.FloatField()
    unit = models.CharField(max_length=20, blank=True)
    raw_model = models.CharField(max_length=300)
    config = models.JSONField(default=dict, blank=True)
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    stderr = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    interval_low = models.FloatField(null=True, blank=True)
    interval_high = models.FloatField(null=True, blank=True)
    upstream_date = models.DateField(null=True, blank=True)
    upstream_id = models.CharField(max_length=200, blank=True)
    model = models.ForeignKey(CatalogModel, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="benchmark_rows")
    match_method = models.CharField(max_length=20, blank=True)
    fetched_at = models.DateTimeField()

    objects = BenchmarkRowQuerySet.as_manager()

    class Meta:
        ordering = ["source", "benchmark", "raw_model"]
        indexes = [
            models.Index(fields=["model", "benchmark"], name="row_model_benchmark"),
            models.Index(fields=["source", "raw_model"], name="row_source_raw_model"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(unit="%") | Q(value__gte=0, value__lte=100),
                                   name="row_percent_in_range"),
        ]

    def __str__(self):
        return f"{self.raw_model} · {self.benchmark} {self.metric}={self.value:g}"


class PerformanceFallback(models.Model):
    """Admin-curated speed figures in the Artificial Analysis shape, used where AA gives none."""

    model = models.OneToOneField(CatalogModel, on_delete=models.CASCADE, related_name="performance_fallback")
    ttft_median = models.FloatField("TTFT median (s)", null=True, blank=True, validators=NOT_NEGATIVE)
    ttft_p95 = models.FloatField("TTFT p95 (s)", null=True, blank=True, validators=NOT_NEGATIVE)
    throughput_median = models.FloatField("output tokens/s median", null=True, blank=True, validators=NOT_NEGATIVE)
    throughput_p95 = models.FloatField("output tokens/s p95", null=True, blank=True, validators=NOT_NEGATIVE)
    total_latency_median = models.FloatField("total latency median (s)", null=True, blank=True,
                                             validators=NOT_NEGATIVE)
    total_latency_p95 = models.FloatField("total latency p95 (s)", null=True, blank=True, validators=NOT_NEGATIVE)
    quality_index = models.FloatField(null=True, blank=True, validators=PERCENT)
    as_of = models.DateField(help_text="When upstream measured these figures.")
    source_url = models.URLField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["model__canonical_id"]

    def __str__(self):
        return f"Performance of {self.model}"

    def clean(self):
        pairs = [("ttft_median", "ttft_p95"), ("total_latency_median", "total_latency_p95")]
        for median, p95 in pairs:
            low, high = getattr(self, median), getattr(self, p95)
            if low is not None and high is not None and high < low:
                raise ValidationError({p95: "The p95 time cannot be shorter than the median."})
        if not any(getattr(self, f) is not None for f in
                   ("ttft_median", "throughput_median", "total_latency_median", "quality_index")):
            raise ValidationError("Give at least one figure (TTFT, throughput, latency or quality index).")


class BenchmarkFallback(models.Model):
    """An admin-curated benchmark score, used where no upstream row gives the model that benchmark."""

    model = models.ForeignKey(CatalogModel, on_delete=models.CASCADE, related_name="benchmark_fallbacks")
    benchmark = models.CharField(max_length=60, choices=BENCHMARK_CHOICES)
    value = models.FloatField()
    as_of = models.DateField(help_text="When upstream published this score.")
    source_url = models.URLField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["model__canonical_id", "benchmark"]
        constraints = [models.UniqueConstraint(fields=["model", "benchmark"], name="fallback_unique_benchmark")]

    def __str__(self):
        return f"{self.model} · {self.benchmark} = {self.value:g}"

    def clean(self):
        _metric, unit = BENCHMARKS.get(self.benchmark, ("", ""))
        if unit in PERCENT_UNITS and self.value is not None and not 0 <= self.value <= 100:
            raise ValidationError({"value": "This benchmark is a percentage: give a value from 0 to 100."})


class RefreshLock(models.Model):
    """A named lock held in the database, so it holds across processes on SQLite and PostgreSQL.

    The unique name makes acquiring atomic (one INSERT wins); an expired lock may be taken over.
    """

    name = models.CharField(max_length=50, unique=True)
    token = models.CharField(max_length=64)
    acquired_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} until {self.expires_at:%Y-%m-%d %H:%M}"
