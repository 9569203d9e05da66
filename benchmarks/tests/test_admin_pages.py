"""The curation admin: every page opens, and bad values come back as plain-words errors."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from benchmarks.models import PerformanceFallback

ADMIN_MODELS = ["source", "fetchrun", "catalogmodel", "modelalias", "unmatchedname", "benchmarkrow",
                "performancefallback", "benchmarkfallback"]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("curator", "curator@example.org", "pw-for-tests-only")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model_name", ADMIN_MODELS)
def test_changelist_opens(admin_client, make_model, make_row, model_name):
    make_row(make_model())
    response = admin_client.get(reverse(f"admin:benchmarks_{model_name}_changelist"))
    assert response.status_code == 200


def test_negative_ttft_in_admin_form_shows_message(admin_client, make_model):
    model = make_model()
    response = admin_client.post(reverse("admin:benchmarks_performancefallback_add"), {
        "model": model.pk, "ttft_median": "-1", "as_of": "2026-01-01"})
    assert response.status_code == 200
    assert "This cannot be negative." in response.content.decode()
    assert not PerformanceFallback.objects.exists()


def test_fallback_csv_export_names_models_by_canonical_id(admin_client, make_model):
    model = make_model("anthropic/claude-test")
    PerformanceFallback.objects.create(model=model, ttft_median=1.5, as_of="2026-01-01")
    response = admin_client.post(reverse("admin:benchmarks_performancefallback_export"),
                                 {"format": "0", "export_items": [], "resource": "0",
                                  "performancefallbackresource_model": "on",
                                  "performancefallbackresource_ttft_median": "on"})
    assert response.status_code == 200
    assert "anthropic/claude-test" in response.content.decode()


def test_editing_a_catalog_model_marks_it_as_admin_owned(admin_client, make_model):
    model = make_model("openai/gpt-test")
    url = reverse("admin:benchmarks_catalogmodel_change", args=[model.pk])
    form = {"canonical_id": model.canonical_id, "name": "GPT Test (renamed)", "provider": "openai",
            "origin": "openrouter", "active": "on", "context_length": "1000",
            "performance_fallback-TOTAL_FORMS": "0", "performance_fallback-INITIAL_FORMS": "0",
            "benchmark_fallbacks-TOTAL_FORMS": "0", "benchmark_fallbacks-INITIAL_FORMS": "0"}
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    model.refresh_from_db()
    assert (model.name, model.origin) == ("GPT Test (renamed)", "admin")
