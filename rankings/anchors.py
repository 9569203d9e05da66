"""The fixed numbers behind every score: benchmark weights, normalisation anchors, speed and price anchors.

Pure data, no Django. Anchors are fixed per benchmark version, never derived from the models present,
so a model's score does not move when another model is added. Changing any number here is a new
METHODOLOGY_VERSION, stored on every snapshot.
"""
from dataclasses import asdict, dataclass

METHODOLOGY_VERSION = "2026.2"


@dataclass(frozen=True)
class BenchmarkAnchor:
    """How one benchmark enters the coding composite.

    `floor` maps to 0 and `ceiling` to 100 (linear, clamped to 0-100). `tasks` is the public task
    count, used for a binomial standard error when upstream gives none.
    """

    weight: float
    floor: float
    ceiling: float
    version: str
    tasks: int | None
    why: str


# Weights sum to 1. Agentic, repository-level and contamination-resistant benchmarks weigh most;
# saturated or frozen function-level sets weigh least. Human preference (Arena) is a separate signal.
CODING_BENCHMARKS: dict[str, BenchmarkAnchor] = {
    "swebench-verified": BenchmarkAnchor(
        0.25, 0.0, 100.0, "SWE-bench Verified (500 tasks)", 500,
        "Real GitHub issues in real repositories, human-validated solvable: closest to daily work. "
        "Every task is solvable, so 100% is the ceiling."),
    "livebench-agentic-coding": BenchmarkAnchor(
        0.15, 0.0, 100.0, "LiveBench agentic coding, release 2026-01-08", None,
        "Multi-step agentic tasks with fresh questions each release, so little contamination."),
    "livebench-coding": BenchmarkAnchor(
        0.10, 0.0, 100.0, "LiveBench coding (generation + completion), release 2026-01-08", None,
        "Contamination-limited competitive-style coding, refreshed regularly."),
    "aider-polyglot": BenchmarkAnchor(
        0.15, 0.0, 100.0, "Aider polyglot (225 Exercism exercises, 6 languages)", 225,
        "Editing existing code in six languages with two tries, as a coding assistant is used."),
    "lmarena-coding": BenchmarkAnchor(
        0.10, 1000.0, 1600.0, "LMArena text coding category, style control", None,
        "Human preference on real coding prompts: a different signal from pass rates. Elo 1000 "
        "(an early-2023 chat model) maps to 0, 1600 (headroom above the 2025 best, about 1530) to 100."),
    "bigcodebench-hard-complete": BenchmarkAnchor(
        0.075, 0.0, 60.0, "BigCodeBench-Hard complete (148 tasks)", 148,
        "Library-heavy practical tasks. The leaderboard froze in 2025-04 with a best of 40.5%; "
        "the ceiling of 60% keeps its scale comparable instead of pulling down every model that has it."),
    "bigcodebench-hard-instruct": BenchmarkAnchor(
        0.075, 0.0, 60.0, "BigCodeBench-Hard instruct (148 tasks)", 148,
        "As complete, from a short natural-language instruction; same anchors and reasons."),
    "humaneval-plus": BenchmarkAnchor(
        0.05, 40.0, 100.0, "EvalPlus HumanEval+ (164 problems)", 164,
        "Saturated and contamination-prone, so low weight; 40% (a small 2023 model) maps to 0."),
    "mbpp-plus": BenchmarkAnchor(
        0.05, 40.0, 90.0, "EvalPlus MBPP+ (378 problems)", 378,
        "Saturated; some tasks are ambiguous so the best runs stop near 80%: ceiling 90%."),
}

# Rows of these benchmarks are runs of the benchmark on the right. SWE-bench bash-only is Verified's
# 500 tasks under one fixed minimal agent (mini-SWE-agent) for every model: the plain-model run.
FEEDS: dict[str, str] = {"swebench-bash-only": "swebench-verified"}
# A harness every model runs under is not a scaffold: its runs count as plain-model runs.
STANDARD_HARNESSES = frozenset({"mini-swe-agent", "mini-swe-agent-v2", "aider", "livebench"})


@dataclass(frozen=True)
class SpeedAnchor:
    """A log-scale anchor: `best` maps to 100, `worst` to 0 (clamped)."""

    weight: float
    best: float
    worst: float
    unit: str


PERFORMANCE_METRICS: dict[str, SpeedAnchor] = {
    "ttft": SpeedAnchor(0.3, 0.2, 20.0, "s"),
    "throughput": SpeedAnchor(0.4, 1000.0, 10.0, "tokens/s"),
    "total_latency": SpeedAnchor(0.3, 1.0, 100.0, "s"),
}
# Tail latency matters to interactive use, but the median is measured far more often.
P95_SHARE = 0.25

# Value: USD per 1M blended tokens per unit of coding quality (composite / 100), on a log scale.
VALUE_BEST = 0.05  # at or below this: 100
VALUE_WORST = 50.0  # at or above this: 0
BLEND_INPUT_SHARE = 0.75  # 3:1 input:output tokens, the common coding-assistant mix

DEFAULT_WEIGHTS = {"coding": 0.5, "performance": 0.3, "value": 0.2}
# Coverage from which a coding score is established rather than provisional (RULES["order"]).
FULL_COVERAGE = 0.5

RULES = {
    "config": "Per model and benchmark, the best plain-model run is used (effort levels and settings "
              "compete); an agent-scaffold run is used only where no plain run exists. The run used is "
              "named in the provenance.",
    "coverage": "Coverage is the share of coding weight a model has data for. Below the minimum "
                "coverage a model gets no coding score. Below the full coverage its coding score is "
                "provisional: the mean of fewer benchmarks, shown with a badge. Missing data is never "
                "treated as zero.",
    "uncertainty": "Standard errors come from upstream (Arena 95% interval / 3.92) or from the task "
                   "count (binomial sqrt(p(1-p)/n)); they are scaled by the anchors and combined as "
                   "independent errors in the weighted mean. Interval: score +/- 1.96 standard errors. "
                   "Consecutive models whose intervals overlap share a tie group.",
    "performance": "Weighted mean of TTFT, output throughput and total latency sub-scores on a log "
                   "scale; p95 counts for a quarter where known. Needs throughput or total latency.",
    "value": "Blended price (3 input : 1 output per 1M tokens) divided by coding score / 100, on a log "
             "scale. Variable prices get no value score; a model priced 0 for input and output is free "
             "and gets 100.",
    "overall": "Weights are relative and normalised to sum 1. The overall score needs every part whose "
               "weight is above zero.",
    "order": "Established models (coverage at least the full coverage) first, provisional ones after: "
             "a high score on two benchmarks is weaker evidence than a good score on six. Within each, "
             "models with an overall score come first, by overall score, then models with only a coding "
             "score, by coding score. Models without a coding score are unranked. Tie groups never span "
             "two of these blocks.",
}


def describe_methodology() -> dict:
    """The methodology as JSON-ready data: what a snapshot stores and the methodology page renders."""
    return {
        "version": METHODOLOGY_VERSION,
        "coding_benchmarks": {key: asdict(anchor) for key, anchor in CODING_BENCHMARKS.items()},
        "feeds": dict(FEEDS),
        "standard_harnesses": sorted(STANDARD_HARNESSES),
        "performance_metrics": {key: asdict(anchor) for key, anchor in PERFORMANCE_METRICS.items()},
        "p95_share": P95_SHARE,
        "value": {"best": VALUE_BEST, "worst": VALUE_WORST, "unit": "USD per 1M tokens per quality unit",
                  "blend_input_share": BLEND_INPUT_SHARE},
        "default_weights": dict(DEFAULT_WEIGHTS),
        "full_coverage": FULL_COVERAGE,
        "rules": dict(RULES),
    }


METHODOLOGY = describe_methodology()
