"""The referral inbox on the API: what the receiving organisation sees of a referral (as on
its inbox pages), and the bodies of its answers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenplan.referrals.models import Referral

from .base import StrictSerializer


class InboxReferral(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    version = serializers.IntegerField(help_text=_("Send it back with a state change (optimistic locking)."))
    priority = serializers.CharField()
    residentFirstName = serializers.CharField(help_text=_("Who it is for (first name only)."))
    serviceName = serializers.CharField()
    sentBy = serializers.CharField(help_text=_("Who sent it, and from which organisation."))
    sentAt = serializers.DateTimeField(allow_null=True)
    respondBy = serializers.DateField(allow_null=True)
    assignedTo = serializers.CharField(allow_null=True, help_text=_("The professional who took it on."))

    def to_representation(self, referral):
        sender = referral.proposed_by
        organisation = sender.organisation.name if sender.organisation_id else ""
        return {
            "id": referral.pk,
            "status": referral.status,
            "version": referral.version,
            "priority": referral.priority,
            "residentFirstName": referral.plan.owner.first_name,
            "serviceName": referral.service.name,
            "sentBy": f"{sender.display_name} ({organisation})" if organisation else sender.display_name,
            "sentAt": serializers.DateTimeField().to_representation(referral.consented_at)
            if referral.consented_at
            else None,
            "respondBy": referral.respond_by.isoformat() if referral.respond_by else None,
            "assignedTo": referral.assigned_to.display_name if referral.assigned_to_id else None,
        }


class InboxPartItem(serializers.Serializer):
    text = serializers.CharField()
    status = serializers.CharField(allow_null=True, required=False)
    date = serializers.DateField(allow_null=True, required=False)


class InboxConsentedParts(serializers.Serializer):
    """Each part the resident shared with the referral; a part not shared is left out."""

    story = serializers.CharField(required=False, allow_null=True)
    priorities = serializers.ListField(child=serializers.CharField(), required=False)
    strengths = serializers.ListField(child=serializers.CharField(), required=False)
    assessment = serializers.ListField(child=InboxPartItem(), required=False)
    goals = serializers.ListField(child=InboxPartItem(), required=False)
    agreements = serializers.ListField(child=InboxPartItem(), required=False)
    evaluations = serializers.ListField(child=InboxPartItem(), required=False)
    network = serializers.ListField(child=serializers.CharField(), required=False)


class InboxReferralDetail(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    priority = serializers.CharField()
    residentFirstName = serializers.CharField(allow_null=True)
    serviceName = serializers.CharField()
    question = serializers.CharField(allow_null=True, help_text=_("The question, while the referral is open."))
    contactChannel = serializers.CharField(allow_null=True)
    contactDetail = serializers.CharField(allow_null=True)
    consentedParts = serializers.ListField(child=serializers.CharField())
    consentUntil = serializers.DateField(allow_null=True)
    respondBy = serializers.DateField(allow_null=True)
    assignedTo = serializers.CharField(allow_null=True)
    outcome = serializers.CharField(allow_null=True)
    parts = InboxConsentedParts(allow_null=True, help_text=_("The consented parts, while it is open."))


class _ReferralAnswer(StrictSerializer):
    version = serializers.IntegerField(min_value=1, help_text=_("The version you read."))


class ReferralAcceptBody(_ReferralAnswer):
    acceptedBy = serializers.EmailField(
        required=False,
        help_text=_(
            "A partner system names the professional of its organisation who takes the referral on "
            "(their email address); they become a member of the resident's plan."
        ),
    )


class ReferralRejectBody(_ReferralAnswer):
    reason = serializers.CharField(max_length=1000, help_text=_("Why you cannot take this on."))
    suggestedServiceId = serializers.IntegerField(required=False, allow_null=True)
    rejectedBy = serializers.EmailField(
        required=False, help_text=_("A partner system names the professional who rejects it (their email address).")
    )


class ReferralStartBody(_ReferralAnswer):
    pass


class ReferralCompleteBody(_ReferralAnswer):
    outcome = serializers.ChoiceField(
        choices=Referral.Outcome.values,
        error_messages={"invalid_choice": _("Choose one of: helped, partly, not_helped, withdrew.")},
    )

    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class ReferralFailBody(_ReferralAnswer):
    reason = serializers.CharField(max_length=1000)


class ReferralState(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    assignedTo = serializers.CharField(allow_null=True)


def referral_state(referral: Referral) -> dict:
    return {
        "id": referral.pk,
        "status": referral.status,
        "version": referral.version,
        "assignedTo": referral.assigned_to.display_name if referral.assigned_to_id else None,
    }


def _dated(text: str, status: str | None = None, day=None) -> dict:
    return {"text": text, "status": status, "date": day.isoformat() if day else None}


def referral_detail(detail) -> dict:
    """What the receiving organisation's page shows of one referral (`ReceivedReferral`)."""
    referral = detail.referral
    open_ = detail.access.sees_question
    data = {
        "id": referral.pk,
        "status": referral.status,
        "version": referral.version,
        "priority": referral.priority,
        "residentFirstName": referral.plan.owner.first_name if open_ else None,
        "serviceName": referral.service.name,
        "question": referral.question if open_ else None,
        "contactChannel": (referral.contact_channel or None) if open_ else None,
        "contactDetail": (referral.contact_detail or None) if open_ else None,
        "consentedParts": list(referral.consent_parts),
        "consentUntil": referral.consent_until.isoformat() if referral.consent_until else None,
        "respondBy": referral.respond_by.isoformat() if referral.respond_by else None,
        "assignedTo": referral.assigned_to.display_name if referral.assigned_to_id else None,
        "outcome": referral.outcome or None,
        "parts": None,
    }
    parts = detail.parts
    if parts is None:
        return data
    shown: dict = {}
    if parts.story is not None or detail.plan_access.can_view("story"):
        shown["story"] = parts.story.text if parts.story is not None else None
    if parts.priorities is not None:
        shown["priorities"] = [
            f"{p.domain.label}: {p.note}" if p.note else str(p.domain.label) for p in parts.priorities
        ]
    if parts.strengths is not None:
        shown["strengths"] = [
            f"{s.text} ({s.who})" if s.who else s.text for kind in parts.strengths.values() for s in kind
        ]
    if parts.measurements is not None:
        shown["assessment"] = [
            _dated(f"{m.instrument.label}{': ' + m.note if m.note else ''}", None, m.recorded_at.date())
            for m in parts.measurements
        ]
    if parts.goals is not None:
        shown["goals"] = [_dated(g.text, g.status, g.target_date) for g in parts.goals]
    if parts.agreements is not None:
        shown["agreements"] = [_dated(a.what, a.status, a.due_date) for a in parts.agreements]
    if parts.evaluations is not None:
        shown["evaluations"] = [
            _dated("\n".join(t for t in (e.summary, e.decisions) if t), None, e.scheduled_for)
            for e in parts.evaluations
        ]
    if parts.members is not None:
        shown["network"] = [m.display_name for m in parts.members]
    data["parts"] = shown
    return data
