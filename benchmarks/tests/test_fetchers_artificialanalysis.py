"""Artificial Analysis: both response shapes, pagination, 0 = not measured, derived latency."""
from pathlib import Path

import httpx
import pytest
import respx
from django.conf import settings as django_settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.artificialanalysis import ArtificialAnalysisFetcher

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(django_settings.BASE_DIR).parent / "shared" / "sources" / "artificialanalysis"
BASE = "http://mirror.test/aa"


def figures(text: str) -> dict:
    result = ArtificialAnalysisFetcher().parse({"data/llms/models": text})
    return {(row.model, row.metric): row for row in result.rows}


def test_classic_shape_gives_speed_index_and_price_rows():
    found = figures((FIXTURES / "artificialanalysis_data_llms_models.json").read_text())
    name = "Claude Opus 4.6 (Adaptive Reasoning, Max Effort)"
    assert found[(name, "throughput_median")].value == 72.143
    assert found[(name, "coding_index")].value == 48.1
    assert found[(name, "price_blended")].unit == "USD/1M"
    assert found[(name, "ttft_median")].upstream_id == "53c98840-47af-49aa-94e6-469fb17e9a1b"


def test_total_latency_is_ttft_plus_500_tokens_at_the_measured_speed():
    found = figures((FIXTURES / "artificialanalysis_data_llms_models.json").read_text())
    row = found[("Claude Opus 4.6 (Adaptive Reasoning, Max Effort)", "total_latency_median")]
    assert row.value == pytest.approx(1.772 + 500 / 72.143)


def test_zero_means_not_measured_and_gives_no_row():
    found = figures((FIXTURES / "artificialanalysis_data_llms_models.json").read_text())
    assert ("Gemma 3 27B Instruct", "price_input") not in found
    assert ("Gemma 3 27B Instruct", "throughput_median") in found
    assert not any(model == "Devstral 2" and metric.endswith(("median",)) for model, metric in found)


def fetch_two_language_pages(path: str):
    """Fetch through `path`, served as the newer API's two pages; returns (route, result)."""
    route = respx.get(f"{BASE}/{path}").mock(side_effect=[
        httpx.Response(200, text=(FIXTURES / f"artificialanalysis_language_page{n}.json").read_text())
        for n in (1, 2)])
    with httpx.Client() as client:
        return route, ArtificialAnalysisFetcher(BASE).fetch(client)


@respx.mock
def test_language_shape_follows_pages_and_keeps_the_index_version(settings):
    settings.ARTIFICIAL_ANALYSIS_API_KEY = "k"
    route, result = fetch_two_language_pages("data/llms/models")
    assert route.calls[1].request.url.params["page"] == "2"
    found = {(row.model, row.metric): row for row in result.rows}
    assert found[("Gemini 3.5 Flash (high)", "first_answer_token_median")].value == 20.86
    assert found[("Kimi K2.5 (Reasoning)", "coding_index")].config == {"index_version": "4.1"}
    assert result.upstream_version == "intelligence index 4.1"
    assert ("GLM-4.5V (Non-reasoning)", "price_input") not in found


@respx.mock
def test_the_newer_endpoint_is_one_setting_away(settings):
    settings.ARTIFICIAL_ANALYSIS_API_KEY = "k"
    settings.ARTIFICIALANALYSIS_MODELS_PATH = "language/models/free"
    route, result = fetch_two_language_pages("language/models/free")
    assert route.call_count == 2 and route.calls[0].request.headers["x-api-key"] == "k"
    assert any(row.model == "Kimi K2.5 (Reasoning)" for row in result.rows)


@pytest.mark.parametrize("text, reason", [
    ('{"status": 200, "data": []}', "holds an empty 'data' list"),
    ('{"status": 200, "data": [{"id": "x", "name": "X", "pricing": {"price_1m_input_tokens": 0}}]}', "no measured figure"),
    ('{"status": 200}', "no 'data' list"),
    ('[{"id": "x"}]', "should be a JSON object"),
    ('{"status": 200, "data": [{"id": "x", "name": "X", "median_output', "not valid JSON"),
])
def test_malformed_payloads_are_rejected(text, reason):
    with pytest.raises(PayloadRejected, match=reason):
        figures(text)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/artificialanalysis (real snapshots) are absent")
def test_real_classic_snapshot():
    found = figures((SHARED / "data_llms_models_2026-02-27.json").read_text())
    assert len(found) == 2556
    assert len({model for model, _metric in found}) == 408  # 412 models, 4 with nothing measured
    assert found[("GPT-5.3 Codex (xhigh)", "coding_index")].value == 53.1
    assert found[("GPT-5.3 Codex (xhigh)", "price_blended")].value == 4.813


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/artificialanalysis (real snapshots) are absent")
def test_real_language_snapshot_page():
    result = ArtificialAnalysisFetcher().parse(
        {"data/llms/models": (SHARED / "language_models_free_page1_2026-06.json").read_text()})
    found = {(row.model, row.metric): row.value for row in result.rows}
    assert result.upstream_version == "intelligence index 4.1"
    assert found[("Gemini 3.5 Flash (high)", "coding_index")] == 70.1
    assert found[("Gemini 3.5 Flash (high)", "throughput_median")] == 158.97
