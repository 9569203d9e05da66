"""API behaviour across endpoints: constant queries, caching, 304s, read-only access, JSON errors, throttling."""
import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

ENDPOINTS = ["/api/rankings/", "/api/rankings.csv", "/api/models/", "/api/sources/", "/api/snapshots/"]


@pytest.fixture
def make_ranked(make_model, make_snapshot):
    """make_ranked(n) -> a published snapshot of n models, each with parts to re-rank."""
    def make(count: int, prefix: str = "vendor"):
        entries = []
        for i in range(count):
            model = make_model(f"{prefix}{i % 3}/model-{i}", name=f"Model {i}")
            parts = {"benchmarks": {"swebench-verified": {"score": 30 + i % 60, "stderr": 2.0}},
                     "performance": 50.0, "blended_price": 1.0}
            entries.append((model, {"composite_score": 30 + i % 60, "overall_score": 40.0, "parts": parts,
                                    "sources": ["swebench", "openrouter"]}))
        return make_snapshot(entries)
    return make


# Latest snapshot, its rows with their models, the sources for the attribution; +1 for the filtered ids.
@pytest.mark.parametrize(("query", "queries"), [
    ("", 3), ("?provider=vendor1&ordering=-ttft_median", 4),
    ("?w_coding=1&w_value=0&wb_swebench-verified=2&search=model&min_coverage=0.1", 4)])
@pytest.mark.parametrize("size", [3, 40])
def test_rankings_queries_do_not_grow_with_the_number_of_models(client, make_ranked, django_assert_num_queries,
                                                                query, queries, size):
    make_ranked(size)
    with django_assert_num_queries(queries):
        assert client.get(f"/api/rankings/{query}").status_code == 200
    with django_assert_num_queries(queries):
        assert client.get(f"/api/rankings.csv{query}").status_code == 200


def test_a_cached_response_costs_one_query(client, make_ranked, django_assert_num_queries):
    make_ranked(5)
    client.get("/api/rankings/?ordering=-overall_score")
    with django_assert_num_queries(1):  # the latest snapshot's id: the rest is served from the cache
        assert client.get("/api/rankings/?ordering=-overall_score").status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_other_endpoints_use_a_fixed_number_of_queries(client, make_ranked, make_row,
                                                       django_assert_max_num_queries, size):
    snapshot = make_ranked(size)
    previous = make_ranked(size, prefix="older")
    model_id = snapshot.entries.first().model.canonical_id
    for _ in range(size):
        make_row(model=snapshot.entries.first().model)
    for url in ("/api/models/", f"/api/models/{model_id}/", "/api/sources/", "/api/snapshots/",
                f"/api/snapshots/{snapshot.pk}/", f"/api/snapshots/{snapshot.pk}/diff/?against={previous.pk}"):
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200, url


def test_matching_etag_gets_304_and_a_new_snapshot_changes_the_answer(client, make_ranked):
    make_ranked(3)
    first = client.get("/api/rankings/")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get("/api/rankings/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/api/rankings/?limit=1", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    newer = make_ranked(4, prefix="newer")
    newer.computed_at = timezone.now() + dt.timedelta(minutes=1)
    newer.save()
    second = client.get("/api/rankings/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second.json()["count"] == 4 and second["ETag"] != first["ETag"]


def test_large_cached_responses_are_gzipped_for_clients_that_accept_it(client, make_ranked):
    import gzip
    import json

    make_ranked(30)
    plain = client.get("/api/rankings/")
    packed = client.get("/api/rankings/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert json.loads(gzip.decompress(packed.content)) == plain.json() and packed["ETag"] != plain["ETag"]
    assert client.get("/api/rankings/", HTTP_ACCEPT_ENCODING="gzip",
                      HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304


def test_if_modified_since_the_snapshot_gets_304(client, make_ranked):
    make_ranked(2)
    last_modified = client.get("/api/rankings/")["Last-Modified"]
    assert client.get("/api/rankings/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


@pytest.mark.parametrize("url", ["/api/models/", "/api/sources/", "/api/snapshots/"])
def test_uncached_endpoints_also_answer_conditional_gets(client, make_ranked, url):
    make_ranked(2)
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_writes_are_refused(client, make_ranked, url):
    make_ranked(1)
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(url, data={}, content_type="application/json")
        assert response.status_code in (401, 403, 405), (method, url)
        assert response.json()["message"]


def test_staff_cannot_write_either(admin_client, make_ranked):
    make_ranked(1)
    response = admin_client.post("/api/rankings/", data={}, content_type="application/json")
    assert response.status_code == 405 and "not allowed" in response.json()["message"]


@pytest.mark.django_db
def test_unknown_api_url_is_a_json_404(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404 and "/api/nothing-here/" in response.json()["message"]


@pytest.mark.django_db
def test_unexpected_error_is_a_json_500_without_details(client, monkeypatch):
    from rankings import api

    def explode():
        raise RuntimeError("database password is hunter2")
    monkeypatch.setattr(api, "latest_snapshot", explode)
    client.raise_request_exception = False
    response = client.get("/api/rankings/")
    assert response.status_code == 500 and "hunter2" not in response.content.decode()
    assert response.json()["message"].startswith("Something went wrong")


@pytest.mark.django_db
def test_anonymous_clients_are_throttled_with_a_json_429(client, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None})
    statuses = [client.get("/api/sources/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/api/sources/")
    assert "Too many requests" in response.json()["message"] and response.json()["status"] == 429


@override_settings(CORS_ALLOWED_ORIGINS=[])
@pytest.mark.django_db
def test_cors_is_off_by_default(client):
    response = client.get("/api/sources/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_docs_page_loads_its_assets_locally(client):
    body = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in body and "cdn" not in body.lower() and "/static/drf_spectacular_sidecar/" in body
    assert client.get("/api/schema/").status_code == 200
