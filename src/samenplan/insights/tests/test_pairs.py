"""Rode draden: the pairs of life domains that come together, strongest first, and the
recurring themes of breakthrough requests; hidden ones are counted in words."""

import re

from samenplan.insights import selectors

from .test_dashboard import InsightsTestCase, Tables, dutch, quarter_label


class PairsTestCase(InsightsTestCase):
    def pairs_page(self, query=""):
        response = self.client.get(f"/inzicht/rode-draden/?{query}")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def published(self, code, area="all"):
        cells = selectors.cells(code, refresh=selectors.latest_refresh())
        return [cell for cell in cells if cell.quarter == self.quarter and cell.area == area and cell.node != "all"]

    def test_the_pairs_come_strongest_first_with_both_names_and_their_share(self):
        html = self.pairs_page()
        caption = f"Twee levensdomeinen met problemen tegelijk, {quarter_label(self.quarter)}, alle wijken"
        rows = Tables(html).tables[caption]
        self.assertEqual(rows[0], ["Levensdomeinen", "Plannen", "Deel van de open plannen"])
        shown = [cell for cell in self.published("samen_voorkomend") if not cell.hidden]
        self.assertTrue(shown, "the town has pairs to show")
        self.assertEqual(len(rows) - 1, len(shown))
        counts = [int(row[1]) for row in rows[1:]]
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertEqual(sorted(counts, reverse=True), sorted((int(cell.number) for cell in shown), reverse=True))
        plans_open = self.cell("plannen_open").number
        strongest = max(shown, key=lambda cell: cell.number)
        first, second = strongest.node.split("+")
        names = dict(self.world_domain_names())
        self.assertIn(f"{names[first]} en {names[second]}", [row[0] for row in rows[1:]])
        self.assertEqual(rows[1][2], dutch(counts[0] / plans_open * 100, 0) + "%")

    def test_hidden_pairs_are_counted_in_words_never_listed(self):
        html = self.pairs_page()
        hidden = [cell for cell in self.published("samen_voorkomend") if cell.hidden]
        self.assertTrue(hidden, "some pairs have too few plans")
        self.assertIn(f"Nog {len(hidden)} combinaties hebben te weinig mensen", html)
        names = dict(self.world_domain_names())
        table = Tables(html).tables
        listed = [row[0] for rows in table.values() for row in rows]
        for cell in hidden:
            first, second = cell.node.split("+")
            self.assertNotIn(f"{names[first]} en {names[second]}", listed)

    def test_the_recurring_themes_of_breakthrough_requests(self):
        html = self.pairs_page()
        caption = f"Terugkerende thema's van doorbraakverzoeken, {quarter_label(self.quarter)}, alle wijken"
        rows = Tables(html).tables[caption]
        shown = sorted(
            (cell for cell in self.published("doorbraak_themas") if not cell.hidden), key=lambda cell: -cell.number
        )
        self.assertEqual([row[0] for row in rows[1:]], [cell.node for cell in shown])
        self.assertEqual([row[1] for row in rows[1:]], [dutch(cell.number, 0) for cell in shown])

    def test_the_pages_link_to_each_other_with_the_same_choice(self):
        query = f"wijk={self.west}&kwartaal={self.quarter}"
        html = self.pairs_page(query)
        self.assertIn(f'href="/inzicht/?{query.replace("&", "&amp;")}"', html)
        self.assertIn(f'href="/inzicht/rode-draden/cijfers.csv?{query.replace("&", "&amp;")}"', html)
        dashboard = self.page(query)
        self.assertIn(f'href="/inzicht/rode-draden/?{query.replace("&", "&amp;")}"', dashboard)
        self.assertIn("<strong>Helmstad-West</strong>", html)
        self.assertNotIn('name="domein"', html)

    def test_the_csv_of_the_pairs_holds_the_shown_and_the_hidden_ones_in_words(self):
        rows = self.csv_rows(url="/inzicht/rode-draden/cijfers.csv")
        pairs = [row for row in rows if row["code"] == "samen_voorkomend"]
        published = self.published("samen_voorkomend")
        self.assertEqual(len(pairs), len(published))
        names = dict(self.world_domain_names())
        by_label = {row["levensdomein, thema of uitkomst"]: row for row in pairs}
        for cell in published:
            first, second = cell.node.split("+")
            row = by_label[f"{names[first]} en {names[second]}"]
            if cell.hidden:
                self.assertEqual((row["cijfer"], row["opmerking"]), ("", "te weinig mensen"))
            else:
                self.assertEqual(row["cijfer"], dutch(cell.number, 0))
        self.assertIn("plannen_open", {row["code"] for row in rows})

    def test_every_table_has_a_caption_and_scoped_headers(self):
        parsed = Tables(self.pairs_page())
        self.assertEqual(parsed.tables_without_caption, 0)
        self.assertEqual(parsed.th_without_scope, 0)
        self.assertEqual(re.findall(r"<h(\d)", self.pairs_page())[0], "1")

    def world_domain_names(self):
        from samenplan.measuring.models import LifeDomain

        return LifeDomain.objects.values_list("code", "name")
