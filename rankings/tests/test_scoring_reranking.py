"""Overall score, order, ranks and tie groups from stored parts, with custom weights."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rankings.reranking import ModelParts, overall_score, rank_models


def test_overall_hand_computed_with_default_weights():
    result = overall_score({"coding": 60.0, "performance": 50.0, "value": 40.0},
                           {"coding": 0.5, "performance": 0.3, "value": 0.2})
    assert result.score == pytest.approx(53.0)


def test_missing_part_gives_no_overall_with_reason():
    result = overall_score({"coding": 60.0, "performance": None, "value": 40.0},
                           {"coding": 0.5, "performance": 0.3, "value": 0.2})
    assert result.score is None and "performance" in result.reason


def test_part_with_zero_weight_is_not_needed():
    result = overall_score({"coding": 60.0, "performance": None, "value": 40.0}, {"coding": 3, "value": 1})
    assert result.score == pytest.approx(55.0)


def test_invalid_top_level_weights_raise():
    with pytest.raises(ValueError):
        rank_models([], weights={"coding": -1, "performance": 1, "value": 1})
    with pytest.raises(ValueError):
        rank_models([], benchmark_weights={"swebench-verified": 0})


def parts(key, swe, perf=50.0, price=1.0, stderr=None):
    return ModelParts(key, {"swebench-verified": (swe, stderr)}, perf, price)


def test_models_with_overall_rank_first_then_coding_only_then_unranked():
    ranked = rank_models([parts("a/no-price", 90.0, price=None), parts("b/low", 40.0), parts("c/high", 80.0),
                          ModelParts("d/nothing", {})])
    assert [(r.key, r.rank) for r in ranked] == [("c/high", 1), ("b/low", 2), ("a/no-price", 3), ("d/nothing", None)]
    assert ranked[2].overall is None and "value" in ranked[2].reasons["overall"]
    assert ranked[3].reasons["composite"]


def test_provisional_scores_rank_after_established_ones_whatever_their_value():
    established = ModelParts("a/broad", {"swebench-verified": (60.0, None), "aider-polyglot": (60.0, None),
                                         "livebench-agentic-coding": (60.0, None)}, 50.0, 1.0)  # coverage 0.55
    thin = parts("b/thin", 95.0)  # SWE-bench only: coverage 0.25
    ranked = rank_models([thin, established])
    assert [(r.key, r.rank, r.composite.provisional) for r in ranked] == [("a/broad", 1, False),
                                                                         ("b/thin", 2, True)]
    assert ranked[1].composite.score > ranked[0].composite.score  # the score itself is not touched
    assert [r.tie_group for r in ranked] == [1, 2]  # a tie group never spans the two tiers


def test_full_coverage_threshold_is_a_parameter():
    ranked = rank_models([parts("b/thin", 95.0), parts("a/other", 60.0)], full_coverage=0.25)
    assert [r.key for r in ranked] == ["b/thin", "a/other"]
    assert not any(r.composite.provisional for r in ranked)


def test_tie_groups_follow_overlapping_overall_intervals():
    ranked = rank_models([parts("a", 80.0, stderr=5.0), parts("b", 78.0, stderr=5.0), parts("c", 30.0, stderr=1.0)])
    assert [r.tie_group for r in ranked] == [1, 1, 2]


def test_custom_benchmark_weights_rerank_without_raw_data():
    a = ModelParts("a", {"swebench-verified": (80.0, None), "lmarena-coding": (20.0, None)}, 50.0, 1.0)
    b = ModelParts("b", {"swebench-verified": (40.0, None), "lmarena-coding": (90.0, None)}, 50.0, 1.0)
    assert rank_models([a, b])[0].key == "a"
    arena_only = rank_models([a, b], benchmark_weights={"lmarena-coding": 1})
    assert arena_only[0].key == "b" and arena_only[0].composite.score == pytest.approx(90.0)


def test_parts_round_trip_through_json():
    original = ModelParts("x", {"aider-polyglot": (55.0, 3.3)}, 61.0, 2.5, None, None)
    assert ModelParts.from_json("x", original.to_json()) == original


@pytest.mark.parametrize("data", [{"benchmarks": {"swebench-verified": {}}}, {"benchmarks": [1]},
                                  {"benchmarks": {"x": {"score": "high"}}}, {"performance": float("nan")}])
def test_malformed_stored_parts_raise_value_error(data):
    with pytest.raises(ValueError):
        ModelParts.from_json("x", data)


score = st.floats(0, 100)
model_parts = st.builds(lambda k, s, l, p, c: ModelParts(k, {"swebench-verified": (s, None),
                                                             "lmarena-coding": (l, None)}, p, c),
                        st.text(min_size=1, max_size=5), score, score, st.one_of(st.none(), score),
                        st.one_of(st.none(), st.floats(0, 100)))


@given(st.lists(model_parts, max_size=8, unique_by=lambda p: p.key), model_parts, st.randoms())
def test_adding_an_unrelated_model_or_permuting_changes_no_other_score(models, extra, random):
    before = {r.key: (r.composite, r.overall) for r in rank_models(models)}
    shuffled = [extra] + list(models) if extra.key not in before else list(models)
    random.shuffle(shuffled)
    after = {r.key: (r.composite, r.overall) for r in rank_models(shuffled)}
    assert all(after[key] == value for key, value in before.items())
