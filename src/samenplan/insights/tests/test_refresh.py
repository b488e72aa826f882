"""The stored figures are the figures: `refresh()` keeps exactly what `compute_all()`
computes from scratch, only the latest refresh is kept, and the selectors read it."""

import random
from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from samenplan.insights import selectors
from samenplan.insights.compute import compute_all, quarters
from samenplan.insights.measures import MEASURES
from samenplan.insights.models import Figure, Refresh
from samenplan.insights.refresh import refresh
from samenplan.insights.suppression import ALL, Stats
from samenplan.insights.tests.test_figures_right import World
from samenplan.plans.models import Plan
from samenplan.testing.factories import PlanFactory, WijkFactory

TODAY = date(2025, 6, 15)


def stored(record: Refresh) -> dict[str, dict]:
    result: dict[str, dict] = {measure.code: {} for measure in MEASURES}
    for figure in Figure.objects.filter(refresh=record):
        key = (figure.quarter, figure.area, figure.node)
        result[figure.measure][key] = Stats(figure.people, figure.units, figure.value)
    return result


class RefreshTestCase(TestCase):
    def assertSameCubes(self, got: dict, expected: dict):
        self.assertEqual(set(got), set(expected))
        for code, cube in expected.items():
            self.assertEqual(set(got[code]), set(cube), code)
            for key, stats in cube.items():
                mine = got[code][key]
                self.assertEqual((mine.people, mine.units), (stats.people, stats.units), (code, key))
                self.assertAlmostEqual(mine.value, stats.value, places=6, msg=(code, key))

    def test_the_stored_figures_are_those_computed_from_scratch(self):
        World(random.Random(3)).build()
        record = refresh(TODAY)
        periods, cubes = compute_all(TODAY)
        self.assertEqual(record.quarters, [quarter.key for quarter in periods])
        self.assertEqual(record.quarters, [quarter.key for quarter in quarters(TODAY)])
        self.assertIsNotNone(record.finished_at)
        self.assertGreater(sum(len(cube) for cube in cubes.values()), 100)
        self.assertSameCubes(stored(record), cubes)

    def test_only_aggregates_are_stored(self):
        """Nothing per person: a figure is a measure, a quarter, an area, a node and three sums."""
        fields = {field.name for field in Figure._meta.get_fields()}
        self.assertEqual(fields, {"id", "refresh", "measure", "quarter", "area", "node", "people", "units", "value"})

    def test_a_second_refresh_replaces_the_first_and_the_selectors_read_it(self):
        wijk = WijkFactory()
        # In the current quarter, also on its first day.
        started = quarters()[-1].starts + timedelta(minutes=1)
        for _ in range(12):
            PlanFactory(wijk=wijk, created_at=started)
        quarter = quarters()[-1].key
        first = refresh()
        self.assertEqual(selectors.latest_refresh(), first)
        self.assertEqual(selectors.cell("plannen_open", quarter).number, 12)
        self.assertEqual(selectors.cell("plannen_open", quarter, area=str(wijk.pk)).number, 12)

        for _ in range(3):
            PlanFactory(wijk=wijk, created_at=started)
        Plan.objects.filter(pk=Plan.objects.first().pk).update(status=Plan.Status.INTAKE)
        second = refresh()
        self.assertEqual(list(Refresh.objects.all()), [second])
        self.assertFalse(Figure.objects.filter(refresh_id=first.pk).exists())
        self.assertEqual(selectors.latest_refresh(), second)
        self.assertEqual(selectors.cell("plannen_open", quarter).number, 14)
        self.assertEqual(selectors.cell("plannen_gestart", quarter).number, 15)
        self.assertSameCubes(stored(second), compute_all()[1])
        # Every cell the selectors hand out comes from the latest refresh.
        for cell in selectors.cells("plannen_open"):
            figure = Figure.objects.get(
                refresh=second, measure="plannen_open", quarter=cell.quarter, area=cell.area, node=cell.node
            )
            if not cell.hidden:
                self.assertEqual(cell.stats, Stats(figure.people, figure.units, figure.value))

    def test_a_refresh_still_running_is_not_read(self):
        wijk = WijkFactory()
        for _ in range(10):
            PlanFactory(wijk=wijk, created_at=quarters()[-1].starts + timedelta(minutes=1))
        done = refresh()
        running = Refresh.objects.create()
        Figure.objects.create(
            refresh=running, measure="plannen_open", quarter=quarters()[-1].key, area=ALL, node=ALL,
            people=99, units=99, value=99,
        )  # fmt: skip
        self.assertEqual(selectors.latest_refresh(), done)
        self.assertEqual(selectors.cell("plannen_open", quarters()[-1].key).number, 10)

    def test_a_refresh_on_another_server_at_the_same_time_is_left_to_finish(self):
        """Two runs at once (a scheduled command on two servers): the one finishing first
        must not delete the other's record under it; a run stopped long ago is cleared."""
        busy = Refresh.objects.create()
        stopped = Refresh.objects.create(started_at=busy.started_at - timedelta(days=2))
        done = refresh()
        self.assertTrue(Refresh.objects.filter(pk=busy.pk).exists())
        self.assertFalse(Refresh.objects.filter(pk=stopped.pk).exists())
        later = refresh()
        self.assertFalse(Refresh.objects.filter(pk=done.pk).exists())
        self.assertEqual(selectors.latest_refresh(), later)

    def test_no_refresh_no_figures(self):
        self.assertIsNone(selectors.latest_refresh())
        self.assertEqual(selectors.published("plannen_open"), {})

    def test_the_nightly_command(self):
        PlanFactory()
        out = StringIO()
        call_command("insights_refresh", stdout=out)
        self.assertIn("Insights refreshed", out.getvalue())
        self.assertEqual(Refresh.objects.count(), 1)
        self.assertSameCubes(stored(Refresh.objects.get()), compute_all()[1])


class ThemeMappingTestCase(TestCase):
    def test_figures_add_up_along_the_themes_of_their_refresh_not_todays(self):
        """An admin moves a life domain to another theme after the night's refresh. Until
        the next refresh the figures still add up along the old mapping: with today's, a
        theme shown beside the domain it still holds would give the moved one away."""
        from django.utils import timezone

        from samenplan.measuring.models import LifeDomain

        mapping = dict(LifeDomain.objects.values_list("code", "theme"))
        self.assertEqual((mapping["werk-opleiding"], mapping["tijdsbesteding"]), ("work_leisure", "work_leisure"))
        record = Refresh.objects.create(finished_at=timezone.now(), quarters=["2025-04-01"], themes=mapping)
        consults = {
            "werk-opleiding": 25,
            "tijdsbesteding": 4,
            "theme:work_leisure": 29,
            "geestelijke-gezondheid": 30,
            "theme:health": 30,
            "all": 59,
        }
        Figure.objects.bulk_create(
            Figure(
                refresh=record,
                measure="consulten",
                quarter="2025-04-01",
                area=area,
                node=node,
                people=n,
                units=n,
                value=n,
            )
            for area in ("all", "1")
            for node, n in consults.items()
        )
        LifeDomain.objects.filter(code="tijdsbesteding").update(theme="health")
        selectors._published.cache_clear()
        work = selectors.cell("consulten", "2025-04-01", ALL, "werk-opleiding", record)
        theme = selectors.cell("consulten", "2025-04-01", ALL, "theme:work_leisure", record)
        # 29 - 25 would be the 4 consults about one's day: one of the two must stay hidden.
        self.assertTrue(work.hidden or theme.hidden)
        self.assertTrue(selectors.cell("consulten", "2025-04-01", ALL, "tijdsbesteding", record).hidden)
