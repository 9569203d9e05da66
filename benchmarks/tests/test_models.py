"""Model validation: bad values are rejected with a message a curator understands."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from benchmarks.models import BenchmarkFallback, CatalogModel, ModelAlias, PerformanceFallback, Source


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as info:
        instance.full_clean()
    return info.value.message_dict


@pytest.mark.django_db
class TestCatalogModel:
    def test_negative_price_rejected(self):
        model = CatalogModel(canonical_id="x/y", name="Y", provider="x", prompt_price=-1)
        assert errors_of(model)["prompt_price"] == ["This cannot be negative."]

    def test_valid_model_passes(self):
        CatalogModel(canonical_id="x/y", name="Y", provider="x", prompt_price=0).full_clean()

    def test_duplicate_canonical_id_rejected(self, make_model):
        make_model("x/y")
        assert "canonical_id" in errors_of(CatalogModel(canonical_id="x/y", name="Y", provider="x"))


@pytest.mark.django_db
class TestPerformanceFallback:
    def test_negative_ttft_rejected(self, make_model):
        fallback = PerformanceFallback(model=make_model(), ttft_median=-0.5, as_of=dt.date(2026, 1, 1))
        assert errors_of(fallback)["ttft_median"] == ["This cannot be negative."]

    def test_p95_below_median_rejected(self, make_model):
        fallback = PerformanceFallback(model=make_model(), ttft_median=2, ttft_p95=1, as_of=dt.date(2026, 1, 1))
        assert errors_of(fallback)["ttft_p95"] == ["The p95 time cannot be shorter than the median."]

    def test_quality_index_above_100_rejected(self, make_model):
        fallback = PerformanceFallback(model=make_model(), quality_index=140, as_of=dt.date(2026, 1, 1))
        assert errors_of(fallback)["quality_index"] == ["A percentage cannot be above 100."]

    def test_empty_fallback_rejected(self, make_model):
        fallback = PerformanceFallback(model=make_model(), as_of=dt.date(2026, 1, 1))
        assert "at least one figure" in str(errors_of(fallback))


@pytest.mark.django_db
class TestBenchmarkFallback:
    def test_percentage_above_100_rejected(self, make_model):
        fallback = BenchmarkFallback(model=make_model(), benchmark="swebench-verified", value=120,
                                     as_of=dt.date(2026, 1, 1))
        assert errors_of(fallback)["value"] == ["This benchmark is a percentage: give a value from 0 to 100."]

    def test_unknown_benchmark_rejected(self, make_model):
        fallback = BenchmarkFallback(model=make_model(), benchmark="vibes", value=1, as_of=dt.date(2026, 1, 1))
        assert "benchmark" in errors_of(fallback)

    def test_elo_is_not_a_percentage(self, make_model):
        BenchmarkFallback(model=make_model(), benchmark="lmarena-coding", value=1450,
                          as_of=dt.date(2026, 1, 1)).full_clean()


@pytest.mark.django_db
class TestModelAlias:
    def test_alias_needs_a_target(self):
        assert "not in catalog" in str(errors_of(ModelAlias(raw_name="Mystery 7B")))

    def test_alias_cannot_have_both_targets(self, make_model):
        alias = ModelAlias(raw_name="GPT test", model=make_model(), not_in_catalog=True)
        assert "cannot both" in str(errors_of(alias))

    def test_global_alias_unique_even_without_source(self, make_model):
        model = make_model()
        ModelAlias.objects.create(raw_name="GPT test", model=model)
        with pytest.raises(IntegrityError), transaction.atomic():
            ModelAlias.objects.create(raw_name="GPT test", model=model)

    def test_same_name_allowed_per_source(self, make_model):
        model = make_model()
        ModelAlias.objects.create(raw_name="GPT test", model=model)
        ModelAlias.objects.create(raw_name="GPT test", model=model, source=Source.objects.get(slug="aider"))
        assert ModelAlias.objects.count() == 2


@pytest.mark.django_db
def test_percent_row_out_of_range_refused_by_database(make_row):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_row(value=150.0)
