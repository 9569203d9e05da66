"""The match_names and match_report commands: stdin in, one answer per name out; coverage per source and model."""
import io
import json

import pytest
from django.core.management import CommandError, call_command

from benchmarks.matching import resolve_source_rows
from benchmarks.models import CatalogModel, ModelAlias, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(make_model):
    make_model("anthropic/claude-sonnet-4.5", name="Anthropic: Claude Sonnet 4.5")
    make_model("openai/gpt-5-mini", name="OpenAI: GPT-5 Mini")
    make_model("openai/gpt-5-nano", name="OpenAI: GPT-5 Nano")


def match_names(text: str, *args: str) -> str:
    out = io.StringIO()
    call_command("match_names", *args, stdin=io.StringIO(text), stdout=out)
    return out.getvalue()


def test_match_names_json_gives_model_method_config_and_suggestions_per_line(catalog):
    lines = match_names("Claude 4.5 Sonnet (high)\n\ngpt-5-mini-turbo-ultra\n", "--json").splitlines()

    first, second = (json.loads(line) for line in lines)
    assert first == {"raw": "Claude 4.5 Sonnet (high)", "source": None, "model": "anthropic/claude-sonnet-4.5",
                     "method": "normalized", "config": {"effort": "high"}, "suggestions": []}
    assert (second["model"], second["method"]) == (None, "none")
    assert second["suggestions"][0][0] == "openai/gpt-5-mini"


def test_match_names_applies_the_source_of_each_tab_separated_line(catalog):
    ModelAlias.objects.create(raw_name="House Pick", source=Source.objects.get(slug="aider"), not_in_catalog=True)
    ModelAlias.objects.create(raw_name="House Pick", model=CatalogModel.objects.get(canonical_id="openai/gpt-5-nano"))

    lines = match_names("aider\tHouse Pick\nswebench\tHouse Pick\n", "--json").splitlines()

    assert [(json.loads(line)["model"], json.loads(line)["method"]) for line in lines] == [
        (None, "alias"), ("openai/gpt-5-nano", "alias")]


def test_match_names_text_output_is_readable(catalog):
    out = match_names("anthropic/claude-sonnet-4.5\ngpt-5-mini-turbo-ultra\n", "--source", "swebench")

    assert "anthropic/claude-sonnet-4.5 -> anthropic/claude-sonnet-4.5 [exact]" in out
    assert "gpt-5-mini-turbo-ultra -> null [none]" in out
    assert "suggestions: openai/gpt-5-mini (" in out


def test_match_names_unknown_source_lists_the_valid_keys(catalog):
    with pytest.raises(CommandError, match="valid keys: .*swebench"):
        match_names("x\n", "--source", "nosuchsource")


def test_match_names_reports_an_unknown_source_on_one_line_and_goes_on(catalog):
    lines = match_names("nosuch\tgpt-5-mini\ngpt-5-mini\n", "--json").splitlines()

    assert "unknown source" in json.loads(lines[0])["error"]
    assert json.loads(lines[1])["model"] == "openai/gpt-5-mini"


def test_match_report_counts_rows_per_source_and_sources_per_model(catalog, make_row):
    for raw, source in [("gpt-5-mini", "swebench"), ("Mystery", "swebench"), ("Mystery", "swebench"),
                        ("GPT 5 Mini", "aider")]:
        make_row(None, raw_model=raw, source=source, match_method="")
    resolve_source_rows("swebench")
    resolve_source_rows("aider")
    out = io.StringIO()

    call_command("match_report", "--json", stdout=out)

    report = json.loads(out.getvalue())
    assert report["sources"] == [
        {"source": "aider", "rows": 1, "matched_rows": 1, "unmatched_rows": 0, "share_matched": 1.0,
         "unmatched_names": 0},
        {"source": "swebench", "rows": 3, "matched_rows": 1, "unmatched_rows": 2, "share_matched": 0.3333,
         "unmatched_names": 1}]
    assert report["models"] == [{"model": "openai/gpt-5-mini", "sources": ["aider", "swebench"]}]
    assert (report["catalog_models"], report["models_without_sources"]) == (3, 2)


def test_match_report_text_says_how_many_models_no_source_covers(catalog):
    out = io.StringIO()

    call_command("match_report", stdout=out)

    assert "3 of 3 active catalog models have none" in out.getvalue()
