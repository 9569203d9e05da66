"""LMArena: reads `leaderboard-text-style-control.json` (arena-catalog), the style-controlled Elo.

Two categories matter: `coding` (benchmark lmarena-coding) and `full`, the overall board
(lmarena-full). Each model has a rating and its 95% interval. The file carries no vote counts,
so sample_size stays empty; the standard error is read back from the 95% interval.
"""
from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.rowcheck import benchmark_row
from benchmarks.fetchers.schemas import Upstream, load_json, require, validate_each

CATEGORIES = {"coding": "lmarena-coding", "full": "lmarena-full"}
Z_95 = 1.959964


class Rating(Upstream):
    rating: float
    rating_q025: float | None = None
    rating_q975: float | None = None


class LMArenaFetcher(Fetcher):
    slug = "lmarena"
    files = ("leaderboard-text-style-control.json",)

    def parse(self, documents: dict[str, str]) -> FetchResult:
        name = self.files[0]
        data = load_json(documents[name], name, dict)
        present = [category for category in CATEGORIES if isinstance(data.get(category), dict)]
        require(bool(present), f"{name} has neither a 'coding' nor a 'full' category")
        result = FetchResult(upstream_version="style-control")
        for category in CATEGORIES:
            if category not in present:
                result.warnings.append(f"{name} has no '{category}' category")
                continue
            for model, record in validate_each(Rating, data[category].items(), result.warnings):
                result.rows.append(benchmark_row(CATEGORIES[category], model, record.rating,
                                                 config={"style_control": True}, **interval(record)))
        return result


def interval(record: Rating) -> dict:
    low, high = record.rating_q025, record.rating_q975
    if low is None or high is None or high < low:
        return {}
    return {"interval_low": low, "interval_high": high, "stderr": (high - low) / (2 * Z_95)}
