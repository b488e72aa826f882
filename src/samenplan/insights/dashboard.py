"""The policy analyst's insights pages, put together from `insights.selectors` alone.

Every figure a page shows is read through one `Reader`, which remembers each cell it
handed out: the CSV file of a page is that list, so it holds exactly the figures the page
shows, suppressed the same way. Nothing here counts or looks at plans: the labels come
from the life domains, the Brede Welvaart themes and the outcome choices of the models.

A hidden cell (too few people) is shown in words and is a gap in a chart, never a 0; a
share or a mean says how many people stand behind it only as a band ("20 tot 50").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import get_language, gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.lib.charts import bar_chart, line_chart
from samenplan.measuring.models import LifeDomain, WelfareTheme
from samenplan.referrals.models import Referral

from . import selectors
from .measures import MEASURES
from .selectors import ALL, UNKNOWN_AREA, Cell
from .suppression import min_base, min_count

NO_DOMAIN = "none"
THEME = "theme:"

# Short names of the measures, for tables, charts and the CSV file.
NAMES = {
    "eigen_verhaal": _("Own story"),
    "eigen_regie": _("Own direction"),
    "eigen_kracht": _("Own strength: all agreements"),
    "eigen_kracht_start": _("Own strength: first 90 days"),
    "eigen_kracht_later": _("Own strength: after 90 days"),
    "resultaten_doelen": _("Goals attained"),
    "resultaten_zelfredzaamheid": _("Self-sufficiency, resident"),
    "resultaten_zelfredzaamheid_professional": _("Self-sufficiency, professional"),
    "plannen_open": _("Plans open"),
    "plannen_gestart": _("Plans started"),
    "gestart_in_crisis": _("Started in crisis"),
    "noodtoegang": pgettext_lazy("insights", "Emergency accesses"),
    "verwijzingen": pgettext_lazy("insights", "Referrals sent"),
    "verwijzingen_geaccepteerd": pgettext_lazy("insights", "Referrals accepted"),
    "verwijzingen_dagen": _("Days to acceptance"),
    "verwijzingen_uitkomst": _("Referrals finished"),
    "vragen": _("Questions at the hubs"),
    "vragen_dagen": _("Days to first contact"),
    "vragen_uitkomst": _("Questions closed"),
    "signalen": _("Early signals"),
    "signalen_bereikt": _("Household reached"),
    "signalen_uitkomst": _("Signals closed"),
    "casusoverleggen": pgettext_lazy("insights", "Case conferences held"),
    "doorbraken": _("Breakthrough requests"),
    "doorbraken_toegekend": pgettext_lazy("insights", "Breakthrough requests granted"),
    "consulten": _("Consults"),
    "buddy_koppelingen": _("Buddy matches started"),
    "samen_voorkomend": _("Problems in both life domains"),
    "doorbraak_themas": _("Breakthrough requests with this theme"),
}
# What one figure of a measure is, in the CSV file's "unit" column.
UNITS = {
    "count": _("number"),
    "percent": _("percent"),
    "mean": _("mean"),
    "days": _("days (mean)"),
}
OUTCOMES = {
    "verwijzingen_uitkomst": Referral.Outcome,
    "vragen_uitkomst": Question.Outcome,
    "signalen_uitkomst": Signal.Outcome,
}


# Numbers -------------------------------------------------------------------------------


def _rounded(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(cell: Cell) -> int:
    return 0 if cell.measure.shows in ("count", "percent") else 1


def plain_number(value: float, decimals: int, signed: bool = False) -> str:
    """A number as the active language writes it: "1.234", "0,4" in Dutch."""
    rounded = _rounded(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    text = formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return f"+{text}" if signed and rounded > 0 else text


def figure_text(cell: Cell) -> str:
    """The figure in words: "64%", "+0,4", "12,3 dagen", "1.234", or why there is none."""
    if cell.hidden:
        return gettext("too few people")
    number = cell.number
    if number is None:
        return gettext("no data")
    shows = cell.measure.shows
    if shows == "percent":
        return gettext("%(number)s%%") % {"number": plain_number(number, 0)}
    if shows == "mean":
        return plain_number(number, 1, signed=True)
    if shows == "days":
        return gettext("%(number)s days") % {"number": plain_number(number, 1)}
    return plain_number(number, 0)


def chart_value(cell: Cell) -> float | None:
    """The figure for a chart: None (a gap) when hidden or without data."""
    if cell.hidden or cell.number is None:
        return None
    return float(_rounded(cell.number, decimals_of(cell)))


def band_text(cell: Cell) -> str:
    """How many people stand behind a figure: the count itself, or a band for a share or mean."""
    if cell.hidden or cell.number is None:
        return ""
    if cell.people is not None:
        return plain_number(cell.people, 0)
    band = cell.band
    if band is None:
        return ""
    low, high = band
    if high is None:
        return gettext("%(low)s or more") % {"low": plain_number(low, 0)}
    return gettext("%(low)s to %(high)s") % {"low": plain_number(low, 0), "high": plain_number(high, 0)}


def change_text(current: Cell, previous: Cell, previous_label: str) -> str:
    """How a share or a mean moved since the quarter before, as the page rounds both."""
    if current.hidden or previous.hidden or current.number is None or previous.number is None:
        return ""
    decimals = decimals_of(current)
    difference = _rounded(current.number, decimals) - _rounded(previous.number, decimals)
    if difference == 0:
        return gettext("the same as in %(quarter)s") % {"quarter": previous_label}
    size = abs(difference)
    values = {"quarter": previous_label, "difference": plain_number(float(size), decimals)}
    if current.measure.shows == "percent":
        if difference > 0:
            text = ngettext(
                "%(difference)s percentage point higher than in %(quarter)s",
                "%(difference)s percentage points higher than in %(quarter)s",
                int(size),
            )
        else:
            text = ngettext(
                "%(difference)s percentage point lower than in %(quarter)s",
                "%(difference)s percentage points lower than in %(quarter)s",
                int(size),
            )
        return text % values
    if difference > 0:
        return gettext("%(difference)s higher than in %(quarter)s") % values
    return gettext("%(difference)s lower than in %(quarter)s") % values


@dataclass
class Shown:
    """One figure as a page shows it."""

    cell: Cell

    @property
    def text(self) -> str:
        return figure_text(self.cell)

    @property
    def hidden(self) -> bool:
        return self.cell.hidden

    @property
    def empty(self) -> bool:
        return not self.cell.hidden and self.cell.number is None

    @property
    def value(self) -> float | None:
        return chart_value(self.cell)

    @property
    def people(self) -> str:
        return band_text(self.cell)

    @property
    def css(self) -> str:
        if self.hidden:
            return "figure--hidden"
        if self.empty:
            return "figure--empty"
        if self.cell.measure.shows == "mean" and self.value:
            return "figure--up" if self.value > 0 else "figure--down"
        return ""


# Labels --------------------------------------------------------------------------------


def quarter_label(key: str) -> str:
    day = date.fromisoformat(key)
    return gettext("%(year)s Q%(number)s") % {"year": day.year, "number": (day.month - 1) // 3 + 1}


@dataclass
class Labels:
    """Names for the areas, nodes and quarters of one refresh (two queries, once per page)."""

    quarters: list[str]
    areas: list[tuple[str, str]]
    domains: list[tuple[str, str, str]]  # (code, name, theme value)

    @classmethod
    def load(cls, refresh, *, viewer=None) -> Labels:
        """The areas are the wijken of the viewer's municipality (`selectors.areas`)."""
        language = get_language() or "nl"
        domains = [
            (
                domain.code,
                (domain.name_en if language.startswith("en") and domain.name_en else domain.name),
                domain.theme,
            )
            for domain in LifeDomain.objects.only("code", "name", "name_en", "theme")
        ]
        return cls(quarters=list(refresh.quarters), areas=selectors.areas(fetched_by=viewer), domains=domains)

    @property
    def current(self) -> str | None:
        return self.quarters[-1] if self.quarters else None

    @property
    def default_quarter(self) -> str | None:
        """The latest complete quarter: the one before the current."""
        if not self.quarters:
            return None
        return self.quarters[-2] if len(self.quarters) > 1 else self.quarters[-1]

    def quarter(self, key: str, short: bool = False) -> str:
        label = quarter_label(key)
        if key == self.current and not short:
            return gettext("%(quarter)s (so far)") % {"quarter": label}
        return label

    def area_text(self, key: str) -> str:
        """The area inside a sentence or a caption: "alle wijken" or the wijk's name."""
        return gettext("all wijken") if key == ALL else self.area(key)

    def area(self, key: str) -> str:
        if key == ALL:
            return gettext("All wijken")
        if key == UNKNOWN_AREA:
            return gettext("No wijk")
        return dict(self.areas).get(key, key)

    @property
    def domain_names(self) -> dict[str, str]:
        return {code: name for code, name, _theme in self.domains}

    def themes(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(value, name, [(domain code, name)]) per theme that has life domains."""
        result = []
        for theme in WelfareTheme:
            members = [(code, name) for code, name, value in self.domains if value == theme.value]
            if members:
                result.append((theme.value, str(theme.label), members))
        return result

    def node(self, code: str, node: str) -> str:
        """A node in words: a life domain, a theme, an outcome, a pair; '' for a measure without nodes."""
        kind = _nodes(code)
        if kind == "none":
            return ""
        if node == ALL:
            return gettext("All outcomes") if kind == "outcome" else gettext("All life domains")
        if code in OUTCOMES:
            choices = OUTCOMES[code]
            return str(choices(node).label) if node in choices.values else node
        if kind == "outcome":
            return node
        if kind == "pair":
            names = self.domain_names
            first, _plus, second = node.partition("+")
            return gettext("%(first)s and %(second)s") % {
                "first": names.get(first, first),
                "second": names.get(second, second),
            }
        if node == NO_DOMAIN:
            return pgettext("insights", "No life domain")
        if node.startswith(THEME):
            value = node[len(THEME) :]
            label = str(WelfareTheme(value).label) if value in WelfareTheme.values else value
            return gettext("Theme: %(theme)s") % {"theme": label}
        return self.domain_names.get(node, node)

    def focus(self, node: str) -> str:
        """The life domain or theme filter in words."""
        if node == ALL:
            return gettext("all life domains")
        if node.startswith(THEME):
            return self.node("eigen_kracht", node)
        return self.domain_names.get(node, node)

    def domains_in(self, node: str) -> list[tuple[str, str]]:
        """The life domains a filter covers: all, those of a theme, or one."""
        if node == ALL:
            return [(code, name) for code, name, _theme in self.domains]
        if node.startswith(THEME):
            value = node[len(THEME) :]
            return [(code, name) for code, name, theme in self.domains if theme == value]
        return [(code, name) for code, name, _theme in self.domains if code == node]


@functools.cache
def _kinds() -> dict[str, str]:
    return {measure.code: measure.nodes for measure in MEASURES}


def _nodes(code: str) -> str:
    """What the nodes of a measure are: "none", "domain", "outcome" or "pair"."""
    return _kinds().get(code, "none")


# Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """What the analyst asked for: a quarter, an area (a wijk or all) and a node."""

    quarter: str
    area: str = ALL
    node: str = ALL


class Reader:
    """Reads cells of one refresh and remembers them, in the order the page shows them."""

    def __init__(self, refresh):
        self.refresh = refresh
        self.used: dict[tuple[str, str, str, str], Cell] = {}

    def read(self, code: str, quarter: str, area: str = ALL, node: str = ALL) -> Shown:
        cell = selectors.cell(code, quarter, area, node, refresh=self.refresh)
        self.used.setdefault((code, quarter, area, node), cell)
        return Shown(cell)

    def nodes(self, code: str, quarter: str, area: str) -> list[str]:
        """The nodes one measure has for a quarter and an area (hidden ones included)."""
        return [
            node
            for (q, a, node), _stats in selectors.published(code, self.refresh).items()
            if q == quarter and a == area
        ]


@dataclass
class Series:
    code: str
    label: str
    figures: list[Shown]


@dataclass
class Trend:
    """Figures per quarter for one area: a line chart and the same numbers as a table."""

    id: str
    title: str
    caption: str
    series: list[Series]
    rows: list[tuple[str, list[Shown]]]
    chart: object = None

    @property
    def headers(self) -> list[str]:
        return [series.label for series in self.series]


def trend(
    reader: Reader,
    labels: Labels,
    choice: Choice,
    *,
    id: str,
    title: str,
    measures: list[tuple[str, str, str]],
    chart: bool = True,
    low: float | None = None,
    high: float | None = None,
) -> Trend:
    """`measures` is (code, label, node) per series; every quarter of the refresh."""
    series = [
        Series(code, label, [reader.read(code, quarter, choice.area, node) for quarter in labels.quarters])
        for code, label, node in measures
    ]
    rows = [
        (labels.quarter(quarter), [s.figures[index] for s in series]) for index, quarter in enumerate(labels.quarters)
    ]
    drawn = None
    if chart:
        shows = series[0].figures[0].cell.measure.shows if series and series[0].figures else "count"
        drawn = line_chart(
            labels=[labels.quarter(quarter, short=True) for quarter in labels.quarters],
            series=[(s.code, s.label, [figure.value for figure in s.figures]) for s in series],
            low=low,
            high=high,
            decimals=0 if shows in ("count", "percent") else 1,
        )
    caption = gettext("%(what)s per quarter, %(area)s") % {"what": title, "area": labels.area_text(choice.area)}
    return Trend(id=id, title=title, caption=caption, series=series, rows=rows, chart=drawn)


# The dashboard -------------------------------------------------------------------------


@dataclass
class Indicator:
    id: str
    name: str
    question: str
    explanation: str
    headline: Shown
    headline_label: str
    extra: list[tuple[str, Shown]]
    trends: list[Trend]
    narrowed: bool = False
    change: str = ""


@dataclass
class Outcomes:
    caption: str
    rows: list[tuple[str, Shown]]
    total: Shown


@dataclass
class NetworkBlock:
    id: str
    title: str
    intro: str
    trend: Trend
    outcomes: Outcomes | None = None


@dataclass
class Dashboard:
    labels: Labels
    choice: Choice
    reader: Reader
    indicators: list[Indicator] = field(default_factory=list)
    domains: dict | None = None
    wijken: dict | None = None
    network: list[NetworkBlock] = field(default_factory=list)
    inflow: Trend | None = None
    consults: dict | None = None
    reach: list[Trend] = field(default_factory=list)

    @property
    def quarter_label(self) -> str:
        return self.labels.quarter(self.choice.quarter)

    @property
    def area_label(self) -> str:
        return self.labels.area(self.choice.area)

    @property
    def area_text(self) -> str:
        return self.labels.area_text(self.choice.area)

    @property
    def focus_label(self) -> str:
        return self.labels.focus(self.choice.node)


def _outcomes(reader: Reader, labels: Labels, code: str, choice: Choice, what: str) -> Outcomes:
    choices = OUTCOMES[code]
    present = set(reader.nodes(code, choice.quarter, choice.area))
    order = list(choices.values) + sorted(present - set(choices.values) - {ALL})
    rows = [(labels.node(code, node), reader.read(code, choice.quarter, choice.area, node)) for node in order]
    caption = gettext("%(what)s by outcome, %(quarter)s, %(area)s") % {
        "what": what,
        "quarter": labels.quarter(choice.quarter),
        "area": labels.area_text(choice.area),
    }
    return Outcomes(caption=caption, rows=rows, total=reader.read(code, choice.quarter, choice.area, ALL))


def build_dashboard(refresh, choice: Choice, labels: Labels | None = None) -> Dashboard:
    labels = labels or Labels.load(refresh)
    reader = Reader(refresh)
    page = Dashboard(labels=labels, choice=choice, reader=reader)
    q, area, node = choice.quarter, choice.area, choice.node

    def headline(code: str, at: str = ALL) -> Shown:
        return reader.read(code, q, area, at)

    trend_of = functools.partial(trend, reader, labels, choice)

    percent = {"low": 0, "high": 100}
    page.indicators = [
        Indicator(
            id="eigen-verhaal",
            name=gettext("Own story"),
            question=gettext("Is the story in the plan the resident's own?"),
            explanation=gettext(
                "Of the plans open in the quarter: the share in which the resident confirmed their latest story "
                "as their own."
            ),
            headline=headline("eigen_verhaal"),
            headline_label=gettext("of the plans: story confirmed by the resident"),
            extra=[],
            trends=[
                trend_of(
                    id="trend-eigen-verhaal",
                    title=gettext("Own story"),
                    measures=[("eigen_verhaal", gettext("Story confirmed"), ALL)],
                    **percent,
                )
            ],
        ),
        Indicator(
            id="eigen-regie",
            name=gettext("Own direction"),
            question=gettext("Does the resident set the course?"),
            explanation=gettext(
                "Of the plans open in the quarter: the share in which the resident ranked what matters to them, "
                "filled in a self-assessment and wrote at least one goal themselves."
            ),
            headline=headline("eigen_regie"),
            headline_label=gettext("of the plans: the resident set the course"),
            extra=[],
            trends=[
                trend_of(
                    id="trend-eigen-regie",
                    title=gettext("Own direction"),
                    measures=[("eigen_regie", gettext("Resident set the course"), ALL)],
                    **percent,
                )
            ],
        ),
        Indicator(
            id="eigen-kracht",
            name=gettext("Own strength"),
            question=gettext("Do residents and their network do it themselves?"),
            explanation=gettext(
                "Of the agreements in the plans: the share the resident or someone from their own network does "
                "(light support) instead of a professional. Also for agreements in a plan's first 90 days and "
                "those made later."
            ),
            headline=headline("eigen_kracht", node),
            headline_label=gettext("of the agreements: light support"),
            extra=[
                (gettext("First 90 days"), headline("eigen_kracht_start")),
                (gettext("After 90 days"), headline("eigen_kracht_later")),
            ],
            trends=[
                trend_of(
                    id="trend-eigen-kracht",
                    title=gettext("Own strength"),
                    measures=[
                        ("eigen_kracht", gettext("All agreements"), node),
                        ("eigen_kracht_start", gettext("First 90 days"), ALL),
                        ("eigen_kracht_later", gettext("After 90 days"), ALL),
                    ],
                    **percent,
                )
            ],
            narrowed=True,
        ),
        Indicator(
            id="resultaten",
            name=gettext("Results"),
            question=gettext("Are goals reached and does self-sufficiency grow?"),
            explanation=gettext(
                "Goal attainment at the evaluations held in the quarter, from -2 (much less than expected) through "
                "0 (as expected) to +2 (much more). And the change in self-sufficiency (scale 1 to 5) from the "
                "first measurement to the latest, as the resident sees it and as the professional sees it."
            ),
            headline=headline("resultaten_doelen", node),
            headline_label=gettext("mean goal attainment (-2 to +2)"),
            extra=[
                (gettext("Self-sufficiency, resident"), headline("resultaten_zelfredzaamheid", node)),
                (gettext("Self-sufficiency, professional"), headline("resultaten_zelfredzaamheid_professional", node)),
            ],
            trends=[
                trend_of(
                    id="trend-doelen",
                    title=gettext("Goal attainment"),
                    measures=[("resultaten_doelen", gettext("Goal attainment"), node)],
                    low=-2,
                    high=2,
                ),
                trend_of(
                    id="trend-zelfredzaamheid",
                    title=gettext("Change in self-sufficiency"),
                    measures=[
                        ("resultaten_zelfredzaamheid", gettext("As the resident sees it"), node),
                        ("resultaten_zelfredzaamheid_professional", gettext("As the professional sees it"), node),
                    ],
                    low=-1,
                    high=1,
                ),
            ],
            narrowed=True,
        ),
    ]

    # How the headline moved since the quarter before.
    index = labels.quarters.index(q) if q in labels.quarters else -1
    if index > 0:
        before = labels.quarters[index - 1]
        for indicator in page.indicators:
            cell = indicator.headline.cell
            previous = reader.read(cell.measure.code, before, area, cell.node).cell
            indicator.change = change_text(cell, previous, labels.quarter(before))

    # Self-sufficiency per life domain.
    scope = ALL if node == ALL or node.startswith(THEME) else None
    domain_list = labels.domains_in(node if scope is not None else _theme_of(labels, node))
    rows = [
        (
            name,
            reader.read("resultaten_zelfredzaamheid", q, area, code),
            reader.read("resultaten_zelfredzaamheid_professional", q, area, code),
            code == node,
        )
        for code, name in domain_list
    ]
    page.domains = {
        "rows": rows,
        "caption": gettext("Change in self-sufficiency per life domain, %(quarter)s, %(area)s")
        % {"quarter": labels.quarter(q), "area": labels.area_text(area)},
        "chart": bar_chart(
            categories=[name for name, _r, _p, _c in rows],
            series=[
                (gettext("As the resident sees it"), [resident.value for _n, resident, _p, _c in rows]),
                (gettext("As the professional sees it"), [professional.value for _n, _r, professional, _c in rows]),
            ],
            low=-1,
            high=1,
            decimals=1,
        ),
        "any": any(not figure.hidden and not figure.empty for _n, r, p, _c in rows for figure in (r, p)),
    }

    # Wijken side by side.
    columns = [
        ("plannen_open", gettext("Plans open"), ALL),
        ("eigen_verhaal", gettext("Own story"), ALL),
        ("eigen_regie", gettext("Own direction"), ALL),
        ("eigen_kracht", gettext("Own strength"), node),
        ("resultaten_doelen", gettext("Goals attained"), node),
        ("resultaten_zelfredzaamheid", gettext("Self-sufficiency, resident"), node),
    ]
    wijk_rows = [
        (name, key == area and key != ALL, [reader.read(code, q, key, at) for code, _label, at in columns])
        for key, name in [*labels.areas, (ALL, labels.area(ALL))]
    ]
    page.wijken = {
        "headers": [label for _code, label, _at in columns],
        "rows": wijk_rows,
        "caption": gettext("The four questions per wijk, %(quarter)s") % {"quarter": labels.quarter(q)},
    }

    # The network.
    page.inflow = trend_of(
        id="trend-instroom",
        title=gettext("What came in"),
        measures=[
            ("verwijzingen", pgettext("insights", "Referrals sent"), ALL),
            ("vragen", gettext("Questions at the hubs"), ALL),
            ("signalen", pgettext("insights", "Early signals"), ALL),
        ],
        low=0,
    )
    page.network = [
        NetworkBlock(
            id="verwijzingen",
            title=gettext("Referrals"),
            intro=gettext(
                "Referrals the resident agreed to, how many the organisation accepted and how many days that took."
            ),
            trend=trend_of(
                id="trend-verwijzingen",
                title=gettext("Referrals"),
                measures=[
                    ("verwijzingen", gettext("Sent"), ALL),
                    ("verwijzingen_geaccepteerd", gettext("Accepted"), ALL),
                    ("verwijzingen_dagen", gettext("Days to acceptance"), ALL),
                ],
                chart=False,
            ),
            outcomes=_outcomes(reader, labels, "verwijzingen_uitkomst", choice, gettext("Referrals finished")),
        ),
        NetworkBlock(
            id="wijkpunten",
            title=pgettext("insights", "Questions at the neighbourhood hubs"),
            intro=gettext("Questions that came in online or at the desk, and how many days until the first contact."),
            trend=trend_of(
                id="trend-vragen",
                title=gettext("Questions at the hubs"),
                measures=[
                    ("vragen", gettext("Questions"), ALL),
                    ("vragen_dagen", gettext("Days to first contact"), ALL),
                ],
                chart=False,
            ),
            outcomes=_outcomes(reader, labels, "vragen_uitkomst", choice, gettext("Questions closed")),
        ),
        NetworkBlock(
            id="vroegsignalering",
            title=pgettext("insights", "Early signals of payment arrears"),
            intro=gettext(
                "Signals from partners such as the housing corporation, and how often the household was reached."
            ),
            trend=trend_of(
                id="trend-signalen",
                title=gettext("Early signals"),
                measures=[
                    ("signalen", gettext("Signals"), ALL),
                    ("signalen_bereikt", gettext("Household reached"), ALL),
                ],
                chart=False,
            ),
            outcomes=_outcomes(reader, labels, "signalen_uitkomst", choice, gettext("Signals closed")),
        ),
        NetworkBlock(
            id="casusoverleg",
            title=gettext("Case conferences and breakthroughs"),
            intro=gettext(
                "Case conferences held, breakthrough requests filed with the municipality and the share granted."
            ),
            trend=trend_of(
                id="trend-casusoverleg",
                title=gettext("Case conferences and breakthroughs"),
                measures=[
                    ("casusoverleggen", pgettext("insights", "Case conferences held"), ALL),
                    ("doorbraken", gettext("Breakthrough requests"), ALL),
                    ("doorbraken_toegekend", gettext("Granted"), ALL),
                ],
                chart=False,
            ),
        ),
        NetworkBlock(
            id="buddys",
            title=gettext("Buddy network"),
            intro=gettext("Residents who got a buddy: a volunteer from the neighbourhood, once the resident said yes."),
            trend=trend_of(
                id="trend-buddys",
                title=gettext("Buddy network"),
                measures=[("buddy_koppelingen", gettext("Buddy matches started"), ALL)],
                chart=False,
            ),
        ),
    ]
    consult_rows = []
    for value, theme_name, members in labels.themes():
        theme_node = f"{THEME}{value}"
        if node != ALL and node != theme_node and node not in {code for code, _name in members}:
            continue
        consult_rows.append((theme_name, True, reader.read("consulten", q, area, theme_node)))
        consult_rows += [(name, False, reader.read("consulten", q, area, code)) for code, name in members]
    page.consults = {
        "rows": consult_rows,
        "total": reader.read("consulten", q, area, ALL) if node == ALL else None,
        "caption": gettext("Consults per life domain, %(quarter)s, %(area)s")
        % {"quarter": labels.quarter(q), "area": labels.area_text(area)},
    }

    # Do we see more, or make it bigger?
    page.reach = [
        trend_of(
            id="trend-bereik",
            title=gettext("Reach"),
            measures=[
                ("plannen_gestart", gettext("Plans started"), ALL),
                ("plannen_open", gettext("Plans open"), ALL),
                ("noodtoegang", pgettext("insights", "Emergency accesses"), ALL),
            ],
            low=0,
        ),
        trend_of(
            id="trend-crisis",
            title=gettext("Started in crisis"),
            measures=[("gestart_in_crisis", gettext("Started in crisis"), ALL)],
            **percent,
        ),
    ]
    return page


def _theme_of(labels: Labels, code: str) -> str:
    theme = next((value for domain, _name, value in labels.domains if domain == code), None)
    return f"{THEME}{theme}" if theme else ALL


# Rode draden ---------------------------------------------------------------------------


@dataclass
class Ranked:
    caption: str
    shown: list[tuple[str, Shown, str]]  # (label, figure, share of the plans open)
    hidden: int
    any: bool


@dataclass
class Pairs:
    labels: Labels
    choice: Choice
    reader: Reader
    plans_open: Shown
    pairs: Ranked
    themes: Ranked

    @property
    def quarter_label(self) -> str:
        return self.labels.quarter(self.choice.quarter)

    @property
    def area_label(self) -> str:
        return self.labels.area(self.choice.area)

    @property
    def area_text(self) -> str:
        return self.labels.area_text(self.choice.area)


def _ranked(reader: Reader, labels: Labels, code: str, choice: Choice, caption: str, base: Shown | None) -> Ranked:
    nodes = [node for node in reader.nodes(code, choice.quarter, choice.area) if node != ALL]
    figures = [(node, reader.read(code, choice.quarter, choice.area, node)) for node in nodes]
    shown = [(node, figure) for node, figure in figures if not figure.hidden]
    shown.sort(key=lambda item: (-(item[1].cell.number or 0), labels.node(code, item[0])))
    hidden = [(node, figure) for node, figure in figures if figure.hidden]
    share_of = base.cell.number if base is not None and not base.hidden and base.cell.number else None

    def share(figure: Shown) -> str:
        if share_of is None or figure.cell.number is None:
            return "–"
        return gettext("%(number)s%%") % {"number": plain_number(figure.cell.number / share_of * 100, 0)}

    # The hidden ones are read too (and go into the CSV file as hidden), but listed only by number.
    return Ranked(
        caption=caption,
        shown=[(labels.node(code, node), figure, share(figure)) for node, figure in shown],
        hidden=len(hidden),
        any=bool(figures),
    )


def build_pairs(refresh, choice: Choice, labels: Labels | None = None) -> Pairs:
    labels = labels or Labels.load(refresh)
    reader = Reader(refresh)
    plans_open = reader.read("plannen_open", choice.quarter, choice.area)
    where = {"quarter": labels.quarter(choice.quarter), "area": labels.area_text(choice.area)}
    pairs = _ranked(
        reader,
        labels,
        "samen_voorkomend",
        choice,
        gettext("Pairs of life domains with problems at once, %(quarter)s, %(area)s") % where,
        plans_open,
    )
    themes = _ranked(
        reader,
        labels,
        "doorbraak_themas",
        choice,
        gettext("Recurring themes of breakthrough requests, %(quarter)s, %(area)s") % where,
        None,
    )
    return Pairs(labels=labels, choice=choice, reader=reader, plans_open=plans_open, pairs=pairs, themes=themes)


# The CSV file --------------------------------------------------------------------------


def csv_header() -> list[str]:
    return [
        gettext("code"),
        gettext("what"),
        gettext("quarter"),
        gettext("wijk"),
        gettext("life domain, theme or outcome"),
        gettext("figure"),
        gettext("unit"),
        gettext("people"),
        gettext("note"),
    ]


def csv_number(cell: Cell) -> str:
    """The figure as the page rounds it, with a decimal comma and no thousands separator:
    what Excel in Dutch reads as a number."""
    if cell.hidden or cell.number is None:
        return ""
    rounded = _rounded(cell.number, decimals_of(cell))
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:f}".replace(".", ",")


def csv_rows(reader: Reader, labels: Labels) -> list[list[str]]:
    rows = []
    order: dict[str, int] = {}
    for code, *_rest in reader.used:
        order.setdefault(code, len(order))
    # Per measure as the page shows them first, then by quarter (oldest first).
    used = sorted(reader.used.items(), key=lambda item: (order[item[0][0]], item[0][1]))
    for (code, quarter, area, node), cell in used:
        note = ""
        if cell.hidden:
            note = gettext("too few people")
        elif cell.number is None:
            note = gettext("no data")
        rows.append(
            [
                code,
                str(NAMES.get(code, cell.measure.label)),
                labels.quarter(quarter),
                labels.area(area),
                labels.node(code, node),
                csv_number(cell),
                str(UNITS[cell.measure.shows]),
                band_text(cell),
                note,
            ]
        )
    return rows


def protection() -> dict:
    """The numbers the protection rules use, for the page to say them."""
    return {"min_count": min_count(), "min_base": min_base()}
