"""Know which catalog model a raw benchmark name means, or say that we do not know.

Build a `Matcher` once from the catalog and the aliases, then `resolve()` each raw name:
alias (source-specific, then global) -> exact or normalized key match -> none. Fuzzy scores are only
ever suggestions for the admin review queue. A wrong match is worse than no match, so a key that
points at two models, a date pin that fits no catalog version, or an "agent" that is itself a model
all give no match. Pure: no database, no HTTP.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from benchmarks.name_dates import DatePin, dates_compatible, pin_near
from benchmarks.name_index import CatalogIndex, CatalogItem, KeyHit
from benchmarks.name_parsing import SIZE, ParsedName, parse_name

NOT_IN_CATALOG = "not in catalog"
METHODS = ("alias", "exact", "normalized", "none")

__all__ = ["NOT_IN_CATALOG", "CatalogItem", "Match", "Matcher", "ParsedName", "parse_name"]


@dataclass(frozen=True)
class Match:
    model_id: str | None
    method: str  # one of METHODS
    config: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)  # [(canonical id, score 0-100), ...], best first


class Matcher:
    """Resolves raw names against one catalog. Build once; `resolve` does dict lookups only.

    `aliases` maps raw name -> canonical id or NOT_IN_CATALOG for every source, or
    (source key, raw name) -> the same for one source. Raw names compare case-insensitively.
    """

    def __init__(self, catalog: list[CatalogItem], aliases: dict | None = None):
        self.index = CatalogIndex(catalog)
        self.aliases: dict[tuple[str | None, str], str] = {}
        for key, target in (aliases or {}).items():
            source, raw = key if isinstance(key, tuple) else (None, key)
            self.aliases[(source, _fold(raw))] = target
        self._choices: list[str] | None = None

    def resolve(self, raw: str, source: str | None = None, suggest: bool = True) -> Match:
        """The catalog model `raw` means, how we know, its parsed config and (if unmatched) suggestions."""
        parsed = parse_name(raw)
        config = dict(parsed.config)
        target = self._alias(raw, source)
        if target is not None:
            model_id = None if target == NOT_IN_CATALOG else target
            return Match(model_id, "alias", config)
        model_id = self._match(parsed, config)
        if model_id:
            method = "exact" if self.index.is_exact(raw, model_id) else "normalized"
            return Match(model_id, method, config)
        return Match(None, "none", config, self.suggest(parsed) if suggest else [])

    def suggest(self, parsed: ParsedName, limit: int = 3) -> list[tuple[str, float]]:
        """Closest catalog models by fuzzy token score: for a human to review, never a match."""
        if not parsed.base_key:
            return []
        if self._choices is None:
            self._choices = [" ".join(sorted(tokens)) for tokens in self.index.id_tokens.values()]
            self._choice_ids = list(self.index.id_tokens)
        query = " ".join(sorted(parsed.tokens | set(parsed.modes)))
        # Query and choices are already sorted token strings, so plain ratio scores exactly what
        # token_sort_ratio would, without re-splitting 2,000 choices per query (5x faster).
        found = process.extract(query, self._choices, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=50)
        versions, families = _versions(parsed.tokens), parsed.tokens & MODEL_FAMILIES
        scored = []
        for _choice, score, index in found:
            model_id = self._choice_ids[index]
            # "claude 3.5 sonnet" is one character from "claude 4.5 sonnet" but another model:
            # a different version, size or family scores well below a candidate that shares them.
            candidate = self.index.id_tokens[model_id]
            if _versions(candidate) != versions or (candidate & MODEL_FAMILIES) != families:
                score *= VERSION_MISMATCH_FACTOR
            scored.append((model_id, round(score, 1)))
        return sorted(scored, key=lambda item: (-item[1], item[0]))[:limit]

    def _alias(self, raw: str, source: str | None) -> str | None:
        folded = _fold(raw)
        if source is not None and (source, folded) in self.aliases:
            return self.aliases[(source, folded)]
        return self.aliases.get((None, folded))

    def _match(self, parsed: ParsedName, config: dict) -> str | None:
        if not parsed.tokens:
            return None
        if parsed.agent_parts:
            if len(parsed.agent_parts) > 1 or self._is_model(parse_name(parsed.agent_parts[0])):
                config["pair"] = True  # "architect + editor", or a fine-tune recipe: not one model
                return None
        model_id = self._match_tokens(parsed, parsed.tokens | set(parsed.modes), require_reasoning=False)
        if model_id is None and parsed.modes:
            model_id = self._match_tokens(parsed, parsed.tokens, require_reasoning=parsed.reasoning_on)
        if model_id is None and "preview" in parsed.tokens and parsed.date:
            # "kimi-k2-0711-preview" is the API name of the 0711 release; only with a matching date
            model_id = self._match_tokens(parsed, parsed.tokens - {"preview"}, False, date_required=True)
        return model_id

    def _is_model(self, parsed: ParsedName) -> bool:
        """True when an "X + model" prefix is itself a model (an architect/editor pair), not an agent.

        A prefix the catalog lacks still counts when it looks like a model name: a date pin, a size,
        or a model family word. Otherwise "claude-3-opus-20240229 + gpt-4o" would resolve to GPT-4o.
        """
        if not parsed.tokens:
            return False
        if parsed.date is not None or parsed.tokens & MODEL_FAMILIES or any(SIZE.match(t) for t in parsed.tokens):
            return True
        return self._match_tokens(parsed, parsed.tokens, False) is not None

    def _match_tokens(self, parsed: ParsedName, tokens: frozenset, require_reasoning: bool,
                      date_required: bool = False) -> str | None:
        hits = self.index.lookup(frozenset(tokens))
        provider = (parsed.config.get("provider") or "").split("/")[-1]
        if provider:
            narrowed = [hit for hit in hits if self.index.provider_of(hit.model_id) == provider]
            hits = narrowed or hits
        model_id = _pick_by_date(hits, parsed.date, date_required, self.index.release_dates)
        if model_id and require_reasoning and self.index.reasoning.get(model_id) is False:
            return None
        return model_id


def _pick_by_date(hits: list[KeyHit], date: DatePin | None, date_required: bool,
                  release_dates: dict) -> str | None:
    """Choose one model among the hits of a key, or none when the date pin leaves any doubt."""
    by_model: dict[str, list[KeyHit]] = defaultdict(list)
    for hit in hits:
        by_model[hit.model_id].append(hit)
    if not by_model:
        return None
    if date is None:
        undated = [m for m, found in by_model.items() if any(h.date is None for h in found)]
        return undated[0] if len(undated) == 1 else None
    fitting = [m for m, found in by_model.items()
               if any(h.date is not None and dates_compatible(h.date, date) for h in found)]
    if len(fitting) == 1:
        return fitting[0]
    if fitting or date_required or len(by_model) != 1:
        return None
    # The only model of that name and no version date of its own: accept a pin near its release
    # (Anthropic's 20250514 vs OpenRouter's 20250522), never a far one ("GPT 4 (1106)" is GPT-4 Turbo).
    (model_id, found), = by_model.items()
    if any(h.date is not None and not h.soft for h in found):
        return None
    known = [h.date for h in found if h.date is not None] + [release_dates.get(model_id)]
    return model_id if any(pin_near(date, other) for other in known if other) else None


# Words that name a model family, never an agent scaffold ("mini", "google" and "agent" are not here:
# "mini-SWE-agent" and "Google Jules" are scaffolds).
MODEL_FAMILIES = frozenset({
    "claude", "gpt", "chatgpt", "o1", "o3", "o4", "gemini", "gemma", "deepseek", "qwen", "qwq", "llama",
    "codellama", "mistral", "mixtral", "codestral", "devstral", "grok", "kimi", "glm", "chatglm", "command",
    "yi", "phi", "doubao", "minimax", "ernie", "nemotron", "granite", "starcoder", "wizardcoder", "hunyuan",
})


VERSION_MISMATCH_FACTOR = 0.6


def _versions(tokens) -> frozenset:
    """The tokens that carry a version, size or date: any with a digit."""
    return frozenset(token for token in tokens if any(char.isdigit() for char in token))


def _fold(raw: str) -> str:
    return " ".join((raw or "").split()).casefold()
