"""Nothing suppressed can be worked back: property tests of `insights.suppression`.

**The attacker.** She sees every published cell of a measure (its people, units and value)
on every page, filter and export, and reads a cell nobody stands behind as 0 (the selectors
show it so). She knows the wijken, the life domains with their themes and the outcomes, and
the relations between the cells:

- over areas: the cell of all wijken is the sum of the wijken's cells (and of "no wijk"),
  for people, units and value (everyone lives in one wijk);
- over nodes: a theme's cell is the sum of its life domains' cells, "all" the sum of the
  themes and "none" (or of the outcomes), for units and value. Not for people: one plan
  can have goals in two life domains, so the people of a parent lie between the largest
  child's and the children's sum, which determines nothing.

With these she solves the linear system of the hidden cells: a hidden cell is
*determined* when its units (and so its value: both quantities obey the same relations
over the same unknowns) follow from what is published, by any combination of relations,
not only from a relation with one unknown left; `determined()` below reduces the system to
echelon form, which finds every determined unknown, so it is at least as strong as
substituting one unknown at a time until nothing changes.

**What "recover" means.** A hidden cell is *recovered* when it is determined and the rules
would not have shown it by itself: its people are 1 to MIN_COUNT - 1 (a count), fewer than
MIN_BASE for a share or a mean, or (a share of people) those having it or those lacking it
are 1 to MIN_COUNT - 1. A cell hidden only to protect another one (it could have been
shown by itself) may be determined: that reveals nothing the rules forbid, though it may
help to determine others, which the system above accounts for. The people of a hidden cell
are determined only over areas, a subset of the relations the units obey, so a cell whose
people are determined has its units determined too: checking the units covers the people.

Out of scope, on purpose, and written down in docs/indicators.md: inequalities. A hidden
cell is never 0 (0 is shown), and a published 0 % or 100 % of a group says the same of
every part of it; rule 2 allows "none of these 25", and so it allows what follows from it.

Each example also checks that every published cell may be shown by itself, and that what
is left of every line whose total is shown (the hidden cells together, the people counted
as the distinct people behind them) may be shown too, which is what two neighbouring
filters, one wijk against all wijken or a life domain against its theme, give away.

The first test generates people (a wijk, a quarter, the life domains or outcomes they
have units in, the values), adds them up into cubes shaped like the real ones and
suppresses them. The second builds plans in the database, refreshes, and attacks what
`insights.selectors` hands out for every filter the pages offer.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from django.test import SimpleTestCase, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import User
from samenplan.conferences.models import Consult
from samenplan.insights import selectors
from samenplan.insights.compute import quarters
from samenplan.insights.measures import MEASURES
from samenplan.insights.models import Figure
from samenplan.insights.refresh import refresh
from samenplan.insights.suppression import ALL, UNKNOWN_AREA, Kind, Stats, min_count, publishable, suppress
from samenplan.measuring.models import LifeDomain, WelfareTheme
from samenplan.plans.models import Evaluation, GoalScore
from samenplan.referrals.models import Referral
from samenplan.testing.factories import (
    AgreementFactory,
    GoalFactory,
    OrganisationFactory,
    PlanFactory,
    ServiceFactory,
    StoryFactory,
    UserFactory,
    WijkFactory,
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
# Pure Python, a few milliseconds an example.
PURE_EXAMPLES = {"dev": 150, "ci": 400, "ci-postgresql": 100}[PROFILE]

# A cell of some measure: (measure, quarter, area, node).
Cell = tuple[str, str, str, str]


# The attacker --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """`total` is the sum of `parts`, for units and value; for people too when `people`."""

    total: Cell
    parts: tuple[Cell, ...]
    people: bool


def relations(
    measure: str,
    quarters: Iterable[str],
    areas: Iterable[str],
    parents: Mapping[str, str],
    nodes: Iterable[str],
) -> list[Relation]:
    """Every relation between the cells of one measure, from what anyone knows of the
    municipality: its wijken (`areas`, "no wijk" included, "all" not), the nodes and what
    each node adds up to (`parents`). Written out here, not taken from the module tested."""
    areas = list(areas)
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parents.items():
        children[parent].append(child)
    result = []
    for quarter in quarters:
        for node in nodes:
            result.append(
                Relation(
                    (measure, quarter, ALL, node), tuple((measure, quarter, area, node) for area in areas), people=True
                )
            )
        for area in [*areas, ALL]:
            for parent, kids in children.items():
                result.append(
                    Relation(
                        (measure, quarter, area, parent),
                        tuple((measure, quarter, area, kid) for kid in sorted(kids)),
                        people=False,
                    )
                )
    return result


def determined(
    relations: Iterable[Relation], known: Mapping[Cell, Fraction], hidden: Iterable[Cell]
) -> dict[Cell, Fraction]:
    """The hidden cells whose quantity follows from the known ones, with its value.

    Each relation is an equation `total - sum(parts) = 0`; the known cells move to the right
    side. Gauss-Jordan elimination over the fractions: an unknown is determined exactly when
    it is a pivot whose reduced row holds no other unknown. Cells in neither `known` nor
    `hidden` are 0 (nobody stands behind them, and the pages say 0)."""
    hidden = set(hidden)
    pivots: list[tuple[Cell, dict[Cell, Fraction], Fraction]] = []
    for relation in relations:
        row: dict[Cell, Fraction] = defaultdict(Fraction)
        rhs = Fraction(0)
        for cell, sign in [(relation.total, 1), *((part, -1) for part in relation.parts)]:
            if cell in hidden:
                row[cell] += sign
            else:
                rhs -= sign * known.get(cell, Fraction(0))
        row = {cell: c for cell, c in row.items() if c}
        if not row:
            assert rhs == 0, f"the published figures contradict {relation}"
            continue
        for pivot, prow, pb in pivots:
            c = row.get(pivot)
            if c:
                for cell, v in prow.items():
                    row[cell] = row.get(cell, Fraction(0)) - c * v
                rhs -= c * pb
                row = {cell: v for cell, v in row.items() if v}
        if not row:
            assert rhs == 0, f"the published figures contradict {relation}"
            continue
        pivot = min(row)
        c = row[pivot]
        row = {cell: v / c for cell, v in row.items()}
        rhs /= c
        for index, (other, orow, ob) in enumerate(pivots):
            cc = orow.get(pivot)
            if cc:
                merged = dict(orow)
                for cell, v in row.items():
                    merged[cell] = merged.get(cell, Fraction(0)) - cc * v
                pivots[index] = (other, {cell: v for cell, v in merged.items() if v}, ob - cc * rhs)
        pivots.append((pivot, row, rhs))
    return {pivot: b for pivot, row, b in pivots if len(row) == 1}


@dataclass
class Attack:
    """What the attacker works out from a set of published measures."""

    units: dict[Cell, Fraction]
    value: dict[Cell, Fraction]
    people: dict[Cell, Fraction]


def attack(relations: list[Relation], published: Mapping[Cell, Stats | None]) -> Attack:
    hidden = [cell for cell, stats in published.items() if stats is None]
    shown = {cell: stats for cell, stats in published.items() if stats is not None}

    def known(quantity):
        return {cell: Fraction(getattr(stats, quantity)).limit_denominator(10**6) for cell, stats in shown.items()}

    return Attack(
        units=determined(relations, known("units"), hidden),
        value=determined(relations, known("value"), hidden),
        people=determined([r for r in relations if r.people], known("people"), hidden),
    )


def recovered(kind: Kind, truth: Stats, quantities: set[str]) -> str | None:
    """What the attacker learnt that the rules forbid, in words, or None."""
    small = min_count()
    if "people" in quantities and 0 < truth.people < small:
        return f"a count of {truth.people} people"
    if {"units", "value"} <= quantities and not publishable(kind, truth):
        return f"a cell the rules hide: {truth}"
    return None


def check_attack(kinds: Mapping[str, Kind], truth: Mapping[Cell, Stats], result: Attack, context: str = ""):
    """Every determined quantity is what it really is (the relations are right), and no
    determined hidden cell is one the rules hide."""
    for quantity in ("units", "value", "people"):
        for cell, number in getattr(result, quantity).items():
            real = getattr(truth.get(cell, Stats(0, 0, 0)), quantity)
            assert abs(float(number) - real) < 1e-6, f"{cell}: {quantity} worked out as {number}, is {real}"
    cells = set(result.units) | set(result.value) | set(result.people)
    for cell in cells:
        quantities = {q for q in ("units", "value", "people") if cell in getattr(result, q)}
        leak = recovered(kinds[cell[0]], truth.get(cell, Stats(0, 0, 0)), quantities)
        assert leak is None, f"{context}hidden cell {cell} recovered by differencing: {leak} ({sorted(quantities)})"


def check_published(kind: Kind, published: Mapping[Cell, Stats | None], context: str = ""):
    for cell, stats in published.items():
        if stats is not None:
            assert publishable(kind, stats), f"{context}{cell} is shown but the rules hide it: {stats}"


# Generated people, added up into cubes --------------------------------------------------------


@dataclass
class Person:
    quarter: str
    area: str
    # The leaf nodes (life domains, "none", outcomes) they have units in: the values of those units.
    units: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Shape:
    kind: Kind
    nodes: str  # "none", "domain", "outcome"
    quarters: list[str]
    areas: list[str]  # wijken and maybe UNKNOWN_AREA
    leaves: list[str]
    parents: dict[str, str]

    @property
    def all_nodes(self) -> list[str]:
        return sorted({*self.leaves, *self.parents, *self.parents.values(), ALL})

    def ancestors(self, leaf: str) -> list[str]:
        result = [leaf]
        while result[-1] in self.parents:
            result.append(self.parents[result[-1]])
        if result[-1] != ALL:
            result.append(ALL)
        return result


def aggregate(shape: Shape, people: list[Person]) -> tuple[dict, dict]:
    """The cube as `compute.cube` makes it, and for every cell the people behind it."""
    behind: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    units: dict[tuple[str, str, str], int] = defaultdict(int)
    value: dict[tuple[str, str, str], int] = defaultdict(int)
    for number, person in enumerate(people):
        for leaf, values in person.units.items():
            if not values:
                continue
            for node in shape.ancestors(leaf):
                for area in (person.area, ALL):
                    key = (person.quarter, area, node)
                    behind[key].add(number)
                    units[key] += len(values)
                    value[key] += sum(values)
    cube = {key: Stats(len(who), units[key], value[key]) for key, who in behind.items()}
    return cube, behind


@st.composite
def shapes(draw) -> Shape:
    kind = draw(st.sampled_from(list(Kind)))
    quarters = [f"2025-0{3 * i + 1}-01" for i in range(draw(st.integers(1, 3)))]
    areas = [str(n) for n in range(1, draw(st.integers(2, 5)) + 1)]
    if draw(st.booleans()):
        areas.append(UNKNOWN_AREA)
    # A share of people has one unit per person: no life domains (a plan has several).
    nodes = draw(
        st.sampled_from(["none", "outcome"] if kind is Kind.SHARE_OF_PEOPLE else ["none", "domain", "outcome"])
    )
    if nodes == "none":
        return Shape(kind, nodes, quarters, areas, [ALL], {})
    if nodes == "outcome":
        leaves = [f"outcome{n}" for n in range(draw(st.integers(2, 4)))]
        return Shape(kind, nodes, quarters, areas, leaves, dict.fromkeys(leaves, ALL))
    domains = [f"domain{n}" for n in range(draw(st.integers(2, 5)))]
    split = draw(st.integers(1, len(domains) - 1))
    parents = {domain: ("theme:a" if n < split else "theme:b") for n, domain in enumerate(domains)}
    parents.update({"theme:a": ALL, "theme:b": ALL, "none": ALL})
    return Shape(kind, nodes, quarters, areas, [*domains, "none"], parents)


@st.composite
def populations(draw) -> tuple[Shape, list[Person]]:
    """Groups of alike people, so that cells of all sizes come up: 1 to 9 people, 10 to
    19, 20 and more."""
    shape = draw(shapes())
    people: list[Person] = []
    for _ in range(draw(st.integers(1, 12))):
        quarter = draw(st.sampled_from(shape.quarters))
        area = draw(st.sampled_from(shape.areas))
        size = draw(st.one_of(st.integers(1, 12), st.integers(1, 30)))
        if shape.kind is Kind.SHARE_OF_PEOPLE:
            leaves = [draw(st.sampled_from(shape.leaves))]
        else:
            leaves = draw(st.lists(st.sampled_from(shape.leaves), min_size=1, max_size=3, unique=True))
        having = draw(st.integers(0, size))
        each = 1 if shape.kind is not Kind.RATIO else draw(st.integers(1, 3))
        high, low = (1, 0) if shape.kind is not Kind.RATIO else (draw(st.integers(-2, 4)), draw(st.integers(-2, 4)))
        for number in range(size):
            value = 1 if shape.kind is Kind.COUNT else (high if number < having else low)
            values = [value] * each
            people.append(Person(quarter, area, dict.fromkeys(leaves, values)))
    return shape, people


def check_lines(shape: Shape, published: Mapping, cube: Mapping, behind: Mapping, context: str = ""):
    """What is left of every line whose total is shown may be shown by itself."""
    for relation in relations("m", shape.quarters, shape.areas, shape.parents, shape.all_nodes):
        total = relation.total[1:]
        if published.get(total, Stats(0, 0, 0)) is None:
            continue
        missing = [part[1:] for part in relation.parts if published.get(part[1:], Stats(0, 0, 0)) is None]
        if not missing:
            continue
        who = set().union(*(behind[key] for key in missing))
        left = Stats(len(who), sum(cube[key].units for key in missing), sum(cube[key].value for key in missing))
        assert publishable(shape.kind, left), (
            f"{context}{total} minus what is shown of its line leaves {left}, a figure the rules hide"
        )


# The rules hold for any thresholds: the floors and a raised pair give other cubes to try.
THRESHOLDS = [(10, 20), (5, 10), (15, 30)]


class SuppressionPropertyTestCase(SimpleTestCase):
    @settings(max_examples=PURE_EXAMPLES)
    @given(population=populations(), thresholds=st.sampled_from(THRESHOLDS))
    def test_no_hidden_cell_can_be_worked_back(self, population, thresholds):
        with override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=thresholds[0], SAMENPLAN_INSIGHTS_MIN_BASE=thresholds[1]):
            self.check(*population)

    def check(self, shape, people):
        cube, behind = aggregate(shape, people)
        published = suppress(shape.kind, cube, shape.parents)
        self.assertEqual(set(published), set(cube))
        check_published(shape.kind, published)
        check_lines(shape, published, cube, behind)

        cells = {("m", *key): stats for key, stats in published.items()}
        result = attack(relations("m", shape.quarters, shape.areas, shape.parents, shape.all_nodes), cells)
        check_attack({"m": shape.kind}, {("m", *key): stats for key, stats in cube.items()}, result)


class AttackerTestCase(SimpleTestCase):
    """The attacker herself works: she finds what a careless suppression would give away."""

    def test_she_subtracts_a_lone_hidden_wijk(self):
        q = "2025-01-01"
        rel = relations("m", [q], ["1", "2"], {}, [ALL])
        published = {
            ("m", q, "1", ALL): None,
            ("m", q, "2", ALL): Stats(30, 30, 30),
            ("m", q, ALL, ALL): Stats(33, 33, 33),
        }
        result = attack(rel, published)
        self.assertEqual(result.units, {("m", q, "1", ALL): 3})
        self.assertEqual(result.people, {("m", q, "1", ALL): 3})
        with self.assertRaises(AssertionError):
            check_attack({"m": Kind.COUNT}, {("m", q, "1", ALL): Stats(3, 3, 3)}, result)

    def test_she_combines_wijken_and_life_domains(self):
        # Two small cells hidden together in one wijk line... but one of them is alone in
        # its theme's line: subtract it there, then subtract it from the wijk line.
        q = "2025-01-01"
        parents = {"a": "t", "b": "t", "t": ALL}
        rel = relations("m", [q], ["1", "2"], parents, ["a", "b", "t", ALL])
        truth = {
            ("m", q, "1", "a"): Stats(3, 3, 3),
            ("m", q, "2", "a"): Stats(15, 15, 15),
            ("m", q, ALL, "a"): Stats(18, 18, 18),
            ("m", q, "1", "b"): Stats(20, 20, 20),
            ("m", q, "2", "b"): Stats(20, 20, 20),
            ("m", q, ALL, "b"): Stats(40, 40, 40),
            ("m", q, "1", "t"): Stats(22, 23, 23),
            ("m", q, "2", "t"): Stats(30, 35, 35),
            ("m", q, ALL, "t"): Stats(52, 58, 58),
            ("m", q, "1", ALL): Stats(22, 23, 23),
            ("m", q, "2", ALL): Stats(30, 35, 35),
            ("m", q, ALL, ALL): Stats(52, 58, 58),
        }
        published = dict(truth)
        published[("m", q, "1", "a")] = None
        published[("m", q, "2", "a")] = None
        result = attack(rel, published)
        self.assertIn(("m", q, "1", "a"), result.units)
        with self.assertRaises(AssertionError):
            check_attack({"m": Kind.COUNT}, truth, result)

    def test_a_cycle_of_four_hidden_cells_determines_nothing(self):
        q = "2025-01-01"
        parents = {"a": ALL, "b": ALL}
        rel = relations("m", [q], ["1", "2"], parents, ["a", "b", ALL])
        published = {
            ("m", q, "1", "a"): None,
            ("m", q, "1", "b"): None,
            ("m", q, "2", "a"): None,
            ("m", q, "2", "b"): None,
            ("m", q, "1", ALL): Stats(20, 20, 20),
            ("m", q, "2", ALL): Stats(20, 20, 20),
            ("m", q, ALL, "a"): Stats(20, 20, 20),
            ("m", q, ALL, "b"): Stats(20, 20, 20),
            ("m", q, ALL, ALL): Stats(40, 40, 40),
        }
        self.assertEqual(attack(rel, published).units, {})


# Through the real path: plans in the database, the refresh, the selectors ----------------------

DB_EXAMPLES = {"dev": 3, "ci": 6, "ci-postgresql": 3}[PROFILE]
TODAY = date(2025, 6, 15)
# Two themes of one life domain each (material, housing) and one of two (health): a theme
# with one life domain is that domain, the case rule 4 was written for.
DOMAINS = ["financien", "huisvesting", "geestelijke-gezondheid", "lichamelijke-gezondheid"]


@dataclass
class Group:
    """Alike plans: in one wijk, started in one quarter, with goals in the same life domains."""

    wijk: int
    quarter: int
    size: int
    domains: list[str]
    light: int  # of the two agreements per goal, this many are light support
    loose: bool  # one more agreement, for no goal (the node "none")
    confirmed: bool
    score: int
    consult: bool
    outcome: str


groups = st.builds(
    Group,
    wijk=st.integers(0, 2),
    quarter=st.integers(0, 1),
    size=st.integers(1, 9),
    domains=st.lists(st.sampled_from(DOMAINS), max_size=3, unique=True),
    light=st.integers(0, 2),
    loose=st.booleans(),
    confirmed=st.booleans(),
    score=st.integers(-2, 2),
    consult=st.booleans(),
    outcome=st.sampled_from(["", *Referral.Outcome.values]),
)


class RealPathDifferencingTestCase(TestCase):
    """Plans in the database, `refresh()`, and every cell of every filter the pages offer,
    read through `insights.selectors` alone: the attacker gets nothing the rules hide.

    The thresholds are the floors (5 and 10), so that a few dozen plans give cells of
    every kind: shown, hidden by rules 1 and 2, and hidden to protect others.

    Within one measure the attacker is given the people, units and value of every shown
    cell, more than the pages show of a share or a mean (its number and a band of people:
    `test_shares_and_means_show_no_people_or_things`). Across measures, the pages' counts
    then tell her nothing new about a share: its units and value stay unknown.
    """

    def build(self, groups: list[Group]):
        self.wijken = [WijkFactory(name=f"Diff {n}", code=f"diff-{n}") for n in range(3)]
        pro = UserFactory(role=User.Role.PROFESSIONAL)
        org, other = OrganisationFactory(), OrganisationFactory()
        service = ServiceFactory(organisation=org)
        domains = {domain.code: domain for domain in LifeDomain.objects.filter(code__in=DOMAINS)}
        periods = quarters(TODAY)[-2:]
        for group in groups:
            quarter = periods[group.quarter]
            for number in range(group.size):
                started = quarter.starts + timedelta(days=1, hours=number)
                plan = PlanFactory(wijk=self.wijken[group.wijk], created_at=started)
                StoryFactory(plan=plan, number=1, written_at=started, confirmed_at=started if group.confirmed else None)
                goals = [GoalFactory(plan=plan, domain=domains[code], created_at=started) for code in group.domains]
                for goal in [*goals, *([None] if group.loose else [])]:
                    for n in range(2 if goal else 1):
                        AgreementFactory(
                            plan=plan,
                            goal=goal,
                            support="light" if n < group.light else "heavy",
                            created_at=started + timedelta(days=n * 100),
                        )
                if goals:
                    held = started + timedelta(days=2)
                    evaluation = Evaluation.objects.create(
                        plan=plan, scheduled_for=held.date(), held_at=held, created_by=pro
                    )
                    for goal in goals:
                        GoalScore.objects.create(evaluation=evaluation, goal=goal, score=group.score)
                if group.consult and goals:
                    Consult.objects.create(
                        asked_by=pro,
                        from_organisation=org,
                        to_organisation=other,
                        domain=goals[0].domain,
                        question="q",
                        plan=plan if number % 3 else None,
                        status=Consult.Status.OPEN,
                        asked_at=started,
                    )
                if group.outcome:
                    Referral.objects.create(
                        plan=plan,
                        service=service,
                        organisation=org,
                        question="q",
                        proposed_by=plan.owner,
                        status=Referral.Status.COMPLETED,
                        outcome=group.outcome,
                        closed_at=started + timedelta(days=1),
                    )

    def universe(self, measure, record, seen_nodes):
        """Every (quarter, area, node) a filter of the pages can ask for, and the parents."""
        areas = [str(wijk.pk) for wijk in self.wijken] + [UNKNOWN_AREA]
        if measure.nodes == "domain":
            parents = {f"theme:{theme.value}": ALL for theme in WelfareTheme}
            parents.update({code: f"theme:{theme}" for code, theme in LifeDomain.objects.values_list("code", "theme")})
            parents["none"] = ALL
            nodes = sorted({*parents, ALL})
        elif measure.nodes == "outcome":
            nodes = sorted(seen_nodes | {ALL})
            parents = {node: ALL for node in nodes if node != ALL}
        else:
            nodes = sorted(seen_nodes | {ALL}) if measure.nodes == "none" else sorted(seen_nodes)
            parents = {}
        return record.quarters, areas, nodes, parents

    @settings(max_examples=DB_EXAMPLES)
    @given(groups=st.lists(groups, min_size=1, max_size=7), thresholds=st.sampled_from([(5, 10), (10, 20)]))
    def test_no_suppressed_cell_is_recovered_through_the_selectors(self, groups, thresholds):
        self.build(groups)
        refresh(TODAY)
        with override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=thresholds[0], SAMENPLAN_INSIGHTS_MIN_BASE=thresholds[1]):
            self.attack_everything()

    def attack_everything(self):
        record = selectors.latest_refresh()
        shown_somewhere = hidden_somewhere = 0
        for measure in MEASURES:
            truth = {
                (measure.code, f.quarter, f.area, f.node): Stats(f.people, f.units, f.value)
                for f in Figure.objects.filter(refresh=record, measure=measure.code)
            }
            listed = {(c.quarter, c.area, c.node): c for c in selectors.cells(measure.code)}
            seen = {node for (_q, _a, node) in listed}
            quarters_, areas, nodes, parents = self.universe(measure, record, seen)
            published: dict[Cell, Stats | None] = {}
            for quarter in quarters_:
                for area in [*areas, ALL]:
                    for node in nodes:
                        cell = selectors.cell(measure.code, quarter, area, node)
                        if (quarter, area, node) in listed:
                            self.assertEqual(listed[(quarter, area, node)].stats, cell.stats)
                        published[(measure.code, quarter, area, node)] = cell.stats
            hidden = [key for key, stats in published.items() if stats is None]
            shown_somewhere += sum(1 for key, stats in published.items() if stats and key in truth)
            hidden_somewhere += len(hidden)
            # A hidden cell is a real one; a shown one is the truth, and may be shown.
            for key in hidden:
                self.assertIn(key, truth)
            for key, stats in published.items():
                if stats is not None:
                    self.assertEqual(stats, truth.get(key, Stats(0, 0, 0)), key)
            check_published(measure.kind, {k: v for k, v in published.items() if k in truth}, f"{measure.code}: ")

            rel = relations(measure.code, quarters_, areas, parents, nodes)
            check_attack({measure.code: measure.kind}, truth, attack(rel, published), f"{measure.code}: ")
            self.check_pairs(measure, rel, published, truth)
        return shown_somewhere, hidden_somewhere

    def check_pairs(self, measure, rel, published, truth):
        """One wijk against all wijken, a life domain against its theme (or an outcome
        against all): when both are shown, what lies between them is a group the rules
        would show, or nobody."""
        for relation in rel:
            total = published.get(relation.total)
            if total is None:
                continue
            for part in relation.parts:
                one = published.get(part)
                if one is None:
                    continue
                rest = [p for p in relation.parts if p != part]
                units = total.units - one.units
                if units == 0:
                    continue  # nobody else: the two filters show the same people
                if relation.people:
                    people = total.people - one.people
                else:
                    # The distinct people of the other parts are at least their largest part.
                    people = max(truth.get(p, Stats(0, 0, 0)).people for p in rest)
                between = Stats(people, units, total.value - one.value)
                self.assertTrue(
                    publishable(measure.kind, between),
                    f"{measure.code}: {relation.total} minus {part} leaves {between}",
                )

    def test_a_town_of_plans_has_shown_and_hidden_cells(self):
        """The property above is not empty: a fixed town gives both."""
        self.build(
            [
                Group(0, 1, 9, DOMAINS[:3], 1, True, True, 1, True, "helped"),
                Group(1, 1, 9, DOMAINS[1:], 2, False, False, -1, True, "partly"),
                Group(2, 1, 3, DOMAINS[:1], 0, True, True, 2, False, "helped"),
                Group(0, 0, 7, DOMAINS[2:], 1, False, True, 0, True, ""),
            ]
        )
        refresh(TODAY)
        with override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=5, SAMENPLAN_INSIGHTS_MIN_BASE=10):
            shown, hidden = self.attack_everything()
        self.assertGreater(shown, 30)
        self.assertGreater(hidden, 20)

    def test_shares_and_means_show_no_people_or_things(self):
        """What the pages can show of a share or a mean: the number, and a band of people."""
        self.build(
            [
                Group(0, 1, 9, DOMAINS[:2], 1, False, True, 1, False, ""),
                Group(1, 1, 9, DOMAINS[:2], 2, False, False, 1, False, ""),
            ]
        )
        refresh(TODAY)
        with override_settings(SAMENPLAN_INSIGHTS_MIN_COUNT=5, SAMENPLAN_INSIGHTS_MIN_BASE=10):
            for measure in MEASURES:
                for cell in selectors.cells(measure.code):
                    if measure.kind is Kind.COUNT or cell.hidden:
                        continue
                    self.assertIsNone(cell.people, measure.code)
                    self.assertIsNone(cell.units, measure.code)
                    self.assertIsNotNone(cell.band, measure.code)
