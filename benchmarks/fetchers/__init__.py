"""One fetcher per upstream source, by settings key. A fetcher never touches the database.

    fetcher = get_fetcher("swebench")            # base URL from settings.SOURCE_BASE_URLS
    result = fetcher.fetch(client, etag, last_modified)   # FetchResult, or raises SourceError
"""
from benchmarks.fetchers.aider import AiderFetcher
from benchmarks.fetchers.artificialanalysis import ArtificialAnalysisFetcher
from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.bigcodebench import BigCodeBenchFetcher
from benchmarks.fetchers.errors import FetchError, NotConfigured, PayloadRejected, SourceError, redact
from benchmarks.fetchers.evalplus import EvalPlusFetcher
from benchmarks.fetchers.livebench import LiveBenchFetcher
from benchmarks.fetchers.lmarena import LMArenaFetcher
from benchmarks.fetchers.openrouter import OpenRouterFetcher
from benchmarks.fetchers.swebench import SweBenchFetcher

FETCHERS: dict[str, type[Fetcher]] = {
    fetcher.slug: fetcher
    for fetcher in (OpenRouterFetcher, SweBenchFetcher, EvalPlusFetcher, BigCodeBenchFetcher, LiveBenchFetcher,
                    ArtificialAnalysisFetcher, AiderFetcher, LMArenaFetcher)
}

__all__ = ["FETCHERS", "FetchError", "FetchResult", "Fetcher", "NotConfigured", "PayloadRejected", "SourceError",
           "get_fetcher", "redact"]


def get_fetcher(slug: str, base_url: str = "") -> Fetcher:
    """A ready fetcher for `slug`; `base_url` overrides the setting (e.g. Source.base_url)."""
    try:
        fetcher_class = FETCHERS[slug]
    except KeyError:
        raise KeyError(f"unknown source {slug!r}; valid keys: {', '.join(sorted(FETCHERS))}") from None
    return fetcher_class(base_url)
