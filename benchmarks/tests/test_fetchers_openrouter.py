"""OpenRouter catalog: exact prices per 1M tokens, variants folded into their base model."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.fetchers import PayloadRejected
from benchmarks.fetchers.openrouter import OpenRouterFetcher

FIXTURE = Path(__file__).parent / "fixtures" / "openrouter_models.json"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "sources" / "openrouter"


def catalog(text: str) -> dict:
    return {entry.canonical_id: entry for entry in OpenRouterFetcher().parse({"models": text}).catalog}


def test_prices_become_exact_decimals_per_million_tokens():
    entry = catalog(FIXTURE.read_text())["anthropic/claude-sonnet-4.5"]
    assert (entry.prompt_price, entry.completion_price) == (Decimal(3), Decimal(15))
    assert catalog(FIXTURE.read_text())["qwen/qwen3-coder"].prompt_price == Decimal("0.0208333333333333")


def test_variants_and_latest_aliases_fold_into_the_base_model():
    entries = catalog(FIXTURE.read_text())
    assert "anthropic/claude-sonnet-4.5:batch" not in entries
    assert "~anthropic/claude-sonnet-latest" not in entries
    assert entries["anthropic/claude-sonnet-4.5"].aliases == ("anthropic/claude-sonnet-4.5:batch",
                                                                 "~anthropic/claude-sonnet-latest")
    assert entries["anthropic/claude-sonnet-4.5"].prompt_price == Decimal(3)  # the base, not the batch price


def test_variable_price_is_flagged_and_not_stored_as_negative():
    router = catalog(FIXTURE.read_text())["openrouter/auto"]
    assert router.pricing_variable and router.prompt_price is None and router.completion_price is None


def test_orphan_free_variant_gives_a_free_base_entry():
    entry = catalog(FIXTURE.read_text())["cohere/north-mini-code"]
    assert entry.prompt_price == Decimal(0) and not entry.pricing_variable
    assert entry.name == "Cohere: North Mini Code" and entry.aliases == ("cohere/north-mini-code:free",)


def test_hugging_face_id_means_open_weights_and_provider_is_the_id_prefix():
    entries = catalog(FIXTURE.read_text())
    assert entries["qwen/qwen3-coder"].open_weights and entries["qwen/qwen3-coder"].hf_id.startswith("Qwen/")
    assert not entries["anthropic/claude-sonnet-4.5"].open_weights
    assert entries["qwen/qwen3-coder"].provider == "qwen"


@pytest.mark.parametrize("text, reason", [
    ('[{"id": "a/b"}]', "should be a JSON object"),
    ('{"data": []}', "empty 'data' list"),
    ('{"models": [{"id": "a/b"}]}', "no 'data' list"),
    ('{"data": [{"id": "a/b", "name": "B"', "not valid JSON"),
])
def test_malformed_payloads_are_rejected_with_a_reason(text, reason):
    with pytest.raises(PayloadRejected, match=reason):
        OpenRouterFetcher().parse({"models": text})


def test_a_record_without_id_is_skipped_with_a_warning():
    result = OpenRouterFetcher().parse({"models": '{"data": [{"name": "no id"}, {"id": "a/b", "name": "B"}]}'})
    assert [entry.canonical_id for entry in result.catalog] == ["a/b"]
    assert "skipped 1 invalid record" in result.warnings[0]


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources/openrouter (real snapshot) is absent")
def test_real_snapshot_folds_414_ids_into_base_models():
    entries = catalog((SHARED / "models.json").read_text())
    assert len(entries) == 332  # 414 ids minus :batch/:free/:thinking variants and ~latest aliases
    assert not any(":" in key or key.startswith("~") for key in entries)
    sonnet = entries["anthropic/claude-sonnet-4.5"]
    assert (sonnet.prompt_price, sonnet.completion_price, sonnet.context_length) == (Decimal(3), Decimal(15), 1000000)
    assert "~anthropic/claude-sonnet-latest" in entries["anthropic/claude-sonnet-5"].aliases
    assert entries["openrouter/auto"].pricing_variable
    assert entries["anthropic/claude-sonnet-4.5"].reasoning is True
