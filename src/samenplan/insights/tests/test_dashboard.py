"""The policy analyst's dashboard: a small town of plans, computed by the real refresh, and
the page, its filter and its CSV file read against `insights.selectors`.

Figures are never written down here: each expected number is read from the selectors and
formatted independently, so the tests hold whatever the random town yields.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.insights import selectors
from samenplan.insights.refresh import refresh
from samenplan.testing import insights_world
from samenplan.testing.base import BaseTestCase

# A town where one wijk is too small to show: its figures are hidden (and, by the
# complementary rule, the smallest other wijk's with it).
TOWN = [
    ("Helmstad-West", "west", 70),
    ("Helmstad-Oost", "oost", 60),
    ("Helmstad-Noord", "noord", 50),
    ("Klein", "klein", 5),
]


class Tables(HTMLParser):
    """The tables of a page as {caption: [[cell text, ...], ...]}, header row included."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.headings: list[int] = []
        self.th_without_scope = 0
        self.tables_without_caption = 0
        self._rows = None
        self._row = None
        self._text = None
        self._caption = None
        self._has_caption = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self._rows, self._has_caption = [], False
        elif tag == "caption":
            self._caption, self._has_caption = [], True
        elif tag == "tr" and self._rows is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._text = []
            if tag == "th" and "scope" not in attrs:
                self.th_without_scope += 1

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption_text = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._text is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self._rows.append(self._row)
            self._row = None
        elif tag == "table":
            if not self._has_caption:
                self.tables_without_caption += 1
            else:
                self.tables[self._caption_text] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)
        if self._text is not None:
            self._text.append(data)


def dutch(number: float, decimals: int, signed: bool = False) -> str:
    """A number as the page should write it, worked out here on its own."""
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join([whole, *groups]) + ("," + fraction if fraction else "")
    if rounded < 0:
        return "-" + text
    return ("+" + text) if signed and rounded > 0 else text


def expected(cell) -> str:
    if cell.hidden:
        return "te weinig mensen"
    if cell.number is None:
        return "geen gegevens"
    shows = cell.measure.shows
    if shows == "percent":
        return dutch(cell.number, 0) + "%"
    if shows == "mean":
        return dutch(cell.number, 1, signed=True)
    if shows == "days":
        return dutch(cell.number, 1) + " dagen"
    return dutch(cell.number, 0)


def quarter_label(key: str) -> str:
    year, month, _day = key.split("-")
    return f"{year} K{(int(month) - 1) // 3 + 1}"


class InsightsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world = insights_world.build(wijken=TOWN, seed=11)
        cls.west, cls.oost, cls.noord, cls.klein = (str(wijk.pk) for wijk in cls.world.wijken)
        cls.refresh = refresh()
        cls.quarters = list(cls.refresh.quarters)
        cls.quarter = cls.quarters[-2]

    def setUp(self):
        self.login(self.ann)

    def cell(self, code, area="all", node="all", quarter=None):
        return selectors.cell(code, quarter or self.quarter, area, node, refresh=selectors.latest_refresh())

    def page(self, query=""):
        response = self.client.get(f"/inzicht/?{query}")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def csv_rows(self, query="", url="/inzicht/cijfers.csv"):
        response = self.client.get(f"{url}?{query}")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"), "UTF-8 with a byte order mark, for Excel")
        return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


class DashboardTestCase(InsightsTestCase):
    def test_the_analyst_sees_the_sections_and_the_real_numbers(self):
        html = self.page()
        for heading in (
            "De vier vragen",
            "Zelfredzaamheid per levensdomein",
            "Wijken naast elkaar",
            "Het netwerk",
            "Zien we meer, of maken we het groter?",
        ):
            self.assertIn(f">{heading}</h2>", html)
        self.assertIn("ze worden elke nacht opnieuw berekend", html)
        kpis = re.findall(r'<p class="kpi__figure[^"]*">([^<]*)</p>', html)
        self.assertEqual(
            kpis,
            [
                expected(self.cell("eigen_verhaal")),
                expected(self.cell("eigen_regie")),
                expected(self.cell("eigen_kracht")),
                expected(self.cell("resultaten_doelen")),
            ],
        )
        # The town is big enough that all wijken together show real figures.
        self.assertRegex(kpis[0], r"^\d+%$")
        self.assertRegex(kpis[3], r"^[+-]?\d,\d$")
        self.assertIn("Helmstad-Oost", html)

    def test_the_default_is_the_latest_complete_quarter_and_the_current_one_says_so_far(self):
        html = self.page()
        self.assertIn(f'<option value="{self.quarter}" selected>{quarter_label(self.quarter)}</option>', html)
        current = self.quarters[-1]
        self.assertIn(f'<option value="{current}">{quarter_label(current)} (tot nu toe)</option>', html)
        self.assertIn(f"Je ziet: <strong>{quarter_label(self.quarter)}</strong>", html)

    def test_the_trend_tables_hold_every_quarter_with_hidden_ones_in_words(self):
        tables = Tables(self.page(f"wijk={self.west}")).tables
        rows = tables["Eigen verhaal per kwartaal, Helmstad-West"]
        self.assertEqual(rows[0][:2], ["Kwartaal", "Verhaal bevestigd"])
        self.assertEqual(len(rows), 1 + len(self.quarters))
        for row, quarter in zip(rows[1:], self.quarters, strict=True):
            self.assertTrue(row[0].startswith(quarter_label(quarter)))
            self.assertEqual(row[1], expected(self.cell("eigen_verhaal", self.west, quarter=quarter)))
        # The first quarter of a growing town has too few plans: words, not a 0.
        self.assertEqual(rows[1][1], "te weinig mensen")

    def test_a_figure_of_too_few_people_is_words_on_the_page_and_in_the_csv(self):
        hidden = self.cell("eigen_verhaal", self.klein)
        self.assertTrue(hidden.hidden, "five plans are too few to show")
        html = self.page(f"wijk={self.klein}")
        kpis = re.findall(r'<p class="kpi__figure[^"]*">([^<]*)</p>', html)
        self.assertEqual(kpis[0], "te weinig mensen")
        rows = [
            row
            for row in self.csv_rows(f"wijk={self.klein}")
            if row["code"] == "eigen_verhaal"
            and row["kwartaal"] == quarter_label(self.quarter)
            and row["wijk"] == "Klein"
        ]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["cijfer"], "")
        self.assertEqual(rows[0]["mensen"], "")
        self.assertEqual(rows[0]["opmerking"], "te weinig mensen")
        self.assertEqual(rows[0]["wijk"], "Klein")

    def test_a_share_says_its_people_only_as_a_band(self):
        html = self.page()
        band = self.cell("eigen_verhaal").band
        low, high = band
        self.assertIn(f"{low} tot {high} mensen" if high else f"{low} of meer mensen", html)

    def test_the_life_domain_filter_narrows_the_domain_figures_and_says_so(self):
        html = self.page("domein=theme:health")
        self.assertIn('<option value="theme:health" selected>', html)
        self.assertIn("Alleen voor Thema: Gezondheid", html)
        kpis = re.findall(r'<p class="kpi__figure[^"]*">([^<]*)</p>', html)
        self.assertEqual(kpis[0], expected(self.cell("eigen_verhaal")))
        self.assertEqual(kpis[2], expected(self.cell("eigen_kracht", node="theme:health")))
        tables = Tables(html).tables
        domains = tables[f"Verandering in zelfredzaamheid per levensdomein, {quarter_label(self.quarter)}, alle wijken"]
        names = [row[0] for row in domains[1:]]
        self.assertIn("Geestelijke gezondheid", names)
        self.assertNotIn("Financiën", names)

    def test_the_wijken_side_by_side(self):
        tables = Tables(self.page()).tables
        rows = tables[f"De vier vragen per wijk, {quarter_label(self.quarter)}"]
        by_name = {row[0]: row[1:] for row in rows[1:]}
        self.assertEqual(list(by_name)[-1], "Alle wijken")
        for name, area in (("Helmstad-West", self.west), ("Klein", self.klein), ("Alle wijken", "all")):
            self.assertEqual(by_name[name][0], expected(self.cell("plannen_open", area)), name)
            self.assertEqual(by_name[name][1], expected(self.cell("eigen_verhaal", area)), name)

    def test_numbers_are_written_the_dutch_way(self):
        html = self.page()
        days = self.cell("vragen_dagen")
        self.assertFalse(days.hidden)
        self.assertIn(f">{dutch(days.number, 1)} dagen<", html)
        self.assertRegex(html, r">[+-]\d,\d<")

    def test_the_network_outcomes_are_named_by_the_models_choices(self):
        html = self.page()
        self.assertIn("Beantwoord met advies", html)
        self.assertIn("Geholpen", html)

    def test_the_buddy_matches_have_their_own_block_per_quarter(self):
        html = self.page(f"wijk={self.west}")
        self.assertIn('id="buddys"', html)
        rows = Tables(html).tables["Buddynetwerk per kwartaal, Helmstad-West"]
        self.assertEqual(rows[0][:2], ["Kwartaal", "Buddy-koppelingen gestart"])
        self.assertEqual(len(rows), 1 + len(self.quarters))
        for row, quarter in zip(rows[1:], self.quarters, strict=True):
            self.assertEqual(row[1], expected(self.cell("buddy_koppelingen", self.west, quarter=quarter)))

    def test_the_page_is_accessible_by_its_markup(self):
        html = self.page(f"wijk={self.west}&domein=financien")
        parsed = Tables(html)
        self.assertEqual(parsed.tables_without_caption, 0)
        self.assertEqual(parsed.th_without_scope, 0)
        self.assertEqual(parsed.headings[0], 1)
        for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
            self.assertLessEqual(after, before + 1, parsed.headings)
        self.assertNotIn("style=", html)
        self.assertEqual(re.findall(r"<script(?![^>]*\bsrc=)", html), [])
        self.assertIn("<svg", html)
        self.assertIn("Download deze cijfers (CSV)", html)

    def test_the_analyst_finds_the_page_in_the_menu(self):
        html = self.page()
        self.assertIn('<a href="/inzicht/">Inzicht</a>', html)


class FilterTestCase(InsightsTestCase):
    def test_invalid_choices_get_a_dutch_message_keep_the_rest_and_use_the_defaults(self):
        response = self.client.get(f"/inzicht/?wijk={self.oost}&kwartaal=1999-01-01&domein=onzin")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        default = quarter_label(self.quarter)
        self.assertIn(f"Van het kwartaal “1999-01-01” zijn er geen cijfers. Je ziet nu {default}.", html)
        self.assertIn("We kennen het levensdomein of thema “onzin” niet. Je ziet nu alle levensdomeinen.", html)
        # The valid choice is kept; the others show the default the page uses.
        self.assertIn(f'<option value="{self.oost}" selected>Helmstad-Oost</option>', html)
        self.assertIn(f'<option value="{self.quarter}" selected>', html)
        self.assertIn(f"Je ziet: <strong>{default}</strong> · <strong>Helmstad-Oost</strong>", html)
        self.assertIn('aria-invalid="true"', html)

    def test_an_unknown_wijk_shows_all_wijken(self):
        html = self.page("wijk=12345")
        self.assertIn("We kennen de wijk “12345” niet. Je ziet nu alle wijken.", html)
        self.assertIn("<strong>Alle wijken</strong>", html)

    def test_a_very_long_value_is_shortened_in_the_message(self):
        html = self.page("kwartaal=" + "x" * 300)
        messages = re.findall(r'<p class="error-message"[^>]*>(.*?)</p>', html, re.S)
        self.assertEqual(len(messages), 1)
        self.assertIn("“" + "x" * 39 + "…”", messages[0])
        self.assertNotIn("x" * 40, messages[0])


class CsvTestCase(InsightsTestCase):
    def test_the_csv_file_is_for_excel_in_dutch(self):
        response = self.client.get("/inzicht/cijfers.csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment;", response["Content-Disposition"])
        self.assertIn(".csv", response["Content-Disposition"])
        header = response.content.decode("utf-8").splitlines()[0]
        self.assertEqual(
            header,
            "\ufeffcode;wat;kwartaal;wijk;levensdomein, thema of uitkomst;cijfer;eenheid;mensen;opmerking",
        )

    def test_the_csv_holds_the_same_numbers_as_the_page(self):
        query = f"wijk={self.west}&domein=theme:health"
        html = self.page(query)
        rows = self.csv_rows(query)
        tables = Tables(html).tables
        index = {
            (row["code"], row["kwartaal"], row["wijk"], row["levensdomein, thema of uitkomst"]): row for row in rows
        }

        def page_text(row):
            if row["opmerking"]:
                return row["opmerking"]
            number = row["cijfer"]
            return {"procent": number + "%", "dagen (gemiddeld)": number + " dagen"}.get(row["eenheid"], number)

        def same(caption, code, column, node=""):
            table = tables[caption]
            self.assertGreater(len(table), 1)
            for line in table[1:]:
                row = index[(code, line[0], "Helmstad-West", node)]
                shown = line[column]
                if row["eenheid"] == "gemiddelde" and row["cijfer"] and not row["cijfer"].startswith("-"):
                    shown = shown.lstrip("+")
                self.assertEqual(shown, page_text(row), (caption, line))

        same("Eigen verhaal per kwartaal, Helmstad-West", "eigen_verhaal", 1)
        same("Eigen kracht per kwartaal, Helmstad-West", "eigen_kracht", 1, "Thema: Gezondheid")
        same("Eigen kracht per kwartaal, Helmstad-West", "eigen_kracht_start", 2)
        same("Doelen gehaald per kwartaal, Helmstad-West", "resultaten_doelen", 1, "Thema: Gezondheid")
        same("Wat er binnenkwam per kwartaal, Helmstad-West", "vragen", 2)
        same("Vragen bij de wijkpunten per kwartaal, Helmstad-West", "vragen_dagen", 2)
        # Every figure on the page is in the file, and the file holds nothing more than
        # the page reads: a hidden one as words, never a number.
        for row in rows:
            if row["opmerking"] == "te weinig mensen":
                self.assertEqual((row["cijfer"], row["mensen"]), ("", ""))
            else:
                self.assertIn(row["opmerking"], ("", "geen gegevens"))
                self.assertEqual(row["cijfer"] == "", row["opmerking"] == "geen gegevens")
        codes = {row["code"] for row in rows}
        for code in (
            "eigen_verhaal",
            "eigen_regie",
            "eigen_kracht",
            "resultaten_zelfredzaamheid_professional",
            "plannen_open",
            "gestart_in_crisis",
            "verwijzingen_uitkomst",
            "consulten",
            "doorbraken",
        ):
            self.assertIn(code, codes)

    def test_the_csv_rows_match_the_selectors(self):
        for row in self.csv_rows(f"wijk={self.oost}"):
            if row["code"] != "eigen_regie" or row["wijk"] != "Helmstad-Oost":
                continue
            quarter = next(q for q in self.quarters if row["kwartaal"].startswith(quarter_label(q)))
            cell = self.cell("eigen_regie", self.oost, quarter=quarter)
            if cell.hidden or cell.number is None:
                self.assertEqual(row["cijfer"], "")
            else:
                self.assertEqual(row["cijfer"], dutch(cell.number, 0))
                self.assertEqual(row["eenheid"], "procent")


class QueryCountTestCase(InsightsTestCase):
    def count(self, url):
        selectors._published.cache_clear()
        with CaptureQueriesContext(connection) as cold:
            self.assertEqual(self.client.get(url).status_code, 200)
        with CaptureQueriesContext(connection) as warm:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(cold), len(warm)

    def test_the_pages_do_not_read_more_when_there_is_more(self):
        urls = [
            "/inzicht/",
            f"/inzicht/?wijk={self.west}&domein=theme:health",
            "/inzicht/rode-draden/",
            "/inzicht/cijfers.csv",
        ]
        before = [self.count(url) for url in urls]
        insights_world.build(wijken=[("Helmstad-Zuid", "zuid", 80)], seed=12, prefix="more")
        refresh()
        after = [self.count(url) for url in urls]
        self.assertEqual(before, after)
        # Warm, the figures come from the cache: the session, the user, the refresh and the labels.
        for _cold, warm in after:
            self.assertLessEqual(warm, 8)


class AccessTestCase(InsightsTestCase):
    URLS = ["/inzicht/", "/inzicht/cijfers.csv", "/inzicht/rode-draden/", "/inzicht/rode-draden/cijfers.csv"]

    def test_everyone_but_the_analyst_gets_a_404(self):
        others = [self.alice, self.bob, self.carol, self.dave, self.erin, self.charlie, self.pam, self.wendy, self.brit]
        for url in self.URLS:
            self.assert_not_found_for(others, url)
            self.login(self.ann)
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_a_visitor_is_asked_to_log_in(self):
        self.client.logout()
        for url in self.URLS:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/login/", response["Location"])

    def test_the_home_page_takes_the_analyst_to_the_dashboard(self):
        response = self.client.get("/", follow=True)
        self.assertEqual(response.redirect_chain[-1][0], "/inzicht/")


class NoFiguresTestCase(BaseTestCase):
    def test_without_a_refresh_the_page_says_how_to_compute_the_figures(self):
        self.login(self.ann)
        response = self.client.get("/inzicht/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er zijn nog geen cijfers berekend.")
        self.assertContains(response, "python manage.py insights_refresh")
        self.assertNotContains(response, "<table")
        self.assertContains(self.client.get("/inzicht/rode-draden/"), "Er zijn nog geen cijfers berekend.")
        # The file, bookmarked, still opens: its header only.
        lines = self.client.get("/inzicht/cijfers.csv").content.decode("utf-8").splitlines()
        self.assertEqual(len(lines), 1)
        self.assertTrue(lines[0].startswith("\ufeffcode;wat;kwartaal"))
