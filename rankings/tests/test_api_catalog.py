"""/api/models/, /api/models/{id}/ and /api/sources/: raw figures with provenance, source status without secrets."""
import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from benchmarks.models import BenchmarkFallback, PerformanceFallback, Source


@pytest.fixture
def sonnet(make_model, make_row, make_snapshot):
    model = make_model("anthropic/claude-sonnet-4.5", name="Claude Sonnet 4.5")
    make_row(model, "swebench-verified", 70.6, raw_model="Claude 4.5 Sonnet (OpenHands)",
             config={"agent": "OpenHands"}, upstream_date=dt.date(2025, 10, 1), sample_size=500)
    make_row(model, "aider-polyglot", 61.3, source="aider", metric="pass_rate_2")
    BenchmarkFallback.objects.create(model=model, benchmark="livebench-coding", value=72.0,
                                     as_of=dt.date(2025, 9, 1), source_url="https://livebench.ai/")
    PerformanceFallback.objects.create(model=model, ttft_median=1.2, throughput_median=70.0, as_of=dt.date(2025, 9, 2))
    make_snapshot([(model, {"composite_score": 75, "overall_score": 66})])
    return model


def test_model_detail_lists_every_raw_figure_with_its_provenance(client, sonnet):
    body = client.get("/api/models/anthropic/claude-sonnet-4.5/").json()
    assert body["model_id"] == "anthropic/claude-sonnet-4.5" and body["provider"] == "anthropic"
    figures = {(f["origin"], f["benchmark"], f["metric"]): f for f in body["figures"]}
    swe = figures[("upstream", "swebench-verified", "resolved")]
    assert swe["source"] == "swebench" and swe["value"] == 70.6 and swe["configuration"] == {"agent": "OpenHands"}
    assert swe["upstream_date"] == "2025-10-01" and swe["fetched_at"] and swe["sample_size"] == 500
    assert figures[("upstream", "aider-polyglot", "pass_rate_2")]["source"] == "aider"
    live = figures[("fallback", "livebench-coding", "score")]
    assert live["source"] == "livebench" and live["upstream_date"] == "2025-09-01"
    assert figures[("fallback", "artificialanalysis", "ttft_median")]["value"] == 1.2
    assert ("fallback", "artificialanalysis", "ttft_p95") not in figures
    assert body["latest_entry"]["overall_score"] == 66 and body["latest_snapshot_id"]


def test_model_without_ranking_entry_has_a_null_latest_entry(client, make_model):
    make_model("mistralai/devstral")
    body = client.get("/api/models/mistralai/devstral/").json()
    assert body["figures"] == [] and body["latest_entry"] is None and body["latest_snapshot_id"] is None


@pytest.mark.django_db
def test_unknown_model_is_a_json_404(client):
    response = client.get("/api/models/nobody/nothing-1.0/")
    assert response.status_code == 404 and "nobody/nothing-1.0" in response.json()["message"]


def test_model_list_filters_by_provider_and_search(client, sonnet, make_model):
    make_model("openai/gpt-4.1", name="GPT-4.1")
    assert [m["model_id"] for m in client.get("/api/models/").json()["results"]] == [
        "anthropic/claude-sonnet-4.5", "openai/gpt-4.1"]
    assert [m["model_id"] for m in client.get("/api/models/?provider=OpenAI").json()["results"]] == ["openai/gpt-4.1"]
    assert [m["model_id"] for m in client.get("/api/models/?search=sonnet").json()["results"]] == [
        "anthropic/claude-sonnet-4.5"]
    assert client.get("/api/models/?open_weights=perhaps").status_code == 400


@override_settings(ARTIFICIAL_ANALYSIS_API_KEY="aa-secret-123456")
def test_sources_show_status_counts_and_no_secrets(client, sonnet):
    Source.objects.filter(slug="artificialanalysis").update(
        status=Source.Status.FAILED, last_error="HTTP 401 with x-api-key: aa-secret-123456 for "
                                                "https://user:pw@artificialanalysis.ai/api?token=abcdef1",
        last_attempt_at=timezone.now(), upstream_version="v2")
    sources = {s["slug"]: s for s in client.get("/api/sources/").json()}
    assert set(sources) >= {"openrouter", "swebench", "artificialanalysis", "lmarena"}
    aa = sources["artificialanalysis"]
    assert aa["status"] == "failed" and aa["upstream_version"] == "v2" and "HTTP 401" in aa["last_error"]
    assert "aa-secret" not in aa["last_error"] and "abcdef1" not in aa["last_error"] and "pw@" not in aa["last_error"]
    assert sources["swebench"]["stored_rows"] == 1 and sources["swebench"]["matched_rows"] == 1
    assert "last_success_at" in aa and "row_count" in aa
