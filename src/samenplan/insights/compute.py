"""Computing the cubes from scratch: the measures' SQL per database, the quarters, and
the totals over all wijken. Nothing here leaves the app unsuppressed: `refresh` stores
the cubes, `insights.selectors` suppresses them on the way out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import connection
from django.utils import timezone

from .measures import COMMON, MEASURES, Measure
from .suppression import ALL, EMPTY, UNKNOWN_AREA, Key, Stats

QUARTERS_SHOWN = 8


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def key(self) -> str:
        return self.first_day.isoformat()

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def label(self) -> str:
        return f"{self.year} K{self.number}"

    @property
    def starts(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def ends(self) -> datetime:
        return self.next.starts

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


def quarters(today: date | None = None, count: int = QUARTERS_SHOWN) -> list[Quarter]:
    """The current quarter (so far) and the ones before it, oldest first."""
    current = Quarter.of(today or timezone.localdate())
    result = [current]
    while len(result) < count:
        result.append(result[-1].previous)
    return list(reversed(result))


_DAYS = re.compile(r"DAYS\(([\w.]+), ([\w.]+)\)")


def _days(sql: str, vendor: str) -> str:
    if vendor == "postgresql":
        return _DAYS.sub(r"(EXTRACT(EPOCH FROM (\2 - \1)) / 86400.0)", sql)
    return _DAYS.sub(r"(julianday(\2) - julianday(\1))", sql)


def _levels(measure: Measure) -> list[tuple[str, str]]:
    """(the node expression, a condition) per level the figures are grouped by."""
    if measure.nodes == "none":
        return [(f"'{ALL}'", "")]
    if measure.nodes == "pair":
        return [("node", "")]
    levels = [("node", "")]
    if measure.nodes == "domain":
        levels.append(("parent", "WHERE parent IS NOT NULL"))
    levels.append((f"'{ALL}'", ""))
    return levels


def sql_for(measure: Measure, periods: list[Quarter], vendor: str | None = None) -> tuple[str, list]:
    """The whole query of one measure and its parameters (the quarters' bounds)."""
    vendor = vendor or connection.vendor
    rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(periods))
    params: list = []
    for quarter in periods:
        params += [quarter.key, quarter.starts, quarter.ends, quarter.first_day, quarter.next.first_day]
    ctes = f"quarters(quarter, starts, ends, day_starts, day_ends) AS (VALUES {rows}),{COMMON}"
    if measure.ctes:
        ctes += ",\n" + measure.ctes.strip()
    grouped = "\nUNION ALL\n".join(
        f"SELECT quarter, wijk_id, {node} AS node, COUNT(DISTINCT person) AS people, COUNT(*) AS units, "
        f"SUM(value) AS value\nFROM base {where}\nGROUP BY quarter, wijk_id{', ' + node if node != repr(ALL) else ''}"
        for node, where in _levels(measure)
    )
    sql = f"WITH {ctes},\nbase AS ({measure.sql.strip()}\n)\n{grouped}"
    return _days(sql, vendor), [_adapt(value) for value in params]


def _adapt(value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _key(quarter) -> str:
    # SQLite hands the quarter back as text, PostgreSQL as text too: both 'YYYY-MM-DD'.
    return str(quarter)[:10]


def cube(measure: Measure, periods: list[Quarter]) -> dict[Key, Stats]:
    """One measure computed from scratch, with the totals over all wijken."""
    sql, params = sql_for(measure, periods)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result: dict[Key, Stats] = {}
    for quarter, wijk_id, node, people, units, value in rows:
        area = UNKNOWN_AREA if wijk_id is None else str(wijk_id)
        stats = Stats(int(people), int(units), float(value or 0))
        key = (_key(quarter), area, str(node))
        result[key] = result.get(key, EMPTY) + stats
    # Everyone lives in one wijk (or none), so the people of all wijken add up.
    totals: dict[Key, Stats] = {}
    for (quarter, _area, node), stats in result.items():
        key = (quarter, ALL, node)
        totals[key] = totals.get(key, EMPTY) + stats
    result.update(totals)
    return result


def compute_all(today: date | None = None) -> tuple[list[Quarter], dict[str, dict[Key, Stats]]]:
    periods = quarters(today)
    return periods, {measure.code: cube(measure, periods) for measure in MEASURES}
