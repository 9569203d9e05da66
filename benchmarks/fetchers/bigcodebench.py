"""BigCodeBench: reads `results.json` (full, 1140 tasks) and `results-hard.json` (hard, 148 tasks).

Both are objects keyed by model display name with calibrated pass@1 % for the `complete` and
`instruct` splits; null means not evaluated (no row). A settings suffix in the name, such as
`(temperature=1, reasoning=high)`, is parsed into the row's config; the raw name is kept as is.

The Hugging Face datasets-server copy (bigcode/bigcodebench-results) is not read: it holds the
same figures as these files, which stay the site's own source.
"""
import re

from pydantic import Field

from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.rowcheck import benchmark_row
from benchmarks.fetchers.schemas import LenientDate, Upstream, because, hf_repo_id, load_json, require, validate_each

# file -> (benchmark key prefix, tasks in that set)
SUBSETS = {
    "results.json": ("bigcodebench", 1140),
    "results-hard.json": ("bigcodebench-hard", 148),
}
SPLITS = ("complete", "instruct")
SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Splits(Upstream):
    complete: float | None = None
    instruct: float | None = None


class BigCodeBenchModel(Upstream):
    pass_at_1: Splits = Field(alias="pass@1")
    link: str | None = None
    prompted: bool | None = None
    date: LenientDate = None


class BigCodeBenchFetcher(Fetcher):
    slug = "bigcodebench"
    files = tuple(SUBSETS)

    def parse(self, documents: dict[str, str]) -> FetchResult:
        result = FetchResult()
        for file, (prefix, tasks) in SUBSETS.items():
            data = load_json(documents[file], file, dict)
            count = len(result.rows)
            for name, record in validate_each(BigCodeBenchModel, data.items(), result.warnings):
                result.rows.extend(rows_for(name, record, prefix, tasks))
            require(len(result.rows) > count, f"{file} has no model with a pass@1 score" + because(result.warnings))
        return result


def rows_for(name: str, record: BigCodeBenchModel, prefix: str, tasks: int) -> list:
    config = parse_settings(name)
    if record.prompted is not None:
        config["prompted"] = record.prompted
    rows = []
    for split in SPLITS:
        value = getattr(record.pass_at_1, split)
        if value is not None:
            rows.append(benchmark_row(f"{prefix}-{split}", name, value, config=config, sample_size=tasks,
                                      upstream_date=record.date, upstream_id=hf_repo_id(record.link)))
    return rows


def parse_settings(name: str) -> dict:
    """Config from a trailing parenthesis: `(temperature=1, reasoning=high)` -> {"temperature": 1, ...}.

    `w/ Reasoning` becomes {"reasoning": True}, a date becomes {"date_pin": "2024-06-28"}, and
    anything else is kept verbatim under "notes".
    """
    match = SUFFIX.search(name)
    if not match:
        return {}
    config, notes = {}, []
    for part in (p.strip() for p in match.group(1).split(",")):
        if "=" in part:
            key, _, value = part.partition("=")
            config[key.strip().lower()] = to_number(value.strip())
        elif DATE.match(part):
            config["date_pin"] = part
        elif part.lower().startswith("w/ "):
            config[part[3:].strip().lower()] = True
        elif part:
            notes.append(part)
    if notes:
        config["notes"] = notes
    return config


def to_number(text: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text
