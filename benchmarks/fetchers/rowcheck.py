"""Last checks on fetched rows, so one odd upstream figure cannot fail a whole source's save.

The database refuses a percentage outside 0-100 and long names; checking here turns such a record
into a warning instead of an error in the middle of the refresh transaction.
"""
import math
import re

from benchmarks.fetchers.rows import AA_METRICS, BENCHMARKS, Row

MAX_RAW_MODEL = 300
MAX_UPSTREAM_ID = 200
MAX_WARNINGS_PER_REASON = 5
MAX_METRIC = 40
# Keys outside BENCHMARKS are allowed (a new SWE-bench board): stored, and ignored by scoring.
BENCHMARK_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def benchmark_row(benchmark: str, model: str, value: float, **fields) -> Row:
    """A Row whose metric and unit are the contract's for `benchmark` (see rows.BENCHMARKS)."""
    metric, unit = BENCHMARKS[benchmark]
    return Row(model=model, benchmark=benchmark, metric=metric, value=float(value), unit=unit, **fields)


def check_rows(rows: list[Row], warnings: list[str]) -> list[Row]:
    """Return the rows the database will accept; append one warning per kind of rejected row."""
    kept, rejected = [], {}
    for row in rows:
        reason = find_problem(row)
        if reason is None:
            kept.append(row)
        else:
            rejected.setdefault(reason, []).append(row.model)
    for reason, names in rejected.items():
        shown = ", ".join(repr(name[:60]) for name in names[:MAX_WARNINGS_PER_REASON])
        more = f" and {len(names) - MAX_WARNINGS_PER_REASON} more" if len(names) > MAX_WARNINGS_PER_REASON else ""
        warnings.append(f"skipped {len(names)} row(s) with {reason}: {shown}{more}")
    return kept


def find_problem(row: Row) -> str | None:
    if not row.model.strip():
        return "an empty model name"
    if len(row.model) > MAX_RAW_MODEL or len(row.upstream_id) > MAX_UPSTREAM_ID:
        return "a name or id too long to store"
    if not BENCHMARK_KEY.match(row.benchmark) or not 0 < len(row.metric) <= MAX_METRIC:
        return "a malformed benchmark or metric key"
    if row.benchmark == "artificialanalysis" and row.metric not in AA_METRICS:
        return "an unknown Artificial Analysis metric"
    if not isinstance(row.value, (int, float)) or not math.isfinite(row.value):
        return "a value that is not a finite number"
    if row.unit == "%" and not 0 <= row.value <= 100:
        return "a percentage outside 0-100"
    if row.sample_size is not None and row.sample_size < 0:
        return "a negative sample size"
    if row.stderr is not None and (not math.isfinite(row.stderr) or row.stderr < 0):
        return "an invalid standard error"
    return None
