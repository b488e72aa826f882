"""Writes of convening a case conference: the coordinator convenes it and proposes people,
the resident agrees (choosing who joins and what the table may see) or declines, anyone
at the table adds agenda points, the coordinator closes or cancels it. Each asks the
access object the policy gave the caller first; state changes name the version the person
saw (`ConferenceConflict`); every change is audited and told with a neutral notification."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import (
    ConferenceAccess,
    PlanAccess,
    can_convene,
    may_join_conferences,
    plan_coordinator,
    resident_side,
)
from samenplan.sharing.services import conference_sharing_record

from ..models import NETWORK_ROLES, AgendaItem, Conference, Participant

# Conversations are between their participants: the table never reads them.
CONSENTABLE_PARTS = [part.value for part in Part if part != Part.CONVERSATIONS]
# Network members the resident may bring to the table.


class ConferenceConflict(Exception):
    """Someone changed the conference since the page was drawn (the resident answered, the
    coordinator closed it). The page says so; nothing was changed."""


def conference_url(conference: Conference) -> str:
    """The conference page, where every notification about it points."""
    return reverse("conference", args=[conference.pk])


def consent_url(conference: Conference) -> str:
    return reverse("conference_consent", args=[conference.pk])


def _tell_resident_side(conference: Conference, kind: str, actor: User, url: str) -> None:
    for person in resident_side(conference.plan):
        if person.pk != actor.pk:
            notify(user=person, kind=kind, plan=conference.plan, url=url)


def _tell_coordinator(conference: Conference, actor: User) -> None:
    person = plan_coordinator(conference.plan)
    if person is not None and person.pk != actor.pk:
        notify(
            user=person, kind=Notification.Kind.CONFERENCE_CHANGED, plan=conference.plan, url=conference_url(conference)
        )


def _tell_participants(participants, kind: str, actor: User, url: str) -> None:
    """Participants are not (necessarily) plan members: plan=None; the notification carries no content."""
    for participant in participants:
        if participant.user is not None and participant.user_id != actor.pk:
            notify(user=participant.user, kind=kind, url=url)


def _approved(conference: Conference) -> list[Participant]:
    return list(
        conference.participants.filter(approved_at__isnull=False, removed_at__isnull=True).select_related("user")
    )


def _transition(conference: Conference, *, version: int, statuses, **fields) -> Conference:
    """Change the conference if nobody changed it since `version`; else `ConferenceConflict`."""
    updated = Conference.objects.filter(pk=conference.pk, version=version, status__in=statuses).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ConferenceConflict
    plan, convened_by = conference.plan, conference.convened_by
    conference.refresh_from_db()
    # Keep the loaded plan (with its owner) and convener: the page goes on with them.
    conference.plan, conference.convened_by = plan, convened_by
    return conference


def _add_professionals(conference: Conference, professionals: list[User], by: User) -> list[Participant]:
    present = set(
        conference.participants.filter(removed_at__isnull=True, user__isnull=False).values_list("user_id", flat=True)
    )
    added = []
    for person in professionals:
        if person.pk in present or person.pk == by.pk or not may_join_conferences(person):
            continue
        if person.organisation_id is None:
            continue
        present.add(person.pk)
        added.append(
            Participant.objects.create(
                conference=conference,
                kind=Participant.Kind.PROFESSIONAL,
                user=person,
                organisation_id=person.organisation_id,
                name=person.display_name,
                proposed_by=by,
            )
        )
    return added


@transaction.atomic
def conference_convene(
    *,
    access: PlanAccess,
    stuck: str,
    tried: str,
    meets_at: datetime,
    place: str,
    professionals: list[User],
    submit_token: uuid.UUID | None = None,
) -> Conference:
    """The coordinator convenes a case conference. Nothing leaves the plan until the
    resident agrees. The same form submitted twice makes one conference."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not can_convene(access):
        raise Http404
    if submit_token is not None:
        existing = Conference.objects.filter(submit_token=submit_token, plan=access.plan).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            conference = Conference.objects.create(
                plan=access.plan,
                convened_by=access.user,
                stuck=stuck,
                tried=tried,
                meets_at=meets_at,
                place=place,
                submit_token=submit_token or uuid.uuid4(),
            )
    except IntegrityError:
        # The same token in a race: the first one made it.
        return Conference.objects.get(submit_token=submit_token, plan=access.plan)
    _add_professionals(conference, professionals, access.user)
    audit.note_records("conference", [conference.pk])
    _tell_resident_side(conference, Notification.Kind.CONFERENCE_CONSENT, access.user, consent_url(conference))
    return conference


@transaction.atomic
def conference_consent(
    *,
    ca: ConferenceAccess,
    approve: list[Participant],
    network: list[Membership],
    parts: list[str],
    version: int,
) -> Conference:
    """The resident (or a representative for all parts) agrees: who joins, and which parts
    the table may see while the conference is planned. Changing it later works the same."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not ca.can_consent:
        raise Http404
    parts = [Part(p).value for p in parts]
    if any(p not in CONSENTABLE_PARTS for p in parts):
        raise ValueError("Conversations are not shared with a conference.")
    conference = ca.conference
    now = timezone.now()
    _transition(
        conference,
        version=version,
        statuses=Conference.OPEN,
        status=Conference.Status.PLANNED,
        consent_parts=parts,
        consented_by=ca.user,
        consented_at=now,
        consent_on_behalf=ca.on_behalf,
    )
    approve_ids = {p.pk for p in approve}
    newly_approved = []
    for participant in conference.participants.filter(
        kind=Participant.Kind.PROFESSIONAL, removed_at__isnull=True
    ).select_related("user"):
        if participant.pk in approve_ids:
            if participant.approved_at is None:
                participant.approved_at = now
                participant.save(update_fields=["approved_at"])
                newly_approved.append(participant)
        else:
            participant.removed_at = now
            participant.save(update_fields=["removed_at"])
    chosen = {
        m.pk: m for m in network if m.plan_id == conference.plan_id and m.ended_at is None and m.role in NETWORK_ROLES
    }
    for participant in conference.participants.filter(kind=Participant.Kind.NETWORK, removed_at__isnull=True):
        if chosen.pop(participant.membership_id, None) is None:
            participant.removed_at = now
            participant.save(update_fields=["removed_at"])
    for membership in chosen.values():
        newly_approved.append(
            Participant.objects.create(
                conference=conference,
                kind=Participant.Kind.NETWORK,
                membership=membership,
                user=membership.user,
                name=membership.display_name,
                proposed_by=ca.user,
                approved_at=now,
            )
        )
    conference_sharing_record(
        conference=conference, decided_by=ca.user, on_behalf=ca.on_behalf, people=_seats(_approved(conference))
    )
    audit.note_records("conference", [conference.pk])
    _tell_participants(newly_approved, Notification.Kind.CONFERENCE_INVITED, ca.user, conference_url(conference))
    _tell_coordinator(conference, ca.user)
    return conference


@transaction.atomic
def conference_decline(*, ca: ConferenceAccess, reason: str, version: int) -> Conference:
    """The resident says no: the conference does not go ahead and nobody sees anything."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not ca.can_decline:
        raise Http404
    conference = _transition(
        ca.conference,
        version=version,
        statuses=[Conference.Status.PROPOSED],
        status=Conference.Status.CANCELLED,
        cancel_reason=reason,
        consented_by=ca.user,
        consented_at=timezone.now(),
        consent_on_behalf=ca.on_behalf,
    )
    audit.note_records("conference", [conference.pk])
    _tell_coordinator(conference, ca.user)
    return conference


@transaction.atomic
def conference_propose_people(*, ca: ConferenceAccess, professionals: list[User]) -> list[Participant]:
    """The coordinator proposes more professionals; they join only once the resident approves."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not ca.can_propose_people:
        raise Http404
    conference = ca.conference
    added = _add_professionals(conference, professionals, ca.user)
    audit.note_records("conference", [conference.pk])
    if added and conference.status == Conference.Status.PLANNED:
        _tell_resident_side(conference, Notification.Kind.CONFERENCE_CONSENT, ca.user, consent_url(conference))
    return added


@transaction.atomic
def participant_remove(*, ca: ConferenceAccess, participant: Participant) -> None:
    """The coordinator takes a professional off the list; from the next request on they see nothing."""
    audit.note_action(AuditEntry.Action.DELETE)
    if not ca.can_propose_people or participant.conference_id != ca.conference.pk:
        raise Http404
    if participant.kind != Participant.Kind.PROFESSIONAL:
        # Network members are the resident's own choice, made on the consent page.
        raise Http404
    updated = Participant.objects.filter(pk=participant.pk, removed_at__isnull=True).update(removed_at=timezone.now())
    if not updated:
        raise ConferenceConflict
    audit.note_records("conference", [ca.conference.pk])


@transaction.atomic
def agenda_add(*, ca: ConferenceAccess, text: str) -> AgendaItem:
    """Put a point on the agenda; the resident's own points are shown as hers."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not ca.can_add_agenda:
        raise Http404
    item = AgendaItem.objects.create(
        conference=ca.conference,
        text=text,
        added_by=ca.user,
        by_resident=ca.is_resident_side,
        on_behalf=ca.is_resident_side and ca.on_behalf,
    )
    audit.note_records("conference", [ca.conference.pk])
    return item


def _seats(participants: list[Participant]) -> list[tuple[int | None, str]]:
    """The approved participants as a sharing decision names them: membership id and name."""
    return [(p.membership_id, p.name) for p in participants]


def _sharing_ends(conference: Conference, by: User, approved: list[Participant]) -> None:
    """A planned conference closed or called off: the table sees nothing any more."""
    if approved and conference.consent_parts:
        conference_sharing_record(
            conference=conference,
            decided_by=by,
            on_behalf=False,
            people=[(p.membership_id, p.name) for p in approved],
            ended=True,
        )


def _tell_everyone(conference: Conference, actor: User, approved: list[Participant]) -> None:
    """After closing or cancelling: the resident side, and the participants (whose page is gone:
    their link goes to their own list)."""
    _tell_resident_side(conference, Notification.Kind.CONFERENCE_CHANGED, actor, conference_url(conference))
    _tell_participants(approved, Notification.Kind.CONFERENCE_CHANGED, actor, reverse("my_conferences"))


@transaction.atomic
def conference_close(*, ca: ConferenceAccess, follow_up_on: date | None, version: int) -> Conference:
    """The coordinator closes the conference: from now on the participants see nothing of the plan."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not ca.can_close:
        raise Http404
    approved = _approved(ca.conference)
    conference = _transition(
        ca.conference,
        version=version,
        statuses=[Conference.Status.PLANNED],
        status=Conference.Status.CLOSED,
        follow_up_on=follow_up_on,
        closed_at=timezone.now(),
        closed_by=ca.user,
    )
    _sharing_ends(conference, ca.user, approved)
    audit.note_records("conference", [conference.pk])
    _tell_everyone(conference, ca.user, approved)
    return conference


@transaction.atomic
def conference_cancel(*, ca: ConferenceAccess, reason: str, version: int) -> Conference:
    """The coordinator calls the conference off; the participants see nothing any more."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not ca.can_cancel:
        raise Http404
    approved = _approved(ca.conference)
    was_planned = ca.conference.status == Conference.Status.PLANNED
    conference = _transition(
        ca.conference,
        version=version,
        statuses=Conference.OPEN,
        status=Conference.Status.CANCELLED,
        cancel_reason=reason,
        closed_at=timezone.now(),
        closed_by=ca.user,
    )
    if was_planned:
        _sharing_ends(conference, ca.user, approved)
    audit.note_records("conference", [conference.pk])
    _tell_everyone(conference, ca.user, approved)
    return conference


@transaction.atomic
def conference_follow_up_set(*, ca: ConferenceAccess, follow_up_on: date | None, version: int) -> Conference:
    """The coordinator sets or changes the date to look back on the decisions."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not ca.can_set_follow_up:
        raise Http404
    conference = _transition(
        ca.conference,
        version=version,
        statuses=[Conference.Status.PLANNED, Conference.Status.CLOSED],
        follow_up_on=follow_up_on,
    )
    audit.note_records("conference", [conference.pk])
    return conference
