"""OpenRouter: reads `models`, the model list, into the canonical catalog (no benchmark rows).

Prices are decimal strings in USD per token; we keep USD per 1M tokens as exact Decimals. "-1"
means the price varies per request (routers): pricing_variable, no price. "0" is free.
Variants (`:free`, `:batch`, `:thinking`, `:extended`, …) and `~…-latest` router aliases are the
same model as their base id: they are folded into it and listed in `aliases`. A variant whose
base id is absent still yields an entry under the base id.
"""
import re
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation

from django.conf import settings

from benchmarks.fetchers.base import FetchResult, Fetcher
from benchmarks.fetchers.rows import CatalogEntry
from benchmarks.fetchers.schemas import Upstream, load_json, require, validate_each

PER_MILLION = Decimal(1_000_000)
VARIABLE = Decimal(-1)
# For a base id that only exists as variants, whose prices stand for it: batch and free are discounts.
VARIANT_PREFERENCE = {"": 0, "thinking": 1, "extended": 1, "free": 3, "batch": 4}
VARIANT_NAME = re.compile(r"\s*\((free|batch|thinking|extended|beta|online|nitro|floor)\)\s*$", re.IGNORECASE)


class Pricing(Upstream):
    prompt: str | None = None
    completion: str | None = None


class AliasTarget(Upstream):
    slug: str


class OpenRouterModel(Upstream):
    id: str
    name: str = ""
    context_length: int | None = None
    created: int | None = None
    hugging_face_id: str | None = None
    pricing: Pricing | None = None
    alias_target: AliasTarget | None = None
    supported_parameters: list[str] | None = None
    reasoning: dict | None = None


class OpenRouterFetcher(Fetcher):
    slug = "openrouter"
    files = ("models",)

    def headers(self) -> dict[str, str]:
        key = settings.OPENROUTER_API_KEY
        return {"Authorization": f"Bearer {key}"} if key else {}

    def parse(self, documents: dict[str, str]) -> FetchResult:
        data = load_json(documents["models"], "models", dict)
        records = data.get("data")
        require(isinstance(records, list), "models has no 'data' list")
        require(bool(records), "models holds an empty 'data' list")
        result = FetchResult()
        labelled = ((str(r.get("id", "?")) if isinstance(r, dict) else "?", r) for r in records)
        groups: dict[str, list[tuple[str, OpenRouterModel]]] = {}
        for _label, model in validate_each(OpenRouterModel, labelled, result.warnings):
            base, variant = base_id(model)
            if not base:
                result.warnings.append(f"skipped alias {model.id!r}: it names no target model")
                continue
            groups.setdefault(base, []).append((variant, model))
        result.catalog = [catalog_entry(base, members, result.warnings) for base, members in groups.items()]
        if isinstance(data.get("links"), dict) and data["links"].get("next"):
            result.warnings.append("models has a next page, which is not followed")
        return result


def base_id(model: OpenRouterModel) -> tuple[str, str]:
    """(base id, variant) for a record: "a/b:free" -> ("a/b", "free"); "~a/b-latest" -> (target, "~")."""
    if model.id.startswith("~"):
        return (model.alias_target.slug.split(":")[0] if model.alias_target else ""), "~"
    base, _, variant = model.id.partition(":")
    return base, variant


def catalog_entry(base: str, members: list[tuple[str, OpenRouterModel]], warnings: list[str]) -> CatalogEntry:
    variant, main = min(members, key=lambda member: VARIANT_PREFERENCE.get(member[0], 2))
    prompt = to_per_million(main.pricing.prompt if main.pricing else None, main.id, warnings)
    completion = to_per_million(main.pricing.completion if main.pricing else None, main.id, warnings)
    variable = VARIABLE in (prompt, completion)
    hf_id = (main.hugging_face_id or "").strip()
    return CatalogEntry(
        canonical_id=base,
        name=VARIANT_NAME.sub("", main.name) if variant else main.name,
        provider=base.split("/", 1)[0] if "/" in base else "",
        context_length=main.context_length,
        prompt_price=None if variable else prompt,
        completion_price=None if variable else completion,
        pricing_variable=variable,
        release_date=created_date(main.created),
        hf_id=hf_id,
        open_weights=bool(hf_id),
        aliases=tuple(sorted(m.id for _v, m in members if m.id != base)),
        reasoning=supports_reasoning(main),
    )


def supports_reasoning(model: OpenRouterModel) -> bool | None:
    """True when the model takes reasoning settings; None when upstream says nothing either way."""
    if model.reasoning is not None or "reasoning" in (model.supported_parameters or []):
        return True
    return False if model.supported_parameters is not None else None


def to_per_million(price: str | None, model_id: str, warnings: list[str]) -> Decimal | None:
    """USD per token (string) -> USD per 1M tokens; -1 stays -1 (variable); junk -> None + warning."""
    if price is None or not price.strip():
        return None
    try:
        value = Decimal(price.strip())
    except InvalidOperation:
        warnings.append(f"{model_id}: unreadable price {price!r}")
        return None
    if not value.is_finite():
        warnings.append(f"{model_id}: unreadable price {price!r}")
        return None
    return VARIABLE if value < 0 else value * PER_MILLION


def created_date(created: int | None) -> date | None:
    """The day the model was listed on OpenRouter, our best release date."""
    if not created or created < 0:
        return None
    try:
        return datetime.fromtimestamp(created, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
