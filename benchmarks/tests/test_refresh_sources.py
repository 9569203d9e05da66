"""refresh_sources end to end: the real snapshots served from 127.0.0.1, all sources at once."""
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from benchmarks.models import BenchmarkRow, CatalogModel, FetchRun, Source
from benchmarks.refresh import refresh_sources

SHARED = Path(django_settings.BASE_DIR).parent / "shared" / "sources"
# Sane lower bounds per source for the snapshots in ../shared (rows, or catalog entries).
MINIMUM_ROWS = {"openrouter": 300, "swebench": 250, "evalplus": 400, "bigcodebench": 500, "livebench": 100,
                "artificialanalysis": 2000, "aider": 59, "lmarena": 500}


@pytest.fixture
def mirror(settings):
    from bench.mirror import serve_snapshots

    settings.ARTIFICIAL_ANALYSIS_API_KEY = "dummy-test-key"
    settings.LIVEBENCH_RELEASE = "2026_01_08"
    settings.SOURCE_ENABLED = {slug: True for slug in MINIMUM_ROWS}
    with serve_snapshots() as urls:
        settings.SOURCE_BASE_URLS = urls
        yield urls


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources (real upstream snapshots) is absent")
@pytest.mark.django_db(transaction=True)
def test_every_source_refreshes_from_a_local_mirror(mirror):
    seen = []
    runs = refresh_sources(force=True, progress=seen.append)
    assert {run.source.slug: run.status for run in runs} == {slug: FetchRun.Status.OK for slug in MINIMUM_ROWS}
    assert sorted(run.source.slug for run in seen) == sorted(MINIMUM_ROWS)
    for run in runs:
        assert run.rows >= MINIMUM_ROWS[run.source.slug], run.source.slug
    assert BenchmarkRow.objects.count() == sum(run.rows for run in runs if run.source.slug != "openrouter")
    assert CatalogModel.objects.filter(origin="openrouter", active=True).count() == 332
    assert Source.objects.get(slug="livebench").upstream_version == "2026_01_08"


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/sources (real upstream snapshots) is absent")
@pytest.mark.django_db(transaction=True)
def test_a_second_refresh_within_the_cache_window_skips_everything(mirror):
    refresh_sources(["aider", "lmarena"], force=True)
    runs = refresh_sources(["aider", "lmarena"])
    assert [run.status for run in runs] == [FetchRun.Status.SKIPPED, FetchRun.Status.SKIPPED]
    assert BenchmarkRow.objects.filter(source__slug="aider").count() == 100
