"""Writes of consults (the light version). Each asks what the policy gave the caller first
(`may_ask_consult`, a `PlanAccess`, a `ConsultAccess`). A change of state names the version
the person saw, so two colleagues answering at once cannot both win (`ConsultConflict`).
Every change is audited and told with a neutral notification."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib import pii
from samenplan.measuring.models import LifeDomain
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import (
    ConsultAccess,
    PlanAccess,
    may_ask_consult,
    may_ask_consult_about,
    resident_side,
)

from ..models import Consult
from ..selectors.consults import known_names


class ConsultConflict(Exception):
    """Someone changed the consult since the page was drawn (a colleague answered it, the
    resident withdrew). Nothing was changed."""


def consult_url(consult: Consult) -> str:
    return reverse("consult", args=[consult.pk])


def plan_consult_url(consult: Consult) -> str:
    return reverse("plan_consult", args=[consult.plan_id, consult.pk])


def _tell_organisation(consult: Consult) -> None:
    """Every active professional of the organisation asked (plan=None: they are not in the
    plan; the notification carries no content)."""
    staff = User.objects.filter(organisation_id=consult.to_organisation_id, role=User.Role.PROFESSIONAL, is_active=True)
    for person in staff:
        notify(user=person, kind=Notification.Kind.CONSULT_RECEIVED, url=consult_url(consult))


def _tell_resident_side(consult: Consult, actor: User) -> None:
    """The resident and her representatives for all parts, who decide."""
    for person in resident_side(consult.plan):
        if person.pk != actor.pk:
            notify(
                user=person, kind=Notification.Kind.CONSULT_CONSENT, plan=consult.plan, url=plan_consult_url(consult)
            )


def _transition(consult: Consult, *, version: int, status: str, **fields) -> Consult:
    """Move the consult to `status` if nobody changed it since `version`; else `ConsultConflict`."""
    if status in (Consult.Status.ANSWERED, Consult.Status.CANCELLED):
        fields["closed_at"] = timezone.now()
    updated = Consult.objects.filter(pk=consult.pk, version=version, status=consult.status).update(
        status=status, version=F("version") + 1, **fields
    )
    if not updated:
        raise ConsultConflict
    consult.refresh_from_db()
    return consult


@transaction.atomic
def consult_ask(
    *,
    user: User,
    to_organisation: Organisation,
    domain: LifeDomain,
    question: str,
    access: PlanAccess | None = None,
    part: str = "",
    submit_token: uuid.UUID | None = None,
) -> Consult:
    """Ask another organisation. Anonymous (no `access`): open at once, and the question must
    hold no personal data. About one part of a plan: it waits for the resident's consent.
    The same form submitted twice makes one consult."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not may_ask_consult(user):
        raise Http404
    if access is not None and (access.user.pk != user.pk or not may_ask_consult_about(access, part)):
        raise Http404
    if to_organisation.pk == user.organisation_id:
        raise ValueError("A consult goes to another organisation.")
    if access is None and pii.findings(question, names=known_names(user=user)):
        # The form says what it found; this guards every other caller.
        raise ValueError("An anonymous consult holds no personal data.")
    if submit_token is not None:
        existing = Consult.objects.filter(submit_token=submit_token, asked_by=user).first()
        if existing is not None:
            audit.note_records("consult", [existing.pk])
            return existing
    if access is not None:
        access.touched.add(Part(part).value)
    try:
        with transaction.atomic():
            consult = Consult.objects.create(
                asked_by=user,
                from_organisation_id=user.organisation_id,
                to_organisation=to_organisation,
                domain=domain,
                question=question,
                plan=access.plan if access is not None else None,
                part=part if access is not None else "",
                status=Consult.Status.OPEN if access is None else Consult.Status.AWAITING_CONSENT,
                submit_token=submit_token or uuid.uuid4(),
            )
    except IntegrityError:
        # The same token in a race: the first one made it.
        consult = Consult.objects.get(submit_token=submit_token, asked_by=user)
        audit.note_records("consult", [consult.pk])
        return consult
    audit.note_records("consult", [consult.pk])
    if access is None:
        _tell_organisation(consult)
    else:
        _tell_resident_side(consult, user)
    return consult


@transaction.atomic
def consult_consent(*, ca: ConsultAccess, version: int) -> Consult:
    """The resident (or a representative for all parts) agrees: the organisation asked reads
    the question and the one part until it answers."""
    audit.note_action(AuditEntry.Action.SHARE)
    if ca.side != "resident":
        raise Http404
    if not ca.can_consent:
        raise ConsultConflict
    access = ca.table
    consult = _transition(
        ca.consult,
        version=version,
        status=Consult.Status.OPEN,
        consented_by=ca.user,
        consented_at=timezone.now(),
        consent_on_behalf=access.acts_on_behalf if access is not None else False,
    )
    ca.consult = consult
    _tell_organisation(consult)
    return consult


@transaction.atomic
def consult_cancel(*, ca: ConsultAccess, version: int) -> Consult:
    """Stop the consult: the resident saying no or withdrawing, or who asked. From the next
    request on the organisation asked sees nothing of the plan through it (the policy)."""
    audit.note_action(AuditEntry.Action.SHARE if ca.side == "resident" else AuditEntry.Action.UPDATE)
    if ca.side not in ("resident", "asker"):
        raise Http404
    if not ca.can_cancel:
        raise ConsultConflict
    consult = _transition(ca.consult, version=version, status=Consult.Status.CANCELLED)
    ca.consult = consult
    return consult


@transaction.atomic
def consult_answer(*, ca: ConsultAccess, version: int, answer: str) -> Consult:
    """A professional of the organisation asked answers: the consult closes, and with it
    what that organisation saw of the plan."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if ca.side != "receiver":
        raise Http404
    if not ca.can_answer:
        raise ConsultConflict
    now = timezone.now()
    consult = _transition(
        ca.consult,
        version=version,
        status=Consult.Status.ANSWERED,
        answer=answer,
        answered_by=ca.user,
        answered_at=now,
    )
    ca.consult = consult
    notify(user=consult.asked_by, kind=Notification.Kind.CONSULT_ANSWERED, url=consult_url(consult))
    return consult
