"""`manage.py match_names [--source KEY] [--json]`: how raw names from stdin resolve, without storing anything.

Each input line is a raw name, or `source<TAB>raw name`. Per name it prints the catalog model (or
null), the method (alias / exact / normalized / none), the parsed config and, when unmatched, the
closest catalog models as suggestions.
"""
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from benchmarks.fetchers import FETCHERS
from benchmarks.matching import load_matcher
from benchmarks.models import Source


class Command(BaseCommand):
    help = "Resolve raw model names read from stdin (one per line, or source<TAB>name) against the catalog."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Source key whose aliases apply to lines without one.")
        parser.add_argument("--json", action="store_true", help="One JSON object per line.")

    def handle(self, *args, **options):
        keys = sorted(set(FETCHERS) | set(Source.objects.values_list("slug", flat=True)))
        default_source = options["source"]
        if default_source is not None and default_source not in keys:
            raise CommandError(f"unknown source {default_source!r}; valid keys: {', '.join(keys)}")
        matcher = load_matcher()
        for line in options.get("stdin") or sys.stdin:
            source, _, raw = line.rstrip("\r\n").rpartition("\t")
            if not raw.strip():
                continue
            result = {"raw": raw, "source": source or default_source}
            if source and source not in keys:
                result["error"] = f"unknown source {source!r}"
            else:
                match = matcher.resolve(raw, source=result["source"])
                result.update(model=match.model_id, method=match.method, config=match.config,
                              suggestions=[[model_id, score] for model_id, score in match.suggestions])
            self.stdout.write(json.dumps(result, ensure_ascii=False) if options["json"] else describe(result))


def describe(result: dict) -> str:
    """`raw -> model [method] config={...}` and, when unmatched, an indented suggestions line."""
    if "error" in result:
        return f"{result['raw']} -> error: {result['error']}"
    text = f"{result['raw']} -> {result['model'] or 'null'} [{result['method']}]"
    if result["config"]:
        text += f" config={json.dumps(result['config'], ensure_ascii=False, sort_keys=True)}"
    if result["suggestions"]:
        text += "\n    suggestions: " + ", ".join(f"{model_id} ({score:.0f})" for model_id, score in result["suggestions"])
    return text
