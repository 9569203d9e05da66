"""Standard errors, intervals and tie groups."""
import pytest

from rankings.uncertainty import assign_tie_groups, binomial_stderr, interval, raw_stderr, stderr_from_interval


def test_binomial_stderr_hand_computed():
    assert binomial_stderr(50.0, 100) == pytest.approx(5.0)
    assert binomial_stderr(100.0, 225) == 0.0


def test_binomial_stderr_rejects_empty_sample():
    with pytest.raises(ValueError):
        binomial_stderr(50.0, 0)


def test_stderr_from_95_interval():
    assert stderr_from_interval(90.0, 110.0) == pytest.approx(20.0 / 3.919928)


def test_raw_stderr_prefers_upstream_then_interval_then_sample():
    assert raw_stderr(50.0, "%", 1.5, 40.0, 60.0, 100, 500) == 1.5
    assert raw_stderr(50.0, "%", None, 40.0, 60.0, 100, 500) == pytest.approx(20.0 / 3.919928)
    assert raw_stderr(50.0, "%", None, None, None, 100, 500) == pytest.approx(5.0)
    assert raw_stderr(50.0, "%", None, None, None, None, 100) == pytest.approx(5.0)
    assert raw_stderr(1300.0, "elo", None, None, None, None, None) is None


def test_interval_is_clamped_and_a_point_without_error():
    assert interval(99.0, 2.0) == (pytest.approx(95.08007), 100.0)
    assert interval(40.0, None) == (40.0, 40.0)


def test_overlapping_neighbours_share_a_tie_group():
    assert assign_tie_groups([(90, 100), (85, 95), (70, 80), (60, 75), (10, 20)]) == [1, 1, 2, 2, 3]


def test_point_scores_tie_only_when_equal():
    assert assign_tie_groups([(50, 50), (50, 50), (49, 49)]) == [1, 1, 2]
    assert assign_tie_groups([]) == []
