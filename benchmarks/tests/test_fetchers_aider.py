"""Aider polyglot: pass rate and cost per run, run settings kept as config."""
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.aider import AiderFetcher

FIXTURE = Path(__file__).parent / "fixtures" / "aider_polyglot_leaderboard.yml"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "aider"


def rows(text: str) -> dict:
    result = AiderFetcher().parse({"polyglot_leaderboard.yml": text})
    return {(row.upstream_id, row.metric): row for row in result.rows}


def test_pass_rate_and_cost_rows_per_run():
    found = rows(FIXTURE.read_text())
    run = "2025-01-17-19-44-33--sonnet-baseline-jan-17"
    assert (found[(run, "pass_rate_2")].value, found[(run, "pass_rate_2")].sample_size) == (51.6, 225)
    assert (found[(run, "cost")].value, found[(run, "cost")].unit) == (14.4063, "USD")
    assert str(found[(run, "pass_rate_2")].upstream_date) == "2025-01-17"


def test_run_settings_are_kept_as_config():
    found = rows(FIXTURE.read_text())
    assert found[("2025-04-17-01-20-51--o3-mini-high", "pass_rate_2")].config == {
        "edit_format": "diff", "reasoning_effort": "high"}
    assert found[("2025-02-25-17-34-20--sonnet-37-think", "pass_rate_2")].config["thinking_tokens"] == 32000
    assert found[("2025-01-20-10-00-00--free-model", "pass_rate_2")].config["editor_model"] == \
        "claude-3-5-sonnet-20241022"


def test_missing_or_zero_cost_gives_no_cost_row():
    found = rows(FIXTURE.read_text())
    assert ("2025-01-28-21-07-49--qwen-max", "cost") not in found
    assert ("2025-01-20-10-00-00--free-model", "cost") not in found


def test_a_run_without_pass_rate_is_skipped_with_a_warning():
    result = AiderFetcher().parse({"polyglot_leaderboard.yml": "- model: a\n  dirname: d1\n"
                                                               "- model: b\n  dirname: d2\n  pass_rate_2: 10.0\n"})
    assert [row.model for row in result.rows] == ["b"]
    assert "d1: pass_rate_2: Field required" in result.warnings[0]


@pytest.mark.parametrize("text, reason", [
    ("", "is empty"),
    ("runs: 3\n", "should be a YAML list"),
    ("[]\n", "empty list"),
    ("- model: a\n  pass_rate_2: [1,\n", "not valid YAML"),
])
def test_malformed_payloads_are_rejected(text, reason):
    with pytest.raises(PayloadRejected, match=reason):
        AiderFetcher().parse({"polyglot_leaderboard.yml": text})


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/aider (real snapshot) is absent")
def test_real_snapshot_gives_one_pass_rate_per_run():
    found = rows((SHARED / "polyglot_leaderboard.yml").read_text())
    pass_rates = {key: row for key, row in found.items() if key[1] == "pass_rate_2"}
    assert len(pass_rates) == 59
    o3 = next(row for row in pass_rates.values() if row.model == "o3 (high)")
    assert (o3.value, o3.upstream_id) == (79.6, "2025-04-16-21-20-55--o3-high-diff-temp0-exsys")
    assert o3.config == {"edit_format": "diff"}
