"""Name matching on stored rows: models, methods, merged config, the review queue and query counts."""
import datetime as dt

import pytest

from benchmarks.matching import load_matcher, resolve_all_rows, resolve_source_rows
from benchmarks.models import BenchmarkRow, ModelAlias, Source, UnmatchedName

pytestmark = pytest.mark.django_db


@pytest.fixture
def sonnet(make_model):
    return make_model("anthropic/claude-sonnet-4.5", name="Anthropic: Claude Sonnet 4.5")


def test_release_date_from_the_catalog_confirms_a_nearby_date_pin(make_model, make_row):
    model = make_model("anthropic/claude-sonnet-4.5", name="Anthropic: Claude Sonnet 4.5",
                       release_date=dt.date(2025, 9, 29))
    row = unmatched_row(make_row, "Claude Sonnet 4.5 (20250929)")

    resolve_source_rows("swebench")

    assert BenchmarkRow.objects.get(pk=row.pk).model == model


def unmatched_row(make_row, raw, source="swebench", **fields):
    return make_row(None, raw_model=raw, match_method="", source=source, **fields)


def test_exact_name_is_matched_and_unknown_name_is_queued(sonnet, make_row):
    matched = unmatched_row(make_row, "anthropic/claude-sonnet-4.5")
    unknown = [unmatched_row(make_row, "Totally Unknown Model 9"), unmatched_row(make_row, "Totally Unknown Model 9")]

    stats = resolve_source_rows("swebench")

    matched.refresh_from_db()
    assert (matched.model, matched.match_method) == (sonnet, "exact")
    assert all(BenchmarkRow.objects.get(pk=row.pk).match_method == "none" for row in unknown)
    queued = UnmatchedName.objects.get()
    assert (queued.raw_name, queued.row_count, queued.source.slug) == ("Totally Unknown Model 9", 2, "swebench")
    assert stats == {"source": "swebench", "rows": 3, "matched_rows": 1, "unmatched_rows": 2,
                     "unmatched_names": 1, "updated_rows": 3}


def test_normalized_name_matches_and_parsed_config_merges_under_upstream_keys(sonnet, make_row):
    row = unmatched_row(make_row, "OpenHands + Claude 4.5 Sonnet (high)", config={"agent": "OpenHands v1"})

    resolve_source_rows("swebench")

    row.refresh_from_db()
    assert (row.model, row.match_method) == (sonnet, "normalized")
    assert row.config["agent"] == "OpenHands v1"  # upstream's structured value wins
    assert row.config["effort"] == "high"  # parsed from the raw name


def test_source_alias_wins_over_an_exact_match(sonnet, make_model, make_row):
    other = make_model("anthropic/claude-opus-4.1")
    row = unmatched_row(make_row, "anthropic/claude-sonnet-4.5")
    ModelAlias.objects.create(raw_name="ANTHROPIC/claude-sonnet-4.5", source=Source.objects.get(slug="swebench"),
                              model=other)

    resolve_source_rows("swebench")

    row.refresh_from_db()
    assert (row.model, row.match_method) == (other, "alias")


def test_not_in_catalog_alias_leaves_row_unmatched_and_out_of_the_queue(make_row):
    row = unmatched_row(make_row, "Internal Model X")
    ModelAlias.objects.create(raw_name="Internal Model X", not_in_catalog=True)

    stats = resolve_source_rows("swebench")

    row.refresh_from_db()
    assert (row.model, row.match_method) == (None, "alias")
    assert not UnmatchedName.objects.exists()
    assert (stats["unmatched_rows"], stats["unmatched_names"]) == (1, 0)


def test_queue_keeps_ignored_names_ignored_and_drops_names_now_matched(sonnet, make_row):
    source = Source.objects.get(slug="swebench")
    unmatched_row(make_row, "Mystery 7B")
    unmatched_row(make_row, "claude sonnet 4.5")
    UnmatchedName.objects.create(source=source, raw_name="Mystery 7B", status=UnmatchedName.Status.IGNORED)
    UnmatchedName.objects.create(source=source, raw_name="claude sonnet 4.5", row_count=4)
    UnmatchedName.objects.create(source=source, raw_name="Gone From Upstream", row_count=2)

    resolve_source_rows(source)

    assert list(UnmatchedName.objects.values_list("raw_name", "status", "row_count")) == [
        ("Mystery 7B", "ignored", 1)]


def test_queue_suggestions_keep_the_three_best_with_scores(make_model, make_row):
    for tier in ("mini", "nano", "pro", "max"):
        make_model(f"openai/gpt-5-{tier}")
    unmatched_row(make_row, "gpt-5-mini-turbo-ultra")

    resolve_source_rows("swebench")

    suggestions = UnmatchedName.objects.get().suggestions
    assert len(suggestions) == 3
    assert suggestions[0][0] == "openai/gpt-5-mini"
    assert all(isinstance(score, float) and 50 <= score <= 100 for _model, score in suggestions)


def test_reasoning_flag_from_the_catalog_refuses_thinking_names_for_non_reasoning_models(make_model, make_row):
    make_model("acme/plain-7b", name="Acme: Plain 7B", reasoning=False)
    make_model("acme/smart-7b", name="Acme: Smart 7B", reasoning=None)
    plain = unmatched_row(make_row, "plain-7b (thinking)")
    smart = unmatched_row(make_row, "smart-7b (thinking)")

    resolve_source_rows("swebench")

    assert BenchmarkRow.objects.get(pk=plain.pk).model is None
    assert BenchmarkRow.objects.get(pk=smart.pk).model.canonical_id == "acme/smart-7b"


def test_inactive_catalog_models_are_not_matched(make_model, make_row):
    make_model("acme/retired-1", active=False)
    row = unmatched_row(make_row, "acme/retired-1")

    resolve_source_rows("swebench")

    assert BenchmarkRow.objects.get(pk=row.pk).model is None


def test_global_alias_rematches_every_source(sonnet, make_row):
    rows = [unmatched_row(make_row, "House Favourite"), unmatched_row(make_row, "House Favourite", source="aider")]
    ModelAlias.objects.create(raw_name="house favourite", model=sonnet)

    results = resolve_all_rows()

    assert {BenchmarkRow.objects.get(pk=row.pk).model for row in rows} == {sonnet}
    assert results["aider"]["matched_rows"] == 1 and results["swebench"]["matched_rows"] == 1


def test_junk_names_never_crash_and_stay_unmatched(sonnet, make_row):
    for raw in ["", "   ", "((((", "+ + +", "🙂", "x" * 300]:
        unmatched_row(make_row, raw)

    stats = resolve_source_rows("swebench")

    assert stats["matched_rows"] == 0 and stats["unmatched_rows"] == 6


def test_load_matcher_uses_per_source_and_global_aliases(sonnet):
    ModelAlias.objects.create(raw_name="Fav", source=Source.objects.get(slug="aider"), not_in_catalog=True)
    ModelAlias.objects.create(raw_name="Fav", model=sonnet)

    matcher = load_matcher()

    assert matcher.resolve("fav", source="aider").model_id is None
    assert matcher.resolve("fav", source="swebench").model_id == "anthropic/claude-sonnet-4.5"


def test_running_twice_changes_nothing_the_second_time(sonnet, make_row):
    unmatched_row(make_row, "Claude Sonnet 4.5")
    unmatched_row(make_row, "Unknown One")
    resolve_source_rows("swebench")

    assert resolve_source_rows("swebench")["updated_rows"] == 0
    assert UnmatchedName.objects.count() == 1


@pytest.mark.parametrize("names", [5, 60])
def test_query_count_does_not_grow_with_the_number_of_names(make_model, make_row, names,
                                                            django_assert_max_num_queries):
    for index in range(names):
        make_model(f"acme/model-{index}")
        unmatched_row(make_row, f"acme/model-{index}")
        unmatched_row(make_row, f"Unknown Name {index}")
    UnmatchedName.objects.create(source=Source.objects.get(slug="swebench"), raw_name="acme/model-0")

    with django_assert_max_num_queries(12):
        stats = resolve_source_rows("swebench")

    assert (stats["matched_rows"], stats["unmatched_names"]) == (names, names)
