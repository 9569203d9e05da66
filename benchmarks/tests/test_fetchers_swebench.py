"""SWE-bench: every board, model from tags, agent in config, per-instance details reduced."""
import json
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.swebench import SweBenchFetcher

FIXTURE = Path(__file__).parent / "fixtures" / "swebench_leaderboards.json"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "swebench"


def parse(text: str):
    return SweBenchFetcher().parse({"leaderboards.json": text})


def rows_by_folder(text: str) -> dict:
    return {row.upstream_id: row for row in parse(text).rows}


def test_bash_only_row_names_the_model_from_its_tag_and_mini_swe_agent():
    row = rows_by_folder(FIXTURE.read_text())["20251124_mini-v1.16.0_claude-opus-4-5-20251101"]
    assert (row.model, row.benchmark, row.value, row.sample_size) == ("claude-opus-4-5-20251101",
                                                                     "swebench-bash-only", 75.0, 500)
    assert row.config["agent"] == "mini-SWE-agent" and row.config["mini_swe_agent_version"] == "1.16.0"


def test_per_instance_details_give_a_binomial_stderr():
    row = rows_by_folder(FIXTURE.read_text())["20251124_mini-v1.16.0_claude-opus-4-5-20251101"]
    assert row.stderr == pytest.approx(100 * (0.75 * 0.25 / 4) ** 0.5)
    assert "per_instance_details" not in row.config


def test_agent_scaffold_is_separated_from_the_model():
    row = rows_by_folder(FIXTURE.read_text())["20250731_openhands_qwen3coder"]
    assert row.model == "Qwen/Qwen3-Coder-480B-A35B-Instruct" and row.config["agent"] == "OpenHands"


def test_several_model_tags_are_all_kept_and_hf_urls_become_repo_ids():
    rows = rows_by_folder(FIXTURE.read_text())
    assert rows["20250902_atlassian-rovo-dev"].config["models"] == ["claude-sonnet-4-20250514", "gpt-5"]
    assert rows["20251001_glm"].model == "zai-org/GLM-4.6"


def test_test_board_is_full_and_multilingual_is_known():
    rows = rows_by_folder(FIXTURE.read_text())
    assert rows["20240402_sweagent_gpt4"].benchmark == "swebench-full"
    assert rows["20240402_sweagent_gpt4"].sample_size == 2294
    assert rows["20260120_mini_sonnet45"].benchmark == "swebench-multilingual"


def test_unknown_board_gets_a_slugified_key_and_a_warning():
    result = parse(FIXTURE.read_text())
    assert [row.benchmark for row in result.rows if row.upstream_id == "20260201_java"] == ["swebench-java-preview"]
    assert any("unknown board 'Java Preview'" in warning for warning in result.warnings)


@pytest.mark.parametrize("text, reason", [
    ('{"leaderboards": []}', "empty or missing 'leaderboards' list"),
    ('[{"name": "Lite"}]', "should be a JSON object"),
    ('{"leaderboards": [{"name": "Lite", "results": [{"name": "x"', "not valid JSON"),
])
def test_malformed_payloads_are_rejected(text, reason):
    with pytest.raises(PayloadRejected, match=reason):
        parse(text)


def test_entry_without_resolved_is_skipped_with_a_warning():
    text = '{"leaderboards": [{"name": "Lite", "results": [{"name": "a", "folder": "f"}, ' \
           '{"name": "b", "folder": "g", "resolved": 3.3, "tags": ["Model: m"]}]}]}'
    result = parse(text)
    assert [row.model for row in result.rows] == ["m"]
    assert "Lite/f: resolved: Field required" in result.warnings[0]


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/swebench (real snapshot) is absent")
def test_real_snapshot_gives_every_board():
    rows = parse((SHARED / "leaderboards.json").read_text()).rows
    counts = {key: sum(row.benchmark == key for row in rows) for key in {row.benchmark for row in rows}}
    assert counts == {"swebench-bash-only": 22, "swebench-full": 22, "swebench-verified": 145,
                      "swebench-lite": 84, "swebench-multimodal": 21}
    sonnet = next(row for row in rows if row.upstream_id == "20250929_mini-v1.13.3_sonnet-4-5-20250929"
                  and row.benchmark == "swebench-bash-only")
    assert (sonnet.model, sonnet.value) == ("claude-sonnet-4-5-20250929", 70.6)


def large_leaderboard(entries: int = 80, instances: int = 500) -> str:
    """The live file's shape at its size: every entry carries a per-instance dict of ~500 tasks."""
    results = [{"name": f"Agent {i}", "folder": f"2025_{i}", "resolved": 33.4, "date": "2025-10-01",
                "tags": ["Model: claude-sonnet-4-5-20250929"],
                "per_instance_details": {f"django__django-{n}": {"resolved": n % 3 == 0, "tests_status": {
                    "FAIL_TO_PASS": {"success": ["t1", "t2"], "failure": []}}} for n in range(instances)}}
               for i in range(entries)]
    return json.dumps({"leaderboards": [{"name": "Verified", "results": results}]})


def test_the_4_mb_shape_is_parsed_with_bounded_memory():
    import tracemalloc

    text = large_leaderboard()
    assert len(text) > 4 * 2**20
    tracemalloc.start()
    try:
        rows = SweBenchFetcher().parse({"leaderboards.json": text}).rows
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(rows) == 80 and rows[0].sample_size == 500
    # Holding every entry's details as dicts takes ~23 MiB for this file; parsing keeps one at a time.
    assert peak < 2 * 2**20, f"peak {peak / 2**20:.1f} MiB"
