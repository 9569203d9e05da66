"""BigCodeBench: full and hard files, complete and instruct splits, settings suffixes in config."""
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.bigcodebench import BigCodeBenchFetcher, parse_settings

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "bigcodebench"


def rows(full: str, hard: str) -> dict:
    result = BigCodeBenchFetcher().parse({"results.json": full, "results-hard.json": hard})
    return {(row.model, row.benchmark): row for row in result.rows}


def fixture_rows() -> dict:
    return rows((FIXTURES / "bigcodebench_results.json").read_text(),
                (FIXTURES / "bigcodebench_results-hard.json").read_text())


def test_full_and_hard_splits_are_separate_benchmarks():
    found = fixture_rows()
    assert found[("DeepSeek-V3", "bigcodebench-complete")].value == 62.2
    assert found[("DeepSeek-V3", "bigcodebench-hard-instruct")].value == 27.0
    assert found[("DeepSeek-V3", "bigcodebench-hard-instruct")].sample_size == 148


def test_null_scores_give_no_rows():
    found = fixture_rows()
    name = "o1-2024-12-17 (temperature=1, reasoning=high)"
    assert (name, "bigcodebench-complete") not in found and (name, "bigcodebench-hard-complete") in found


def test_settings_suffix_is_parsed_into_config_and_the_raw_name_kept():
    row = fixture_rows()[("o1-2024-12-17 (temperature=1, reasoning=high)", "bigcodebench-hard-instruct")]
    assert row.config["temperature"] == 1 and row.config["reasoning"] == "high"


@pytest.mark.parametrize("name, config", [
    ("DeepSeek-V3", {}),
    ("DeepSeek-V2-Chat (2024-06-28)", {"date_pin": "2024-06-28"}),
    ("DeepCoder-14B-Preview (w/ Reasoning, 64k tokens, temperature=0.6)",
     {"reasoning": True, "notes": ["64k tokens"], "temperature": 0.6}),
    ("Claude-3.7-Sonnet-20250219 (temperature=1, length=12800, reasoning=3200)",
     {"temperature": 1, "length": 12800, "reasoning": 3200}),
])
def test_parse_settings(name, config):
    assert parse_settings(name) == config


def test_a_truncated_second_file_rejects_the_whole_source():
    with pytest.raises(PayloadRejected, match="results-hard.json is not valid JSON"):
        rows((FIXTURES / "bigcodebench_results.json").read_text(), '{"A": {"pass@1": ')


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/bigcodebench (real snapshot) is absent")
def test_real_snapshot_counts_and_values():
    found = rows((SHARED / "results.json").read_text(), (SHARED / "results-hard.json").read_text())
    assert len(found) == 609  # full: 149 complete + 121 instruct; hard: 183 + 156
    assert found[("DeepSeek-V3", "bigcodebench-hard-complete")].value == 39.9
    assert found[("o1-2024-12-17 (temperature=1, reasoning=high)", "bigcodebench-hard-instruct")].value == 32.4
