"""refresh_source / refresh_sources against the real database, HTTP faked with respx.

The fault matrix runs every fault against every source: the run gets the right status and a
readable error, and the rows published before stay exactly as they were.
"""
import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import respx
import yaml
from django.utils import timezone

from benchmarks.models import BenchmarkRow, CatalogModel, FetchRun, Source
from benchmarks.refresh import refresh_source

FIXTURES = Path(__file__).parent / "fixtures"
# source -> {upstream path: fixture file}; the first path is the one the faults corrupt.
SERVED = {
    "openrouter": {"models": "openrouter_models.json"},
    "swebench": {"leaderboards.json": "swebench_leaderboards.json"},
    "evalplus": {"results.json": "evalplus_results.json"},
    "bigcodebench": {"results.json": "bigcodebench_results.json", "results-hard.json": "bigcodebench_results-hard.json"},
    "livebench": {"table_2026_01_08.csv": "livebench_table_2026_01_08.csv",
                  "categories_2026_01_08.json": "livebench_categories_2026_01_08.json"},
    "artificialanalysis": {"data/llms/models": "artificialanalysis_data_llms_models.json"},
    "aider": {"polyglot_leaderboard.yml": "aider_polyglot_leaderboard.yml"},
    "lmarena": {"leaderboard-text-style-control.json": "lmarena_leaderboard-text-style-control.json"},
}
WRONG_TYPE = {"aider": "runs: 3\n", "livebench": "model;code_generation\n"}
MISSING_FIELD = {
    "openrouter": '{"data": [{"name": "no id"}]}',
    "swebench": '{"leaderboards": [{"name": "Lite", "results": [{"name": "no resolved"}]}]}',
    "evalplus": '{"A": {"link": "no pass@1"}}',
    "bigcodebench": '{"A": {"link": "no pass@1"}}',
    "livebench": "name,code_generation\nx,1\n",
    "artificialanalysis": '{"data": [{"name": "no id"}]}',
    "aider": "- model: no pass rate\n",
    "lmarena": '{"full": {"m": {"rating_q025": 1.0}}}',
}
EMPTY = {"openrouter": '{"data": []}', "swebench": '{"leaderboards": []}', "livebench": "model,code_generation\n",
         "artificialanalysis": '{"data": []}', "aider": "[]\n"}


@pytest.fixture(autouse=True)
def fast_fetch(settings, monkeypatch):
    settings.FETCH_RETRIES = 1
    settings.FETCH_BACKOFF_SECONDS = 0
    settings.ARTIFICIAL_ANALYSIS_API_KEY = "test-key"
    settings.LIVEBENCH_RELEASE = "2026_01_08"
    settings.SOURCE_BASE_URLS = {slug: f"http://{slug}.test" for slug in SERVED}
    settings.SOURCE_ENABLED = {slug: True for slug in SERVED}
    monkeypatch.setattr("benchmarks.fetchers.base.Fetcher.sleep", staticmethod(lambda seconds: None))


def serve(slug: str, override: dict | None = None) -> dict:
    """Route every file of `slug`; `override` maps a path to a response (or side-effect list)."""
    routes = {}
    for path, fixture in SERVED[slug].items():
        response = (override or {}).get(path) or httpx.Response(200, text=(FIXTURES / fixture).read_text(),
                                                                 headers={"ETag": f'"{path}-v1"'})
        route = respx.get(f"http://{slug}.test/{path}")
        routes[path] = route.mock(return_value=response) if isinstance(response, httpx.Response) else route.mock(
            side_effect=response)
    return routes


def published(slug: str) -> list[tuple]:
    if slug == "openrouter":
        return sorted(CatalogModel.objects.values_list("canonical_id", "prompt_price", "active"))
    return sorted(BenchmarkRow.objects.filter(source__slug=slug).values_list("benchmark", "metric", "raw_model",
                                                                            "value", "upstream_id"))


def publish_good(slug: str) -> list[tuple]:
    with respx.mock:
        serve(slug)
        assert refresh_source(slug, force=True).status == FetchRun.Status.OK
    rows = published(slug)
    assert rows
    return rows


def first_path(slug: str) -> str:
    return next(iter(SERVED[slug]))


def one_record(slug: str, text: str) -> str:
    """The first file cut down to its first record: far below REFRESH_MIN_ROW_RATIO of the rows."""
    if slug == "aider":
        return yaml.safe_dump(yaml.safe_load(text)[:1])
    if slug == "livebench":
        return "\n".join(text.splitlines()[:2]) + "\n"
    data = json.loads(text)
    if slug in ("openrouter", "artificialanalysis"):
        data["data"] = data["data"][:1]
    elif slug == "swebench":
        data["leaderboards"] = [{"name": data["leaderboards"][0]["name"],
                                 "results": data["leaderboards"][0]["results"][:1]}]
    elif slug == "lmarena":
        data = {"full": dict(list(data["full"].items())[:1])}
    else:
        data = dict(list(data.items())[:1])
    return json.dumps(data)


def fault(slug: str, kind: str) -> tuple[dict, str, str]:
    """(responses by path, expected status, expected error fragment) for one fault."""
    path = first_path(slug)
    good = (FIXTURES / SERVED[slug][path]).read_text()
    text = {"truncated": good[: len(good) // 3], "wrong_type": WRONG_TYPE.get(slug, '["not", "an", "object"]'),
            "missing_field": MISSING_FIELD[slug], "empty": EMPTY.get(slug, "{}"),
            "one_record": one_record(slug, good) if kind == "one_record" else ""}.get(kind)
    if text is not None:
        responses = {path: httpx.Response(200, text=text)}
        if kind == "one_record" and slug == "bigcodebench":
            responses["results-hard.json"] = httpx.Response(200, text=one_record(slug, (
                FIXTURES / SERVED[slug]["results-hard.json"]).read_text()))
        return responses, FetchRun.Status.REJECTED, REASONS[kind].get(slug, REASONS[kind]["*"])
    return {
        "timeout": ({path: httpx.ReadTimeout("slow")}, FetchRun.Status.FAILED, "timed out"),
        "refused": ({path: httpx.ConnectError("refused")}, FetchRun.Status.FAILED, "could not connect"),
        "server_error": ({path: [httpx.Response(503)] * 2}, FetchRun.Status.FAILED, "HTTP 503"),
        "rate_limited": ({path: [httpx.Response(429, headers={"Retry-After": "1"})] * 2},
                         FetchRun.Status.FAILED, "HTTP 429"),
    }[kind]


# What the recorded error must say, per fault ("*": every other source).
REASONS = {
    # A CSV or YAML list cut at a line end still parses: the short last record is skipped with a
    # warning and the row-count check rejects what is left.
    "truncated": {"*": "not valid JSON", "livebench": "", "aider": ""},
    "wrong_type": {"*": "should be a JSON object", "openrouter": "should be a JSON object",
                   "aider": "should be a YAML list", "livebench": "should start with a 'model' column"},
    "missing_field": {"*": "Field required", "livebench": "should start with a 'model' column"},
    "empty": {"*": "empty", "livebench": "has no model rows"},
    "one_record": {"*": "fewer than 50% of the last good"},
}
FAULTS = ["timeout", "refused", "server_error", "rate_limited", "truncated", "wrong_type", "missing_field", "empty",
          "one_record"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FAULTS)
@pytest.mark.parametrize("slug", list(SERVED))
def test_fault_keeps_the_published_rows(slug, kind):
    before = publish_good(slug)
    responses, status, fragment = fault(slug, kind)
    with respx.mock:
        serve(slug, responses)
        run = refresh_source(slug, force=True)
    assert run.status == status, run.error
    assert run.error and fragment in run.error and "Traceback" not in run.error
    assert published(slug) == before
    source = Source.objects.get(slug=slug)
    assert (source.status, source.last_error) == (status, run.error)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(SERVED))
def test_server_error_then_success_publishes(slug):
    path = first_path(slug)
    good = httpx.Response(200, text=(FIXTURES / SERVED[slug][path]).read_text())
    with respx.mock:
        routes = serve(slug, {path: [httpx.Response(500), good]})
        run = refresh_source(slug, force=True)
    assert run.status == FetchRun.Status.OK and routes[path].call_count == 2
    assert run.rows == len(published(slug)) > 0


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(SERVED))
def test_rate_limit_then_success_publishes(slug):
    path = first_path(slug)
    good = httpx.Response(200, text=(FIXTURES / SERVED[slug][path]).read_text())
    with respx.mock:
        serve(slug, {path: [httpx.Response(429, headers={"Retry-After": "2"}), good]})
        assert refresh_source(slug, force=True).status == FetchRun.Status.OK


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [slug for slug in SERVED if slug != "artificialanalysis"])
def test_not_modified_keeps_rows_and_counts_as_success(slug):
    before = publish_good(slug)
    Source.objects.filter(slug=slug).update(last_success_at=timezone.now() - timedelta(days=2))
    with respx.mock:
        routes = serve(slug, {path: httpx.Response(304) for path in SERVED[slug]})
        run = refresh_source(slug)
    assert run.status == FetchRun.Status.NOT_MODIFIED and published(slug) == before
    assert routes[first_path(slug)].calls.last.request.headers["If-None-Match"] == f'"{first_path(slug)}-v1"'
    assert Source.objects.get(slug=slug).last_success_at > timezone.now() - timedelta(minutes=1)


@pytest.mark.django_db
def test_fresh_source_is_skipped_unless_forced():
    publish_good("evalplus")
    with respx.mock:
        routes = serve("evalplus")
        assert refresh_source("evalplus").status == FetchRun.Status.SKIPPED
        assert routes["results.json"].call_count == 0
        assert refresh_source("evalplus", force=True).status == FetchRun.Status.OK


@pytest.mark.django_db
def test_disabled_source_is_skipped(settings):
    settings.SOURCE_ENABLED = {**settings.SOURCE_ENABLED, "aider": False}
    run = refresh_source("aider", force=True)
    assert run.status == FetchRun.Status.SKIPPED and "ENABLE_AIDER" in run.error
    Source.objects.filter(slug="aider").update(enabled=False)
    settings.SOURCE_ENABLED = {**settings.SOURCE_ENABLED, "aider": True}
    assert "admin" in refresh_source("aider", force=True).error


@pytest.mark.django_db
def test_missing_key_is_not_configured_and_keeps_rows(settings):
    before = publish_good("artificialanalysis")
    settings.ARTIFICIAL_ANALYSIS_API_KEY = ""
    run = refresh_source("artificialanalysis", force=True)
    assert run.status == FetchRun.Status.NOT_CONFIGURED and published("artificialanalysis") == before


@pytest.mark.django_db
def test_api_key_never_reaches_the_recorded_error(settings):
    settings.ARTIFICIAL_ANALYSIS_API_KEY = "aa-very-secret"
    with respx.mock:
        serve("artificialanalysis", {"data/llms/models": httpx.ConnectError("boom aa-very-secret")})
        run = refresh_source("artificialanalysis", force=True)
    assert run.status == FetchRun.Status.FAILED and "aa-very-secret" not in run.error
    assert "aa-very-secret" not in Source.objects.get(slug="artificialanalysis").last_error


@pytest.mark.django_db
def test_rows_are_stored_with_all_their_fields():
    publish_good("lmarena")
    row = BenchmarkRow.objects.get(source__slug="lmarena", benchmark="lmarena-coding",
                                   raw_model="claude-opus-4-5-20251101")
    assert (row.value, row.interval_low, row.interval_high, row.unit) == (1520.4, 1510.6, 1530.2, "elo")
    assert Source.objects.get(slug="lmarena").row_count == 5


@pytest.mark.django_db
def test_catalog_upsert_keeps_admin_rows_and_deactivates_vanished_models():
    CatalogModel.objects.create(canonical_id="qwen/qwen3-coder", name="Curated by hand", provider="qwen",
                                origin=CatalogModel.Origin.ADMIN)
    CatalogModel.objects.create(canonical_id="old/gone", name="Gone", provider="old",
                                origin=CatalogModel.Origin.OPENROUTER)
    publish_good("openrouter")
    assert CatalogModel.objects.get(canonical_id="qwen/qwen3-coder").name == "Curated by hand"
    assert CatalogModel.objects.get(canonical_id="old/gone").active is False
    sonnet = CatalogModel.objects.get(canonical_id="anthropic/claude-sonnet-4.5")
    assert (sonnet.prompt_price, sonnet.origin, sonnet.active) == (Decimal(3), "openrouter", True)
    assert CatalogModel.objects.get(canonical_id="openrouter/auto").pricing_variable


def test_unknown_source_lists_the_valid_keys():
    with pytest.raises(ValueError, match="valid keys: aider, artificialanalysis"):
        refresh_source("nope")
