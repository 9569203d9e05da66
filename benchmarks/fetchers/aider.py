"""Aider: reads `polyglot_leaderboard.yml`, one mapping per benchmark run.

Each run gives `pass_rate_2` (% of the 225 exercises solved within two tries; benchmark
aider-polyglot) and, when known, `total_cost` in USD for the whole run (metric "cost"). Settings
that tell runs of one model apart (edit format, reasoning effort, thinking tokens, architect's
editor) go into config. A cost of 0 means unknown upstream, so it gives no row.
"""
import yaml

from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.errors import PayloadRejected
from benchmarks.fetchers.rowcheck import benchmark_row
from benchmarks.fetchers.rows import AIDER_COST_METRIC, Row
from benchmarks.fetchers.schemas import LenientDate, Upstream, because, require, validate_each

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONFIG_FIELDS = ("edit_format", "reasoning_effort", "thinking_tokens", "editor_model", "editor_edit_format")


class AiderRun(Upstream):
    model: str
    pass_rate_2: float
    dirname: str = ""
    test_cases: int | None = None
    total_cost: float | None = None
    date: LenientDate = None
    edit_format: str | None = None
    reasoning_effort: str | None = None
    thinking_tokens: int | None = None
    editor_model: str | None = None
    editor_edit_format: str | None = None
    command: str | None = None


class AiderFetcher(Fetcher):
    slug = "aider"
    files = ("polyglot_leaderboard.yml",)

    def parse(self, documents: dict[str, str]) -> FetchResult:
        name = self.files[0]
        runs = load_yaml_list(documents[name], name)
        result = FetchResult()
        labelled = ((str(run.get("dirname") or run.get("model") or f"run {i}") if isinstance(run, dict)
                     else f"run {i}", run) for i, run in enumerate(runs, 1))
        for _label, run in validate_each(AiderRun, labelled, result.warnings):
            result.rows.extend(rows_for(run))
        require(bool(result.rows), f"{name} has no valid run" + because(result.warnings))
        return result


def load_yaml_list(text: str, name: str) -> list:
    require(bool(text.strip()), f"{name} is empty")
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise PayloadRejected(f"{name} is not valid YAML (truncated?): {str(exc).splitlines()[0]}")
    require(isinstance(data, list), f"{name} should be a YAML list of runs, got {type(data).__name__}")
    require(bool(data), f"{name} holds an empty list")
    return data


def rows_for(run: AiderRun) -> list[Row]:
    config = {key: getattr(run, key) for key in CONFIG_FIELDS if getattr(run, key) is not None}
    common = {"config": config, "sample_size": run.test_cases, "upstream_date": run.date,
              "upstream_id": run.dirname}
    rows = [benchmark_row("aider-polyglot", run.model, run.pass_rate_2, **common)]
    if run.total_cost is not None and run.total_cost > 0:
        metric, unit = AIDER_COST_METRIC
        rows.append(Row(model=run.model, benchmark="aider-polyglot", metric=metric, value=run.total_cost,
                        unit=unit, **common))
    return rows
