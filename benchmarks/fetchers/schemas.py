"""Validation shared by the source modules: pydantic models of upstream records, one at a time.

Upstream adds keys all the time; extra keys are allowed and logged once each, so a new field is
visible in the logs without failing the refresh. A record that does not validate is skipped with a
warning; the caller decides whether what is left is enough.
"""
import json
import logging
from collections.abc import Iterable
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from benchmarks.fetchers.errors import PayloadRejected

logger = logging.getLogger(__name__)
_logged_unknown: set[tuple[str, str]] = set()
MAX_SKIP_WARNINGS = 5


class Upstream(BaseModel):
    """Base of every upstream record model: unknown keys are kept, not rejected."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, coerce_numbers_to_str=True)


def to_date_or_none(value: object) -> date | None:
    """Upstream dates are "YYYY-MM-DD" strings or YAML dates; anything else is no date, not an error."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


# A date that never invalidates its record: a bad date loses the date, not the score.
LenientDate = Annotated[date | None, BeforeValidator(to_date_or_none)]


def hf_repo_id(link: str | None) -> str:
    """"org/name" from a Hugging Face model URL, else ""."""
    prefix = "https://huggingface.co/"
    if not link or not link.startswith(prefix):
        return ""
    parts = link[len(prefix):].strip("/").split("/")
    return "/".join(parts[:2]) if len(parts) >= 2 and parts[0] not in ("datasets", "spaces") else ""


def note_unknown_keys(record: BaseModel) -> None:
    for key in record.model_extra or {}:
        marker = (type(record).__name__, key)
        if marker not in _logged_unknown:
            _logged_unknown.add(marker)
            logger.debug("%s has an unmodelled key %r (ignored)", marker[0], key)


def validate_each[M: BaseModel](model: type[M], items: Iterable[tuple[str, object]],
                                warnings: list[str]) -> list[tuple[str, M]]:
    """Validate (label, raw) pairs; skip the invalid ones with one warning each (the first few)."""
    valid, skipped = [], []
    for label, raw in items:
        try:
            record = model.model_validate(raw)
        except ValidationError as exc:
            skipped.append(f"{label}: {first_error(exc)}")
            continue
        note_unknown_keys(record)
        valid.append((label, record))
    if skipped:
        more = f" (and {len(skipped) - MAX_SKIP_WARNINGS} more)" if len(skipped) > MAX_SKIP_WARNINGS else ""
        warnings.append(f"skipped {len(skipped)} invalid record(s): " + "; ".join(skipped[:MAX_SKIP_WARNINGS]) + more)
    return valid


def first_error(exc: ValidationError) -> str:
    """The first validation problem as "field: message", short enough for a status line."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "record"
    return f"{where}: {error['msg']}"


def load_json(text: str, name: str, expected: type, **options) -> object:
    """Parse a JSON document that must be of type `expected` (dict or list) and not empty."""
    if not text.strip():
        raise PayloadRejected(f"{name} is empty")
    try:
        data = json.loads(text, **options)
    except json.JSONDecodeError as exc:
        raise PayloadRejected(f"{name} is not valid JSON (truncated?): {exc.msg} at line {exc.lineno}, "
                              f"column {exc.colno}")
    require(isinstance(data, expected), f"{name} should be a JSON {describe(expected)}, "
                                        f"got {describe(type(data))}")
    require(bool(data), f"{name} holds an empty {describe(expected)}")
    return data


def because(warnings: list[str]) -> str:
    """" (first warnings)" to append to a rejection, so it says why every record was dropped."""
    return f" ({'; '.join(warnings[:2])})" if warnings else ""


def require(condition: bool, reason: str) -> None:
    """Reject the payload with `reason` unless `condition` holds."""
    if not condition:
        raise PayloadRejected(reason)


def describe(kind: type) -> str:
    return {dict: "object", list: "list", str: "string", int: "number", float: "number",
            bool: "boolean", type(None): "null"}.get(kind, kind.__name__)
