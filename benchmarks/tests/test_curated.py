import json
import shutil
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from benchmarks.curated import CURATED_DIR, CuratedDataError, load_curated
from benchmarks.models import BenchmarkFallback, CatalogModel, PerformanceFallback


def curated(kind: str) -> list[dict]:
    return json.loads((CURATED_DIR / f"{kind}.json").read_text(encoding="utf-8"))


def row_counts() -> tuple[int, int, int]:
    return CatalogModel.objects.count(), PerformanceFallback.objects.count(), BenchmarkFallback.objects.count()


@pytest.fixture
def curated_copy(tmp_path):
    """A writable copy of the shipped data files, to break one of them."""
    for kind in ("catalog", "performance", "benchmarks"):
        shutil.copy(CURATED_DIR / f"{kind}.json", tmp_path / f"{kind}.json")
    return tmp_path


@pytest.mark.django_db
def test_loading_twice_creates_nothing_the_second_time():
    first = load_curated()
    counts = row_counts()
    second = load_curated()
    assert row_counts() == counts
    assert counts == (len(curated("catalog")), len(curated("performance")), len(curated("benchmarks")))
    assert all(second[kind]["created"] == 0 for kind in second)
    assert second["catalog"]["kept"] == first["catalog"]["created"]


@pytest.mark.django_db
def test_catalog_rows_are_marked_curated():
    load_curated()
    assert set(CatalogModel.objects.values_list("origin", flat=True)) == {CatalogModel.Origin.CURATED}


@pytest.mark.django_db
def test_admin_edits_and_deactivation_survive_a_second_load():
    load_curated()
    model = CatalogModel.objects.get(canonical_id="anthropic/claude-sonnet-4.5")
    model.name, model.active = "Sonnet (renamed by admin)", False
    model.save()
    PerformanceFallback.objects.filter(model=model).update(ttft_median=9.5)
    BenchmarkFallback.objects.filter(model=model, benchmark="swebench-verified").update(value=12.5)
    load_curated()
    model.refresh_from_db()
    assert (model.name, model.active) == ("Sonnet (renamed by admin)", False)
    assert model.performance_fallback.ttft_median == 9.5
    assert model.benchmark_fallbacks.get(benchmark="swebench-verified").value == 12.5


@pytest.mark.django_db
def test_existing_openrouter_model_is_kept_and_gets_curated_figures(make_model):
    make_model("openai/gpt-5", name="GPT-5 from OpenRouter")
    load_curated()
    model = CatalogModel.objects.get(canonical_id="openai/gpt-5")
    assert model.origin == CatalogModel.Origin.OPENROUTER
    assert model.name == "GPT-5 from OpenRouter"
    assert model.benchmark_fallbacks.exists()


@pytest.mark.django_db
def test_command_prints_created_and_kept(capsys):
    call_command("load_curated")
    call_command("load_curated")
    out = capsys.readouterr().out
    assert f"catalog: {len(curated('catalog'))} created, 0 kept" in out
    assert f"catalog: 0 created, {len(curated('catalog'))} kept" in out


@pytest.mark.django_db
def test_file_that_is_not_json_gives_command_error_and_loads_nothing(curated_copy):
    (curated_copy / "benchmarks.json").write_text('[{"model": "openai/gpt-5", ', encoding="utf-8")
    with pytest.raises(CommandError, match="benchmarks.json: cannot read it as JSON"):
        call_command("load_curated", "--dir", str(curated_copy))
    assert row_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_one_invalid_record_rejects_the_whole_load(curated_copy):
    records = curated("benchmarks")
    records[-1]["value"] = 250.0  # a percentage above 100
    (curated_copy / "benchmarks.json").write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(CommandError, match=r"benchmarks.json #\d+ .*from 0 to 100"):
        call_command("load_curated", "--dir", str(curated_copy))
    assert row_counts() == (0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("record, message", [
    ({"model": "nobody/none", "benchmark": "aider-polyglot", "value": 1, "as_of": "2025-01-01"}, "no catalog model"),
    ({"model": "openai/gpt-5", "benchmark": "not-a-benchmark", "value": 1, "as_of": "2025-01-01"}, "benchmark"),
    ({"model": "openai/gpt-5", "benchmark": "humaneval", "value": 1, "as_of": "yesterday"}, "as_of"),
    ({"model": "openai/gpt-5", "benchmark": "humaneval", "value": 1, "as_of": "2025-01-01", "extra": 1},
     "unknown field"),
])
def test_bad_benchmark_record_is_reported_clearly(curated_copy, record, message):
    (curated_copy / "benchmarks.json").write_text(json.dumps([record]), encoding="utf-8")
    with pytest.raises(CuratedDataError, match=message):
        load_curated(curated_copy)
    assert row_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_file_that_is_not_a_list_is_rejected(curated_copy):
    (curated_copy / "catalog.json").write_text('{"data": []}', encoding="utf-8")
    with pytest.raises(CuratedDataError, match="expected a JSON list"):
        load_curated(curated_copy)


@pytest.mark.django_db
def test_every_curated_record_passes_model_validation():
    counts = load_curated()  # raises CuratedDataError listing any record that fails full_clean
    for model in CatalogModel.objects.all():
        model.full_clean()
    assert counts["benchmarks"]["created"] == len(curated("benchmarks"))


def test_every_catalog_model_has_a_figure():
    with_figures = {r["model"] for r in curated("performance")} | {r["model"] for r in curated("benchmarks")}
    assert {r["canonical_id"] for r in curated("catalog")} <= with_figures


def test_coverage_is_broad_enough():
    catalog_ids = [r["canonical_id"] for r in curated("catalog")]
    scores = Counter(r["model"] for r in curated("benchmarks"))
    with_performance = {r["model"] for r in curated("performance")}
    well_covered = [cid for cid in catalog_ids if cid in with_performance and scores[cid] >= 3]
    assert len(catalog_ids) >= 30
    assert len(well_covered) >= 25


def test_natural_keys_are_unique_in_the_files():
    assert len({r["canonical_id"] for r in curated("catalog")}) == len(curated("catalog"))
    assert len({r["model"] for r in curated("performance")}) == len(curated("performance"))
    assert len({(r["model"], r["benchmark"]) for r in curated("benchmarks")}) == len(curated("benchmarks"))


def test_total_latency_is_ttft_plus_500_tokens():
    for record in curated("performance"):
        if record["ttft_median"] and record["throughput_median"]:
            expected = record["ttft_median"] + 500 / record["throughput_median"]
            assert record["total_latency_median"] == pytest.approx(expected, abs=0.001)


@pytest.mark.shared
def test_catalog_prices_match_the_openrouter_snapshot(shared_sources):
    from decimal import Decimal
    upstream = {m["id"]: m for m in json.loads((shared_sources / "openrouter" / "models.json").read_text())["data"]}
    for record in curated("catalog"):
        pricing = upstream[record["canonical_id"]]["pricing"]
        assert Decimal(record["prompt_price"]) == Decimal(pricing["prompt"]) * 1_000_000
        assert Decimal(record["completion_price"]) == Decimal(pricing["completion"]) * 1_000_000
