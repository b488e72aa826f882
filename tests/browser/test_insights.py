"""The policy analyst's journey: ann logs in and lands on the insights, narrows them to one
wijk and one Brede Welvaart theme, reads a chart, downloads the figures as a CSV file and
opens the rode draden. Every page is checked with axe (see conftest.py).

The town is built in bulk (testing/insights_world.py) and computed by the real refresh.
Full-page screenshots at 1280 pixels wide go to /tmp/shots/ for people to look at."""

from pathlib import Path

import pytest

from samenplan.insights.refresh import refresh
from samenplan.testing import insights_world
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 - a fixed place for people to look at the pages


@pytest.fixture
def town(personas):
    world = insights_world.build(seed=5)
    refresh()
    return world


def test_the_analyst_reads_filters_downloads_and_follows_the_rode_draden(open_journey, town):
    journey = open_journey(viewport=(1280, 900))
    page = journey.page

    # The home page takes the analyst straight to the insights.
    journey.login("ann", PASSWORD, "the insights")
    assert page.url.endswith("/inzicht/"), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Inzicht: hoe gaat het met de plannen?"
    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inzicht").is_visible()
    kpis = page.locator(".kpi__figure").all_inner_texts()
    assert len(kpis) == 4 and kpis[0].endswith("%"), kpis
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "insights-dashboard.png"), full_page=True)

    # One wijk and one theme.
    page.get_by_label("Wijk", exact=True).select_option(label="Helmstad-West")
    page.get_by_label("Levensdomein of thema").select_option(value="theme:health")
    journey.follow(page.get_by_role("button", name="Toon de cijfers"), "Helmstad-West, health")
    assert "domein=theme%3Ahealth" in page.url and "wijk=" in page.url, page.url
    assert "Je ziet:" in page.locator(".insights-now").inner_text()
    assert "Helmstad-West" in page.locator(".insights-now").inner_text()
    chart = page.get_by_role("img", name="Eigen verhaal per kwartaal, Helmstad-West")
    assert chart.is_visible()
    assert page.locator("#trend-eigen-verhaal-title").count() == 1
    domains = page.get_by_role("table", name="Verandering in zelfredzaamheid per levensdomein", exact=False)
    assert "Geestelijke gezondheid" in domains.inner_text()
    assert "Financiën" not in domains.inner_text()

    # The same figures as a file, for Excel.
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download deze cijfers (CSV)").click()
    download = waiting.value
    assert download.suggested_filename.startswith("inzicht-") and download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_bytes().decode("utf-8")
    assert content.startswith("\ufeffcode;wat;kwartaal;wijk;")
    assert "eigen_verhaal;Eigen verhaal;" in content
    assert ";Helmstad-West;" in content
    assert ";Thema: Gezondheid;" in content

    # The rode draden, for the same wijk and quarter.
    journey.follow(page.get_by_role("link", name="Rode draden: welke problemen komen samen voor"), "rode draden")
    assert page.url.split("?")[0].endswith("/inzicht/rode-draden/"), page.url
    assert page.get_by_role("heading", name="Twee levensdomeinen tegelijk").is_visible()
    assert "Helmstad-West" in page.locator(".insights-now").inner_text()
    page.get_by_label("Wijk", exact=True).select_option(label="Alle wijken")
    journey.follow(page.get_by_role("button", name="Toon de cijfers"), "rode draden, all wijken")
    pairs = page.get_by_role("table", name="Twee levensdomeinen met problemen tegelijk", exact=False)
    assert " en " in pairs.locator("tbody th").first.inner_text()
    page.screenshot(path=str(SHOTS / "insights-pairs.png"), full_page=True)

    journey.follow(page.get_by_role("link", name="Terug naar het inzicht"), "back to the insights")
    assert page.url.split("?")[0].endswith("/inzicht/"), page.url
