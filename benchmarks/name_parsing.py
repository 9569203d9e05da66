"""Split a raw model name into its identity (a set of tokens) and its configuration.

`parse_name("mini-SWE-agent + Claude 4.5 Sonnet (20250929)")` gives the tokens {claude, sonnet, 4.5},
the date pin 2025-09-29 and the config {"agent": "mini-SWE-agent", "date": "2025-09-29"}. Word order,
case and separators do not change the tokens; sizes, tiers and versions stay in them. Pure functions.
"""
import re
from dataclasses import dataclass, field

from benchmarks.name_dates import DatePin, format_date, parse_date_phrase, pop_dates

EFFORTS = {"none", "minimal", "low", "medium", "high", "xhigh", "max"}
BARE_EFFORTS = EFFORTS - {"none", "max"}  # outside parentheses "max" is a tier (Codex-Max, Qwen3 Max)
THINKING_ON = {"thinking", "think", "reasoning", "reasoner", "adaptive"}
THINKING_OFF_PAIRS = {("no", "thinking"), ("no", "think"), ("non", "reasoning"), ("non", "thinking")}
THINKING_OFF = {"nothinking", "nothink", "nonthinking"}
EDIT_FORMATS = {"diff", "whole", "udiff", "diff-fenced", "architect"}
VARIANTS = {"batch", "free", "default", "reproduced", "extended", "nitro", "floor"}
QUANTIZATION = re.compile(r"^(fp8|fp16|bf16|int4|int8|gguf|awq|gptq|mlx|q\d(_[a-z0-9]+)*)$")
BUDGET = re.compile(r"^(\d+)k$")
SIZE = re.compile(r"^\d+(\.\d+)?[bmt]$|^\d+x\d+(\.\d+)?b$")
PATH_PREFIX = re.compile(r"^[a-z][\w.\-]*$", re.I)
SPLIT = re.compile(r"[\s\-_/:,;|]+")
# Precompiled: parsing runs per name in bulk, and re's own pattern cache lookup was its top cost.
HF_URL = re.compile(r"^https?://(www\.)?huggingface\.co/", re.I)
GROUP = re.compile(r"\(([^()]*)\)")
SIZE_AFTER_SLASH = re.compile(r"^a?\d", re.I)
VERSION_WORD = re.compile(r"^v(\d+(\.\d+)*)$")
TRAILING_ZEROS = re.compile(r"^(\d+)(\.0)+$")
GLUED = re.compile(r"^([a-z]{2,})(\d[\w.]*)$")
SHORT_NUMBER = re.compile(r"^\d{1,2}$")
VERSION_HEAD = re.compile(r"^[a-z]?\d+(\.\d+)*$")
LONG_NUMBER = re.compile(r"^\d{3,}$")


@dataclass(frozen=True)
class ParsedName:
    """`base_key` is the sorted identity tokens joined by spaces; `config` is JSON-ready."""

    base_key: str
    config: dict = field(default_factory=dict)
    tokens: frozenset = frozenset()
    modes: tuple = ()  # effort/thinking words that may be part of an id ("o3-mini-high") or config
    reasoning_on: bool = False  # a mode asks for reasoning (effort, thinking, a thinking budget)
    date: DatePin | None = None
    agent_parts: tuple = ()  # every "X + " prefix, outermost first


def parse_name(raw: str) -> ParsedName:
    """Parse any raw name; never raises. An empty or junk name gives an empty `base_key`."""
    text = HF_URL.sub("", (raw or "").strip())
    config: dict = {}
    agents, text = _split_agents(text)
    if agents:
        config["agent"] = " + ".join(agents)
    text, groups = _pop_groups(text)
    text = _pop_path_prefix(text, config)
    text, tag = _pop_tag(text)
    state = _State(config)
    for group in groups:
        state.read_group(group)
    if tag:
        state.read_group(tag)
    state.read_words(_words(text))
    return state.finish(tuple(agents))


def _split_agents(text: str) -> tuple[list[str], str]:
    """Split "A + B + model" at top-level " + " (not inside parentheses)."""
    if " + " not in text:
        return [], text.strip()
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith(" + ", index):
            parts.append(text[start:index].strip())
            start = index + 3
    return parts, text[start:].strip()


def _pop_groups(text: str) -> tuple[str, list[str]]:
    """Take out "(...)" groups and trailing ", free text" clauses; both read as settings."""
    if "(" not in text and ")" not in text and "," not in text:
        return text.strip(), []
    groups = GROUP.findall(text)
    text = GROUP.sub(" ", text).replace("(", " ").replace(")", " ")
    head, *clauses = text.split(",")
    return head.strip(), groups + clauses


def _pop_path_prefix(text: str, config: dict) -> str:
    """Router and org prefixes ("openrouter/qwen/", "ollama/", "Qwen/") become config["provider"]."""
    prefixes = []
    while "/" in text:
        prefix, rest = text.split("/", 1)
        if not PATH_PREFIX.match(prefix) or not rest or SIZE_AFTER_SLASH.match(rest):
            break  # "480B/A35B" is a size, not a path
        prefixes.append(prefix.lower())
        text = rest
    if prefixes:
        config["provider"] = "/".join(prefixes)
    return text


def _pop_tag(text: str) -> tuple[str, str]:
    """Split an ollama or OpenRouter tag: "qwen2.5-coder:32b", "glm-5.2:free"."""
    if ":" in text and " " not in text.strip():
        name, tag = text.split(":", 1)
        return name, tag.replace("-", ",")
    return text, ""


def _words(text: str) -> list[str]:
    text = text.lower().replace("+", " plus ").replace("β", "beta")
    return [word for word in SPLIT.split(text) if word and word != "."]


class _State:
    """Accumulates tokens and config while the words of one name are read."""

    def __init__(self, config: dict):
        self.config = config
        self.tokens: list[str] = []
        self.modes: list[str] = []
        self.reasoning_on = False
        self.date: DatePin | None = None

    def set_effort(self, value: str) -> None:
        self.config["effort"] = value
        self.modes.append(value)
        self.reasoning_on = self.reasoning_on or value not in {"none", "minimal"}

    def set_thinking(self, on: bool) -> None:
        self.config["thinking"] = on
        if on:
            self.modes.append("thinking")
            self.reasoning_on = True

    def set_budget(self, tokens: int) -> None:
        self.config["thinking_budget"] = tokens
        self.reasoning_on = True

    def set_date(self, pin: DatePin) -> None:
        self.date = self.date or pin
        self.config.setdefault("date", format_date(pin))

    def add_variant(self, value: str) -> None:
        self.config.setdefault("variant", [])
        if value not in self.config["variant"]:
            self.config["variant"].append(value)

    def read_group(self, group: str) -> None:
        """One parenthesised part, e.g. "temperature=1, reasoning=high" or "32k thinking tokens"."""
        for part in (p.strip().lower() for p in group.split(",")):
            if part:
                self.read_part(part)

    def read_part(self, part: str) -> None:
        pin = parse_date_phrase(part)
        if pin:
            return self.set_date(pin)
        if QUANTIZATION.match(part):
            self.config["quantization"] = part
            return None
        if "=" in part:
            return self.read_setting(*[s.strip() for s in part.split("=", 1)])
        words = [w for w in SPLIT.split(part.replace("w/", "")) if w]
        if words and words[-1] in {"effort", "reasoning"} and len(words) == 2 and words[0] in EFFORTS:
            return self.set_effort(words[0])
        budget = BUDGET.match(words[0]) if words else None
        if budget and len(words) > 1 and words[1] in THINKING_ON | {"tokens"}:
            self.set_thinking(True)
            return self.set_budget(int(budget.group(1)) * 1000)
        if len(words) == 1 and words[0] in EFFORTS:
            return self.set_effort(words[0])
        if len(words) == 1 and words[0] in EDIT_FORMATS:
            return self.set_setting("edit_format", words[0])
        self.read_words(words, in_group=True)

    def read_setting(self, key: str, value: str) -> None:
        if key in {"reasoning", "reasoning_effort", "effort"} and value in EFFORTS:
            return self.set_effort(value)
        if key in {"reasoning", "thinking", "budget", "thinking_budget"} and value.isdigit():
            return self.set_budget(int(value))
        self.set_setting({"t": "temperature"}.get(key, key), value)

    def set_setting(self, key: str, value: str) -> None:
        try:
            parsed: object = float(value) if "." in value else int(value)
        except ValueError:
            parsed = value
        self.config.setdefault("settings", {})[key] = parsed

    def read_words(self, words: list[str], in_group: bool = False) -> None:
        words, pins = pop_dates(words)
        for pin in pins:
            self.set_date(pin)
        words = _merge_versions(_split_glued(words))
        index = 0
        while index < len(words):
            index += self.read_word(words, index, in_group)

    def read_word(self, words: list[str], index: int, in_group: bool) -> int:
        """Read the word at index (and maybe the next); return how many words were used."""
        word, following = words[index], words[index + 1] if index + 1 < len(words) else ""
        if (word, following) in THINKING_OFF_PAIRS:
            self.set_thinking(False)
            return 2
        if word in THINKING_OFF:
            self.set_thinking(False)
        elif word in THINKING_ON:
            self.set_thinking(True)
            budget = BUDGET.match(following)
            if budget:
                self.set_budget(int(budget.group(1)) * 1000)
                return 2
        elif word.endswith("thinking") and word[:-8] in EFFORTS:  # livebench "highthinking"
            self.set_thinking(True)
            self.set_effort(word[:-8])
        elif word in EFFORTS and following == "effort":
            self.set_effort(word)
            return 2
        elif word in BARE_EFFORTS or (in_group and word in EFFORTS):
            self.set_effort(word)
        elif QUANTIZATION.match(word):
            self.config["quantization"] = word
        elif word in VARIANTS:
            self.add_variant(word)
        else:
            self.tokens.append(word)
        return 1

    def finish(self, agents: tuple) -> ParsedName:
        tokens = [_canonical_token(t) for t in self.tokens]
        if "base" in tokens and not any(SIZE.match(t) for t in tokens):
            tokens.remove("base")  # LiveBench "claude-4-sonnet-…-base" is the model without thinking
            self.set_thinking(False)
        for tag in ("preview", "exp", "instruct", "chat", "beta"):
            if tag in tokens:
                self.add_variant(tag)
        token_set = frozenset(t for t in tokens if t)
        return ParsedName(base_key=" ".join(sorted(token_set)), config=self.config, tokens=token_set,
                          modes=tuple(dict.fromkeys(self.modes)), reasoning_on=self.reasoning_on,
                          date=self.date, agent_parts=agents)


def _canonical_token(token: str) -> str:
    token = {"it": "instruct", "experimental": "exp"}.get(token, token)
    if token[:1] == "v":
        version = VERSION_WORD.match(token)
        if version:
            token = version.group(1)
    return TRAILING_ZEROS.sub(r"\1", token) if ".0" in token else token


def _split_glued(words: list[str]) -> list[str]:
    """"qwen2.5" -> qwen 2.5, "gpt4o" -> gpt 4o; one-letter stems stay (o3, k2, r1, v3)."""
    out = []
    for word in words:
        glued = GLUED.match(word)
        if glued and not QUANTIZATION.match(word) and not word.startswith("int"):
            out.extend(glued.groups())
        else:
            out.append(word)
    return out


def _merge_versions(words: list[str]) -> list[str]:
    """"claude-3-5-sonnet" -> 3.5, "kimi-k2-5" -> k2.5; sizes and dates are left alone."""
    out: list[str] = []
    for word in words:
        if out and SHORT_NUMBER.match(word) and VERSION_HEAD.match(out[-1]) and not LONG_NUMBER.match(out[-1]):
            out[-1] = f"{out[-1]}.{word}"
        else:
            out.append(word)
    return out
