"""/api/rankings/: content, filters, ordering, pagination, custom weights, the empty state."""
from decimal import Decimal

import pytest

from rankings.anchors import describe_methodology


def parts(swe: float, arena: float | None = None, performance: float | None = 50.0, price: float | None = 1.0):
    benchmarks = {"swebench-verified": {"score": swe, "stderr": None}}
    if arena is not None:
        benchmarks["lmarena-coding"] = {"score": arena, "stderr": None}
    return {"benchmarks": benchmarks, "performance": performance, "blended_price": price,
            "price_reason": None, "performance_reason": None}


@pytest.fixture
def snapshot(make_model, make_snapshot, make_row):
    """Three ranked models and one unranked: enough to see filters, order and re-weighting move things."""
    strong = make_model("bigco/strong-coder", name="Strong Coder", prompt_price=Decimal("3"),
                        completion_price=Decimal("15"))
    fast = make_model("acme/fast-coder", name="Fast Coder", prompt_price=Decimal("0.1"),
                      completion_price=Decimal("0.4"), context_length=32000)
    open_ = make_model("openlab/open-coder", name="Open Coder", open_weights=True)
    blank = make_model("acme/no-data", name="No Data")
    ranking = make_snapshot([
        (strong, {"composite_score": 80, "performance_score": 40, "value_score": 30, "overall_score": 58,
                  "ttft_median": 2.5, "throughput_median": 60, "blended_price": Decimal("6"),
                  "parts": parts(80, arena=20), "sources": ["swebench", "lmarena", "artificialanalysis"]}),
        (fast, {"composite_score": 50, "performance_score": 90, "value_score": 80, "overall_score": 68,
                "ttft_median": 0.3, "throughput_median": 300, "blended_price": Decimal("0.175"),
                "parts": parts(40, arena=90), "sources": ["swebench", "lmarena"]}),
        (open_, {"composite_score": 60, "performance_score": 50, "value_score": 60, "overall_score": 57,
                 "ttft_median": 1.0, "blended_price": Decimal("1.75"), "coverage": 0.25,
                 "parts": parts(60), "sources": ["swebench"]}),
        (blank, {"rank": None, "tie_group": None, "coverage": 0, "parts": {}, "sources": []}),
    ])
    ranking.methodology = describe_methodology()
    ranking.save()
    return ranking


def ids(response) -> list[str]:
    return [row["model_id"] for row in response.json()["results"]]


def test_rows_carry_every_list_column_and_the_snapshot(client, snapshot):
    body = client.get("/api/rankings/").json()
    assert body["count"] == 4 and body["snapshot"]["id"] == snapshot.pk and body["notice"] is None
    first = body["results"][0]
    assert first["model_id"] == "bigco/strong-coder" and first["rank"] == 1 and first["model_name"] == "Strong Coder"
    assert first["blended_price"] == 6.0 and first["prompt_price"] == 3.0 and first["context_length"] == 128000
    for column in ("tie_group", "provider", "composite_score", "performance_score", "value_score", "overall_score",
                   "coverage", "ttft_median", "ttft_p95", "throughput_median", "throughput_p95",
                   "total_latency_median", "total_latency_p95", "quality_index", "completion_price", "open_weights",
                   "sources", "benchmark_data_updated_at", "performance_data_updated_at",
                   "pricing_data_updated_at", "composite_low", "composite_high", "coverage_detail", "reasons"):
        assert column in first
    assert "Artificial Analysis (https://artificialanalysis.ai/)" in body["attribution"]


def test_unranked_rows_come_last(client, snapshot):
    assert ids(client.get("/api/rankings/"))[-1] == "acme/no-data"


@pytest.mark.django_db
def test_no_snapshot_yet_is_an_empty_list_with_a_notice(client):
    response = client.get("/api/rankings/")
    assert response.status_code == 200
    assert response.json()["results"] == [] and "No ranking has been published yet" in response.json()["notice"]


@pytest.mark.parametrize(("query", "expected"), [
    ("provider=acme", ["acme/fast-coder", "acme/no-data"]),
    ("provider=ACME,openlab", ["acme/fast-coder", "openlab/open-coder", "acme/no-data"]),
    ("open_weights=true", ["openlab/open-coder"]),
    ("min_coverage=0.5", ["bigco/strong-coder", "acme/fast-coder"]),
    ("min_price=1&max_price=2", ["openlab/open-coder"]),
    ("max_price=1", ["acme/fast-coder"]),
    ("min_context=100000", ["bigco/strong-coder", "openlab/open-coder", "acme/no-data"]),
    ("search=coder", ["bigco/strong-coder", "acme/fast-coder", "openlab/open-coder"]),
    ("search=openlab/", ["openlab/open-coder"]),
])
def test_filters_select_rows(client, snapshot, query, expected):
    assert ids(client.get(f"/api/rankings/?{query}")) == expected


@pytest.mark.parametrize("query", ["min_coverage=abc", "min_coverage=2", "max_price=-1", "open_weights=maybe",
                                   "min_context=1e400"])
def test_invalid_filter_value_is_a_400_naming_the_filter(client, snapshot, query):
    response = client.get(f"/api/rankings/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]


@pytest.mark.parametrize(("ordering", "expected"), [
    ("-ttft_median", ["bigco/strong-coder", "openlab/open-coder", "acme/fast-coder", "acme/no-data"]),
    ("ttft_median", ["acme/fast-coder", "openlab/open-coder", "bigco/strong-coder", "acme/no-data"]),
    ("-overall_score", ["acme/fast-coder", "bigco/strong-coder", "openlab/open-coder", "acme/no-data"]),
    ("provider,-composite_score", ["acme/fast-coder", "acme/no-data", "bigco/strong-coder", "openlab/open-coder"]),
    ("throughput_median", ["bigco/strong-coder", "acme/fast-coder", "openlab/open-coder", "acme/no-data"]),
])
def test_ordering_by_whitelisted_columns_puts_empty_values_last(client, snapshot, ordering, expected):
    assert ids(client.get(f"/api/rankings/?ordering={ordering}")) == expected


def test_unknown_ordering_field_is_a_400_listing_allowed_fields(client, snapshot):
    response = client.get("/api/rankings/?ordering=-secret_column")
    assert response.status_code == 400
    message = response.json()["message"]
    assert "secret_column" in message and "overall_score" in message and "ttft_median" in message


def test_page_size_is_capped_and_pages_link_to_each_other(client, snapshot):
    body = client.get("/api/rankings/?limit=2").json()
    assert len(body["results"]) == 2 and "offset=2" in body["next"] and body["previous"] is None
    assert len(client.get("/api/rankings/?limit=100000").json()["results"]) == 4
    assert client.get("/api/rankings/?limit=abc").status_code == 400
    assert client.get("/api/rankings/?offset=-1").status_code == 400


def test_top_level_weights_rerank_from_stored_parts(client, snapshot):
    body = client.get("/api/rankings/?w_coding=1&w_performance=0&w_value=0").json()
    assert body["custom_weights"] is True and body["weights"]["coding"] == 1.0
    assert ids(client.get("/api/rankings/?w_coding=1&w_performance=0&w_value=0"))[:3] == [
        "bigco/strong-coder", "openlab/open-coder", "acme/fast-coder"]
    strong = body["results"][0]
    assert strong["overall_score"] == pytest.approx(strong["composite_score"])


def test_benchmark_weights_rerank_the_coding_score(client, snapshot):
    body = client.get("/api/rankings/?w_coding=1&w_performance=0&w_value=0&wb_swebench-verified=0"
                      "&wb_lmarena-coding=1").json()
    assert body["results"][0]["model_id"] == "acme/fast-coder"
    assert body["results"][0]["composite_score"] == pytest.approx(90.0)
    assert body["weights"]["benchmarks"]["swebench-verified"] == 0.0  # the others keep their default weights
    assert body["weights"]["benchmarks"]["lmarena-coding"] > body["weights"]["benchmarks"]["aider-polyglot"]


@pytest.mark.parametrize(("query", "field"), [
    ("w_coding=-1", "w_coding"), ("w_coding=abc", "w_coding"), ("w_coding=nan", "w_coding"),
    ("w_coding=inf", "w_coding"), ("w_speed=1", "w_speed"), ("wb_not-a-benchmark=1", "wb_not-a-benchmark"),
    ("w_coding=0&w_performance=0&w_value=0", "weights"),
])
def test_invalid_weights_are_a_400_with_a_clear_message(client, snapshot, query, field):
    response = client.get(f"/api/rankings/?{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"] and response.json()["message"]


def test_unreadable_stored_parts_leave_the_row_unranked_not_a_500(client, snapshot):
    unreadable = {"benchmarks": {"x": {"score": "high"}}}
    snapshot.entries.filter(model__canonical_id="acme/fast-coder").update(parts=unreadable)
    body = client.get("/api/rankings/?w_coding=2").json()
    fast = next(row for row in body["results"] if row["model_id"] == "acme/fast-coder")
    assert fast["rank"] is None and "parts" in fast["reasons"]


def test_json_format_is_the_same_list(client, snapshot):
    response = client.get("/api/rankings/?format=json&provider=acme")
    assert response["Content-Type"] == "application/json" and ids(response) == ["acme/fast-coder", "acme/no-data"]


def test_unknown_format_is_a_400_listing_the_formats(client, snapshot):
    response = client.get("/api/rankings/?format=xml")
    assert response.status_code == 400 and "json, csv" in response.json()["message"]
