"""The catalog as dictionaries: identity tokens -> the models (and version dates) they name.

Every catalog model is indexed under the keys of its id, display name (without the "Anthropic: "
prefix), Hugging Face id, extra aliases and canonical slug. The slug's date is "soft": OpenRouter
often stamps its own listing date there (claude-4-opus-20250522 for Anthropic's 20250514), so it can
confirm a pin but never contradicts one, and it is dropped when it disagrees with the id or name.
"""
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from benchmarks.name_dates import DatePin, dates_compatible
from benchmarks.name_parsing import parse_name

SHORTHAND = re.compile(r"^(\d+(\.\d+)?[bmte]?|a\d+(\.\d+)?b|instruct)$")  # what display names may omit


@dataclass(frozen=True)
class CatalogItem:
    """What matching needs to know about one catalog model."""

    canonical_id: str  # "anthropic/claude-sonnet-4.5"
    name: str = ""  # "Anthropic: Claude Sonnet 4.5"
    hf_id: str = ""  # "Qwen/Qwen3-Coder-480B-A35B-Instruct"
    canonical_slug: str = ""  # "anthropic/claude-4.5-sonnet-20250929"
    aliases: tuple = ()  # other upstream ids that mean this model
    reasoning: bool | None = None  # supports reasoning/thinking; None = unknown
    release_date: dt.date | None = None  # when the catalog listed it; only ever confirms a nearby pin


@dataclass(frozen=True)
class KeyHit:
    model_id: str
    date: DatePin | None
    soft: bool = False  # the date comes from the canonical slug only


class CatalogIndex:
    """Dict-based index; building is O(catalog), each lookup is O(1)."""

    def __init__(self, catalog: list[CatalogItem]):
        self.keys: dict[frozenset, list[KeyHit]] = defaultdict(list)
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.id_tokens: dict[str, frozenset] = {}
        self.reasoning: dict[str, bool | None] = {}
        self.release_dates: dict[str, dt.date | None] = {}
        for item in _usable(catalog):
            self._add_item(item)
        self._add_implicit_instruct()

    def lookup(self, tokens: frozenset) -> list[KeyHit]:
        return self.keys.get(tokens, [])

    def is_exact(self, raw: str, model_id: str) -> bool:
        return model_id in self.exact.get(" ".join(raw.split()).casefold(), ())

    @staticmethod
    def provider_of(model_id: str) -> str:
        return model_id.split("/")[0]

    def _add_item(self, item: CatalogItem) -> None:
        model_id = item.canonical_id.split(":")[0]
        if model_id in self.id_tokens:
            return  # ":free"/":batch" copies of a model already indexed
        self.reasoning[model_id] = item.reasoning
        self.release_dates[model_id] = item.release_date
        provider, _, slug = model_id.partition("/")
        display = item.name.split(": ", 1)[-1] if ": " in item.name else item.name
        provider_words = _provider_words(provider, item.name)
        hard = [parse_name(text) for text in (slug, display, _model_part(item.hf_id), *item.aliases) if text]
        self.id_tokens[model_id] = _identity(hard[0])
        if _drops_identity(_identity(hard[1]), self.id_tokens[model_id]):
            hard.pop(1)  # "IBM: Granite 4.0 Micro" names granite-4.0-h-micro: trust the id, not the label
        hard_dates = [p.date for p in hard if p.date]
        for parsed in hard:
            self._add_key(model_id, parsed, provider_words, soft=False)
        canonical = parse_name(_model_part(item.canonical_slug)) if item.canonical_slug else None
        if canonical and not any(canonical.date and not dates_compatible(canonical.date, d) for d in hard_dates):
            self._add_key(model_id, canonical, provider_words, soft=True)
        for text in (model_id, slug, item.name, display, item.hf_id, _model_part(item.hf_id),
                     item.canonical_slug, *item.aliases):
            if text:
                self.exact[" ".join(text.split()).casefold()].add(model_id)

    def _add_key(self, model_id: str, parsed, provider_words: set[str], soft: bool) -> None:
        tokens = _identity(parsed)
        if not tokens:
            return
        for key in (tokens, *(tokens | {word} for word in provider_words - tokens)):
            hit = KeyHit(model_id, parsed.date, soft and parsed.date is not None)
            if hit not in self.keys[key]:
                self.keys[key].append(hit)

    def _add_implicit_instruct(self) -> None:
        """Catalog models are served chat models: "Llama 4 Maverick Instruct" names llama-4-maverick.

        Only where no catalog model is explicitly called "... Instruct" under that key, so a base
        model name never reaches an instruct model (the reverse direction is never added).
        """
        for key, hits in list(self.keys.items()):
            if "instruct" not in key and key | {"instruct"} not in self.keys:
                self.keys[key | {"instruct"}] = list(hits)
        for key, hits in list(self.keys.items()):  # "Nova Pro" is nova-pro-v1 when there is no v2
            if "1" in key and len(key) > 2 and key - {"1"} not in self.keys:
                self.keys[key - {"1"}] = list(hits)


def _identity(parsed) -> frozenset:
    """Tokens as written in a catalog string: effort and thinking words are part of its identity."""
    return frozenset(parsed.tokens | set(parsed.modes))


def _drops_identity(name_tokens: frozenset, id_tokens: frozenset) -> bool:
    """A display name that leaves out more of the id than sizes, versions or "instruct"."""
    missing = id_tokens - name_tokens
    return name_tokens < id_tokens and any(not SHORTHAND.match(token) for token in missing)


def _usable(catalog: list[CatalogItem]) -> list[CatalogItem]:
    """Router pseudo-models and "~…-latest" moving aliases never stand for a benchmarked model."""
    return [item for item in catalog
            if not item.canonical_id.startswith(("~", "openrouter/")) and "/" in item.canonical_id]


def _model_part(text: str) -> str:
    return text.split("/", 1)[-1] if text else ""


def _provider_words(provider: str, name: str) -> set[str]:
    """"nvidia" and "NVIDIA: Nemotron…" -> {"nvidia"}: raw names often start with the maker."""
    words = {provider.lower()}
    if ": " in name:
        words |= {w.lower() for w in name.split(": ", 1)[0].split()}
    return {w for w in words if w.isalnum()}
