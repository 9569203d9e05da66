"""CSV export: columns, attribution, filters and weights applied, no pagination, safe cells."""
import csv
import io
from decimal import Decimal

import pytest

from rankings.exports import describe_attribution, render_csv
from rankings.serializers import LIST_FIELDS


@pytest.fixture
def snapshot(make_model, make_snapshot):
    a = make_model("bigco/alpha", name="Alpha", open_weights=True)
    b = make_model("acme/beta", name="Beta")
    parts = {"benchmarks": {"swebench-verified": {"score": 70.0, "stderr": None}}, "performance": 40.0,
             "blended_price": 2.0}
    return make_snapshot([
        (a, {"composite_score": 70, "overall_score": 60, "blended_price": Decimal("2"), "parts": parts,
             "sources": ["swebench", "artificialanalysis"]}),
        (b, {"composite_score": 50, "overall_score": 55, "parts": parts | {"performance": 90.0},
             "sources": ["aider"]}),
    ])


def read(response) -> tuple[str, list[dict]]:
    text = response.content.decode()
    attribution, rest = text.split("\n", 1)
    return attribution, list(csv.DictReader(io.StringIO(rest)))


def test_csv_has_attribution_line_then_the_list_columns(client, snapshot):
    response = client.get("/api/rankings.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert f'coderank-rankings-{snapshot.pk}.csv' in response["Content-Disposition"]
    attribution, rows = read(response)
    assert attribution.startswith("# Data: ") and "Artificial Analysis (https://artificialanalysis.ai/)" in attribution
    assert "Aider" in attribution and "SWE-bench" in attribution
    assert list(rows[0]) == LIST_FIELDS
    assert rows[0]["model_id"] == "bigco/alpha" and rows[0]["open_weights"] == "true"
    assert rows[0]["sources"] == "swebench;artificialanalysis" and rows[0]["blended_price"] == "2"
    assert rows[1]["blended_price"] == ""


def test_format_csv_applies_filters_and_names_only_sources_in_view(client, snapshot):
    attribution, rows = read(client.get("/api/rankings/?format=csv&provider=acme"))
    assert [r["model_id"] for r in rows] == ["acme/beta"]
    assert "Aider" in attribution and "Artificial Analysis" not in attribution


def test_csv_applies_custom_weights(client, snapshot):
    _, rows = read(client.get("/api/rankings.csv?w_coding=0&w_performance=1&w_value=0"))
    assert [r["model_id"] for r in rows] == ["acme/beta", "bigco/alpha"]
    assert float(rows[0]["overall_score"]) == pytest.approx(90.0)


def test_csv_is_not_paginated(client, snapshot):
    _, rows = read(client.get("/api/rankings.csv?limit=1"))
    assert len(rows) == 2


def test_bad_query_on_csv_is_a_json_400(client, snapshot):
    response = client.get("/api/rankings.csv?ordering=nope")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "nope" in response.json()["message"]


@pytest.mark.django_db
def test_csv_without_snapshot_says_so(client):
    attribution, rows = read(client.get("/api/rankings.csv"))
    assert "No ranking has been published yet" in attribution and rows == []


def test_formula_like_names_are_neutralised():
    text = render_csv([{"model_name": "=HYPERLINK(\"x\")", "rank": 1, "sources": ["a", "b"]}], "credits")
    assert "'=HYPERLINK" in text and ",1," not in text.splitlines()[2][:2]


@pytest.mark.django_db
def test_attribution_keeps_the_required_artificial_analysis_link_when_homepage_is_blank():
    from benchmarks.models import Source

    Source.objects.filter(slug="artificialanalysis").update(homepage="")
    assert "(https://artificialanalysis.ai/)" in describe_attribution(["artificialanalysis"])
    assert describe_attribution([]) == "No source data in this view."
