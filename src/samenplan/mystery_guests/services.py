"""Changes for mystery guests: touchpoints, guests, reports and responses. Each asks the
policy first and notes what it changed in the audit log."""

from django.db import transaction
from django.utils import timezone

from samenplan.accounts.models import Organisation
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.sharing.policy import (
    MYSTERY_GUEST_ROLES,
    coordinates_programme,
    mystery_guest_for,
    mystery_may_respond,
    mystery_organisation_filter,
    programme_municipality_id,
)

from .models import MysteryGuest, Report, Response, Touchpoint
from .scrub import scrub_letter
from .selectors import known_names


def letter_clean(text: str) -> str:
    """A pasted letter without personal data: patterns and the names of every account."""
    return scrub_letter(text, names=known_names()) if text.strip() else ""


@transaction.atomic
def touchpoint_create(*, user, organisation, kind: str, name: str, description: str = "") -> Touchpoint:
    """List a touchpoint of an organisation the person manages (or any, for the coordinator)."""
    if not Organisation.objects.filter(mystery_organisation_filter(user), pk=organisation.pk).exists():
        raise PermissionError("may not list touchpoints for this organisation")
    touchpoint = Touchpoint.objects.create(
        organisation=organisation, kind=kind, name=name, description=description, added_by=user
    )
    audit.note_admin(
        AuditEntry.Action.CREATE,
        obj=touchpoint,
        description=f"mystery_guests.touchpoint#{touchpoint.pk}: listed for accounts.organisation#{organisation.pk}",
    )
    return touchpoint


@transaction.atomic
def guest_add(*, user, account, kind: str) -> MysteryGuest:
    """Make an existing account a mystery guest of this kind (or change the kind)."""
    if not coordinates_programme(user) or not account.is_active or account.role not in MYSTERY_GUEST_ROLES:
        raise PermissionError("may not add this guest")
    guest, created = MysteryGuest.objects.update_or_create(user=account, defaults={"kind": kind, "added_by": user})
    audit.note_subject(account)
    audit.note_records("mystery_guest", [guest.pk])
    audit.note_action(AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE)
    return guest


@transaction.atomic
def report_file(*, user, touchpoint: Touchpoint, **fields) -> Report:
    """File a guest's report; the letter is scrubbed again here, whatever was sent."""
    guest = mystery_guest_for(user)
    if guest is None or touchpoint.organisation.municipality_id != programme_municipality_id(user):
        raise PermissionError("not a mystery guest")
    fields["letter_text"] = letter_clean(fields.get("letter_text", ""))
    report = Report.objects.create(touchpoint=touchpoint, filed_by=user, guest_kind=guest.kind, **fields)
    audit.note_records("mystery_report", [report.pk])
    audit.note_action(AuditEntry.Action.CREATE)
    return report


@transaction.atomic
def response_create(*, user, report: Report, action: str, due_on) -> Response:
    """The organisation's answer: what it will do and by when."""
    if not mystery_may_respond(user, report):
        raise PermissionError("not an admin of this organisation")
    response = Response.objects.create(
        report=report, action=action, due_on=due_on, responded_by=user, responded_at=timezone.now()
    )
    audit.note_records("mystery_report", [report.pk])
    audit.note_action(AuditEntry.Action.CREATE)
    return response
