"""LiveBench: coding category averages as the site computes them, columns found by name."""
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.livebench import LiveBenchFetcher

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "livebench"


def parse(table: str, categories: str, release: str = "2026_01_08"):
    return LiveBenchFetcher(release=release).parse(
        {f"table_{release}.csv": table, f"categories_{release}.json": categories})


def fixture_result():
    return parse((FIXTURES / "livebench_table_2026_01_08.csv").read_text(),
                 (FIXTURES / "livebench_categories_2026_01_08.json").read_text())


def values(result) -> dict:
    return {(row.model, row.benchmark): row.value for row in result.rows}


def test_category_average_is_the_mean_of_its_task_columns():
    found = values(fixture_result())
    assert found[("claude-opus-4-5-20251101-thinking-64k-high-effort", "livebench-coding")] == pytest.approx(79.65)
    assert found[("claude-opus-4-5-20251101-thinking-64k-high-effort", "livebench-agentic-coding")] == \
        pytest.approx((68.0 + 67.05 + 54.95) / 3)


def test_empty_cells_are_skipped_not_counted_as_zero():
    found = values(fixture_result())
    assert found[("gpt-5.2-2025-12-11-nothinking", "livebench-coding")] == 71.0
    assert ("glm-4.6", "livebench-coding") not in found


def test_short_row_is_reported_and_not_misread():
    result = fixture_result()
    assert not any(row.model == "nemotron-3-super-120b-a12b" for row in result.rows)
    assert "line 6 ('nemotron-3-super-120b-a12b': 5 fields, header has 8)" in result.warnings[0]


def test_upstream_version_and_date_are_the_release():
    result = fixture_result()
    assert result.upstream_version == "2026_01_08"
    assert str(result.rows[0].upstream_date) == "2026-01-08"


def test_fetcher_requests_the_configured_release(settings):
    settings.LIVEBENCH_RELEASE = "2025_12_23"
    assert LiveBenchFetcher().paths() == ["table_2025_12_23.csv", "categories_2025_12_23.json"]


@pytest.mark.parametrize("table, categories, reason", [
    ("", '{"Coding": ["a"]}', "is empty"),
    ("name,a\nx,1\n", '{"Coding": ["a"]}', "should start with a 'model' column"),
    ("model,a\n", '{"Coding": ["a"]}', "has no model rows"),
    ("model,a\nx,1\n", '{"Math": ["a"]}', "none of the coding task columns"),
    ("model,a\nx,1\n", '["Coding"]', "should be a JSON object"),
])
def test_malformed_payloads_are_rejected(table, categories, reason):
    with pytest.raises(PayloadRejected, match=reason):
        parse(table, categories)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/livebench (real snapshots) are absent")
@pytest.mark.parametrize("release, model, coding, agentic", [
    ("2026_01_08", "claude-opus-4-5-20251101-thinking-64k-high-effort", (78.873 + 80.435) / 2, (50 + 55 + 85) / 3),
    ("2025_12_23", "claude-4-1-opus-20250805-base", (76.056 + 76.087) / 2, (45 + 40 + 75) / 3),
])
def test_real_releases_give_both_categories_for_65_models(release, model, coding, agentic):
    result = parse((SHARED / f"table_{release}.csv").read_text(), (SHARED / f"categories_{release}.json").read_text(),
                   release)
    assert len(result.rows) == 130 and result.warnings == []
    found = values(result)
    assert found[(model, "livebench-coding")] == pytest.approx(coding)
    assert found[(model, "livebench-agentic-coding")] == pytest.approx(agentic)
