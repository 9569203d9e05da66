"""Performance and value scores: log anchors, missing figures, prices and their special cases."""
import pytest

from rankings.efficiency import blended_price, log_scale, performance_score, value_score


@pytest.mark.parametrize(("x", "best", "worst", "expected"), [
    (2.0, 0.2, 20.0, 50.0),      # TTFT 2 s: halfway between 0.2 s and 20 s in log terms
    (100.0, 1000.0, 10.0, 50.0),  # 100 tokens/s
    (0.1, 0.2, 20.0, 100.0),     # faster than the best anchor is clamped
    (5000.0, 1000.0, 10.0, 100.0),
    (1.0, 1000.0, 10.0, 0.0),
])
def test_log_scale(x, best, worst, expected):
    assert log_scale(x, best, worst) == pytest.approx(expected)


def test_performance_hand_computed():
    assert performance_score(ttft=2.0, throughput=100.0, total_latency=10.0).score == pytest.approx(50.0)


def test_p95_counts_for_a_quarter():
    result = performance_score(ttft=2.0, ttft_p95=20.0, throughput=100.0)
    # TTFT sub = 0.75*50 + 0.25*0 = 37.5; (0.3*37.5 + 0.4*50) / 0.7
    assert result.score == pytest.approx((0.3 * 37.5 + 0.4 * 50) / 0.7)
    assert result.detail["subscores"]["ttft"] == pytest.approx(37.5)


def test_ttft_alone_gives_no_performance_score():
    result = performance_score(ttft=0.5)
    assert result.score is None and "throughput" in result.reason


def test_zero_speed_means_not_measured():
    assert performance_score(throughput=0.0, total_latency=float("nan")).score is None


def test_blended_price_is_three_to_one():
    assert blended_price(3.0, 15.0) == (pytest.approx(6.0), None)


@pytest.mark.parametrize(("prompt", "completion", "variable"), [(-1, -1, False), (1.0, 2.0, True), (-1, 2.0, False)])
def test_variable_price_gives_no_blend(prompt, completion, variable):
    price, reason = blended_price(prompt, completion, variable)
    assert price is None and "Variable" in reason


def test_unknown_price_gives_no_blend():
    assert blended_price(None, 2.0) == (None, "No price known.")


def test_value_hand_computed():
    # 0.5 USD / (50/100) = 1 USD per quality unit; log10(50/1) / log10(50/0.05) = 1.69897 / 3
    assert value_score(50.0, 0.5).score == pytest.approx(100 * 1.69897 / 3, abs=1e-4)


def test_better_coding_for_the_same_price_is_better_value():
    assert value_score(80.0, 2.0).score > value_score(40.0, 2.0).score


def test_free_model_gets_full_value():
    result = value_score(30.0, 0.0)
    assert result.score == 100.0 and result.detail["free"]


def test_no_composite_or_no_price_gives_no_value_with_reason():
    assert value_score(None, 1.0).reason.startswith("No coding score")
    assert value_score(50.0, None, "Variable price").reason == "Variable price"
