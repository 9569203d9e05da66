"""The pages in a real Chromium (Debian's, never a downloaded one): sorting, filters, weights, CSV, charts, compare.

Screenshots (desktop 1280 wide, phone 390 wide) go to artifacts/screenshots/ for a human to look at.
"""
import csv
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from rankings.anchors import describe_methodology

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread while the fixtures' ORM calls stay sync.
    # Set only while these tests run: a module-level setting would leak into every other test's process.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def data(make_model, make_snapshot):
    """Five models whose orders differ by TTFT, by overall and by coding alone."""
    specs = [  # id, coding, performance, value, overall, ttft, speed, price
        ("bigco/strong", 85, 30, 20, 55.5, 3.0, 40, "9"),
        ("acme/fast", 50, 95, 85, 70.0, 0.25, 400, "0.2"),
        ("acme/middle", 65, 60, 55, 61.5, 0.9, 120, "1.5"),
        ("openlab/open", 70, 45, 70, 62.5, 1.5, 80, "0.8"),
        ("acme/quiet", 40, None, None, None, None, None, None),
    ]
    rows = []
    for key, coding, perf, value, overall, ttft, speed, price in specs:
        model = make_model(key, name=key.split("/")[1].title() + " Coder", open_weights=key.startswith("openlab"))
        rows.append((model, {"composite_score": coding, "performance_score": perf, "value_score": value,
                             "overall_score": overall, "ttft_median": ttft, "throughput_median": speed,
                             "blended_price": Decimal(price) if price else None, "composite_stderr": 0.5}))
    rows.sort(key=lambda r: (r[1]["overall_score"] is None, -(r[1]["overall_score"] or r[1]["composite_score"])))
    ranking = make_snapshot(rows)
    ranking.methodology = {**describe_methodology(), "min_coverage": 0.25}
    ranking.save()
    return ranking


def _ids(page) -> list[str]:
    return page.eval_on_selector_all("#ranking tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_rankings_page_loads_in_rank_order(page, live_server, data):
    page.goto(f"{live_server.url}/")
    assert _ids(page) == ["acme/fast", "openlab/open", "acme/middle", "bigco/strong", "acme/quiet"]
    assert page.locator("#ranking tbody tr").first.locator("td.rank .rank-no").inner_text() == "1"
    _shoot(page, "rankings")


def test_sorting_by_ttft_both_ways_keeps_missing_last(page, live_server, data):
    page.goto(f"{live_server.url}/rankings/")
    header = page.locator('th[data-key="ttft_median"]')
    header.locator("button").click()
    assert _ids(page) == ["acme/fast", "acme/middle", "openlab/open", "bigco/strong", "acme/quiet"]
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").press("Enter")  # keyboard works too
    assert _ids(page) == ["bigco/strong", "openlab/open", "acme/middle", "acme/fast", "acme/quiet"]
    assert header.get_attribute("aria-sort") == "descending"
    assert "ordering=-ttft_median" in page.url
    page.reload()
    assert _ids(page)[0] == "bigco/strong"


def test_filtering_by_provider_shows_only_its_models(page, live_server, data):
    page.goto(f"{live_server.url}/rankings/")
    with page.expect_navigation():
        page.select_option('select[name="provider"]', "acme")
    assert "provider=acme" in page.url
    assert _ids(page) == ["acme/fast", "acme/middle", "acme/quiet"]


def test_weight_slider_reranks_live_and_the_url_restores_it(page, live_server, data):
    page.goto(f"{live_server.url}/rankings/")
    page.locator("#w_performance").fill("0")
    page.locator("#w_value").fill("0")
    expected = ["bigco/strong", "openlab/open", "acme/middle", "acme/fast", "acme/quiet"]
    assert _ids(page) == expected
    assert "w_coding=1" in page.url and "w_value=0" in page.url
    assert "w_coding=1" in page.locator("#export-csv").get_attribute("href")
    page.reload()
    assert _ids(page) == expected
    assert page.locator("#out-coding").inner_text() == "100%"
    _shoot(page, "rankings-coding-only")


def test_csv_export_matches_the_table(page, live_server, data):
    import httpx

    probe = httpx.get(f"{live_server.url}/api/rankings.csv", timeout=10)
    if probe.status_code == 404:
        pytest.skip("the API's /api/rankings.csv is not there yet")
    page.goto(f"{live_server.url}/rankings/?provider=acme&ordering=-ttft_median")
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]  # the attribution comment
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert _ids(page) == ["acme/middle", "acme/fast", "acme/quiet"]
    table = page.eval_on_selector_all("#ranking tbody tr:not([hidden])", """rows => rows.map(r => ({
        id: r.dataset.id, rank: r.cells[0].dataset.sort, ttft: r.cells[7].dataset.sort}))""")
    assert [row["model_id"] for row in rows] == [row["id"] for row in table]
    assert [row["rank"] for row in rows] == [row["rank"] for row in table]
    assert [float(row["ttft_median"]) if row["ttft_median"] else "" for row in rows] == [
        float(row["ttft"]) if row["ttft"] else "" for row in table]


def test_chart_point_opens_the_model_page(page, live_server, data):
    page.goto(f"{live_server.url}/charts/")
    _shoot(page, "charts")
    with page.expect_navigation():
        page.locator('#price-chart a[href="/models/bigco/strong/"]').click()
    assert page.url.endswith("/models/bigco/strong/")
    assert page.locator("h1").inner_text() == "Strong Coder"
    _shoot(page, "model")


def test_compare_page_highlights_the_better_values(page, live_server, data):
    page.goto(f"{live_server.url}/compare/?models=acme/fast,bigco/strong,openlab/open")
    assert page.locator("#compare thead th").count() == 4
    best_ttft = page.locator("#compare tbody tr", has_text="TTFT").first.locator("td.best")
    assert best_ttft.inner_text().startswith("0.25")
    _shoot(page, "compare")
    page.goto(f"{live_server.url}/methodology/")
    _shoot(page, "methodology")
    page.goto(f"{live_server.url}/sources/")
    _shoot(page, "sources")
