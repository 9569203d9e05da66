"""The configuration docs stay true: every variable the settings read is in README and .env.example."""
import re

from django.conf import settings

BASE = settings.BASE_DIR
SETTINGS_TEXT = (BASE / "config" / "settings.py").read_text()


def variables_read_by_settings() -> set[str]:
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', SETTINGS_TEXT))
    keys = re.search(r"SOURCE_KEYS = \[(.*?)\]", SETTINGS_TEXT, re.S).group(1)
    for key in re.findall(r'"(\w+)"', keys):
        names |= {f"ENABLE_{key.upper()}", f"{key.upper()}_BASE_URL"}
    return names


def test_every_setting_is_in_env_example():
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (BASE / ".env.example").read_text(), re.M))
    assert variables_read_by_settings() - documented == set()


def test_every_setting_is_in_readme():
    readme = (BASE / "README.md").read_text()
    missing = {name for name in variables_read_by_settings()
               if name not in readme and not name.endswith("_BASE_URL")}
    assert missing == set()
    assert "<SOURCE>_BASE_URL" in readme


def test_readme_gives_the_two_commands():
    readme = (BASE / "README.md").read_text()
    assert "make run" in readme and "make test" in readme


def test_readme_weights_are_the_methodology_weights():
    from rankings.anchors import CODING_BENCHMARKS, PERFORMANCE_METRICS

    readme = (BASE / "README.md").read_text()
    rows = re.findall(r"^ *\| [^|]+ \| ([\d.]+)% \| ([\d.]+)%? \| ([\d.]+)%? \|$", readme, re.M)
    stated = sorted((float(w) / 100, float(lo), float(hi)) for w, lo, hi in rows)
    actual = sorted((a.weight, a.floor, a.ceiling) for a in CODING_BENCHMARKS.values())
    assert stated == actual
    for key, share in (("ttft", 30), ("throughput", 40), ("total_latency", 30)):
        assert PERFORMANCE_METRICS[key].weight == share / 100
