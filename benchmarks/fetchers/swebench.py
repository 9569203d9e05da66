"""SWE-bench: reads `leaderboards.json`, every board of the site, into resolved-% rows.

Boards: bash-only, Test (the site's "Full"), Verified, Lite, Multimodal, and later ones such as
Multilingual. An unknown board is kept under a slugified key (`swebench-<slug>`) with a warning.
The model comes from the entry's `Model: …` tag; the agent scaffold (the rest of the name) goes
to config["agent"]. The live file is over 4 MB, nearly all `per_instance_details`: each entry's
details are reduced to counts while parsing, which also gives a binomial standard error.
"""
import math
import re

from pydantic import Field

from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.rows import Row
from benchmarks.fetchers.schemas import LenientDate, Upstream, load_json, require, validate_each

# board name (lowercase) -> (benchmark key, tasks in the board), from the site's JS.
BOARDS = {
    "verified": ("swebench-verified", 500),
    "lite": ("swebench-lite", 300),
    "bash-only": ("swebench-bash-only", 500),
    "test": ("swebench-full", 2294),
    "full": ("swebench-full", 2294),
    "multimodal": ("swebench-multimodal", 517),
    "multilingual": ("swebench-multilingual", 300),
}
DETAILS, SUMMARY = "per_instance_details", "_per_instance_summary"
HF_PREFIX = "https://huggingface.co/"


class InstanceSummary(Upstream):
    total: int
    resolved: int


class SweEntry(Upstream):
    name: str
    resolved: float
    date: LenientDate = None
    folder: str = ""
    tags: list[str] = []
    warning: object = None
    mini_swe_agent_version: str | None = Field(None, alias="mini-swe-agent_version")
    summary: InstanceSummary | None = Field(None, alias=SUMMARY)


class SweBenchFetcher(Fetcher):
    slug = "swebench"
    files = ("leaderboards.json",)

    def parse(self, documents: dict[str, str]) -> FetchResult:
        data = load_json(documents["leaderboards.json"], "leaderboards.json", dict, object_hook=summarize_details)
        boards = data.get("leaderboards")
        require(isinstance(boards, list) and bool(boards), "leaderboards.json has an empty or missing 'leaderboards' list")
        result = FetchResult()
        for board in boards:
            if not isinstance(board, dict) or not isinstance(board.get("results"), list):
                result.warnings.append("skipped a board without a 'results' list")
                continue
            benchmark, tasks = board_key(str(board.get("name", "")), result.warnings)
            entries = ((f"{board.get('name')}/{e.get('folder') or e.get('name')}" if isinstance(e, dict) else "?", e)
                       for e in board["results"])
            for _label, entry in validate_each(SweEntry, entries, result.warnings):
                if entry.warning:
                    result.warnings.append(f"skipped {entry.name!r}: upstream flags it ({entry.warning})")
                    continue
                result.rows.append(row_for(entry, benchmark, tasks))
        return result


def summarize_details(obj: dict) -> dict:
    """json object_hook: replace an entry's per-instance dict by two counts as soon as it is parsed."""
    details = obj.get(DETAILS)
    if isinstance(details, dict):
        solved = sum(1 for item in details.values() if isinstance(item, dict) and item.get("resolved") is True)
        del obj[DETAILS]
        obj[SUMMARY] = {"total": len(details), "resolved": solved}
    return obj


def board_key(name: str, warnings: list[str]) -> tuple[str, int | None]:
    known = BOARDS.get(name.strip().lower())
    if known:
        return known
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"
    warnings.append(f"unknown board {name!r} stored as 'swebench-{slug}'")
    return f"swebench-{slug}", None


def row_for(entry: SweEntry, benchmark: str, tasks: int | None) -> Row:
    models = [tag.split(":", 1)[1].strip() for tag in entry.tags if tag.startswith("Model:")]
    models = [m[len(HF_PREFIX):] if m.startswith(HF_PREFIX) else m for m in models]
    config = {"agent": agent_of(entry, benchmark), "submission": entry.name}
    if len(models) > 1:
        config["models"] = models
    attempts = [tag.split("-", 1)[1].strip() for tag in entry.tags if tag.startswith("System: Attempts")]
    if attempts:
        config["attempts"] = attempts[0]
    if entry.mini_swe_agent_version:
        config["mini_swe_agent_version"] = entry.mini_swe_agent_version
    model = models[0] if len(models) == 1 else (" + ".join(models) if models else entry.name)
    return Row(model=model, benchmark=benchmark, metric="resolved", value=entry.resolved, unit="%", config=config,
               sample_size=tasks, stderr=stderr_of(entry.summary), upstream_date=entry.date,
               upstream_id=entry.folder)


def agent_of(entry: SweEntry, benchmark: str) -> str:
    """bash-only runs all use mini-SWE-agent; elsewhere the name is "<agent> + <model>" or the system."""
    if benchmark == "swebench-bash-only":
        return "mini-SWE-agent"
    return entry.name.split(" + ", 1)[0].strip()


def stderr_of(summary: InstanceSummary | None) -> float | None:
    """Binomial standard error of the resolved rate, in percentage points."""
    if summary is None or summary.total <= 0 or not 0 <= summary.resolved <= summary.total:
        return None
    share = summary.resolved / summary.total
    return 100 * math.sqrt(share * (1 - share) / summary.total)
