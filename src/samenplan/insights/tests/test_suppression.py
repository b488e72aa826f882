"""The rules of `insights.suppression`, one by one (docs/indicators.md, "Suppression").

Rule 1: a count of 1 to MIN_COUNT - 1 people is hidden; 0 and MIN_COUNT or more are shown.
Rule 2: a share or a mean needs MIN_BASE people behind it; a share of people also hides
when those having it, or those lacking it, are 1 to MIN_COUNT - 1.
The thresholds are settings that may be raised, never lowered below the floors (5, 10).
Rule 3 (complementary suppression) is checked here on small hand-made cubes; the property
tests in test_differencing.py try to break it on generated ones.
"""

from django.test import SimpleTestCase, override_settings

from samenplan.insights.suppression import (
    ALL,
    FLOOR_BASE,
    FLOOR_COUNT,
    Kind,
    Stats,
    min_base,
    min_count,
    publishable,
    suppress,
)

Q = "2025-01-01"


def count(people: int) -> Stats:
    """A count: one unit per person, value 1 per unit (as the count measures have)."""
    return Stats(people, people, people)


def share(people: int, having: int) -> Stats:
    return Stats(people, people, having)


def ratio(people: int, units: int | None = None, value: float = 0) -> Stats:
    return Stats(people, people if units is None else units, value)


class DefaultsTestCase(SimpleTestCase):
    def test_the_defaults_are_10_and_20(self):
        self.assertEqual((min_count(), min_base()), (10, 20))
        self.assertEqual((FLOOR_COUNT, FLOOR_BASE), (5, 10))


class SmallCountsTestCase(SimpleTestCase):
    def test_counts_of_1_to_9_people_are_hidden(self):
        for people in range(1, 10):
            self.assertFalse(publishable(Kind.COUNT, count(people)), people)

    def test_zero_and_10_or_more_are_shown(self):
        for people in (0, 10, 11, 19, 20, 250):
            self.assertTrue(publishable(Kind.COUNT, count(people)), people)

    def test_the_people_decide_not_the_things_counted(self):
        # 4 people with 30 referrals between them: still 4 people.
        self.assertFalse(publishable(Kind.COUNT, Stats(4, 30, 30)))
        # 12 people with 12 referrals: shown.
        self.assertTrue(publishable(Kind.COUNT, Stats(12, 12, 12)))


class SmallBasesTestCase(SimpleTestCase):
    def test_a_mean_or_ratio_needs_20_people(self):
        for people in (0, 1, 5, 10, 19):
            self.assertFalse(publishable(Kind.RATIO, ratio(people, units=3 * people, value=people)), people)
        for people in (20, 21, 100):
            self.assertTrue(publishable(Kind.RATIO, ratio(people, units=3 * people, value=people)), people)

    def test_a_ratio_of_things_counts_the_people_not_the_things(self):
        # 50 agreements of 12 plans: a share of 12 plans.
        self.assertFalse(publishable(Kind.RATIO, Stats(12, 50, 25)))

    def test_a_share_of_people_needs_20_people(self):
        for people in (1, 10, 19):
            self.assertFalse(publishable(Kind.SHARE_OF_PEOPLE, share(people, people // 2)), people)
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(20, 10)))

    def test_a_share_of_people_hides_when_1_to_9_have_it(self):
        for having in range(1, 10):
            self.assertFalse(publishable(Kind.SHARE_OF_PEOPLE, share(25, having)), having)
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(25, 10)))

    def test_a_share_of_people_hides_when_1_to_9_lack_it(self):
        for lacking in range(1, 10):
            self.assertFalse(publishable(Kind.SHARE_OF_PEOPLE, share(25, 25 - lacking)), lacking)
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(25, 15)))

    def test_none_or_all_of_them_is_shown(self):
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(25, 0)))
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(25, 25)))

    def test_the_ratio_rule_does_not_look_at_having_and_lacking(self):
        # 3 light agreements among 60 of 25 plans: a share of agreements, not of people.
        self.assertTrue(publishable(Kind.RATIO, Stats(25, 60, 3)))


class SettingsTestCase(SimpleTestCase):
    @override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=15, SAMENPLAN_INSIGHTS_MIN_BASE=30)
    def test_the_settings_raise_the_thresholds(self):
        self.assertEqual((min_count(), min_base()), (15, 30))
        self.assertFalse(publishable(Kind.COUNT, count(14)))
        self.assertTrue(publishable(Kind.COUNT, count(15)))
        self.assertFalse(publishable(Kind.RATIO, ratio(29)))
        self.assertTrue(publishable(Kind.RATIO, ratio(30)))
        # Having or lacking: now 1 to 14.
        self.assertFalse(publishable(Kind.SHARE_OF_PEOPLE, share(40, 14)))
        self.assertFalse(publishable(Kind.SHARE_OF_PEOPLE, share(40, 26)))
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(40, 15)))

    @override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=2, SAMENPLAN_INSIGHTS_MIN_BASE=3)
    def test_settings_below_the_floors_are_raised_to_the_floors(self):
        self.assertEqual((min_count(), min_base()), (5, 10))
        self.assertFalse(publishable(Kind.COUNT, count(2)))
        self.assertFalse(publishable(Kind.COUNT, count(4)))
        self.assertTrue(publishable(Kind.COUNT, count(5)))
        self.assertFalse(publishable(Kind.RATIO, ratio(3)))
        self.assertFalse(publishable(Kind.RATIO, ratio(9)))
        self.assertTrue(publishable(Kind.RATIO, ratio(10)))
        self.assertFalse(publishable(Kind.SHARE_OF_PEOPLE, share(12, 4)))
        self.assertTrue(publishable(Kind.SHARE_OF_PEOPLE, share(12, 5)))

    @override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=0, SAMENPLAN_INSIGHTS_MIN_BASE=-1)
    def test_zero_and_negative_settings_are_the_floors_too(self):
        self.assertEqual((min_count(), min_base()), (5, 10))

    @override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=5, SAMENPLAN_INSIGHTS_MIN_BASE=10)
    def test_the_floors_themselves_may_be_set(self):
        self.assertEqual((min_count(), min_base()), (5, 10))

    @override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=15)
    def test_suppression_follows_the_settings(self):
        cube = {(Q, "1", ALL): count(12), (Q, "2", ALL): count(30), (Q, ALL, ALL): count(42)}
        published = suppress(Kind.COUNT, cube)
        self.assertIsNone(published[(Q, "1", ALL)])
        with self.settings(SAMENPLAN_INSIGHTS_MIN_COUNT=10):
            self.assertEqual(suppress(Kind.COUNT, cube)[(Q, "1", ALL)], count(12))


class ComplementaryTestCase(SimpleTestCase):
    """Rule 3 on hand-made cubes: what is left of a line is never a figure rule 1 or 2 hides."""

    def test_one_small_wijk_takes_the_next_smallest_with_it(self):
        cube = {
            (Q, "1", ALL): count(3),
            (Q, "2", ALL): count(12),
            (Q, "3", ALL): count(40),
            (Q, ALL, ALL): count(55),
        }
        published = suppress(Kind.COUNT, cube)
        self.assertIsNone(published[(Q, "1", ALL)])
        # 55 - 40 = 15 people in wijken 1 and 2: a figure that may be shown.
        self.assertIsNone(published[(Q, "2", ALL)])
        self.assertEqual(published[(Q, "3", ALL)], count(40))
        self.assertEqual(published[(Q, ALL, ALL)], count(55))

    def test_the_total_hides_when_nothing_is_left_to_hide(self):
        cube = {(Q, "1", ALL): count(3), (Q, "2", ALL): count(4), (Q, ALL, ALL): count(7)}
        self.assertEqual(set(suppress(Kind.COUNT, cube).values()), {None})

    def test_a_total_of_small_cells_that_is_itself_large_is_shown(self):
        cube = {(Q, "1", ALL): count(6), (Q, "2", ALL): count(7), (Q, ALL, ALL): count(13)}
        published = suppress(Kind.COUNT, cube)
        self.assertIsNone(published[(Q, "1", ALL)])
        self.assertIsNone(published[(Q, "2", ALL)])
        self.assertEqual(published[(Q, ALL, ALL)], count(13))

    def test_a_line_of_shares_keeps_the_having_and_lacking_rule(self):
        cube = {
            (Q, "1", ALL): share(10, 0),  # too small a base
            (Q, "2", ALL): share(30, 15),
            (Q, "3", ALL): share(30, 15),
            (Q, ALL, ALL): share(70, 30),
        }
        published = suppress(Kind.SHARE_OF_PEOPLE, cube)
        self.assertIsNone(published[(Q, "1", ALL)])
        # 10 people alone are too small a base: a second wijk goes too, and the 40 people
        # left (15 having it) are a share that may be shown.
        self.assertEqual(sum(stats is None for stats in published.values()), 2)
        self.assertEqual(published[(Q, ALL, ALL)], share(70, 30))

    def test_over_life_domains_the_people_of_what_is_left_are_the_largest_cell(self):
        parents = {"a": "theme:t", "b": "theme:t", "c": "theme:t", "theme:t": ALL}
        # One plan may have goals in a, b and c: 4 + 4 people may be 4 people.
        cube = {}
        for area in ("1", ALL):
            cube.update(
                {
                    (Q, area, "a"): count(4),
                    (Q, area, "b"): count(4),
                    (Q, area, "c"): count(30),
                    (Q, area, "theme:t"): count(32),
                    (Q, area, ALL): count(32),
                }
            )
        published = suppress(Kind.COUNT, cube, parents)
        for node in ("a", "b", "c"):
            self.assertIsNone(published[(Q, "1", node)], node)

    def test_a_cell_hidden_in_one_line_is_not_given_away_by_another(self):
        """The first counterexample the property test found (rule 4): ten people in one
        wijk, all with a goal in domain d0 (theme a), five of them also in d1 (theme b).
        Rule 3 alone hid theme b (5 people) and, to protect it in the line of "all", theme
        a; but theme a has one domain, d0, shown: theme a = d0, so theme b = all - d0."""
        parents = {"d0": "theme:a", "d1": "theme:b", "theme:a": ALL, "theme:b": ALL, "none": ALL}
        cube = {}
        for area in ("1", ALL):
            cube.update(
                {
                    (Q, area, "d0"): count(10),
                    (Q, area, "d1"): count(5),
                    (Q, area, "theme:a"): count(10),
                    (Q, area, "theme:b"): count(5),
                    (Q, area, ALL): Stats(10, 15, 15),
                }
            )
        published = suppress(Kind.COUNT, cube, parents)
        for area in ("1", ALL):
            self.assertIsNone(published[(Q, area, "theme:b")])
            shown = {node for (_q, a, node), stats in published.items() if a == area and stats is not None}
            # Theme b would be "all" minus theme a, and theme a is d0.
            self.assertFalse({"d0", ALL} <= shown or {"theme:a", ALL} <= shown, shown)

    def test_a_cube_that_contradicts_its_lines_is_hidden_rather_than_looped_over(self):
        # A wijk's cell without the cell of all wijken (a cube compute.cube never makes).
        cube = {(Q, "1", "a"): count(3), (Q, "1", ALL): count(3)}
        published = suppress(Kind.COUNT, cube, {"a": ALL})
        self.assertEqual(set(published.values()), {None})

    def test_the_same_cube_in_another_order_hides_the_same_cells(self):
        parents = {"a": ALL, "b": ALL, "c": ALL}
        cube = {}
        for area, sizes in (("1", (3, 12, 12)), ("2", (12, 3, 12)), ("3", (12, 12, 3))):
            for node, size in zip("abc", sizes, strict=True):
                cube[(Q, area, node)] = count(size)
            cube[(Q, area, ALL)] = count(sum(sizes))
        for node in "abc":
            cube[(Q, ALL, node)] = count(27)
        cube[(Q, ALL, ALL)] = count(81)
        forwards = suppress(Kind.COUNT, cube, parents)
        backwards = suppress(Kind.COUNT, dict(reversed(list(cube.items()))), parents)
        self.assertEqual(forwards, backwards)

    def test_cells_nobody_stands_behind_are_zero_and_shown(self):
        cube = {(Q, "1", ALL): count(12), (Q, ALL, ALL): count(12)}
        published = suppress(Kind.COUNT, cube)
        self.assertEqual(published, cube)

    def test_every_key_comes_back(self):
        cube = {(Q, "1", ALL): count(3), (Q, "2", ALL): count(30), (Q, ALL, ALL): count(33)}
        self.assertEqual(set(suppress(Kind.COUNT, cube)), set(cube))
