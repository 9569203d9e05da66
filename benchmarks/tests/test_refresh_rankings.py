"""manage.py refresh_rankings: source selection, progress and summary, exit status."""
from io import StringIO
from pathlib import Path

import httpx
import pytest
import respx
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def fast_fetch(settings):
    settings.FETCH_RETRIES = 0
    settings.SOURCE_BASE_URLS = {**settings.SOURCE_BASE_URLS, "aider": "http://aider.test", "evalplus": "http://ep.test"}
    settings.SOURCE_ENABLED = {**settings.SOURCE_ENABLED, "aider": True, "evalplus": True}


def test_unknown_source_is_an_error_listing_the_valid_keys():
    with pytest.raises(CommandError, match="Unknown source nope. Valid keys: openrouter, swebench"):
        call_command("refresh_rankings", "--source", "nope")


@pytest.mark.django_db(transaction=True)  # worker threads need committed data
@respx.mock
def test_prints_a_line_per_source_and_a_summary():
    respx.get("http://aider.test/polyglot_leaderboard.yml").respond(
        200, text=(FIXTURES / "aider_polyglot_leaderboard.yml").read_text())
    respx.get("http://ep.test/results.json").respond(500)
    out = StringIO()
    call_command("refresh_rankings", "--source", "aider", "--source", "evalplus", "--force", "--no-build", stdout=out)
    text = out.getvalue()
    assert "aider" in text and "ok" in text and "8 rows" in text
    assert "evalplus" in text and "HTTP 500" in text
    assert "2 sources, 8 rows stored" in text


@pytest.mark.django_db(transaction=True)  # worker threads need committed data
@respx.mock
def test_exits_non_zero_when_every_source_failed():
    respx.get("http://aider.test/polyglot_leaderboard.yml").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(CommandError, match="Every enabled source failed"):
        call_command("refresh_rankings", "--source", "aider", "--force", "--no-build", stdout=StringIO())


@pytest.mark.django_db(transaction=True)  # worker threads need committed data
@respx.mock
def test_builds_and_publishes_a_snapshot_after_the_refresh():
    from rankings.models import Ranking

    respx.get("http://aider.test/polyglot_leaderboard.yml").respond(
        200, text=(FIXTURES / "aider_polyglot_leaderboard.yml").read_text())
    out = StringIO()
    call_command("refresh_rankings", "--source", "aider", "--force", stdout=out)
    ranking = Ranking.objects.latest_published()
    assert ranking is not None
    assert f"Rankings built: snapshot {ranking.pk}, {ranking.model_count} models" in out.getvalue()
