"""Pages: status, key content, constant query counts, 404s and the empty state."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from rankings import columns
from rankings.anchors import describe_methodology


def _provenance(model_name: str) -> dict:
    """Provenance in the shape build.py stores: benchmarks per slot, performance per field, pricing."""
    return {
        "benchmarks": {
            "swebench-verified": {"source": "swebench", "row_id": 1, "benchmark": "swebench-bash-only",
                                  "raw_value": 70.2, "normalized": 70.2, "stderr": 2.0, "scaffold": False,
                                  "raw_model": f"{model_name} (high)", "config": {"effort": "high"},
                                  "upstream_date": "2025-10-01", "fetched_at": "2025-11-02T10:00:00+00:00",
                                  "origin": "upstream"},
            "aider-polyglot": {"source": "fallback", "fallback_id": 3, "benchmark": "aider-polyglot",
                               "raw_value": 61.0, "normalized": 61.0, "config": {},
                               "source_url": "https://aider.chat/docs/leaderboards/", "origin": "fallback",
                               "upstream_date": "2025-09-01", "fetched_at": "2025-09-03T08:00:00+00:00"},
        },
        "performance": {"ttft_median": {"source": "artificialanalysis", "raw_model": model_name,
                                        "upstream_date": None, "fetched_at": "2025-11-01T00:00:00+00:00",
                                        "origin": "upstream"}},
        "pricing": {"source": "openrouter", "origin": "upstream", "fetched_at": "2025-11-02T00:00:00+00:00"},
    }


@pytest.fixture
def ranked(make_model, make_snapshot):
    """Four models: a fast cheap one, a strong pricey one, an open-weights one and one with no speed data."""
    fast = make_model("acme/fast-coder", name="Fast Coder", prompt_price=Decimal("0.1"), completion_price=Decimal("0.4"))
    strong = make_model("bigco/strong-coder", name="Strong Coder", prompt_price=Decimal("3"), completion_price=Decimal("15"))
    open_ = make_model("openlab/open-coder", name="Open Coder", open_weights=True)
    slow = make_model("acme/no-speed", name="No Speed")
    common = {"coverage_detail": {"present": ["aider-polyglot", "swebench-verified"], "missing": ["mbpp-plus"]},
              "composite_stderr": 1.0}
    ranking = make_snapshot([
        (strong, common | {"composite_score": 80, "performance_score": 40, "value_score": 30, "overall_score": 58,
                           "ttft_median": 2.5, "throughput_median": 60, "blended_price": Decimal("6"),
                           "provenance": _provenance("Strong Coder"), "quality_index": 70}),
        (fast, common | {"composite_score": 50, "performance_score": 90, "value_score": 80, "overall_score": 68,
                         "ttft_median": 0.3, "throughput_median": 300, "blended_price": Decimal("0.175")}),
        (open_, common | {"composite_score": 60, "performance_score": 50, "value_score": 60, "overall_score": 57,
                          "ttft_median": 1.0, "throughput_median": 100, "blended_price": Decimal("1.75")}),
        (slow, {"composite_score": 45, "rank": 4, "tie_group": 4, "coverage": 0.4}),
    ])
    ranking.methodology = describe_methodology()
    ranking.save()
    return ranking


def _order(response) -> list[str]:
    return [row.model.canonical_id for row in response.context["rows"] if row.shown]


@pytest.mark.django_db
def test_empty_database_shows_how_to_load_data(client):
    for url in ("/", "/rankings/", "/charts/", "/methodology/", "/sources/", "/compare/?models=a/b,c/d"):
        response = client.get(url)
        assert response.status_code == 200, url
    body = client.get("/").content.decode()
    assert "No rankings yet" in body and "refresh_rankings" in body and "make run" in body
    assert client.get("/models/a/b/").status_code == 404


def test_rankings_page_lists_models_in_rank_order(client, ranked):
    response = client.get("/rankings/")
    assert response.status_code == 200
    assert _order(response) == ["bigco/strong-coder", "acme/fast-coder", "openlab/open-coder", "acme/no-speed"]
    body = response.content.decode()
    assert 'href="/models/bigco/strong-coder/"' in body
    assert "2 of 3" in body  # coverage badge: k of n benchmarks
    assert 'aria-sort="ascending"' in body and 'scope="col"' in body


def test_missing_values_show_a_dash_never_zero(client, ranked):
    response = client.get("/")
    row = next(r for r in response.context["rows"] if r.model.canonical_id == "acme/no-speed")
    cells = {cell["key"]: cell for cell in columns.cells(row)}
    assert cells["ttft_median"]["text"] == "—" and cells["ttft_median"]["sort"] == ""
    assert cells["overall_score"]["text"] == "—"
    body = response.content.decode()
    no_speed = body[body.index('data-id="acme/no-speed"'):]
    assert '<td class="num" data-sort="">—</td>' in no_speed[:no_speed.index("</tr>")]


def test_freshness_badge_says_how_old_and_when(client, ranked):
    body = client.get("/").content.decode()
    assert "updated 2\xa0days ago" in body  # the oldest figure: speed, two days old
    assert "age-fresh" in body and "benchmarks 20" in body and "price 20" in body  # exact times in the title


def test_filters_keep_matching_rows_and_report_bad_values(client, ranked):
    response = client.get("/?provider=acme&open_weights=false&min_coverage=abc")
    assert _order(response) == ["acme/fast-coder", "acme/no-speed"]
    assert "Ignored min_coverage" in response.content.decode()
    assert _order(client.get("/?open_weights=true")) == ["openlab/open-coder"]
    assert _order(client.get("/?max_price=2&min_price=0.5")) == ["openlab/open-coder"]
    assert _order(client.get("/?search=STRONG")) == ["bigco/strong-coder"]
    assert _order(client.get("/?provider=bigco,openlab")) == ["bigco/strong-coder", "openlab/open-coder"]
    assert "Ignored max_price" in client.get("/?max_price=1e12").content.decode()


def test_ordering_by_ttft_puts_missing_values_last_both_ways(client, ranked):
    assert _order(client.get("/?ordering=ttft_median"))[:3] == ["acme/fast-coder", "openlab/open-coder",
                                                                 "bigco/strong-coder"]
    descending = _order(client.get("/?ordering=-ttft_median"))
    assert descending == ["bigco/strong-coder", "openlab/open-coder", "acme/fast-coder", "acme/no-speed"]


def test_custom_weights_rerank_and_go_into_the_csv_link(client, ranked):
    response = client.get("/?w_coding=1&w_performance=0&w_value=0")
    assert _order(response) == ["bigco/strong-coder", "openlab/open-coder", "acme/fast-coder", "acme/no-speed"]
    row = next(r for r in response.context["rows"] if r.model.canonical_id == "acme/no-speed")
    assert row.overall_score == pytest.approx(45) and row.rank == 4
    assert "/api/rankings.csv?w_coding=1&amp;w_performance=0&amp;w_value=0" in response.content.decode()


def test_all_zero_weights_are_ignored_with_a_message(client, ranked):
    response = client.get("/?w_coding=0&w_performance=0&w_value=0")
    assert response.status_code == 200
    assert "Ignored the weights" in response.content.decode()
    assert _order(response)[0] == "bigco/strong-coder"


def test_csv_link_carries_the_filters_of_the_view(client, ranked):
    body = client.get("/?provider=acme&ordering=-ttft_median&bogus=1").content.decode()
    assert 'href="/api/rankings.csv?provider=acme&amp;ordering=-ttft_median"' in body


@pytest.mark.parametrize("size", [3, 12])
def test_rankings_page_uses_a_constant_number_of_queries(client, make_model, make_snapshot,
                                                         django_assert_num_queries, size):
    models = [make_model(f"p{i % 3}/model-{i}") for i in range(size)]
    make_snapshot([(m, {"composite_score": 50 + i, "performance_score": 40, "value_score": 30,
                        "overall_score": 45 + i}) for i, m in enumerate(models)])
    with django_assert_num_queries(2):
        response = client.get("/?w_coding=0.6&w_performance=0.2&w_value=0.2&provider=p1")
    assert response.status_code == 200


def test_model_page_shows_provenance_and_rank_history(client, ranked, make_snapshot):
    older = ranked.entries.get(model__canonical_id="bigco/strong-coder")
    make_snapshot([(older.model, {"rank": 3})], computed_at=timezone.now() - dt.timedelta(days=5))
    response = client.get("/models/bigco/strong-coder/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swebench-verified" in body and "effort: high" in body and "run of: swebench-bash-only" in body
    assert 'href="https://www.swebench.com/"' in body  # the source's homepage when the figure has no URL
    assert 'href="https://aider.chat/docs/leaderboards/"' in body  # a fallback's own source URL
    assert "admin fallback" in body and "upstream" in body
    assert "2025-10-01" in body and "2025-11-02 10:00" in body
    assert "$3.00 in / $15.00 out" in body and 'href="https://openrouter.ai/models"' in body
    assert "<polyline" in body and "rank 3" in body and "rank 1" in body


def test_unknown_model_gets_a_404_page(client, ranked):
    response = client.get("/models/nobody/nothing/")
    assert response.status_code == 404
    assert "Model not found" in response.content.decode()


def test_catalog_model_outside_the_snapshot_still_has_a_page(client, ranked, make_model):
    make_model("newco/brand-new")
    response = client.get("/models/newco/brand-new/")
    assert response.status_code == 200
    assert "not in the latest ranking snapshot" in response.content.decode()


def test_compare_highlights_the_better_value_per_row(client, ranked):
    response = client.get("/compare/?models=acme/fast-coder,bigco/strong-coder")
    assert response.status_code == 200
    rows = {row["label"]: row["cells"] for row in response.context["table"]}
    assert [c["best"] for c in rows["TTFT"]] == [True, False]  # lower is better
    assert [c["best"] for c in rows["Coding"]] == [False, True]  # higher is better
    assert [c["best"] for c in rows["Price"]] == [True, False]
    assert 'class="num best"' in response.content.decode()


@pytest.mark.parametrize("query, message", [
    ("", "Choose two to four models"),
    ("?models=acme/fast-coder", "at least two models"),
    ("?models=a/1,b/2,c/3,d/4,e/5", "compare two to four at a time"),
    ("?models=acme/fast-coder,nobody/else", "Not in the latest ranking"),
])
def test_compare_explains_a_wrong_request(client, ranked, query, message):
    response = client.get(f"/compare/{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_charts_draw_the_pareto_frontier_with_links(client, ranked):
    response = client.get("/charts/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="frontier-line"' in body
    points = sorted(response.context["price_chart"].points, key=lambda p: p.cx)
    frontier = [p.label for p in points if p.frontier]
    assert frontier == ["Fast Coder", "Open Coder", "Strong Coder"]
    assert 'href="/models/acme/fast-coder/"' in body
    assert "Fast Coder</a> — coding 50.0, $0.18 per 1M tokens" in body  # the frontier's numbered legend


def test_methodology_page_renders_the_stored_methodology(client, ranked):
    ranked.methodology["coding_benchmarks"]["swebench-verified"]["why"] = "Stored reason, not the code's."
    ranked.save()
    body = client.get("/methodology/").content.decode()
    assert "Stored reason, not the code&#x27;s." in body
    assert "Consecutive models whose intervals overlap share a tie group" in body
    assert "Missing data is never treated as zero" in body
    assert "7.5%" in body  # BigCodeBench-Hard's weight, not rounded to 8%
    assert "established (not provisional) coding score: <strong>50%</strong>" in body


def test_sources_page_shows_health_and_attribution(client, db):
    from benchmarks.models import Source

    Source.objects.filter(slug="swebench").update(status=Source.Status.FAILED, last_error="HTTP 503 from upstream",
                                                   row_count=120, last_success_at=timezone.now())
    body = client.get("/sources/").content.decode()
    assert "HTTP 503 from upstream" in body and "Failed" in body
    assert "SWE-bench leaderboards (swebench.com)" in body and 'href="https://www.swebench.com/"' in body


@pytest.mark.parametrize("days, age", [(0, "fresh"), (10, "aging"), (45, "stale")])
def test_freshness_colour_follows_the_age_of_the_oldest_figure(client, make_model, make_snapshot, days, age):
    old = timezone.now() - dt.timedelta(days=days)
    make_snapshot([(make_model(), {"benchmark_data_updated_at": old, "performance_data_updated_at": old,
                                   "pricing_data_updated_at": old})])
    body = client.get("/").content.decode()
    assert f'class="badge age-{age}"' in body


def test_rows_with_no_dated_figure_show_a_dash_badge(client, make_model, make_snapshot):
    make_snapshot([(make_model(), {"benchmark_data_updated_at": None, "performance_data_updated_at": None,
                                   "pricing_data_updated_at": None})])
    assert 'class="badge age-missing"' in client.get("/").content.decode()


def test_model_names_are_escaped_in_the_table(client, make_model, make_snapshot):
    make_snapshot([(make_model("evil/<script>", name='<script>alert("x")</script>'), {})])
    body = client.get("/").content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
