"""LiveBench: reads `table_<release>.csv` and `categories_<release>.json` for LIVEBENCH_RELEASE.

The table has one row per model configuration and one column per task; the categories file maps
each category to its task columns. We publish the Coding and Agentic Coding averages the way the
site computes them: the mean of the category's task cells, skipping empty or non-numeric ones.
Columns are found by header name (they change between releases). A row whose field count differs
from the header may be shifted, so it is skipped with a warning rather than misread.
"""
import csv
import io
import math
from datetime import date

from django.conf import settings

from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.errors import PayloadRejected
from benchmarks.fetchers.rowcheck import benchmark_row
from benchmarks.fetchers.rows import Row
from benchmarks.fetchers.schemas import load_json, require

CATEGORIES = {"Coding": "livebench-coding", "Agentic Coding": "livebench-agentic-coding"}
MAX_ROW_WARNINGS = 5


class LiveBenchFetcher(Fetcher):
    slug = "livebench"

    def __init__(self, base_url: str = "", release: str = ""):
        super().__init__(base_url)
        self.release = self.expected_version = release or settings.LIVEBENCH_RELEASE

    def paths(self) -> list[str]:
        return [f"table_{self.release}.csv", f"categories_{self.release}.json"]

    def parse(self, documents: dict[str, str]) -> FetchResult:
        table_name, categories_name = self.paths()
        categories = read_categories(documents[categories_name], categories_name)
        header, records, warnings = read_table(documents[table_name], table_name)
        result = FetchResult(upstream_version=self.release, warnings=warnings)
        columns = {}
        for category, benchmark in CATEGORIES.items():
            tasks = [task for task in categories.get(category, []) if task in header]
            if tasks:
                columns[benchmark] = tasks
            else:
                result.warnings.append(f"{categories_name}: no '{category}' tasks found in the table")
        require(bool(columns), f"{table_name} has none of the coding task columns")
        released = release_date(self.release)
        for record in records:
            result.rows.extend(rows_for(record, columns, released))
        return result


def read_categories(text: str, name: str) -> dict[str, list[str]]:
    data = load_json(text, name, dict)
    return {category: [str(task) for task in tasks] for category, tasks in data.items() if isinstance(tasks, list)}


def read_table(text: str, name: str) -> tuple[list[str], list[dict[str, str]], list[str]]:
    """Header, well-formed rows as dicts, and warnings about the rows that were skipped."""
    require(bool(text.strip()), f"{name} is empty")
    try:
        lines = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise PayloadRejected(f"{name} is not valid CSV: {exc}")
    header = [cell.strip() for cell in lines[0]]
    require(bool(header) and header[0] == "model", f"{name} should start with a 'model' column")
    records, ragged = [], []
    for number, cells in enumerate(lines[1:], start=2):
        if not cells:
            continue
        if len(cells) != len(header):
            ragged.append(f"line {number} ({cells[0]!r}: {len(cells)} fields, header has {len(header)})")
            continue
        records.append(dict(zip(header, cells)))
    require(bool(records), f"{name} has no model rows")
    warnings = []
    if ragged:
        warnings.append(f"{name}: skipped {len(ragged)} row(s) whose field count differs from the header: "
                        + "; ".join(ragged[:MAX_ROW_WARNINGS]))
    return header, records, warnings


def rows_for(record: dict[str, str], columns: dict[str, list[str]], released: date | None) -> list[Row]:
    rows = []
    for benchmark, tasks in columns.items():
        scores = [score for score in (to_float(record.get(task)) for task in tasks) if score is not None]
        if scores:
            rows.append(benchmark_row(benchmark, record["model"].strip(), sum(scores) / len(scores),
                                      upstream_date=released))
    return rows


def to_float(cell: str | None) -> float | None:
    try:
        value = float(cell) if cell not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def release_date(release: str) -> date | None:
    try:
        return date.fromisoformat(release.replace("_", "-"))
    except ValueError:
        return None
