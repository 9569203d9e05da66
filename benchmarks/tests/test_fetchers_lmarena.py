"""LMArena: coding and full categories, Elo with its 95% interval."""
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.lmarena import LMArenaFetcher

FIXTURE = Path(__file__).parent / "fixtures" / "lmarena_leaderboard-text-style-control.json"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "lmarena"
NAME = "leaderboard-text-style-control.json"


def parse(text: str):
    return LMArenaFetcher().parse({NAME: text})


def test_coding_and_full_categories_only():
    rows = parse(FIXTURE.read_text()).rows
    assert sorted({row.benchmark for row in rows}) == ["lmarena-coding", "lmarena-full"]
    assert len(rows) == 5


def test_rating_carries_its_interval_and_a_stderr_from_it():
    row = next(r for r in parse(FIXTURE.read_text()).rows
               if r.benchmark == "lmarena-coding" and r.model == "claude-opus-4-5-20251101")
    assert (row.value, row.interval_low, row.interval_high, row.unit) == (1520.4, 1510.6, 1530.2, "elo")
    assert row.stderr == pytest.approx(9.8 / 1.959964)


def test_missing_coding_category_is_a_warning_not_a_failure():
    result = parse('{"full": {"m": {"rating": 1400.0}}}')
    assert len(result.rows) == 1 and "no 'coding' category" in result.warnings[0]


@pytest.mark.parametrize("text, reason", [
    ('{"french": {"m": {"rating": 1}}}', "neither a 'coding' nor a 'full' category"),
    ('[]', "should be a JSON object"),
    ('{"full": {"m": {"rating": 14', "not valid JSON"),
])
def test_malformed_payloads_are_rejected(text, reason):
    with pytest.raises(PayloadRejected, match=reason):
        parse(text)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/lmarena (real snapshot) is absent")
def test_real_snapshot_counts_and_top_model():
    rows = parse((SHARED / NAME).read_text()).rows
    assert sum(r.benchmark == "lmarena-full" for r in rows) == 259
    assert sum(r.benchmark == "lmarena-coding" for r in rows) == 254
    top = next(r for r in rows if r.benchmark == "lmarena-coding" and r.model == "claude-sonnet-4-5-20250929-thinking-32k")
    assert top.value == pytest.approx(1526.017, abs=0.001)
