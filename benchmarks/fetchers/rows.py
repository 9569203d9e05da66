"""What a fetcher hands to the refresh: plain values, no database.

`Row` is one figure from one benchmark for one raw model name. `CatalogEntry` is one model of the
canonical catalog (from OpenRouter). Benchmark and metric keys are the contract with scoring:
see BENCHMARKS below.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# benchmark key -> (metric key, unit). Scoring and the pages rely on these exact keys.
BENCHMARKS: dict[str, tuple[str, str]] = {
    "swebench-verified": ("resolved", "%"),
    "swebench-lite": ("resolved", "%"),
    "swebench-bash-only": ("resolved", "%"),
    "swebench-full": ("resolved", "%"),
    "swebench-multimodal": ("resolved", "%"),
    "swebench-multilingual": ("resolved", "%"),
    "humaneval-plus": ("pass@1", "%"),
    "humaneval": ("pass@1", "%"),
    "mbpp-plus": ("pass@1", "%"),
    "mbpp": ("pass@1", "%"),
    "bigcodebench-complete": ("pass@1", "%"),
    "bigcodebench-instruct": ("pass@1", "%"),
    "bigcodebench-hard-complete": ("pass@1", "%"),
    "bigcodebench-hard-instruct": ("pass@1", "%"),
    "livebench-coding": ("score", "%"),
    "livebench-agentic-coding": ("score", "%"),
    "aider-polyglot": ("pass_rate_2", "%"),
    "lmarena-coding": ("elo", "elo"),
    "lmarena-full": ("elo", "elo"),
}

# Artificial Analysis figures all use benchmark "artificialanalysis" with one of these metrics.
AA_METRICS: dict[str, str] = {
    "ttft_median": "s",
    "throughput_median": "tokens/s",
    "first_answer_token_median": "s",
    "total_latency_median": "s",
    "intelligence_index": "index",
    "coding_index": "index",
    "price_blended": "USD/1M",
    "price_input": "USD/1M",
    "price_output": "USD/1M",
}
# Aider also reports what one full polyglot run cost: benchmark "aider-polyglot", metric "cost".
AIDER_COST_METRIC = ("cost", "USD")


@dataclass(frozen=True, slots=True)
class Row:
    model: str  # the raw model name exactly as upstream writes it
    benchmark: str  # a key of BENCHMARKS, or "artificialanalysis"
    metric: str
    value: float
    unit: str = ""
    config: dict = field(default_factory=dict)  # e.g. {"agent": "OpenHands", "effort": "high"}
    sample_size: int | None = None  # tasks/exercises/votes behind the figure, when upstream says
    stderr: float | None = None  # standard error in the value's unit, when known
    interval_low: float | None = None  # upstream's 95% interval, when given
    interval_high: float | None = None
    upstream_date: date | None = None
    upstream_id: str = ""  # a stable upstream id (AA's UUID, an HF repo id), when there is one


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    canonical_id: str  # "anthropic/claude-sonnet-4.5", variant suffixes (":free") removed
    name: str
    provider: str
    context_length: int | None = None
    prompt_price: Decimal | None = None  # USD per 1M input tokens; None when unknown or variable
    completion_price: Decimal | None = None
    pricing_variable: bool = False  # upstream said -1 (router / variable price)
    release_date: date | None = None
    hf_id: str = ""
    open_weights: bool = False
    aliases: tuple[str, ...] = ()  # other upstream ids that mean this model (e.g. "~…-latest")
    reasoning: bool | None = None  # supports reasoning/thinking; None when upstream does not say
