"""Artificial Analysis: reads `data/llms/models` (x-api-key) into speed, index and price rows.

The path is the ARTIFICIALANALYSIS_MODELS_PATH setting: `language/models` (Pro keys) or
`language/models/free` select AA's newer API.

Both response shapes are accepted: the classic one (speeds at the top level of each record, one
page) and the newer `language/models` one (speeds under `performance`, paginated with
`?page=N` while `pagination.has_more`). All rows use benchmark "artificialanalysis" with an
AA_METRICS metric. A figure of 0 (or null) means "not measured": no row.

total_latency_median is AA's response time for a 500-token answer: ttft + 500 / throughput,
computed only when both are measured. The intelligence index version, when the response states
it, is the upstream_version and is kept in the index rows' config. upstream_id is AA's UUID.
"""
import json

from django.conf import settings

from benchmarks.fetchers.base import Document, FetchResult, Fetcher
from benchmarks.fetchers.errors import NotConfigured
from benchmarks.fetchers.rows import AA_METRICS, Row
from benchmarks.fetchers.schemas import LenientDate, Upstream, because, load_json, require, validate_each

MAX_PAGES = 50
ANSWER_TOKENS = 500


class Speeds(Upstream):
    median_output_tokens_per_second: float | None = None
    median_time_to_first_token_seconds: float | None = None
    median_time_to_first_answer_token: float | None = None
    median_time_to_first_answer_token_seconds: float | None = None


class Evaluations(Upstream):
    artificial_analysis_intelligence_index: float | None = None
    artificial_analysis_coding_index: float | None = None


class Pricing(Upstream):
    price_1m_blended_3_to_1: float | None = None
    price_1m_input_tokens: float | None = None
    price_1m_output_tokens: float | None = None


class AAModel(Speeds):
    id: str
    name: str
    slug: str = ""
    release_date: LenientDate = None
    evaluations: Evaluations | None = None
    pricing: Pricing | None = None
    performance: Speeds | None = None


class ArtificialAnalysisFetcher(Fetcher):
    slug = "artificialanalysis"

    def paths(self) -> list[str]:
        return [settings.ARTIFICIALANALYSIS_MODELS_PATH.strip("/")]

    def check_configured(self) -> None:
        if not settings.ARTIFICIAL_ANALYSIS_API_KEY:
            raise NotConfigured("artificialanalysis: set ARTIFICIAL_ANALYSIS_API_KEY to fetch this source")

    def headers(self) -> dict[str, str]:
        return {"x-api-key": settings.ARTIFICIAL_ANALYSIS_API_KEY}

    def download(self, client, etag: str, last_modified: str) -> list[Document] | None:
        """The first page conditionally; later pages (newer API only) in full, without validators."""
        path = self.paths()[0]
        first = self.get(client, path, etag, last_modified)
        if first is None:
            return None
        pages = [first]
        while has_more(pages[-1].text) and len(pages) < MAX_PAGES:
            page = self.get(client, path, params={"page": len(pages) + 1})
            pages.append(Document(f"{path}?page={len(pages) + 1}", page.text))
        return pages

    def parse(self, documents: dict[str, str]) -> FetchResult:
        result = FetchResult()
        for name, text in documents.items():
            data = load_json(text, name, dict)
            records = data.get("data")
            require(isinstance(records, list), f"{name} has no 'data' list")
            require(bool(records) or name != self.paths()[0], f"{name} holds an empty 'data' list")
            version = data.get("intelligence_index_version")
            if version is not None:
                result.upstream_version = f"intelligence index {version}"
            labelled = ((str(r.get("name", "?")) if isinstance(r, dict) else "?", r) for r in records)
            for _label, model in validate_each(AAModel, labelled, result.warnings):
                result.rows.extend(rows_for(model, version))
        require(bool(result.rows), "the Artificial Analysis response has no measured figure" + because(result.warnings))
        return result


def has_more(text: str) -> bool:
    try:
        pagination = json.loads(text).get("pagination")
    except (ValueError, AttributeError):
        return False
    return isinstance(pagination, dict) and pagination.get("has_more") is True


def figures(model: AAModel) -> dict[str, float | None]:
    """Every AA_METRICS figure of one record, from either shape; None where not measured."""
    speeds = model.performance or model
    evaluations, pricing = model.evaluations or Evaluations(), model.pricing or Pricing()
    ttft, throughput = speeds.median_time_to_first_token_seconds, speeds.median_output_tokens_per_second
    answer = speeds.median_time_to_first_answer_token_seconds or speeds.median_time_to_first_answer_token
    values = {
        "ttft_median": ttft,
        "throughput_median": throughput,
        "first_answer_token_median": answer,
        "intelligence_index": evaluations.artificial_analysis_intelligence_index,
        "coding_index": evaluations.artificial_analysis_coding_index,
        "price_blended": pricing.price_1m_blended_3_to_1,
        "price_input": pricing.price_1m_input_tokens,
        "price_output": pricing.price_1m_output_tokens,
    }
    values = {key: value if value is not None and value > 0 else None for key, value in values.items()}
    if values["ttft_median"] and values["throughput_median"]:
        values["total_latency_median"] = values["ttft_median"] + ANSWER_TOKENS / values["throughput_median"]
    return values


def rows_for(model: AAModel, version: object) -> list[Row]:
    rows = []
    for metric, value in figures(model).items():
        if value is None:
            continue
        config = {"index_version": str(version)} if version is not None and metric.endswith("_index") else {}
        rows.append(Row(model=model.name, benchmark="artificialanalysis", metric=metric, value=value,
                        unit=AA_METRICS[metric], config=config, upstream_date=model.release_date,
                        upstream_id=model.id))
    return rows
