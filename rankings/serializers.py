"""What the API shows of snapshots, their entries, models, raw figures and sources. Read-only."""
import re

from django.conf import settings
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from benchmarks.models import CatalogModel, Source
from rankings.models import Ranking, RankingEntry

# The list columns, in order: the JSON rows carry them (and a few details), the CSV exactly them.
LIST_FIELDS = [
    "rank", "tie_group", "model_id", "model_name", "provider", "composite_score", "performance_score",
    "value_score", "overall_score", "coverage", "ttft_median", "ttft_p95", "throughput_median",
    "throughput_p95", "total_latency_median", "total_latency_p95", "quality_index", "prompt_price",
    "completion_price", "blended_price", "context_length", "open_weights", "sources",
    "benchmark_data_updated_at", "performance_data_updated_at", "pricing_data_updated_at",
]
SECRET_VALUE = re.compile(r"((?:api[_-]?key|token|secret|password|authorization)[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?"
                          r"|bearer\s+)[^\s&\"',;]{4,}", re.IGNORECASE)
URL_CREDENTIALS = re.compile(r"(\w+://)[^/\s@]+@")
DETAIL_FIELDS = ["composite_stderr", "composite_low", "composite_high", "coverage_detail", "reasons"]


def _price():
    # Prices as JSON numbers (USD per 1M tokens), not DRF's default decimal strings.
    return serializers.DecimalField(max_digits=14, decimal_places=6, coerce_to_string=False,
                                    allow_null=True, read_only=True)


class RankingEntrySerializer(serializers.ModelSerializer):
    model_id = serializers.CharField(source="model.canonical_id", read_only=True,
                                     help_text="Canonical model id, e.g. anthropic/claude-sonnet-4.5.")
    prompt_price = _price()
    completion_price = _price()
    blended_price = _price()
    sources = serializers.ListField(child=serializers.CharField(), read_only=True)
    coverage_detail = serializers.DictField(read_only=True)
    reasons = serializers.DictField(read_only=True)

    class Meta:
        model = RankingEntry
        fields = LIST_FIELDS + DETAIL_FIELDS
        read_only_fields = fields


class SnapshotSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="Always published: the API lists no other.")
    weights = serializers.DictField(child=serializers.FloatField(), read_only=True)

    class Meta:
        model = Ranking
        fields = ["id", "computed_at", "status", "methodology_version", "weights", "model_count", "notes"]
        read_only_fields = fields


class SnapshotDetailSerializer(SnapshotSerializer):
    methodology = serializers.DictField(read_only=True)
    entries = RankingEntrySerializer(many=True, read_only=True)

    class Meta(SnapshotSerializer.Meta):
        fields = SnapshotSerializer.Meta.fields + ["methodology", "entries"]
        read_only_fields = fields


@extend_schema_serializer(many=False)  # already the page envelope: the schema must not wrap it again
class RankingListSerializer(serializers.Serializer):
    """The envelope of /api/rankings/: the page of rows and what produced them."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    snapshot = SnapshotSerializer(allow_null=True)
    notice = serializers.CharField(allow_null=True, help_text="Set when there is nothing to rank yet.")
    weights = serializers.DictField(help_text="Effective weights (normalised): coding, performance, value, "
                                              "and the coding benchmarks' weights under 'benchmarks'.")
    custom_weights = serializers.BooleanField()
    attribution = serializers.CharField()
    results = RankingEntrySerializer(many=True)


class ModelSummarySerializer(serializers.ModelSerializer):
    model_id = serializers.CharField(source="canonical_id", read_only=True)
    prompt_price = _price()
    completion_price = _price()

    class Meta:
        model = CatalogModel
        fields = ["model_id", "name", "provider", "open_weights", "context_length", "release_date",
                  "prompt_price", "completion_price", "pricing_variable", "pricing_updated_at", "origin"]
        read_only_fields = fields


class FigureSerializer(serializers.Serializer):
    """One raw figure behind a model's scores: an upstream row or an admin-curated fallback."""

    origin = serializers.CharField(help_text="upstream (a fetched row) or fallback (curated by an admin).")
    source = serializers.CharField()
    benchmark = serializers.CharField()
    metric = serializers.CharField()
    value = serializers.FloatField()
    unit = serializers.CharField(allow_blank=True)
    configuration = serializers.DictField()
    raw_model = serializers.CharField(allow_blank=True)
    stderr = serializers.FloatField(allow_null=True)
    sample_size = serializers.IntegerField(allow_null=True)
    upstream_date = serializers.DateField(allow_null=True)
    fetched_at = serializers.DateTimeField(allow_null=True)
    source_url = serializers.CharField(allow_blank=True)


class ModelDetailSerializer(ModelSummarySerializer):
    figures = FigureSerializer(many=True, read_only=True)
    latest_entry = RankingEntrySerializer(allow_null=True, read_only=True)
    latest_snapshot_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta(ModelSummarySerializer.Meta):
        fields = ModelSummarySerializer.Meta.fields + ["figures", "latest_snapshot_id", "latest_entry"]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    last_error = serializers.SerializerMethodField(help_text="The last failure, secrets removed.")
    stored_rows = serializers.IntegerField(read_only=True)
    matched_rows = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = ["slug", "name", "kind", "enabled", "status", "last_attempt_at", "last_success_at", "last_error",
                  "row_count", "stored_rows", "matched_rows", "upstream_version", "homepage", "attribution"]
        read_only_fields = fields

    def get_last_error(self, source: Source) -> str:
        return redact(source.last_error)


def redact(text: str) -> str:
    """`text` without the configured API keys, credentials in URLs, or key=/token= style values."""
    for secret in (settings.OPENROUTER_API_KEY, settings.ARTIFICIAL_ANALYSIS_API_KEY, settings.HF_TOKEN):
        if secret:
            text = text.replace(secret, "[redacted]")
    text = SECRET_VALUE.sub(lambda m: m.group(1) + "[redacted]", text)
    return URL_CREDENTIALS.sub(r"\1[redacted]@", text)


class MoveSerializer(serializers.Serializer):
    model_id = serializers.CharField()
    model_name = serializers.CharField()
    rank_before = serializers.IntegerField(allow_null=True)
    rank_after = serializers.IntegerField(allow_null=True)
    rank_change = serializers.IntegerField(allow_null=True, help_text="Positive: moved up.")
    overall_before = serializers.FloatField(allow_null=True)
    overall_after = serializers.FloatField(allow_null=True)
    overall_change = serializers.FloatField(allow_null=True)
    composite_before = serializers.FloatField(allow_null=True)
    composite_after = serializers.FloatField(allow_null=True)
    composite_change = serializers.FloatField(allow_null=True)


class DiffModelSerializer(serializers.Serializer):
    model_id = serializers.CharField()
    model_name = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    overall_score = serializers.FloatField(allow_null=True)


class SnapshotDiffSerializer(serializers.Serializer):
    snapshot = serializers.IntegerField()
    against = serializers.IntegerField()
    added = DiffModelSerializer(many=True)
    removed = DiffModelSerializer(many=True)
    moved = MoveSerializer(many=True)
    unchanged = serializers.IntegerField()


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    message = serializers.CharField()
    errors = serializers.JSONField(required=False)
