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
4. **No hidden cell can be solved for.** Lines cross: the cell of one wijk and one life
   domain lies on the line of that domain's wijken and on the line of that wijk's
   domains. A cell hidden in one line to protect another may be worked out in the other
   (a theme with one life domain is that domain), and then subtracted from the first. So
   the lines of a quarter are checked together, as one set of equations: no hidden cell
   the rules hide may follow from the shown cells by any combination of lines. The lines
   form a network in which every cell joins two sums (see `_ends`); a hidden cell can be
   solved for exactly when no cycle of hidden cells runs through it. When one can be,
   the cheapest chain of shown cells that closes a cycle through it (the fewest people)
   is hidden too, and rules 3 and 4 are checked again.
5. **Differencing.** Every page, filter and export reads its cells from the same
   suppressed cube, so two neighbouring filters (one wijk and all wijken, a life domain
   and its theme) show cells of one consistent set: subtracting them yields a residual of
   some line, which rules 3 and 4 made safe. Of a share or a mean only the share or the
   mean leaves, never the number of people or things behind it (`selectors.Cell.band`
   gives "20 to 50 people" instead): a count of the same people elsewhere (the plans
   open, beside the share of them that confirmed their story) then gives away no more
   than the share's own line.

People add up over wijken (everyone lives in one), but not over nodes: one plan can have
goals in two life domains. The people behind a residual of several nodes are therefore
counted as the largest of them, the least they can be.

This module knows nothing of the database: `insights.selectors` hands it cubes and gets
back published cells, and it is the only thing they read figures through.
"""

from __future__ import annotations

import heapq
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


def suppress(
    kind: Kind,
    cube: Mapping[Key, Stats],
    parents: Mapping[str, str] | None = None,
) -> dict[Key, Stats | None]:
    """Apply rules 1-4 to a whole cube; returns every key with its stats or None (hidden).

    `parents` maps a node to the node it adds up to ("financien" -> "theme:material",
    "theme:material" -> "all"); nodes missing from it add up to nothing. Every area adds
    up to ALL. Cells missing from the cube are taken as empty (nobody): absent is zero.
    """
    parents = dict(parents or {})
    hidden = {key for key, stats in cube.items() if not publishable(kind, stats)}
    lines = _lines(cube, parents)
    networks = _networks(cube, parents)
    while True:
        changed = True
        while changed:
            changed = False
            for total, children, additive in lines:
                if _line_fix(kind, cube, hidden, total, children, additive):
                    changed = True
        # Rule 4 hides more only to close a cycle; then rule 3 looks at the lines again.
        closed = [_close_bridges(kind, cube, hidden, edges) for edges in networks]
        if not any(closed):
            break
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
    # In a fixed order, whatever order the cube came in: every process hides the same cells
    # (two different sets of hidden cells, side by side, would give away more than either).
    return sorted(lines)


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


# Rule 4: the lines of a quarter as one network ---------------------------------------------

Vertex = tuple[str, ...]


def _ends(key: Key, parents: Mapping[str, str], has_children: set[str]) -> tuple[Vertex, Vertex]:
    """The two sums a cell joins, such that every line of a quarter is the balance of one
    vertex of a network, or follows from those balances.

    A cell of a node with children is the total of that node's line in its area ("sum");
    a cell of a node without children is a part of that node's line of wijken ("area").
    The other end is its parent's line in its area, or, for a node that adds up to nothing
    ("all"), that node's line of wijken once more ("top"). The line of wijken of a node
    with children needs no vertex of its own: it is the sum of the lines below it. What
    the shown cells say of the hidden ones is then exactly what the cuts of the network of
    hidden cells say: a hidden cell alone follows from them when it is a bridge of it."""
    _quarter, area, node = key
    own = ("sum", area, node) if node in has_children else ("area", node)
    up = ("sum", area, parents[node]) if node in parents else ("top", node)
    return own, up


def _networks(cube: Mapping[Key, Stats], parents: Mapping[str, str]) -> list[dict[Key, tuple[Vertex, Vertex]]]:
    """Per quarter: every cell of the cube as an edge between the two sums it joins."""
    has_children = set(parents.values())
    by_quarter: dict[str, dict[Key, tuple[Vertex, Vertex]]] = defaultdict(dict)
    for key in sorted(cube):
        by_quarter[key[0]][key] = _ends(key, parents, has_children)
    return [by_quarter[quarter] for quarter in sorted(by_quarter)]


def _bridges(edges: Mapping[Key, tuple[Vertex, Vertex]], hidden: set) -> set[Key]:
    """The hidden cells on no cycle of hidden cells: those that can be solved for."""
    adjacency: dict[Vertex, list[tuple[Vertex, Key]]] = defaultdict(list)
    for key, (one, other) in edges.items():
        if key in hidden:
            adjacency[one].append((other, key))
            adjacency[other].append((one, key))
    order: dict[Vertex, int] = {}
    low: dict[Vertex, int] = {}
    bridges: set[Key] = set()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, iter(adjacency[root]))]
        while stack:
            vertex, via, neighbours = stack[-1]
            for neighbour, key in neighbours:
                if key == via:
                    continue
                if neighbour in order:
                    low[vertex] = min(low[vertex], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = len(order)
                    stack.append((neighbour, key, iter(adjacency[neighbour])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[vertex])
                    if low[vertex] > order[parent]:
                        bridges.add(via)
    return bridges


def _close_bridges(kind: Kind, cube: Mapping[Key, Stats], hidden: set, edges: Mapping) -> bool:
    """Rule 4 for one quarter; True when something more was hidden."""
    changed = False
    while True:
        for key in sorted(key for key in _bridges(edges, hidden) if not publishable(kind, cube[key])):
            chain = _cheapest_chain(cube, hidden, edges, key)
            # No chain only when the cube contradicts its own lines (a wijk's cell without
            # the cell of all wijken): then all of the quarter is hidden.
            more = (set(edges) if chain is None else chain) - hidden
            if more:
                hidden.update(more)
                changed = True
                break
        else:
            return changed


def _cheapest_chain(cube: Mapping[Key, Stats], hidden: set, edges: Mapping, bridge: Key) -> set[Key] | None:
    """The shown cells to hide so that a cycle of hidden cells runs through `bridge`: the
    cheapest path between its two ends without it, where a hidden cell costs nothing and a
    shown one its people (plus one, so that of two equal paths the shorter wins)."""
    adjacency: dict[Vertex, list[tuple[Vertex, Key]]] = defaultdict(list)
    for key, (one, other) in edges.items():
        if key != bridge:
            adjacency[one].append((other, key))
            adjacency[other].append((one, key))
    start, goal = edges[bridge]
    best = {start: 0}
    came: dict[Vertex, tuple[Vertex, Key]] = {}
    queue = [(0, start)]
    while queue:
        cost, vertex = heapq.heappop(queue)
        if vertex == goal:
            chain = set()
            while vertex != start:
                vertex, key = came[vertex]
                chain.add(key)
            return chain - hidden
        if cost > best[vertex]:
            continue
        for neighbour, key in adjacency[vertex]:
            step = 0 if key in hidden else cube[key].people + 1
            if neighbour not in best or cost + step < best[neighbour]:
                best[neighbour] = cost + step
                came[neighbour] = (vertex, key)
                heapq.heappush(queue, (cost + step, neighbour))
    return None
