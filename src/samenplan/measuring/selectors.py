"""Reads of measurements, always through the caller's `PlanAccess`."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.lib.charts import BarChart, LineChart, Tick, XLabel, bar_chart, line_chart
from samenplan.lib.templatetags.site_extras import short_date
from samenplan.plans.models import GoalScore
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess

from .charts import SpiderChart, spider_chart
from .models import Answer, Instrument, InstrumentItem, Measurement

RESIDENT = Measurement.Perspective.RESIDENT
PROFESSIONAL = Measurement.Perspective.PROFESSIONAL


def instruments_in_use() -> list[Instrument]:
    return list(
        Instrument.objects.filter(active=True).prefetch_related(
            Prefetch("items", queryset=InstrumentItem.objects.select_related("domain")), "scale_labels"
        )
    )


def instrument_get(*, code: str) -> Instrument | None:
    return next((i for i in instruments_in_use() if i.code == code), None)


def latest_measurements(*, access: PlanAccess) -> list[Measurement]:
    """The newest measurement per instrument and perspective (one query)."""
    access.require(Part.ASSESSMENT)
    seen, latest = set(), []
    measurements = (
        access.plan.measurements.filter(is_draft=False)
        .select_related("instrument", "recorded_by")
        .order_by("-recorded_at", "-id")
    )
    for measurement in measurements:
        key = (measurement.instrument_id, measurement.perspective)
        if key not in seen:
            seen.add(key)
            latest.append(measurement)
    return latest


@dataclass
class ItemRow:
    item: InstrumentItem
    first: int | None
    latest: int | None
    professional: int | None
    wants_to_talk: bool

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


@dataclass
class InstrumentSummary:
    instrument: Instrument
    measurements: list[Measurement]
    first: Measurement | None
    latest: Measurement | None
    professional: Measurement | None
    rows: list[ItemRow]
    chart: SpiderChart
    draft: Measurement | None = None
    draft_answered: int = 0

    @property
    def has_comparison(self) -> bool:
        return self.first is not None and self.latest is not None and self.first.pk != self.latest.pk


def assessment_overview(*, access: PlanAccess) -> list[InstrumentSummary]:
    """Per instrument: the resident's first and latest measurement and a professional's
    latest, compared item by item. The resident's always come first."""
    access.require(Part.ASSESSMENT)
    instruments = instruments_in_use()
    # A draft is not a result yet: it is not "the latest time" and not in the chart.
    everything = list(access.plan.measurements.select_related("recorded_by").order_by("recorded_at", "id"))
    measurements = [m for m in everything if not m.is_draft]
    drafts = {m.instrument_id: m for m in everything if m.is_draft}
    picked: dict[int, tuple] = {}
    for instrument in instruments:
        own = [m for m in measurements if m.instrument_id == instrument.pk and m.perspective == RESIDENT]
        pro = [m for m in measurements if m.instrument_id == instrument.pk and m.perspective == PROFESSIONAL]
        picked[instrument.pk] = (own[0] if own else None, own[-1] if own else None, pro[-1] if pro else None)
    wanted = {m.pk for trio in picked.values() for m in trio if m is not None} | {m.pk for m in drafts.values()}
    answers: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(measurement_id__in=wanted):
        answers.setdefault(answer.measurement_id, {})[answer.item_id] = answer

    def value(measurement, item):
        answer = answers.get(measurement.pk, {}).get(item.pk) if measurement else None
        return answer.value if answer else None

    # The resident reads "your latest time"; everyone else the resident's first name.
    if access.is_owner:
        first_label, latest_label = _("Your first time"), _("Your latest time")
    else:
        name = access.plan.owner.first_name or access.plan.owner.display_name
        first_label = _("%(name)s, first time") % {"name": name}
        latest_label = _("%(name)s, latest time") % {"name": name}
    summaries = []
    for instrument in instruments:
        first, latest, professional = picked[instrument.pk]
        items = list(instrument.items.all())
        rows = []
        for item in items:
            latest_answer = answers.get(latest.pk, {}).get(item.pk) if latest else None
            rows.append(
                ItemRow(
                    item=item,
                    first=value(first, item),
                    latest=value(latest, item),
                    professional=value(professional, item),
                    wants_to_talk=bool(latest_answer and latest_answer.wants_to_talk),
                )
            )
        series = []
        if first is not None and latest is not None and first.pk != latest.pk:
            series.append(("first", first_label, [r.first for r in rows]))
        if latest is not None:
            series.append(("latest", latest_label, [r.latest for r in rows]))
        if professional is not None:
            series.append(("professional", _("Professional"), [r.professional for r in rows]))
        chart = spider_chart(
            labels=[item.label for item in items],
            min_value=instrument.min_value,
            max_value=instrument.max_value,
            series=series,
        )
        summaries.append(
            InstrumentSummary(
                instrument=instrument,
                measurements=[m for m in measurements if m.instrument_id == instrument.pk],
                first=first,
                latest=latest,
                professional=professional,
                rows=rows,
                chart=chart,
                draft=drafts.get(instrument.pk),
                draft_answered=len(answers.get(drafts[instrument.pk].pk, {})) if instrument.pk in drafts else 0,
            )
        )
    return summaries


def measurement_history(*, access: PlanAccess) -> list[Measurement]:
    """Every measurement of the plan with its answers, oldest first (for the export; drafts
    too: nothing in the plan is hidden from its owner)."""
    access.require(Part.ASSESSMENT)
    return list(
        access.plan.measurements.select_related("instrument", "recorded_by").prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("item"))
        )
    )


def draft_get(*, access: PlanAccess, instrument: Instrument) -> Measurement | None:
    """The resident's unfinished self-assessment on this instrument, with its answers."""
    access.require(Part.ASSESSMENT)
    return (
        access.plan.measurements.filter(instrument=instrument, perspective=RESIDENT, is_draft=True)
        .select_related("evaluation")
        .prefetch_related("answers")
        .first()
    )


# The resident's progress over time ("Hoe het met je gaat, door de tijd"): their own
# measurements and their goals' attainment, in the same charts as the municipality's
# figures. Everything below reads through the caller's `PlanAccess`, in a fixed number of
# queries however many measurements or evaluations there are.

# More dates than this under a line chart would run into each other: the labels in between
# are left out (the table beside the chart has every date).
PROGRESS_MAX_DATE_LABELS = 6


@dataclass
class ScoreCell:
    value: int | None
    words: str = ""


@dataclass
class ScoreRow:
    """One question (life domain): its score at each time, and the change first -> latest."""

    item: InstrumentItem
    cells: list[ScoreCell]

    @property
    def first(self) -> int | None:
        return next((c.value for c in self.cells if c.value is not None), None)

    @property
    def latest(self) -> int | None:
        return next((c.value for c in reversed(self.cells) if c.value is not None), None)

    @property
    def change(self) -> int | None:
        answered = [c.value for c in self.cells if c.value is not None]
        if len(answered) < 2:
            return None
        return answered[-1] - answered[0]


@dataclass
class ScoreTable:
    """One person's measurements of one instrument: a column per time, a row per question."""

    measurements: list[Measurement]
    rows: list[ScoreRow]
    averages: list[float | None]

    @property
    def has_change(self) -> bool:
        return len(self.measurements) > 1

    @property
    def first(self) -> Measurement | None:
        return self.measurements[0] if self.measurements else None


@dataclass
class AverageRow:
    """One time on the line chart: the date and each person's average that day."""

    label: str
    resident: float | None
    professional: float | None
    professional_name: str = ""


@dataclass
class InstrumentProgress:
    instrument: Instrument
    resident: ScoreTable
    professional: ScoreTable
    averages: list[AverageRow]
    chart: LineChart | None
    bars: BarChart | None
    # The words for the lowest and highest score, where the instrument has them.
    low_words: str = ""
    high_words: str = ""


@dataclass
class GoalRow:
    goal: object
    cells: list[ScoreCell]


@dataclass
class GoalProgress:
    """The goal-attainment scores (-2..+2) of every evaluation held, oldest first."""

    evaluations: list
    rows: list[GoalRow]
    means: list[float | None]
    chart: LineChart | None
    upcoming: object | None = None

    @property
    def evaluation_means(self) -> list[tuple]:
        return list(zip(self.evaluations, self.means, strict=True))

    @property
    def scale(self) -> list[tuple[int, str]]:
        """Each score with its words, from +2 down to -2."""
        return [(int(value), str(label)) for value, label in reversed(GoalScore.Score.choices)]


@dataclass
class Progress:
    # None: this viewer may not see that part (the page leaves it out).
    instruments: list[InstrumentProgress] | None
    goals: GoalProgress | None


def _mean(values) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


def _date_labels(dates) -> list[str]:
    """Short dates under a line chart; with many, only some (the first and last always)."""
    labels = [short_date(day) for day in dates]
    if len(labels) <= PROGRESS_MAX_DATE_LABELS:
        return labels
    step = math.ceil((len(labels) - 1) / (PROGRESS_MAX_DATE_LABELS - 1))
    return [label if i % step == 0 or i == len(labels) - 1 else "" for i, label in enumerate(labels)]


def _whole_scores(low: int, high: int) -> range:
    """The scores an axis is marked at: every one on a short scale, every second on 0-10."""
    return range(low, high + 1, max(1, math.ceil((high - low) / 5)))


def _score_label(value: int, low: int) -> str:
    return f"{value:+d}" if low < 0 and value else str(value)


def _progress_chart(*, labels, series, low: int, high: int) -> LineChart:
    """A line chart of averages on a scale from `low` to `high`.

    A missing value here means "the other person filled it in that day", not a gap in what
    was measured: each person's line runs from one of their times to the next. The ticks sit
    on whole scores (0, 2, 4 ... 10), never between two (`line_chart` would put one at 2,5
    and round its label to "2")."""
    chart = line_chart(labels=labels, series=series, low=low, high=high, decimals=1)
    for line in chart.series:
        line.runs = [" ".join(f"{p.x},{p.y}" for p in line.points)] if len(line.points) > 1 else []
    # Where the lowest and highest score sit on this chart's y axis (the same scale).
    probe = line_chart(labels=["", ""], series=[("", "", [low, high])], low=low, high=high).series[0].points
    y_low, y_high = probe[0].y, probe[1].y
    chart.ticks = [
        Tick(y=round(y_low + (value - low) * (y_high - y_low) / (high - low), 1), label=_score_label(value, low))
        for value in _whole_scores(low, high)
    ]
    return chart


def _first_and_latest_chart(*, labels, first, latest, low: int, high: int) -> BarChart:
    """Bars of the first and the latest time per question. They start at 0, so the lowest
    score of a scale from 1 still shows as a bar; the axis is marked at whole scores."""
    base = min(low, 0)
    chart = bar_chart(categories=labels, series=[first, latest], low=base, high=high)
    # Where the highest score ends on this chart's x axis (the same scale), from the zero line.
    bar = bar_chart(categories=[""], series=[("", [high])], low=base, high=high).groups[0].bars[0]
    x_zero, x_high = chart.zero_x, bar.x + bar.width
    chart.ticks = [
        XLabel(x=round(x_zero + value * (x_high - x_zero) / high, 1), label=_score_label(value, low))
        for value in _whole_scores(low, high)
    ]
    return chart


def _score_table(measurements, items, answers, words) -> ScoreTable:
    rows = []
    for item in items:
        cells = []
        for measurement in measurements:
            answer = answers.get(measurement.pk, {}).get(item.pk)
            value = answer.value if answer else None
            cells.append(ScoreCell(value=value, words=words.get(value, "") if value is not None else ""))
        rows.append(ScoreRow(item=item, cells=cells))
    averages = [_mean(row.cells[i].value for row in rows) for i in range(len(measurements))]
    return ScoreTable(measurements=measurements, rows=rows, averages=averages)


def _moments(resident: list[Measurement], professional: list[Measurement]) -> list[tuple]:
    """The times on the chart's x axis, oldest first: one per day, or more when one person
    filled it in more than once that day. Each is (day, resident's, professional's)."""
    slots: dict[tuple, list] = {}
    for index, measurements in ((0, resident), (1, professional)):
        per_day: dict = {}
        for measurement in measurements:
            day = timezone.localdate(measurement.recorded_at)
            number = per_day.get(day, 0)
            per_day[day] = number + 1
            slots.setdefault((day, number), [None, None])[index] = measurement
    return [(day, pair[0], pair[1]) for (day, _n), pair in sorted(slots.items(), key=lambda kv: kv[0])]


def _instrument_progress(instrument, resident, professional, answers, names) -> InstrumentProgress:
    items = list(instrument.items.all())
    words = {label.value: label.text for label in instrument.scale_labels.all()}
    own = _score_table(resident, items, answers, words)
    pro = _score_table(professional, items, answers, words)
    own_average = dict(zip([m.pk for m in resident], own.averages, strict=True))
    pro_average = dict(zip([m.pk for m in professional], pro.averages, strict=True))
    moments = _moments(resident, professional)
    averages = [
        AverageRow(
            label=short_date(day),
            resident=own_average[r.pk] if r else None,
            professional=pro_average[p.pk] if p else None,
            professional_name=p.recorded_by.display_name if p else "",
        )
        for day, r, p in moments
    ]
    chart = None
    if len(resident) > 1 or len(professional) > 1:
        series = [("resident", names["resident"], [row.resident for row in averages])]
        if professional:
            series.append(("professional", names["professional"], [row.professional for row in averages]))
        chart = _progress_chart(
            labels=_date_labels([day for day, _r, _p in moments]),
            series=series,
            low=instrument.min_value,
            high=instrument.max_value,
        )
    bars = None
    if own.has_change and instrument.max_value > 0:
        bars = _first_and_latest_chart(
            labels=[item.label for item in items],
            first=(names["first"], [row.first for row in own.rows]),
            latest=(names["latest"], [row.latest for row in own.rows]),
            low=instrument.min_value,
            high=instrument.max_value,
        )
    return InstrumentProgress(
        instrument=instrument,
        resident=own,
        professional=pro,
        averages=averages,
        chart=chart,
        bars=bars,
        low_words=words.get(instrument.min_value, ""),
        high_words=words.get(instrument.max_value, ""),
    )


def _progress_names(access: PlanAccess) -> dict[str, str]:
    """The chart legends in the viewer's voice: "Jij" to the resident, "Alice" to others."""
    if access.is_owner:
        return {
            "resident": _("You"),
            "professional": _("Professional"),
            "first": _("Your first time"),
            "latest": _("Your latest time"),
        }
    name = access.plan.owner.first_name or access.plan.owner.display_name
    return {
        "resident": name,
        "professional": _("Professional"),
        "first": _("%(name)s, first time") % {"name": name},
        "latest": _("%(name)s, latest time") % {"name": name},
    }


def _measurement_progress(access: PlanAccess) -> list[InstrumentProgress]:
    access.require(Part.ASSESSMENT)
    instruments = instruments_in_use()
    # Drafts are not results: never in a chart or a table.
    measurements = list(
        access.plan.measurements.filter(is_draft=False).select_related("recorded_by").order_by("recorded_at", "id")
    )
    answers: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(measurement__plan=access.plan, measurement__is_draft=False):
        answers.setdefault(answer.measurement_id, {})[answer.item_id] = answer
    names = _progress_names(access)
    progress = []
    for instrument in instruments:
        own = [m for m in measurements if m.instrument_id == instrument.pk and m.perspective == RESIDENT]
        pro = [m for m in measurements if m.instrument_id == instrument.pk and m.perspective == PROFESSIONAL]
        if own or pro:
            progress.append(_instrument_progress(instrument, own, pro, answers, names))
    return progress


def _goal_progress(access: PlanAccess) -> GoalProgress:
    access.require(Part.EVALUATIONS)
    access.require(Part.GOALS)
    evaluations = list(access.plan.evaluations.order_by("held_at", "scheduled_for", "id"))
    held = [e for e in evaluations if e.held_at is not None]
    upcoming = min((e for e in evaluations if e.held_at is None), key=lambda e: (e.scheduled_for, e.pk), default=None)
    scores: dict[tuple[int, int], GoalScore] = {}
    goals: dict[int, object] = {}
    held_scores = GoalScore.objects.filter(evaluation__plan=access.plan, evaluation__held_at__isnull=False)
    for score in held_scores.select_related("goal").order_by("goal_id"):
        scores[(score.evaluation_id, score.goal_id)] = score
        goals.setdefault(score.goal_id, score.goal)
    words = dict(GoalScore.Score.choices)
    rows = []
    for goal in goals.values():
        cells = []
        for evaluation in held:
            score = scores.get((evaluation.pk, goal.pk))
            value = score.score if score else None
            cells.append(ScoreCell(value=value, words=str(words[value]) if value is not None else ""))
        rows.append(GoalRow(goal=goal, cells=cells))
    means = [_mean(row.cells[i].value for row in rows) for i in range(len(held))]
    chart = None
    if len([m for m in means if m is not None]) > 1:
        chart = _progress_chart(
            labels=_date_labels([timezone.localdate(e.held_at) for e in held]),
            series=[("attainment", _("Average of the goals"), means)],
            low=int(GoalScore.Score.MUCH_LESS),
            high=int(GoalScore.Score.MUCH_MORE),
        )
    return GoalProgress(evaluations=held, rows=rows, means=means, chart=chart, upcoming=upcoming)


def progress_over_time(*, access: PlanAccess) -> Progress:
    """The resident's change over time, as far as this viewer may see it: the measurements
    (with the assessment part) and the goals' attainment per evaluation held (with the
    evaluations and the goals, as on the evaluation pages). The owner sees both, always."""
    sees_measurements = access.can_view(Part.ASSESSMENT)
    sees_goals = access.can_view(Part.EVALUATIONS) and access.can_view(Part.GOALS)
    return Progress(
        instruments=_measurement_progress(access) if sees_measurements else None,
        goals=_goal_progress(access) if sees_goals else None,
    )
