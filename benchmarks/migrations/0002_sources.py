"""Creates one Source row per upstream. Later edits by admins (enabled, base URL) are theirs to keep."""
from django.db import migrations

SOURCES = [
    ("openrouter", "OpenRouter", "catalog", "https://openrouter.ai/models",
     "Model catalog and prices from OpenRouter (openrouter.ai)."),
    ("swebench", "SWE-bench", "benchmark", "https://www.swebench.com/",
     "SWE-bench leaderboards (swebench.com), Jimenez et al."),
    ("evalplus", "EvalPlus", "benchmark", "https://evalplus.github.io/leaderboard.html",
     "EvalPlus leaderboard (HumanEval+ / MBPP+), Liu et al."),
    ("bigcodebench", "BigCodeBench", "benchmark", "https://bigcode-bench.github.io/",
     "BigCodeBench leaderboard, BigCode project."),
    ("livebench", "LiveBench", "benchmark", "https://livebench.ai/",
     "LiveBench (livebench.ai), White et al."),
    ("artificialanalysis", "Artificial Analysis", "performance", "https://artificialanalysis.ai/",
     "Speed and price figures by Artificial Analysis (artificialanalysis.ai)."),
    ("aider", "Aider", "benchmark", "https://aider.chat/docs/leaderboards/",
     "Aider polyglot leaderboard (aider.chat)."),
    ("lmarena", "LMArena", "benchmark", "https://lmarena.ai/leaderboard",
     "LMArena leaderboard (lmarena.ai), coding category."),
]


def create_sources(apps, schema_editor):
    Source = apps.get_model("benchmarks", "Source")
    for slug, name, kind, homepage, attribution in SOURCES:
        Source.objects.get_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "homepage": homepage, "attribution": attribution})


class Migration(migrations.Migration):
    dependencies = [("benchmarks", "0001_initial")]
    operations = [migrations.RunPython(create_sources, migrations.RunPython.noop)]
