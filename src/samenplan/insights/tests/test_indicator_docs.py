"""docs/indicators.md says what the code does: every measure's SQL block is exactly what
`manage.py insights_sql` prints, the thresholds, floors, themes and the shipped mapping are
those of the code, and (on PostgreSQL) the printed SQL gives the numbers the app computes."""

import random
import re
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.utils import translation

from samenplan.insights.compute import Quarter, cube
from samenplan.insights.measures import BY_CODE, MEASURES
from samenplan.insights.suppression import ALL, FLOOR_BASE, FLOOR_COUNT, UNKNOWN_AREA, Stats
from samenplan.measuring.models import WelfareTheme
from samenplan.measuring.reference_data import DOMAINS

EXAMPLE = {"quarter": "2025-01-01", "quarters": 1}
BLOCK = re.compile(r"<!-- sql: (\w+) -->\n```sql\n(.*?)\n```", re.DOTALL)


def docs_text() -> str:
    path = Path(__file__).resolve().parents[4] / "docs" / "indicators.md"
    return path.read_text(encoding="utf-8")


def flat() -> str:
    """The docs' prose on one line, so a test does not depend on where a line wraps."""
    return " ".join(docs_text().split())


def printed(code: str | None = None, **options) -> str:
    out = StringIO()
    call_command("insights_sql", stdout=out, **({"measure": code} if code else {}), **options)
    return out.getvalue().rstrip("\n")


class IndicatorDocsTestCase(SimpleTestCase):
    def test_every_measure_has_its_sql_block_as_the_command_prints_it(self):
        blocks = dict(BLOCK.findall(docs_text()))
        self.assertEqual(set(blocks), set(BY_CODE), "one SQL block per measure, no other")
        for code in BY_CODE:
            self.assertEqual(
                blocks[code],
                printed(code, **EXAMPLE),
                f"docs/indicators.md: the SQL of {code} differs from `python manage.py insights_sql "
                f"--measure {code} --quarter 2025-01-01 --quarters 1`; paste it in again",
            )

    def test_every_measure_is_described(self):
        text = docs_text()
        for measure in MEASURES:
            section = text[text.index(f"`{measure.code}`: ") :].split("<!-- sql:")[0]
            for field in ("**Answers:**", "**Counts:**", "**Period", "**Shown as:**", "**Suppression:**"):
                self.assertIn(field, section, f"{measure.code} has no {field}")
            if measure.shows != "count":
                self.assertIn("**Out of:**", section, f"{measure.code}: a percentage or average needs its base")

    def test_the_thresholds_and_floors_are_those_of_the_code(self):
        text = flat()
        self.assertIn("`SAMENPLAN_INSIGHTS_MIN_COUNT` (default 10)", text)
        self.assertIn("`SAMENPLAN_INSIGHTS_MIN_BASE` (default 20)", text)
        self.assertIn(f"never lowered below {FLOOR_COUNT} and {FLOOR_BASE}", text)
        self.assertIn("python manage.py insights_refresh", text)

    def test_the_themes_and_the_shipped_mapping(self):
        text = docs_text()
        with translation.override("en"):
            for theme in WelfareTheme:
                self.assertRegex(text, rf"\| {re.escape(str(theme.label))} \| [^|]+ \| `{theme.value}` \|")
            labels = dict(WelfareTheme.choices)
            rows = re.findall(r"^\| [^|]+ \| [^|]+ \| `([\w-]+)` \| ([^|]+) \|$", text, re.MULTILINE)
            self.assertEqual(
                [(code, theme.strip()) for code, theme in rows],
                [(code, str(labels[theme])) for code, *_rest, theme in DOMAINS],
            )

    def test_the_legal_basis_is_there_to_check(self):
        text = flat()
        for words in ("6(1)(e)", "9(2)(g)", "9(2)(j)", "89(1)", "UAVG article 24", "Wmo 2015", "Jeugdwet"):
            self.assertIn(words, text)
        self.assertIn("privacy officer", text)
        self.assertIn("not legal advice", text)


class InsightsSqlCommandTestCase(SimpleTestCase):
    def test_every_measure_by_default(self):
        out = printed(**EXAMPLE)
        for code in BY_CODE:
            self.assertIn(f"-- {code}: ", out)
        self.assertEqual(out.count("WITH quarters("), len(MEASURES))

    def test_the_quarters_are_written_out(self):
        out = printed("vragen", quarter="2025-05-20", quarters=2)
        self.assertNotIn("%s", out)
        self.assertIn(
            "('2025-01-01', TIMESTAMPTZ '2025-01-01 00:00:00+01:00', TIMESTAMPTZ '2025-04-01 00:00:00+02:00', "
            "DATE '2025-01-01', DATE '2025-04-01'),",
            out,
        )
        self.assertIn("('2025-04-01', TIMESTAMPTZ '2025-04-01 00:00:00+02:00'", out)
        self.assertTrue(out.endswith(";"))
        self.assertIn("EXTRACT(EPOCH FROM", printed("vragen_dagen", **EXAMPLE))

    def test_an_unknown_measure(self):
        with self.assertRaises(CommandError):
            printed("geen_maat", **EXAMPLE)


class PrintedSqlRunsTestCase(TestCase):
    """On PostgreSQL, the SQL as printed in the docs gives what the app computes."""

    def test_the_printed_sql_gives_the_app_s_numbers(self):
        if connection.vendor != "postgresql":
            self.skipTest("the printed SQL is PostgreSQL's; CI runs this on PostgreSQL")
        from samenplan.insights.tests.test_figures_right import World

        World(random.Random(11)).build()
        quarter = Quarter.of(date(2025, 1, 1))
        blocks = dict(BLOCK.findall(docs_text()))
        nonempty = 0
        for measure in MEASURES:
            with connection.cursor() as cursor:
                cursor.execute(blocks[measure.code])
                rows = cursor.fetchall()
            got: dict = {}
            for key, wijk_id, node, people, units, value in rows:
                area = UNKNOWN_AREA if wijk_id is None else str(wijk_id)
                got[(str(key), area, node)] = Stats(int(people), int(units), float(value or 0))
            expected = {k: v for k, v in cube(measure, [quarter]).items() if k[1] != ALL}
            self.assertEqual(set(got), set(expected), measure.code)
            for key, stats in expected.items():
                self.assertEqual((got[key].people, got[key].units), (stats.people, stats.units), (measure.code, key))
                self.assertAlmostEqual(got[key].value, stats.value, places=6, msg=(measure.code, key))
            nonempty += bool(rows)
        self.assertGreater(nonempty, len(MEASURES) // 2)
