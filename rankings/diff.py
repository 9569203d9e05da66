"""What changed between two snapshots: models added, removed, and moved in rank or score."""
from collections.abc import Iterable

from rankings.models import RankingEntry

SCORE_EPSILON = 1e-9  # float noise is not a move


def diff_entries(current: Iterable[RankingEntry], previous: Iterable[RankingEntry]) -> dict:
    """Compare two snapshots' rows by catalog model.

    Returns {"added", "removed", "moved", "unchanged"}: added/removed list the models present in only
    one snapshot; moved lists models in both whose rank, overall or coding score changed, biggest
    rank change first; unchanged counts the rest. rank_change is positive when the model moved up.
    """
    now = {entry.model_id: entry for entry in current}
    before = {entry.model_id: entry for entry in previous}
    added = [_summary(now[key]) for key in now.keys() - before.keys()]
    removed = [_summary(before[key]) for key in before.keys() - now.keys()]
    moves = [_move(before[key], now[key]) for key in now.keys() & before.keys()]
    moved = [move for move in moves if _changed(move)]
    moved.sort(key=lambda m: (-abs(m["rank_change"] or 0), m["rank_after"] is None, m["rank_after"] or 0,
                              m["model_id"]))
    return {"added": sorted(added, key=_by_rank), "removed": sorted(removed, key=_by_rank), "moved": moved,
            "unchanged": len(moves) - len(moved)}


def _by_rank(item: dict) -> tuple:
    return item["rank"] is None, item["rank"] or 0, item["model_id"]


def _summary(entry: RankingEntry) -> dict:
    return {"model_id": entry.model.canonical_id, "model_name": entry.model_name, "rank": entry.rank,
            "overall_score": entry.overall_score}


def _move(old: RankingEntry, new: RankingEntry) -> dict:
    move = {"model_id": new.model.canonical_id, "model_name": new.model_name,
            "rank_before": old.rank, "rank_after": new.rank,
            "rank_change": old.rank - new.rank if old.rank is not None and new.rank is not None else None}
    for name, field in (("overall", "overall_score"), ("composite", "composite_score")):
        low, high = getattr(old, field), getattr(new, field)
        move[f"{name}_before"], move[f"{name}_after"] = low, high
        move[f"{name}_change"] = high - low if low is not None and high is not None else None
    return move


def _changed(move: dict) -> bool:
    if move["rank_before"] != move["rank_after"]:
        return True
    return any((move[f"{n}_before"] is None) != (move[f"{n}_after"] is None)
               or abs(move[f"{n}_change"] or 0) > SCORE_EPSILON for n in ("overall", "composite"))
