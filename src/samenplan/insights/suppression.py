"""The one way figures about people leave Samenplan for those without plan access.

Every figure the insights pages, their CSV files and the API show is a *cell* of a
*cube*: one measure, one quarter, one area (a wijk, "wijk unknown", or all wijken) and
one node (a life domain, a Brede Welvaart theme, an outcome, a pair of life domains, or
"all"). A cell holds three additive statistics:

- `people`: how many different people stand behind it (plans, questions or households);
- `units`: how many things were counted (agreements, goal scores, referrals...);
- `value`: the sum of what was measured (light agreements, scores, days...).

The rules (settings, never below their floors):

1. **Small counts.** A count is shown only when it is 0 or at least `MIN_COUNT` (10)
   people.
2. **Small bases.** A share or a mean is shown only when at least `MIN_BASE` (20) people
   stand behind it. A share *of people* (how many of them had something) also hides when
   the people with it, or those without it, are 1 to `MIN_COUNT - 1`: "3 of 25" would
   single those three out as surely as a count of 3.
3. **Complementary suppression.** Cells that add up to a total form a *line*: the wijken
   of a quarter add up to the municipality, the life domains of a theme to the theme, the
   themes to "all", the outcomes to "all". Whoever sees the total and the shown cells can
   subtract: what is left is the *residual*, the hidden cells taken together. So a line
   is safe only when that residual is itself a figure the rules above would show. If it
   is not, the shown cell with the fewest people is hidden too, and so on; when no cell is
   left to hide, the total is hidden. Hiding a cell can make another line unsafe, so the
   lines are checked again until nothing changes.
4. **Differencing.** Every page, filter and export reads its cells from the same
   suppressed cube, so two neighbouring filters (one wijk and all wijken, a life domain
   and its theme) show cells of one consistent set: subtracting them yields a residual of
   some line, which rule 3 made safe.

People add up over wijken (everyone lives in one), but not over nodes: one plan can have
goals in two life domains. The people behind a residual of several nodes are therefore
counted as the largest of them, the least they can be.

This module knows nothing of the database: `insights.selectors` hands it cubes and gets
back published cells, and it is the only thing they read figures through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from django.conf import settings

# The settings may be raised, never lowered below these.
FLOOR_COUNT = 5
FLOOR_BASE = 10

ALL = "all"  # the area "all wijken" and the node "all"
UNKNOWN_AREA = "none"  # things without a wijk (an anonymous consult)


def min_count() -> int:
    return max(FLOOR_COUNT, int(getattr(settings, "SAMENPLAN_INSIGHTS_MIN_COUNT", 10)))


def min_base() -> int:
    return max(FLOOR_BASE, int(getattr(settings, "SAMENPLAN_INSIGHTS_MIN_BASE", 20)))


class Kind(Enum):
    COUNT = "count"  # how many units (people, referrals...): rule 1 on the people behind it
    SHARE_OF_PEOPLE = "share_of_people"  # value / units, one unit per person: rule 2 in full
    RATIO = "ratio"  # value / units over things (agreements, scores): rule 2 on people


@dataclass(frozen=True)
class Stats:
    people: int
    units: int
    value: float

    def __add__(self, other: Stats) -> Stats:
        return Stats(self.people + other.people, self.units + other.units, self.value + other.value)


EMPTY = Stats(0, 0, 0)


def publishable(kind: Kind, stats: Stats) -> bool:
    """Rules 1 and 2 for one cell (or one residual)."""
    small, base = min_count(), min_base()
    if kind is Kind.COUNT:
        return stats.people == 0 or stats.people >= small
    if stats.people < base:
        return False
    if kind is Kind.SHARE_OF_PEOPLE:
        having = round(stats.value)
        without = stats.units - having
        return not (0 < having < small) and not (0 < without < small)
    return True


# Cells ---------------------------------------------------------------------------------

# (quarter, area, node): quarter an ISO date, area a wijk id as text, ALL or UNKNOWN_AREA.
Key = tuple[str, str, str]


@dataclass(frozen=True)
class Cell:
    """A published cell: the figure, or None with the reason in words."""

    stats: Stats | None  # None: hidden

    @property
    def hidden(self) -> bool:
        return self.stats is None


def suppress(
    kind: Kind,
    cube: Mapping[Key, Stats],
    parents: Mapping[str, str] | None = None,
) -> dict[Key, Stats | None]:
    """Apply rules 1-3 to a whole cube; returns every key with its stats or None (hidden).

    `parents` maps a node to the node it adds up to ("financien" -> "theme:material",
    "theme:material" -> "all"); nodes missing from it add up to nothing. Every area adds
    up to ALL. Cells missing from the cube are taken as empty (nobody): absent is zero.
    """
    parents = dict(parents or {})
    hidden = {key for key, stats in cube.items() if not publishable(kind, stats)}
    lines = _lines(cube, parents)
    changed = True
    while changed:
        changed = False
        for total, children, additive in lines:
            if _line_fix(kind, cube, hidden, total, children, additive):
                changed = True
    return {key: (None if key in hidden else stats) for key, stats in cube.items()}


def _lines(cube: Mapping[Key, Stats], parents: Mapping[str, str]) -> list[tuple[Key, list[Key], bool]]:
    """Every (total, children, people add up) of the cube: over areas and over nodes."""
    by_area: dict[tuple[str, str], list[Key]] = defaultdict(list)
    by_node: dict[tuple[str, str, str], list[Key]] = defaultdict(list)
    for key in cube:
        quarter, area, node = key
        if area != ALL:
            by_area[(quarter, node)].append(key)
        if node in parents:
            by_node[(quarter, area, parents[node])].append(key)
    lines = []
    for (quarter, node), children in by_area.items():
        lines.append(((quarter, ALL, node), sorted(children), True))
    for (quarter, area, parent), children in by_node.items():
        lines.append(((quarter, area, parent), sorted(children), False))
    return lines


def _residual(cube: Mapping[Key, Stats], keys: Iterable[Key], additive: bool) -> Stats:
    stats = [cube.get(key, EMPTY) for key in keys]
    units = sum(s.units for s in stats)
    value = sum(s.value for s in stats)
    people = sum(s.people for s in stats) if additive else max((s.people for s in stats), default=0)
    return Stats(people, units, value)


def _line_fix(kind, cube, hidden: set, total: Key, children: list[Key], additive: bool) -> bool:
    """Make one line safe; True when something more was hidden."""
    if total in hidden or total not in cube:
        # Without the total nothing can be subtracted from it... unless all children are
        # shown: then the total is their sum and was safe to show anyway.
        return False
    changed = False
    while True:
        missing = [key for key in children if key in hidden]
        if not missing:
            return changed
        if publishable(kind, _residual(cube, missing, additive)):
            return changed
        shown = [key for key in children if key not in hidden]
        if not shown:
            hidden.add(total)
            return True
        # Hide the shown cell with the fewest people (then the fewest units): it costs least.
        victim = min(shown, key=lambda key: (cube[key].people, cube[key].units, key))
        hidden.add(victim)
        changed = True
