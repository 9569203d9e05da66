"""build_rankings: hand-checkable snapshot, provenance, failure safety, query count, retention."""
import datetime as dt
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.models import BenchmarkFallback, CatalogModel, PerformanceFallback
from rankings.build import CODING_KEYS as CODING
from rankings.build import build_rankings
from rankings.models import Ranking, RankingEntry

FETCHED = timezone.make_aware(dt.datetime(2026, 1, 10, 3, 15))


@pytest.fixture
def small_db(make_model, make_row):
    a = make_model("openai/a", prompt_price=1, completion_price=4, pricing_updated_at=FETCHED)
    make_row(a, "swebench-verified", 60.0, sample_size=500, config={"agent": "mini-SWE-agent"}, fetched_at=FETCHED)
    plain = make_row(a, "aider-polyglot", 50.0, source="aider", metric="pass_rate_2", sample_size=225,
                     config={"edit_format": "diff"}, fetched_at=FETCHED - dt.timedelta(days=1))
    make_row(a, "aider-polyglot", 70.0, source="aider", metric="pass_rate_2",
             config={"edit_format": "architect", "editor_model": "gpt-x"}, fetched_at=FETCHED)
    make_row(a, "aider-polyglot", 14.4, source="aider", metric="cost", unit="USD", fetched_at=FETCHED)
    for metric, value in [("ttft_median", 2.0), ("throughput_median", 100.0), ("total_latency_median", 10.0),
                          ("coding_index", 40.0)]:
        make_row(a, "artificialanalysis", value, source="artificialanalysis", metric=metric, unit="",
                 upstream_id="uuid-a", fetched_at=FETCHED)
    b = make_model("anthropic/b", prompt_price=None, completion_price=None, origin=CatalogModel.Origin.ADMIN)
    make_row(b, "swebench-bash-only", 40.0, sample_size=500, fetched_at=FETCHED)
    BenchmarkFallback.objects.create(model=b, benchmark="lmarena-coding", value=1300.0, as_of=dt.date(2025, 12, 1))
    PerformanceFallback.objects.create(model=b, throughput_median=100.0, ttft_p95=3.0, as_of=dt.date(2025, 12, 1))
    c = make_model("meta/c")
    make_row(c, "humaneval-plus", 90.0, source="evalplus", metric="pass@1", fetched_at=FETCHED)
    make_model("mistral/no-data")
    return {"a": a, "b": b, "c": c, "plain_aider": plain}


def entries(ranking):
    return {e.model.canonical_id: e for e in ranking.entries.select_related("model")}


@pytest.mark.django_db
def test_build_gives_hand_checked_scores(small_db):
    ranking = build_rankings()
    got = entries(ranking)
    assert ranking.status == Ranking.Status.PUBLISHED and ranking.model_count == 3 and "mistral/no-data" not in got
    a, b, c = got["openai/a"], got["anthropic/b"], got["meta/c"]
    assert a.composite_score == pytest.approx(56.25)  # (0.25*60 + 0.15*50) / 0.40, plain aider run
    assert a.performance_score == pytest.approx(50.0)
    value = 100 * math.log10(50 / (1.75 / 0.5625)) / 3  # blended 0.75*1 + 0.25*4 = 1.75 USD
    assert a.value_score == pytest.approx(value)
    assert a.overall_score == pytest.approx(0.5 * 56.25 + 0.3 * 50 + 0.2 * value)
    assert float(a.blended_price) == pytest.approx(1.75)
    assert b.composite_score == pytest.approx((0.25 * 40 + 0.10 * 50) / 0.35)
    assert b.overall_score is None and "value" in b.reasons["overall"] and b.reasons["value"] == "No price known."
    assert (a.rank, b.rank, c.rank) == (1, 2, None)
    assert c.composite_score is None and c.coverage == pytest.approx(0.05) and c.reasons["composite"]


@pytest.mark.django_db
def test_build_records_provenance_and_freshness(small_db):
    got = entries(build_rankings())
    a, b = got["openai/a"], got["anthropic/b"]
    aider = a.provenance["benchmarks"]["aider-polyglot"]
    assert aider["row_id"] == small_db["plain_aider"].pk and aider["origin"] == "upstream" and not aider["scaffold"]
    assert a.provenance["performance"]["throughput_median"]["source"] == "artificialanalysis"
    assert a.sources == ["aider", "artificialanalysis", "openrouter", "swebench"]
    assert a.benchmark_data_updated_at == FETCHED and a.pricing_data_updated_at == FETCHED
    assert a.quality_index == 40.0 and a.parts["benchmarks"]["swebench-verified"]["score"] == 60.0
    arena = b.provenance["benchmarks"]["lmarena-coding"]
    assert arena["origin"] == "fallback" and arena["upstream_date"] == "2025-12-01"
    assert b.provenance["benchmarks"]["swebench-verified"]["benchmark"] == "swebench-bash-only"
    assert b.throughput_median == 100.0 and b.ttft_p95 == 3.0
    assert b.provenance["performance"]["ttft_p95"]["origin"] == "fallback"
    # A curated figure is as fresh as the day upstream measured it, not the day it was loaded.
    as_of = timezone.make_aware(dt.datetime(2025, 12, 1), dt.timezone.utc)
    assert b.performance_data_updated_at == as_of
    assert b.benchmark_data_updated_at == FETCHED  # the upstream SWE-bench row is newer than the fallback


@pytest.mark.django_db
def test_upstream_row_beats_fallback_for_the_same_benchmark(small_db, make_row):
    make_row(small_db["b"], "lmarena-coding", 1420.0, source="lmarena", metric="elo", unit="elo")
    arena = entries(build_rankings())["anthropic/b"].provenance["benchmarks"]["lmarena-coding"]
    assert arena["raw_value"] == 1420.0 and arena["origin"] == "upstream"


@pytest.mark.django_db
def test_methodology_and_weights_are_stored(small_db):
    ranking = build_rankings(weights={"coding": 2, "performance": 1, "value": 1})
    assert ranking.weights == {"coding": 0.5, "performance": 0.25, "value": 0.25}
    assert ranking.methodology["coding_benchmarks"]["swebench-verified"]["floor"] == 0.0
    assert ranking.methodology_version == ranking.methodology["version"]


@pytest.mark.django_db
def test_invalid_weights_raise_and_write_nothing(small_db):
    with pytest.raises(ValueError):
        build_rankings(weights={"coding": -1, "performance": 1, "value": 1})
    assert not Ranking.objects.exists()


@pytest.mark.django_db
def test_failed_build_keeps_previous_snapshot_published(small_db, monkeypatch):
    old = build_rankings()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RankingEntry.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        build_rankings()
    assert Ranking.objects.latest_published() == old
    assert old.entries.count() == 3
    failed = Ranking.objects.get(status=Ranking.Status.FAILED)
    assert "disk full" in failed.notes and not failed.entries.exists()


@pytest.mark.django_db
def test_old_snapshots_beyond_retention_are_deleted(small_db, settings):
    settings.RANKINGS_SNAPSHOT_RETENTION = 2
    built = [build_rankings(now=FETCHED + dt.timedelta(hours=h)) for h in range(3)]
    assert list(Ranking.objects.order_by("computed_at")) == built[1:]
    assert RankingEntry.objects.filter(ranking=built[0].pk).count() == 0


def populate(make_model, make_row, count, start):
    for i in range(start, start + count):
        model = make_model(f"vendor/m{i}")
        make_row(model, "swebench-verified", 30.0 + i % 50, sample_size=500)
        make_row(model, "livebench-coding", 40.0 + i % 40, source="livebench", metric="score")
        make_row(model, "artificialanalysis", 50.0 + i, source="artificialanalysis", metric="throughput_median")
        PerformanceFallback.objects.create(model=model, ttft_median=1.0, as_of=dt.date(2026, 1, 1))


@pytest.mark.django_db
def test_query_count_does_not_grow_with_models(make_model, make_row, django_assert_num_queries):
    populate(make_model, make_row, 3, 0)
    with CaptureQueriesContext(connection) as small:
        build_rankings()
    populate(make_model, make_row, 40, 3)
    with django_assert_num_queries(len(small.captured_queries)):
        ranking = build_rankings()
    assert ranking.model_count == 43


# --- end to end over the real upstream snapshots, through a 127.0.0.1 mirror ----------------------

@pytest.fixture
def mirror(shared_sources, settings):
    from bench.mirror import serve_snapshots

    settings.ARTIFICIAL_ANALYSIS_API_KEY = "test-key"
    with serve_snapshots(shared_sources) as urls:
        settings.SOURCE_BASE_URLS = urls
        yield


@pytest.mark.shared
@pytest.mark.django_db(transaction=True)
def test_real_snapshots_give_an_honest_ranking(mirror):
    from benchmarks.models import BenchmarkRow
    from benchmarks.refresh import refresh_sources

    refresh_sources(force=True)

    in_coding = set(BenchmarkRow.objects.matched().filter(benchmark__in=CODING).values_list("model_id", flat=True))
    got = {e.model_id: e for e in build_rankings().entries.all()}
    with_composite = [pk for pk in in_coding if got.get(pk) and got[pk].composite_score is not None]
    assert len(with_composite) >= 0.7 * len(in_coding) > 0
    # The snapshots are of different dates, so many new models have only one or two benchmarks: those
    # scores are provisional and rank after the established ones (RULES["order"]).
    top = sorted((e for e in got.values() if e.composite_score is not None), key=lambda e: e.rank)[:20]
    assert all(e.coverage >= 0.5 for e in top), [(e.model_name, e.coverage) for e in top if e.coverage < 0.5]
    provisional = [e for e in got.values() if e.coverage_detail.get("provisional")]
    assert provisional and all(e.composite_score is not None and e.coverage < 0.5 for e in provisional)
    providers = {e.model.provider.lower() for e in got.values() if e.overall_score is not None}
    assert {"openai", "anthropic", "google", "deepseek"} <= providers
