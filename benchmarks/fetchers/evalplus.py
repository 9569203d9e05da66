"""EvalPlus: reads `results.json`, an object keyed by model display name, into pass@1 rows.

Four benchmarks per model (HumanEval+, HumanEval, MBPP+, MBPP), in percent. A null score means
the model was not evaluated on that set: no row, never a zero.
"""
from pydantic import Field

from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.rowcheck import benchmark_row
from benchmarks.fetchers.schemas import Upstream, because, hf_repo_id, load_json, require, validate_each

# upstream pass@1 key -> (benchmark key, tasks): HumanEval has 164 problems, MBPP+ v0.2.0 has 378.
SCORES = {
    "humaneval+": ("humaneval-plus", 164),
    "humaneval": ("humaneval", 164),
    "mbpp+": ("mbpp-plus", 378),
    "mbpp": ("mbpp", 378),
}


class PassAtOne(Upstream):
    humaneval_plus: float | None = Field(None, alias="humaneval+")
    humaneval: float | None = None
    mbpp_plus: float | None = Field(None, alias="mbpp+")
    mbpp: float | None = None


class EvalPlusModel(Upstream):
    pass_at_1: PassAtOne = Field(alias="pass@1")
    link: str | None = None
    prompted: bool | None = None


class EvalPlusFetcher(Fetcher):
    slug = "evalplus"
    files = ("results.json",)

    def parse(self, documents: dict[str, str]) -> FetchResult:
        data = load_json(documents["results.json"], "results.json", dict)
        result = FetchResult()
        for name, record in validate_each(EvalPlusModel, data.items(), result.warnings):
            scores = record.pass_at_1.model_dump(by_alias=True)
            config = {} if record.prompted is None else {"prompted": record.prompted}
            for key, (benchmark, tasks) in SCORES.items():
                if scores.get(key) is not None:
                    result.rows.append(benchmark_row(benchmark, name, scores[key], config=config,
                                                     sample_size=tasks, upstream_id=hf_repo_id(record.link)))
        require(bool(result.rows), "results.json has no model with a pass@1 score" + because(result.warnings))
        return result
