"""The HTTP half of every fetcher: retries, backoff, conditional GET, and the result shape.

A source module subclasses `Fetcher`, names its files and writes `parse()`. Every file is a path
under the source's base URL (`settings.SOURCE_BASE_URLS[slug]`, env `<KEY>_BASE_URL`) named as
upstream names it, so a mirror on any host is one setting away.
"""
import email.utils
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx
from django.conf import settings

from benchmarks.fetchers.errors import FetchError, PayloadRejected
from benchmarks.fetchers.rows import CatalogEntry, Row
from benchmarks.fetchers.rowcheck import check_rows
from benchmarks.fetchers.schemas import because

logger = logging.getLogger(__name__)

# A server asking us to wait longer than this is treated as if it asked for this long.
RETRY_AFTER_CAP_SECONDS = 60.0
# Multi-file sources store one validator per file in Source.etag / last_modified, in file order.
VALIDATOR_SEPARATOR = "\n"


@dataclass
class FetchResult:
    rows: list[Row] = field(default_factory=list)
    catalog: list[CatalogEntry] = field(default_factory=list)
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    upstream_version: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    etag: str = ""
    last_modified: str = ""


class Fetcher:
    """Fetches a source's files and turns them into a `FetchResult`. Never touches the database.

    Subclasses set `slug` and `files` (or override `paths()`), and implement `parse()`. Sources
    that need a key override `headers()` and `check_configured()`.
    """

    slug = ""
    files: tuple[str, ...] = ()
    # When set, stored validators only apply if the last good upstream_version equals it: they
    # belong to other files (LiveBench names its files after the release).
    expected_version = ""
    sleep = staticmethod(time.sleep)  # tests replace it to observe backoff without waiting

    def __init__(self, base_url: str = ""):
        self.base_url = (base_url or settings.SOURCE_BASE_URLS[self.slug]).rstrip("/")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.base_url}>"  # no headers: they may hold a key

    def paths(self) -> list[str]:
        return list(self.files)

    def headers(self) -> dict[str, str]:
        return {}

    def check_configured(self) -> None:
        """Raise NotConfigured when a required setting is missing."""

    def parse(self, documents: dict[str, str]) -> FetchResult:
        raise NotImplementedError

    def fetch(self, client: httpx.Client, etag: str = "", last_modified: str = "") -> FetchResult:
        """Download every file (conditionally when validators are given) and parse them.

        Returns `not_modified=True` with no rows when every file answered 304. Raises FetchError,
        PayloadRejected or NotConfigured; the result always has at least one row or catalog entry.
        """
        self.check_configured()
        documents = self.download(client, etag, last_modified)
        if documents is None:
            return FetchResult(not_modified=True, etag=etag, last_modified=last_modified)
        try:
            result = self.parse({doc.path: doc.text for doc in documents})
        except PayloadRejected:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise PayloadRejected(f"{self.slug}: the payload could not be read ({type(exc).__name__}: {exc})")
        result.rows = check_rows(result.rows, result.warnings)
        if not result.rows and not result.catalog:
            raise PayloadRejected(f"{self.slug}: the payload held no usable rows{because(result.warnings)}")
        result.etag = join_validators([doc.etag for doc in documents], limit=300)
        result.last_modified = join_validators([doc.last_modified for doc in documents], limit=100)
        return result

    def download(self, client: httpx.Client, etag: str, last_modified: str) -> list[Document] | None:
        """Fetch every path; None when all of them are unchanged since the stored validators."""
        paths = self.paths()
        etags, dates = split_validators(etag, len(paths)), split_validators(last_modified, len(paths))
        documents = [self.get(client, path, tag, date) for path, tag, date in zip(paths, etags, dates)]
        if all(doc is None for doc in documents):
            return None
        # Some files changed and some did not: parsing needs all of them, so fetch the rest in full.
        return [doc or self.get(client, path) for doc, path in zip(documents, paths)]

    def get(self, client: httpx.Client, path: str, etag: str = "", last_modified: str = "",
            params: dict | None = None) -> Document | None:
        """GET one file with retries; None on 304. Raises FetchError once retries are spent."""
        url = f"{self.base_url}/{path}"
        headers = dict(self.headers())
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = settings.FETCH_RETRIES + 1
        for attempt in range(attempts):
            response, problem = self.try_get(client, url, headers, params)
            if response is not None and response.status_code == 304 and (etag or last_modified):
                return None
            if response is not None and response.is_success:
                return Document(path, response.text, response.headers.get("etag", ""),
                                response.headers.get("last-modified", ""))
            if response is not None and not is_retryable(response.status_code):
                raise FetchError(f"{self.slug}: {path}: {problem}")
            if attempt + 1 < attempts:
                self.sleep(backoff_seconds(attempt, response))
        raise FetchError(f"{self.slug}: {path}: {problem} (gave up after {attempts} attempts)")

    def try_get(self, client: httpx.Client, url: str, headers: dict, params: dict | None):
        """One attempt: (response, None) or (response-or-None, readable problem)."""
        timeout = settings.FETCH_TIMEOUT_SECONDS
        try:
            response = client.get(url, headers=headers, params=params, timeout=timeout, follow_redirects=True)
        except httpx.TimeoutException:
            return None, f"timed out after {timeout:g}s"
        except httpx.TransportError as exc:
            return None, f"could not connect ({type(exc).__name__})"
        if response.is_success:
            return response, None
        if response.status_code == 304:
            return response, "HTTP 304 Not Modified to a request that was not conditional"
        reason = response.reason_phrase or "error"
        hint = " (check the API key setting)" if response.status_code in (401, 403) else ""
        return response, f"HTTP {response.status_code} {reason}{hint}"


def is_retryable(status: int) -> bool:
    return status == 429 or status >= 500


def backoff_seconds(attempt: int, response: httpx.Response | None) -> float:
    """Exponential backoff from FETCH_BACKOFF_SECONDS, or the server's Retry-After (capped)."""
    delay = settings.FETCH_BACKOFF_SECONDS * (2 ** attempt)
    if response is not None and "retry-after" in response.headers:
        asked = parse_retry_after(response.headers["retry-after"])
        if asked is not None:
            delay = asked
    return max(0.0, min(delay, RETRY_AFTER_CAP_SECONDS))


def parse_retry_after(value: str) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date; None when it is neither."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def join_validators(values: list[str], limit: int) -> str:
    """Pack per-file validators; empty when any file lacks one or they would not fit the column."""
    if not values or not all(values) or any(VALIDATOR_SEPARATOR in v for v in values):
        return ""
    joined = VALIDATOR_SEPARATOR.join(values)
    return joined if len(joined) <= limit else ""


def split_validators(stored: str, count: int) -> list[str]:
    parts = stored.split(VALIDATOR_SEPARATOR) if stored else []
    return parts if len(parts) == count else [""] * count
