"""EvalPlus: four pass@1 benchmarks per model; null scores are missing data, not zero."""
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.evalplus import EvalPlusFetcher

FIXTURE = Path(__file__).parent / "fixtures" / "evalplus_results.json"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "evalplus"


def scores(text: str) -> dict:
    return {(row.model, row.benchmark): row for row in EvalPlusFetcher().parse({"results.json": text}).rows}


def test_each_score_becomes_a_percent_row_with_its_task_count():
    row = scores(FIXTURE.read_text())[("OpenCoder-8B-Instruct", "humaneval-plus")]
    assert (row.value, row.metric, row.unit, row.sample_size) == (77.4, "pass@1", "%", 164)
    assert row.upstream_id == "infly/OpenCoder-8B-Instruct"


def test_null_mbpp_scores_give_no_row_rather_than_zero():
    rows = scores(FIXTURE.read_text())
    assert ("GPT 4o (Aug 2024)", "humaneval") in rows
    assert ("GPT 4o (Aug 2024)", "mbpp") not in rows and ("GPT 4o (Aug 2024)", "mbpp-plus") not in rows


def test_integer_scores_are_read_as_numbers():
    assert scores(FIXTURE.read_text())[("Command-R+", "humaneval")].value == 64.0


@pytest.mark.parametrize("text, reason", [
    ("[]", "should be a JSON object"),
    ("{}", "empty object"),
    ('{"A": {"pass@1": {"humaneval": 5', "not valid JSON"),
    ('{"A": {"link": "x"}}', "no model with a pass@1 score"),
])
def test_malformed_payloads_are_rejected(text, reason):
    with pytest.raises(PayloadRejected, match=reason):
        EvalPlusFetcher().parse({"results.json": text})


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/evalplus (real snapshot) is absent")
def test_real_snapshot_gives_four_benchmarks_for_124_models():
    rows = scores((SHARED / "results.json").read_text())
    assert len(rows) == 424  # 124 x HumanEval(+) and 88 x MBPP(+)
    assert rows[("GPT 4o (Aug 2024)", "humaneval-plus")].value == 87.2
    assert rows[("GPT 4o (Aug 2024)", "mbpp-plus")].value == 72.2
