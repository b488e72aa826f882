"""Print the SQL of the insights figures, as the refresh runs it on PostgreSQL.

    python manage.py insights_sql                       # every measure, the last 8 quarters
    python manage.py insights_sql --measure eigen_kracht
    python manage.py insights_sql --quarter 2025-01-01 --quarters 1

The quarters the app passes as parameters are written out as literals, so the output can
be pasted into psql as it is. docs/indicators.md holds this output for one quarter
(`--quarter 2025-01-01 --quarters 1`); a test keeps the two the same.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from samenplan.insights.compute import QUARTERS_SHOWN, Quarter, quarters, sql_for
from samenplan.insights.measures import BY_CODE, MEASURES, Measure
from samenplan.insights.suppression import Kind

KINDS = {
    Kind.COUNT: "a count, rule 1",
    Kind.SHARE_OF_PEOPLE: "a share of people, rule 2 in full",
    Kind.RATIO: "a share or mean of things, rule 2 on the people behind it",
}
SHOWS = {
    "count": "the count: units",
    "percent": "a percentage: 100 * value / units",
    "mean": "a mean: value / units",
    "days": "a mean number of days: value / units",
}


def literal_row(quarter: Quarter) -> str:
    """One row of the quarters table, as literals: its key, its first instant and the
    first instant of the next quarter (local time, with the offset), and both as dates."""
    return (
        f"('{quarter.key}', TIMESTAMPTZ '{quarter.starts.isoformat(sep=' ')}', "
        f"TIMESTAMPTZ '{quarter.ends.isoformat(sep=' ')}', DATE '{quarter.first_day.isoformat()}', "
        f"DATE '{quarter.next.first_day.isoformat()}')"
    )


def printable_sql(measure: Measure, periods: list[Quarter]) -> str:
    """The query `compute.sql_for` builds for PostgreSQL, the quarters written in."""
    sql, params = sql_for(measure, periods, vendor="postgresql")
    placeholders = ", ".join(["(%s, %s, %s, %s, %s)"] * len(periods))
    if sql.count(placeholders) != 1 or sql.count("%s") != len(params) != 5 * len(periods):
        raise CommandError(f"{measure.code}: the quarters are not where this command expects them")
    rows = ",\n  ".join(literal_row(quarter) for quarter in periods)
    sql = sql.replace(placeholders, f"\n  {rows}\n")
    if "%" in sql:
        raise CommandError(f"{measure.code}: a parameter is left in the SQL")
    # No spaces at the ends of lines: the same text in the docs, whatever the editor does.
    return "\n".join(line.rstrip() for line in sql.splitlines()) + ";"


def header(measure: Measure) -> str:
    lines = [
        f"-- {measure.code}: {measure.label}",
        f"-- The figure is {SHOWS[measure.shows]}. Suppression: {KINDS[measure.kind]}.",
        "-- quarters: a row per quarter: its key (its first day), its first instant and the first",
        "-- instant of the next quarter (Dutch time), and those two as dates. Change or add rows for",
        "-- other quarters. The result: per quarter, wijk_id (NULL: no wijk) and node, the people,",
        "-- units and value. All wijken together: the sum over wijk_id (people too: everyone lives",
        "-- in one wijk). The app shows them only after suppression (docs/indicators.md).",
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print the SQL of the insights figures (PostgreSQL), with the quarters written out."

    def add_arguments(self, parser):
        parser.add_argument("--measure", help="only this measure (its code)")
        parser.add_argument(
            "--quarter",
            type=date.fromisoformat,
            help="the last quarter: a day in it, YYYY-MM-DD (default: the current quarter)",
        )
        parser.add_argument(
            "--quarters", type=int, default=QUARTERS_SHOWN, help=f"how many quarters (default {QUARTERS_SHOWN})"
        )

    def handle(self, *args, measure=None, quarter=None, quarters=QUARTERS_SHOWN, **options):
        if measure is not None and measure not in BY_CODE:
            raise CommandError(f"No measure {measure!r}. The measures: {', '.join(BY_CODE)}")
        if int(quarters) < 1:
            raise CommandError("--quarters must be 1 or more")
        if isinstance(quarter, str):  # call_command passes options as given
            quarter = date.fromisoformat(quarter)
        periods = quarters_up_to(quarter, int(quarters))
        chosen = [BY_CODE[measure]] if measure else MEASURES
        with translation.override("en"):
            self.stdout.write("\n\n".join(f"{header(m)}\n{printable_sql(m, periods)}" for m in chosen))


def quarters_up_to(last: date | None, count: int) -> list[Quarter]:
    """`count` quarters, the one `last` falls in the newest (default: the current one)."""
    return quarters(last, count=count)
