"""The insights figures as they may leave: read from the latest refresh and suppressed by
`insights.suppression`. The insights pages, their CSV files and the API read figures
here and nowhere else (an import contract holds the views to it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from samenplan.accounts.models import Wijk
from samenplan.measuring.models import WelfareTheme

from .measures import BY_CODE, Measure
from .models import Figure, Refresh
from .suppression import ALL, EMPTY, UNKNOWN_AREA, Key, Kind, Stats, min_base, min_count, suppress

# The bands a share's or a mean's number of people is shown in (never the number itself).
BANDS = (20, 50, 100, 500, 1000)


@dataclass(frozen=True)
class Cell:
    """One figure as it may be shown: `number` is None when it is hidden."""

    measure: Measure
    quarter: str
    area: str
    node: str
    stats: Stats | None

    @property
    def hidden(self) -> bool:
        return self.stats is None

    @property
    def is_count(self) -> bool:
        return self.measure.kind is Kind.COUNT

    @property
    def number(self) -> float | None:
        """What the figure says: a count, a percentage, a mean or days."""
        if self.stats is None:
            return None
        if self.measure.shows == "count":
            return self.stats.units
        if not self.stats.units:
            return None
        ratio = self.stats.value / self.stats.units
        return ratio * 100 if self.measure.shows == "percent" else ratio

    @property
    def people(self) -> int | None:
        """The people behind a count. A share or a mean gives only its band (`band`)."""
        return self.stats.people if self.stats is not None and self.is_count else None

    @property
    def units(self) -> int | None:
        return self.stats.units if self.stats is not None and self.is_count else None

    @property
    def band(self) -> tuple[int, int | None] | None:
        """(at least, fewer than) people behind a shown share or mean: (20, 50), (1000, None)."""
        if self.stats is None or self.is_count:
            return None
        people = self.stats.people
        low = max([bound for bound in BANDS if bound <= people], default=BANDS[0])
        higher = [bound for bound in BANDS if bound > people]
        return (low, higher[0] if higher else None)


def latest_refresh() -> Refresh | None:
    return Refresh.objects.filter(finished_at__isnull=False).first()


def _parents(measure: Measure, nodes, themes: dict[str, str]) -> dict[str, str]:
    """What each node adds up to. Life domains go by the themes of the refresh that
    computed the figures, not by today's mapping (which an admin may have changed)."""
    if measure.nodes == "domain":
        mapping = {f"theme:{theme.value}": ALL for theme in WelfareTheme}
        mapping.update({code: f"theme:{theme}" for code, theme in themes.items()})
        mapping["none"] = ALL
        return mapping
    if measure.nodes == "outcome":
        return {node: ALL for node in nodes if node != ALL}
    return {}


def _raw(refresh_id: int, code: str) -> dict[Key, Stats]:
    return {
        (quarter, area, node): Stats(people, units, value)
        for quarter, area, node, people, units, value in Figure.objects.filter(
            refresh_id=refresh_id, measure=code
        ).values_list("quarter", "area", "node", "people", "units", "value")
    }


@lru_cache(maxsize=64)
def _published(refresh_id: int, finished: str, code: str, min_count: int, min_base: int) -> dict[Key, Stats | None]:
    measure = BY_CODE[code]
    raw = _raw(refresh_id, code)
    themes = Refresh.objects.values_list("themes", flat=True).get(pk=refresh_id) if measure.nodes == "domain" else {}
    return suppress(measure.kind, raw, _parents(measure, {key[2] for key in raw}, themes))


def published(code: str, refresh: Refresh | None = None) -> dict[Key, Stats | None]:
    """Every cell of one measure, suppressed. Cached per refresh and per setting."""
    refresh = refresh or latest_refresh()
    if refresh is None:
        return {}
    # The finish time is in the key: a test database may give a new refresh an old id.
    return _published(refresh.pk, refresh.finished_at.isoformat(), code, min_count(), min_base())


def cell(code: str, quarter: str, area: str = ALL, node: str = ALL, refresh: Refresh | None = None) -> Cell:
    """One figure. A cell nobody stands behind is shown as 0 people (absent is zero)."""
    cells = published(code, refresh)
    key = (quarter, area, node)
    stats = cells.get(key, EMPTY)
    return Cell(BY_CODE[code], quarter, area, node, stats)


def cells(code: str, refresh: Refresh | None = None) -> list[Cell]:
    """All published cells of one measure (hidden ones included, as hidden)."""
    measure = BY_CODE[code]
    return [
        Cell(measure, quarter, area, node, stats)
        for (quarter, area, node), stats in sorted(published(code, refresh).items())
    ]


def areas(*, fetched_by=None) -> list[tuple[str, str]]:
    """(area, name) of every wijk of the analyst's municipality (the installation's when no
    analyst is given), for the filter and the rows by wijk: the wijken of another
    municipality are neither offered nor shown."""
    wijken = Wijk.objects.seen_by(fetched_by) if fetched_by is not None else Wijk.objects.public()
    return [(str(pk), name) for pk, name in wijken.order_by("name").values_list("pk", "name")]


__all__ = ["ALL", "UNKNOWN_AREA", "Cell", "areas", "cell", "cells", "latest_refresh", "published"]
