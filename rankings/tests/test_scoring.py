"""Coding composite: config rule, anchors, coverage, uncertainty, and its invariants."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rankings.anchors import CODING_BENCHMARKS, METHODOLOGY
from rankings.scoring import Measurement, composite_score, is_scaffold_run, normalize, select_runs, validate_weights


def m(benchmark, value, **kwargs):
    return Measurement(benchmark, value, unit=kwargs.pop("unit", "elo" if benchmark.startswith("lmarena") else "%"),
                       **kwargs)


@pytest.mark.parametrize(("benchmark", "value", "expected"), [
    ("swebench-verified", 74.4, 74.4),
    ("lmarena-coding", 1300.0, 50.0),
    ("lmarena-coding", 900.0, 0.0),
    ("bigcodebench-hard-complete", 30.0, 50.0),
    ("bigcodebench-hard-instruct", 75.0, 100.0),
    ("humaneval-plus", 70.0, 50.0),
    ("humaneval-plus", 20.0, 0.0),
    ("mbpp-plus", 65.0, 50.0),
])
def test_normalize_maps_fixed_anchors(benchmark, value, expected):
    assert normalize(benchmark, value) == pytest.approx(expected)


def test_default_benchmark_weights_sum_to_one_and_are_in_methodology():
    assert sum(a.weight for a in CODING_BENCHMARKS.values()) == pytest.approx(1.0)
    assert METHODOLOGY["coding_benchmarks"]["swebench-verified"]["weight"] == 0.25
    assert METHODOLOGY["version"]


def test_best_plain_run_wins_over_lower_effort_levels():
    runs = [m("aider-polyglot", 40.0, config={"effort": "low"}), m("aider-polyglot", 55.0, config={"effort": "high"})]
    chosen = select_runs(runs)["aider-polyglot"]
    assert chosen.raw == 55.0 and chosen.measurement.config == {"effort": "high"}


def test_scaffold_run_is_ignored_when_a_plain_run_exists():
    runs = [m("swebench-verified", 76.8, config={"agent": "OpenHands"}), m("swebench-bash-only", 65.0)]
    chosen = select_runs(runs)["swebench-verified"]
    assert chosen.raw == 65.0 and not chosen.scaffold and chosen.measurement.benchmark == "swebench-bash-only"


def test_scaffold_run_is_used_when_no_plain_run_exists():
    chosen = select_runs([m("swebench-verified", 70.0, config={"agent": "OpenHands"})])["swebench-verified"]
    assert chosen.raw == 70.0 and chosen.scaffold


@pytest.mark.parametrize(("benchmark", "config", "expected"), [
    ("swebench-verified", {"agent": "mini-SWE-agent"}, False),
    ("swebench-verified", {"agent": "OpenHands"}, True),
    ("swebench-bash-only", {"agent": "anything"}, False),
    ("aider-polyglot", {"edit_format": "architect", "editor_model": "gpt-4.1"}, True),
    ("aider-polyglot", {"edit_format": "diff", "effort": "high"}, False),
])
def test_is_scaffold_run(benchmark, config, expected):
    assert is_scaffold_run(benchmark, config) is expected


def test_composite_hand_computed_with_binomial_errors():
    composite, chosen = composite_score([m("swebench-verified", 60.0), m("aider-polyglot", 50.0)])
    # (0.25*60 + 0.15*50) / 0.40; errors: swe sqrt(.6*.4/500)=2.191, aider sqrt(.25/225)=3.333 points
    assert composite.score == pytest.approx(56.25)
    assert composite.stderr == pytest.approx(math.sqrt(0.625**2 * 4.8 + 0.375**2 * 100 / 9))
    assert composite.low == pytest.approx(56.25 - 1.959964 * composite.stderr)
    assert composite.coverage == pytest.approx(0.40)
    assert composite.present == ["aider-polyglot", "swebench-verified"]
    assert "lmarena-coding" in composite.missing
    assert set(chosen) == {"swebench-verified", "aider-polyglot"}


def test_arena_interval_becomes_a_normalised_stderr():
    composite, chosen = composite_score([m("lmarena-coding", 1300.0, interval_low=1290.2, interval_high=1309.8),
                                         m("swebench-verified", 50.0, stderr=0.0)])
    assert chosen["lmarena-coding"].stderr == pytest.approx(19.6 / 3.919928 / 6)
    assert chosen["swebench-verified"].stderr == 0.0


def test_missing_benchmarks_are_not_zero():
    alone, _ = composite_score([m("swebench-verified", 60.0)])
    assert alone.score == pytest.approx(60.0)
    assert alone.coverage == pytest.approx(0.25)


def test_below_min_coverage_gives_no_composite_and_a_reason():
    composite, _ = composite_score([m("humaneval-plus", 90.0)], min_coverage=0.25)
    assert composite.score is None and composite.stderr is None
    assert composite.coverage == pytest.approx(0.05)
    assert "25%" in composite.reason


def test_non_finite_and_unknown_measurements_are_skipped():
    composite, chosen = composite_score([m("swebench-verified", float("nan")), m("made-up", 99.0),
                                         m("swebench-verified", 40.0)])
    assert composite.score == pytest.approx(40.0) and list(chosen) == ["swebench-verified"]


def test_custom_benchmark_weights_apply():
    composite, _ = composite_score([m("swebench-verified", 60.0), m("aider-polyglot", 50.0)],
                                   weights={"swebench-verified": 1, "aider-polyglot": 1})
    assert composite.score == pytest.approx(55.0) and composite.coverage == pytest.approx(1.0)


@pytest.mark.parametrize("weights", [
    {"coding": -0.1, "value": 1}, {"coding": float("nan")}, {"coding": float("inf")},
    {"coding": 0, "value": 0}, {"speed": 1}, {"coding": "1"}, {},
])
def test_invalid_weights_are_rejected(weights):
    with pytest.raises(ValueError):
        validate_weights(weights, ["coding", "performance", "value"])


def test_weights_are_normalised_to_sum_one():
    assert validate_weights({"coding": 2, "performance": 1, "value": 1}, ["coding", "performance", "value"]) == {
        "coding": 0.5, "performance": 0.25, "value": 0.25}


# --- properties ----------------------------------------------------------------------------------

PERCENT_BENCHMARKS = [k for k in CODING_BENCHMARKS if k != "lmarena-coding"]
runs = st.lists(st.tuples(st.sampled_from(PERCENT_BENCHMARKS), st.floats(0, 100),
                          st.sampled_from([{}, {"effort": "high"}, {"agent": "OpenHands"}])), max_size=12)


def to_measurements(items):
    return [m(b, v, config=c) for b, v, c in items]


@given(runs, st.sampled_from(PERCENT_BENCHMARKS), st.floats(0, 100), st.floats(0, 100))
def test_improving_one_benchmark_never_lowers_the_composite(items, benchmark, value, gain):
    better = min(100.0, value + gain)
    before, _ = composite_score(to_measurements(items + [(benchmark, value, {})]), min_coverage=0)
    after, _ = composite_score(to_measurements(items + [(benchmark, better, {})]), min_coverage=0)
    assert after.score >= before.score - 1e-9


@given(runs, st.randoms())
def test_permuting_measurements_changes_nothing(items, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    assert composite_score(to_measurements(items))[0] == composite_score(to_measurements(shuffled))[0]


@given(st.dictionaries(st.sampled_from(["coding", "performance", "value"]),
                       st.one_of(st.floats(max_value=-1e-9), st.just(float("nan")), st.just(float("inf")))
                       , min_size=1))
def test_any_negative_or_non_finite_weight_is_rejected(weights):
    with pytest.raises(ValueError):
        validate_weights(weights, ["coding", "performance", "value"])
