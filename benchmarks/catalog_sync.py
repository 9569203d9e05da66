"""Upserts the OpenRouter catalog into CatalogModel, leaving admins' and curated rows alone.

A model OpenRouter no longer lists is deactivated, never deleted: benchmark rows and fallbacks
may still point at it. Only rows with origin "openrouter" are ever changed here.
"""
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.fetchers.rows import CatalogEntry
from benchmarks.models import CatalogModel

PRICE_STEP = Decimal("0.000001")  # the column keeps 6 decimal places
PRICE_MAX = Decimal("99999999")  # max_digits=14 leaves 8 digits before the point
SYNCED_FIELDS = ["name", "provider", "hf_id", "open_weights", "context_length", "release_date", "prompt_price",
                 "completion_price", "pricing_variable", "pricing_updated_at", "active", "reasoning"]


def sync_catalog(entries: list[CatalogEntry], now: datetime, warnings: list[str]) -> dict[str, int]:
    """Create or update OpenRouter-origin models from `entries`; deactivate the vanished ones.

    Call inside a transaction. Returns counts: created, updated, kept (admin/curated), deactivated.
    """
    existing = {model.canonical_id: model for model in
                CatalogModel.objects.filter(canonical_id__in=[entry.canonical_id for entry in entries])}
    to_create, to_update, kept = [], [], 0
    for entry in entries:
        if len(entry.canonical_id) > 200:
            warnings.append(f"skipped catalog id longer than 200 characters: {entry.canonical_id[:60]!r}…")
            continue
        values = field_values(entry, now, warnings)
        model = existing.get(entry.canonical_id)
        if model is None:
            to_create.append(CatalogModel(canonical_id=entry.canonical_id, origin=CatalogModel.Origin.OPENROUTER,
                                          **values))
        elif model.origin != CatalogModel.Origin.OPENROUTER:
            kept += 1  # an admin or the curated data owns this row
        else:
            for name, value in values.items():
                setattr(model, name, value)
            to_update.append(model)
    CatalogModel.objects.bulk_create(to_create, batch_size=500)
    CatalogModel.objects.bulk_update(to_update, SYNCED_FIELDS, batch_size=500)
    deactivated = (CatalogModel.objects.filter(origin=CatalogModel.Origin.OPENROUTER, active=True)
                   .exclude(canonical_id__in=[entry.canonical_id for entry in entries]).update(active=False))
    return {"created": len(to_create), "updated": len(to_update), "kept": kept, "deactivated": deactivated}


def field_values(entry: CatalogEntry, now: datetime, warnings: list[str]) -> dict:
    context = entry.context_length if entry.context_length and entry.context_length > 0 else None
    return {
        "name": (entry.name or entry.canonical_id)[:200],
        "provider": entry.provider[:100],
        "hf_id": entry.hf_id[:200],
        "open_weights": entry.open_weights,
        "context_length": context,
        "release_date": entry.release_date,
        "prompt_price": storable_price(entry.prompt_price, entry.canonical_id, warnings),
        "completion_price": storable_price(entry.completion_price, entry.canonical_id, warnings),
        "pricing_variable": entry.pricing_variable,
        "pricing_updated_at": now,
        "active": True,
        "reasoning": entry.reasoning,
    }


def storable_price(price: Decimal | None, model_id: str, warnings: list[str]) -> Decimal | None:
    """Round to the column's 6 places the same way on every database; drop impossible prices."""
    if price is None:
        return None
    if price < 0 or price > PRICE_MAX:
        warnings.append(f"{model_id}: price {price} per 1M tokens is out of range and was not stored")
        return None
    return price.quantize(PRICE_STEP, rounding=ROUND_HALF_UP)
