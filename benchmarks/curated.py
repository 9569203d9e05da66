"""Load the curated fallback facts CodeRank ships (benchmarks/curated/*.json) into the database.

The files hold a catalog of current coding models, Artificial Analysis-shaped speed figures and
benchmark scores, all taken from dated upstream snapshots (see curated/README.md). Loading is
idempotent and never overwrites: a row that already exists under its natural key (canonical_id;
model for performance; model + benchmark for scores) is kept as it is, so an admin's edit or
deactivation survives every later load. Either every new record of every file is valid and gets
created, or nothing is written.
"""
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from benchmarks.models import BenchmarkFallback, CatalogModel, PerformanceFallback

CURATED_DIR = Path(__file__).resolve().parent / "curated"
KINDS = ("catalog", "performance", "benchmarks")
CATALOG_FIELDS = {"canonical_id", "name", "provider", "hf_id", "open_weights", "context_length",
                  "release_date", "prompt_price", "completion_price"}
PERFORMANCE_FIELDS = {"model", "ttft_median", "ttft_p95", "throughput_median", "throughput_p95",
                      "total_latency_median", "total_latency_p95", "quality_index", "as_of", "source_url", "note"}
BENCHMARK_FIELDS = {"model", "benchmark", "value", "as_of", "source_url", "note"}


class CuratedDataError(Exception):
    """A curated file is unreadable or holds invalid records; `problems` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Curated data rejected, nothing loaded:\n  " + "\n  ".join(problems))


def load_curated(directory: Path = CURATED_DIR) -> dict[str, dict[str, int]]:
    """Create the curated rows that are missing; return {kind: {"created": n, "kept": n}}.

    Raises CuratedDataError (and writes nothing) if any file is malformed or any new record fails
    model validation.
    """
    data = {kind: read_records(Path(directory) / f"{kind}.json") for kind in KINDS}
    problems: list[str] = []
    with transaction.atomic():
        counts = {
            "catalog": load_catalog(data["catalog"], problems),
            "performance": load_performance(data["performance"], problems),
            "benchmarks": load_benchmarks(data["benchmarks"], problems),
        }
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise CuratedDataError(problems)
    return counts


def read_records(path: Path) -> list[dict]:
    """The list of records in one curated file; a missing file or non-list content is an error."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CuratedDataError([f"{path.name}: cannot read it as JSON ({error})"]) from error
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise CuratedDataError([f"{path.name}: expected a JSON list of objects"])
    return records


def load_catalog(records: list[dict], problems: list[str]) -> dict[str, int]:
    created = kept = 0
    for index, record in enumerate(records):
        label = f"catalog.json #{index} ({record.get('canonical_id', '?')})"
        if not has_only_known_fields(record, CATALOG_FIELDS, label, problems):
            continue
        if CatalogModel.objects.filter(canonical_id=record.get("canonical_id")).exists():
            kept += 1
            continue
        model = CatalogModel(**record, origin=CatalogModel.Origin.CURATED)
        created += save_valid(model, label, problems)
    return {"created": created, "kept": kept}


def load_performance(records: list[dict], problems: list[str]) -> dict[str, int]:
    return load_fallbacks("performance.json", records, problems, PerformanceFallback, PERFORMANCE_FIELDS,
                          key=("model",))


def load_benchmarks(records: list[dict], problems: list[str]) -> dict[str, int]:
    return load_fallbacks("benchmarks.json", records, problems, BenchmarkFallback, BENCHMARK_FIELDS,
                          key=("model", "benchmark"))


def load_fallbacks(filename: str, records: list[dict], problems: list[str], fallback_class, allowed: set[str],
                   key: tuple[str, ...]) -> dict[str, int]:
    """Create the fallback rows whose natural `key` is not taken yet; keep the others as they are."""
    created = kept = 0
    for index, record in enumerate(records):
        label = f"{filename} #{index} ({' '.join(str(record.get(k, '?')) for k in key)})"
        model = resolve_model(record, allowed, label, problems)
        if model is None:
            continue
        fields = {name: value for name, value in record.items() if name != "model"}
        lookup = {"model": model, **{k: fields.get(k) for k in key if k != "model"}}
        if fallback_class.objects.filter(**lookup).exists():
            kept += 1
            continue
        created += save_valid(fallback_class(model=model, **fields), label, problems)
    return {"created": created, "kept": kept}


def has_only_known_fields(record: dict, allowed: set[str], label: str, problems: list[str]) -> bool:
    unknown = sorted(set(record) - allowed)
    if unknown:
        problems.append(f"{label}: unknown field(s) {', '.join(unknown)}")
    return not unknown


def resolve_model(record: dict, allowed: set[str], label: str, problems: list[str]) -> CatalogModel | None:
    """The catalog model a performance/benchmark record names, or None (with a problem noted)."""
    if not has_only_known_fields(record, allowed, label, problems):
        return None
    canonical_id = record.get("model")
    model = CatalogModel.objects.filter(canonical_id=canonical_id).first() if isinstance(canonical_id, str) else None
    if model is None:
        problems.append(f"{label}: no catalog model {canonical_id!r}")
    return model


def save_valid(instance, label: str, problems: list[str]) -> int:
    """Validate and save one new row; 1 if saved, 0 (with the reasons noted) if invalid."""
    try:
        instance.full_clean()
    except ValidationError as error:
        details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        problems.append(f"{label}: {details}")
        return 0
    instance.save()
    return 1
