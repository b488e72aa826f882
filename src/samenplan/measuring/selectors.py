"""Reads of measurements, always through the caller's `PlanAccess`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

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
