"""/api/snapshots/: history, one snapshot with its rows, and the diff between two."""
import datetime as dt

import pytest
from django.utils import timezone

from rankings.models import Ranking


@pytest.fixture
def two_snapshots(make_model, make_snapshot):
    """Old: a, b, c. New: b moved up, a moved down, c removed, d added."""
    a, b, c, d = (make_model(f"lab/{name}", name=name.upper()) for name in "abcd")
    old = make_snapshot([(a, {"overall_score": 70}), (b, {"overall_score": 60}), (c, {"overall_score": 50})],
                        computed_at=timezone.now() - dt.timedelta(days=1))
    new = make_snapshot([(b, {"overall_score": 72}), (a, {"overall_score": 70}), (d, {"overall_score": 40})])
    return old, new


def test_history_lists_published_snapshots_newest_first(client, two_snapshots, make_snapshot, make_model):
    old, new = two_snapshots
    make_snapshot([(make_model("lab/e"), {})], status=Ranking.Status.FAILED)
    body = client.get("/api/snapshots/").json()
    assert [s["id"] for s in body["results"]] == [new.pk, old.pk]
    assert body["results"][0]["model_count"] == 3 and body["results"][0]["weights"]["coding"] == 0.5


def test_snapshot_detail_has_its_rows_in_rank_order(client, two_snapshots):
    old, _ = two_snapshots
    body = client.get(f"/api/snapshots/{old.pk}/").json()
    assert body["id"] == old.pk and [e["model_id"] for e in body["entries"]] == ["lab/a", "lab/b", "lab/c"]
    assert "methodology" in body


@pytest.mark.django_db
def test_unknown_or_unpublished_snapshot_is_a_404(client, make_snapshot, make_model):
    failed = make_snapshot([(make_model("lab/x"), {})], status=Ranking.Status.FAILED)
    for url in (f"/api/snapshots/{failed.pk}/", "/api/snapshots/999999/", "/api/snapshots/99999999999999999999999/",
                "/api/snapshots/abc/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["message"], url


def test_diff_lists_added_removed_and_moved(client, two_snapshots):
    old, new = two_snapshots
    body = client.get(f"/api/snapshots/{new.pk}/diff/?against={old.pk}").json()
    assert body["snapshot"] == new.pk and body["against"] == old.pk
    assert [m["model_id"] for m in body["added"]] == ["lab/d"]
    assert [m["model_id"] for m in body["removed"]] == ["lab/c"]
    moved = {m["model_id"]: m for m in body["moved"]}
    assert moved["lab/b"]["rank_before"] == 2 and moved["lab/b"]["rank_after"] == 1
    assert moved["lab/b"]["rank_change"] == 1 and moved["lab/b"]["overall_change"] == pytest.approx(12)
    assert moved["lab/a"]["rank_change"] == -1 and moved["lab/a"]["overall_change"] == 0
    assert body["unchanged"] == 0


def test_diff_with_itself_is_all_unchanged(client, two_snapshots):
    _, new = two_snapshots
    body = client.get(f"/api/snapshots/{new.pk}/diff/?against={new.pk}").json()
    assert body["added"] == body["removed"] == body["moved"] == [] and body["unchanged"] == 3


@pytest.mark.parametrize("against", ["", "?against=", "?against=abc", "?against=-1", "?against=1.5",
                                     "?against=99999999999999999999999"])
def test_diff_without_a_valid_against_is_a_400(client, two_snapshots, against):
    _, new = two_snapshots
    response = client.get(f"/api/snapshots/{new.pk}/diff/{against}")
    assert response.status_code == 400 and "against" in response.json()["errors"]


def test_diff_against_a_snapshot_that_does_not_exist_is_a_404(client, two_snapshots):
    _, new = two_snapshots
    response = client.get(f"/api/snapshots/{new.pk}/diff/?against=999999")
    assert response.status_code == 404 and "999999" in response.json()["message"]
