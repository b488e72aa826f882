"""What a partner sees of the signals it sent: its reference, when it arrived, the kind of
arrears, whether contact was made and whether help was accepted. Never the name, the
address, what the team wrote or what was agreed: the partner only learns that its signal
was followed up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Value, When

from samenplan.audit import context as audit
from samenplan.sharing.policy import partner_signal_filter

from ..models import Signal

PER_PAGE = 50


@dataclass(frozen=True)
class PartnerSignalRow:
    id: int
    reference: str
    arrived: datetime
    kind: str
    contact_made: bool
    # True, False, or None while the team is still busy (not yet known).
    help_accepted: bool | None

    @property
    def kind_label(self) -> str:
        return Signal.Kind(self.kind).label


def partner_signal_page(*, fetched_by, page_number=None) -> Page:
    """One page of the partner's own signals, newest first, as `PartnerSignalRow`s: two
    queries (the count and the page), however many signals there are."""
    signals = (
        Signal.objects.filter(partner_signal_filter(fetched_by))
        .order_by("-created_at", "-id")
        .annotate(
            # Only whether help followed, never which outcome: the database says it.
            helped=Case(
                When(outcome__in=Signal.HELP_ACCEPTED, then=Value(1)),
                When(closed_at__isnull=False, then=Value(0)),
                default=Value(None),
                output_field=IntegerField(),
            )
        )
        .values_list("id", "partner_reference", "created_at", "kind", "first_contact_at", "helped")
    )
    page = Paginator(signals, PER_PAGE).get_page(page_number)
    rows = [
        PartnerSignalRow(
            id=pk,
            reference=reference,
            arrived=arrived,
            kind=kind,
            contact_made=first_contact is not None,
            help_accepted=None if helped is None else bool(helped),
        )
        for pk, reference, arrived, kind, first_contact, helped in page.object_list
    ]
    audit.note_records("signal", [row.id for row in rows])
    page.object_list = rows
    return page
