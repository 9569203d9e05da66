"""Small factories shared by every app's tests: each creates just the rows a test needs."""
import datetime as dt
import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

SHARED_SOURCES = Path(settings.BASE_DIR).parent / "shared" / "sources"


@pytest.fixture
def shared_sources() -> Path:
    """The real upstream snapshots beside the checkout; tests using them skip in a user's clone."""
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"real upstream snapshots not found at {SHARED_SOURCES} (only present beside the CI checkout)")
    return SHARED_SOURCES


@pytest.fixture(autouse=True)
def registered_sources(request):
    """Transactional tests start from a flushed database: put back the Source rows the data
    migration creates, as a fresh install has them. (serialized_rollback would instead clash with
    the content types that the flush's post_migrate recreates.)"""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("benchmarks.migrations.0002_sources").create_sources(apps, None)


@pytest.fixture
def make_model(db):
    from benchmarks.models import CatalogModel

    def make(canonical_id="openai/gpt-test", **fields):
        provider = canonical_id.split("/")[0]
        defaults = {"name": canonical_id.split("/")[-1], "provider": provider,
                    "prompt_price": Decimal("1"), "completion_price": Decimal("4"),
                    "context_length": 128000, "origin": CatalogModel.Origin.OPENROUTER}
        defaults.update(fields)
        return CatalogModel.objects.create(canonical_id=canonical_id, **defaults)

    return make


@pytest.fixture
def make_row(db):
    from benchmarks.models import BenchmarkRow, Source

    def make(model=None, benchmark="swebench-verified", value=50.0, source="swebench", **fields):
        source_obj = Source.objects.get(slug=source) if isinstance(source, str) else source
        defaults = {"metric": "resolved", "unit": "%", "raw_model": model.name if model else "Unknown model",
                    "fetched_at": timezone.now(), "match_method": "exact" if model else ""}
        defaults.update(fields)
        return BenchmarkRow.objects.create(source=source_obj, benchmark=benchmark, value=value,
                                           model=model, **defaults)

    return make


@pytest.fixture
def make_snapshot(db):
    """make_snapshot([(model, {"composite_score": 80, ...}), ...]) -> a published Ranking."""
    from rankings.models import Ranking, RankingEntry

    def make(entries, computed_at=None, status=Ranking.Status.PUBLISHED, weights=None):
        ranking = Ranking.objects.create(
            computed_at=computed_at or timezone.now(), status=status, methodology_version="test",
            weights=weights or dict(settings.RANKINGS_WEIGHTS), model_count=len(entries))
        now = timezone.now()
        for position, (model, fields) in enumerate(entries, start=1):
            defaults = {"rank": position, "tie_group": position, "model_name": model.name,
                        "provider": model.provider, "open_weights": model.open_weights,
                        "context_length": model.context_length, "prompt_price": model.prompt_price,
                        "completion_price": model.completion_price, "coverage": 1.0,
                        "benchmark_data_updated_at": now - dt.timedelta(days=1),
                        "performance_data_updated_at": now - dt.timedelta(days=2),
                        "pricing_data_updated_at": now}
            defaults.update(fields)
            defaults.setdefault("parts", parts_for(defaults))
            RankingEntry.objects.create(ranking=ranking, model=model, **defaults)
        return ranking

    return make


# Established coverage (0.55 of the coding weight): the three benchmarks every fixture model "has".
FIXTURE_BENCHMARKS = ("swebench-verified", "aider-polyglot", "livebench-agentic-coding")


def parts_for(entry: dict) -> dict:
    """Stored parts consistent with an entry's scores, so re-ranking it (API, pages) reproduces them."""
    composite, blended = entry.get("composite_score"), entry.get("blended_price")
    benchmarks = {} if composite is None else {
        key: {"score": composite, "stderr": entry.get("composite_stderr")} for key in FIXTURE_BENCHMARKS}
    return {"benchmarks": benchmarks, "performance": entry.get("performance_score"),
            "blended_price": None if blended is None else float(blended)}
