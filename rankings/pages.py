"""What the rankings page shows: the latest snapshot's rows, filtered, re-weighted and ordered.

Read-only: a page never fetches upstream data. Custom weights re-rank the stored parts through the
API's own function (custom_weights.rerank_entries), so the page, its CSV link and the page's
JavaScript agree. Every query-string value is validated; a bad one is reported and ignored.
"""
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.http import QueryDict

from rankings.columns import SORT_KEYS, sort_rows
from rankings.filters import MAX_PRICE, ORDERING_FIELDS
from rankings.models import Ranking, RankingEntry
from rankings.custom_weights import parse_weights, rerank_entries
from rankings.reranking import TOP_LEVEL
from rankings.scoring import validate_weights

FILTER_PARAMS = ("provider", "open_weights", "min_coverage", "min_price", "max_price", "search")
WEIGHT_PARAMS = {f"w_{key}": key for key in TOP_LEVEL}


@dataclass
class View:
    """One view of the table as the URL describes it; `errors` lists the values that were ignored."""

    filters: dict = field(default_factory=dict)
    weights: dict = field(default_factory=dict)
    custom_weights: bool = False
    ordering: str = ""
    errors: list[str] = field(default_factory=list)

    def query_items(self, for_api: bool = False) -> list[tuple[str, str]]:
        """The view's valid parameters, in a stable order: what the URL (and the CSV link) carry.

        `for_api` leaves out an ordering the API cannot do (freshness): the CSV then keeps rank order.
        """
        items = [(name, str(self.filters[name])) for name in FILTER_PARAMS if name in self.filters]
        if self.ordering and (not for_api or self.ordering.lstrip("-") in ORDERING_FIELDS):
            items.append(("ordering", self.ordering))
        if self.custom_weights:
            items += [(param, f"{self.weights[key]:g}") for param, key in WEIGHT_PARAMS.items()]
        return items


def latest_snapshot() -> Ranking | None:
    return Ranking.objects.latest_published()


def parse_view(params: QueryDict, stored_weights: dict) -> View:
    """Read filters, ordering and weights from the query string; invalid values are dropped with a message."""
    view = View(weights=normalised_weights(stored_weights))
    _parse_filters(params, view)
    ordering = params.get("ordering", "").strip()
    if ordering:
        if ordering.lstrip("-") in SORT_KEYS:
            view.ordering = ordering
        else:
            view.errors.append(f"Unknown ordering “{ordering}”: showing the snapshot order.")
    _parse_weights(params, view)
    return view


def _parse_filters(params: QueryDict, view: View) -> None:
    for name in ("provider", "search"):
        value = params.get(name, "").strip()
        if value:
            view.filters[name] = value
    open_weights = params.get("open_weights", "").strip().lower()
    if open_weights in ("true", "1", "yes"):
        view.filters["open_weights"] = "true"
    elif open_weights in ("false", "0", "no"):
        view.filters["open_weights"] = "false"
    # The same bounds as the API's filters, so the page's CSV link never asks for what the API refuses.
    for name, low, high in (("min_coverage", 0, 1), ("min_price", 0, MAX_PRICE), ("max_price", 0, MAX_PRICE)):
        raw = params.get(name, "").strip()
        if not raw:
            continue
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not low <= number <= high:
            view.errors.append(f"Ignored {name}=“{raw}”: give a number from {low} to {high:,}.")
        else:
            view.filters[name] = number


def _parse_weights(params: QueryDict, view: View) -> None:
    given = {key: params[param] for param, key in WEIGHT_PARAMS.items() if params.get(param, "").strip()}
    if not given:
        return
    try:
        raw = {key: float(given.get(key, view.weights[key])) for key in TOP_LEVEL}
        weights = validate_weights(raw, TOP_LEVEL)
    except ValueError as error:
        view.errors.append(f"Ignored the weights: {error}")
        return
    if any(abs(weights[k] - view.weights[k]) > 1e-9 for k in TOP_LEVEL):
        view.weights, view.custom_weights = weights, True


def normalised_weights(weights: dict) -> dict:
    """A snapshot's stored weights summing to 1; equal weights if what is stored is unusable."""
    try:
        return validate_weights({k: float(weights.get(k, 0)) for k in TOP_LEVEL}, TOP_LEVEL)
    except (TypeError, ValueError, AttributeError):
        return {key: 1 / len(TOP_LEVEL) for key in TOP_LEVEL}


def table_rows(ranking: Ranking, view: View) -> list[RankingEntry]:
    """Every entry of the snapshot (one query), ranked under the view's weights and ordered.

    Entries outside the filters stay in the list with `shown = False`: ranks are positions in the
    whole snapshot, and the page's JavaScript re-ranks all of them when a weight slider moves.
    """
    entries = list(RankingEntry.objects.filter(ranking=ranking).select_related("model"))
    if view.custom_weights:
        rerank(entries, ranking, view.weights)
    for entry in entries:
        entry.shown = matches(entry, view.filters)
    return sort_rows(entries, view.ordering)


def rerank(entries: list[RankingEntry], ranking: Ranking, weights: dict) -> None:
    """Scores, rank and tie group of every entry under `weights`, in memory only: the API's re-ranking
    (rankings.custom_weights), so the page and the CSV it links to always agree."""
    params = {f"w_{key}": str(value) for key, value in weights.items()}
    rerank_entries(entries, parse_weights(params, ranking), ranking)


def matches(entry: RankingEntry, filters: dict) -> bool:
    """True when the entry passes every filter; a filter on a missing figure excludes the entry."""
    if "provider" in filters:  # comma-separated, any of them, as the API reads it
        wanted = {p.strip().lower() for p in filters["provider"].split(",") if p.strip()}
        if entry.provider.lower() not in wanted:
            return False
    if "open_weights" in filters and entry.open_weights != (filters["open_weights"] == "true"):
        return False
    if "min_coverage" in filters and entry.coverage < filters["min_coverage"]:
        return False
    for name, keep in (("min_price", lambda p, f: p >= f), ("max_price", lambda p, f: p <= f)):
        if name in filters and (entry.blended_price is None or not keep(entry.blended_price, filters[name])):
            return False
    if "search" in filters:
        needle = filters["search"].lower()
        return needle in entry.model_name.lower() or needle in entry.model.canonical_id.lower()
    return True


def providers(entries: list[RankingEntry]) -> list[str]:
    return sorted({entry.provider for entry in entries}, key=str.lower)

