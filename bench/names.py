"""Resolve 20,000 raw names against a 2,000-model synthetic catalog and print names/s.

Run: .venv/bin/python bench/names.py   (target: under 2 s for the 20,000 names)
"""
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.names import CatalogItem, Matcher  # noqa: E402

FAMILIES = ["gpt", "claude", "gemini", "qwen", "llama", "mistral", "deepseek", "glm", "kimi", "grok"]
TIERS = ["", "mini", "nano", "pro", "flash", "lite", "coder", "max"]


def synthetic_catalog(size: int, rng: random.Random) -> list[CatalogItem]:
    items, seen = [], set()
    while len(items) < size:
        family, tier = rng.choice(FAMILIES), rng.choice(TIERS)
        version = f"{rng.randint(1, 9)}.{rng.randint(0, 9)}"
        slug = "-".join(part for part in (family, version, tier, f"{rng.choice([7, 8, 32, 70, 405])}b") if part)
        if slug not in seen:
            seen.add(slug)
            items.append(CatalogItem(f"org{len(items) % 40}/{slug}", f"Org: {slug.replace('-', ' ').title()}"))
    return items


def raw_names(catalog: list[CatalogItem], count: int, rng: random.Random) -> list[str]:
    styles = [lambda s: s, lambda s: s.upper(), lambda s: f"Agent + {s} (2025-08-07) (high)",
              lambda s: s.replace(".", "-") + "-thinking-32k", lambda s: f"{s} (Aug 2024)", lambda s: s + "-unknown"]
    return [rng.choice(styles)(rng.choice(catalog).canonical_id.split("/")[1]) for _ in range(count)]


def main() -> None:
    rng = random.Random(7)
    catalog = synthetic_catalog(2000, rng)
    names = raw_names(catalog, 20000, rng)
    started = time.perf_counter()
    matcher = Matcher(catalog)
    built = time.perf_counter()
    matched = sum(matcher.resolve(name, suggest=False).model_id is not None for name in names)
    done = time.perf_counter()
    print(f"build index: {built - started:.3f} s for {len(catalog)} models")
    print(f"resolve: {done - built:.3f} s for {len(names)} names = {len(names) / (done - built):,.0f} names/s "
          f"({matched} matched, suggestions off)")
    started = time.perf_counter()
    unmatched = [name for name in names if name.endswith("-unknown")][:2000]
    for name in unmatched:
        matcher.resolve(name)
    print(f"with suggestions: {time.perf_counter() - started:.3f} s for {len(unmatched)} unmatched names")


if __name__ == "__main__":
    main()
