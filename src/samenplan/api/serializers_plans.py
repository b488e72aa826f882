"""What the plan endpoints answer. Each serializer only shapes what the view hands it: the
view reads through the plans, conversations and referrals selectors, which ask the policy
for every part, so nothing here can show a part the caller may not see.

The fields are declared for the contract (`openapi.yaml`); `to_representation` builds the
answer directly, which costs a fraction of DRF's field-by-field walk on a large plan."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenplan.plans.models import Agreement, Goal, Plan, Strength
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part

from .base import StrictSerializer

PARTS = [part.value for part in Part]
RELATIONS = ["owner", *Membership.Role.values]


def when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class WijkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PartsSerializer(serializers.Serializer):
    """One flag per part of the plan: whether this caller may see it."""

    story = serializers.BooleanField()
    priorities = serializers.BooleanField()
    strengths = serializers.BooleanField()
    assessment = serializers.BooleanField()
    goals = serializers.BooleanField()
    agreements = serializers.BooleanField()
    network = serializers.BooleanField()
    conversations = serializers.BooleanField()
    evaluations = serializers.BooleanField()


def plan_fields(access) -> dict:
    plan = access.plan
    return {
        "id": plan.pk,
        "resident": plan.owner.display_name,
        "wijk": {"id": plan.wijk_id, "name": plan.wijk.name},
        "status": plan.status,
        "started": when(plan.created_at),
        "closed": when(plan.closed_at),
        "relation": "owner" if access.is_owner else access.membership.role,
        "parts": {part: access.can_view(part) for part in PARTS},
    }


class PlanSummarySerializer(serializers.Serializer):
    """A plan in the caller's list (a `PlanAccess` from the policy)."""

    id = serializers.IntegerField()
    resident = serializers.CharField(help_text=_("The resident's name."))
    wijk = WijkSerializer()
    status = serializers.ChoiceField(choices=Plan.Status.values)
    started = serializers.DateTimeField()
    closed = serializers.DateTimeField(allow_null=True)
    relation = serializers.ChoiceField(
        choices=RELATIONS, help_text=_("The caller's place in the plan: its owner, or their role as a member.")
    )
    parts = PartsSerializer(help_text=_("Which parts of the plan the caller may see."))

    def to_representation(self, access):
        return plan_fields(access)


class StorySerializer(serializers.Serializer):
    version = serializers.IntegerField()
    text = serializers.CharField()
    writtenBy = serializers.CharField(allow_null=True)
    onBehalfOfResident = serializers.BooleanField()
    writtenAt = serializers.DateTimeField()
    confirmedAt = serializers.DateTimeField(
        allow_null=True, help_text=_("When the resident confirmed this version; null while not confirmed.")
    )


class PrioritySerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    areaOfLife = serializers.CharField()
    why = serializers.CharField()


class StrengthSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Strength.Kind.values)
    rank = serializers.IntegerField()
    what = serializers.CharField()
    who = serializers.CharField()


class MeasurementSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    perspective = serializers.CharField(help_text=_("Whose view: the resident's or a professional's."))
    recordedAt = serializers.DateTimeField()
    recordedBy = serializers.CharField(allow_null=True)
    note = serializers.CharField()


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    areaOfLife = serializers.CharField(allow_null=True)
    targetDate = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Goal.Status.values, help_text=_("How far the goal is."))
    whoHelps = serializers.CharField()


class AgreementSerializer(serializers.Serializer):
    """One agreement; `goalId` only for a caller who may see the goals."""

    id = serializers.IntegerField()
    what = serializers.CharField()
    who = serializers.ChoiceField(choices=Agreement.Who.values)
    name = serializers.CharField()
    dueDate = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Agreement.Status.values)
    support = serializers.ChoiceField(choices=Agreement.Support.values)
    goalId = serializers.IntegerField(allow_null=True)
    assignedToMe = serializers.BooleanField()
    version = serializers.IntegerField(help_text=_("Send it back with a change; it guards against lost updates."))

    def to_representation(self, data):
        # Built by `agreement_data`, which needs to know what the caller may see.
        return data


class AgreementDoneSerializer(StrictSerializer):
    version = serializers.IntegerField(
        min_value=1, help_text=_("The agreement's version as last read; a newer one means someone changed it.")
    )


def agreement_data(agreement: Agreement, *, user_id: int, sees_goals: bool) -> dict:
    return {
        "id": agreement.pk,
        "what": agreement.what,
        "who": agreement.who_kind,
        "name": agreement.who_name,
        "dueDate": when(agreement.due_date),
        "status": agreement.status,
        "support": agreement.support,
        "goalId": agreement.goal_id if sees_goals else None,
        "assignedToMe": agreement.assignee_id == user_id,
        "version": agreement.version,
    }


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plannedFor = serializers.DateField()
    heldAt = serializers.DateTimeField(allow_null=True)
    summary = serializers.CharField(help_text=_("What was noticed."))


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    relation = serializers.ChoiceField(choices=Membership.Relation.values)
    role = serializers.ChoiceField(choices=Membership.Role.values)
    organisation = serializers.CharField()
    helpsWith = serializers.CharField()


class PlanReadSerializer(serializers.Serializer):
    """The plan read: the plan as in the list, and each part the caller may see, absent
    when they may not. Conversations and referrals have endpoints of their own."""

    plan = PlanSummarySerializer()
    onlyOwnAgreements = serializers.BooleanField(
        help_text=_("True when the caller sees only the agreements given to them, not the whole part.")
    )
    story = StorySerializer(required=False, allow_null=True, help_text=_("The current version; null if none yet."))
    priorities = PrioritySerializer(many=True, required=False)
    strengths = StrengthSerializer(many=True, required=False)
    assessment = MeasurementSerializer(
        many=True, required=False, help_text=_("The latest measurement per instrument and perspective.")
    )
    goals = GoalSerializer(many=True, required=False)
    agreements = AgreementSerializer(many=True, required=False)
    evaluations = EvaluationSerializer(many=True, required=False)
    members = MemberSerializer(many=True, required=False, help_text=_("The people in the plan (the network part)."))

    def to_representation(self, data):
        # Read and built by `views.plans.plan_read`, part by part as the policy allows.
        return data


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField()
    onBehalfOfResident = serializers.BooleanField()
    at = serializers.DateTimeField()
    text = serializers.CharField()


class ThreadSerializer(serializers.Serializer):
    """A conversation thread the caller takes part in (the owner: every thread), with its
    messages, oldest first."""

    id = serializers.IntegerField()
    subject = serializers.CharField()
    participants = serializers.ListField(child=serializers.CharField(), help_text=_("Who takes part, by name."))
    lastMessageAt = serializers.DateTimeField()
    messages = MessageSerializer(many=True)

    def to_representation(self, thread):
        return {
            "id": thread.pk,
            "subject": thread.subject,
            "participants": sorted(user.display_name for user in thread.participants.all()),
            "lastMessageAt": when(thread.last_message_at),
            "messages": [
                {
                    "id": m.pk,
                    "author": m.author.display_name,
                    "onBehalfOfResident": m.on_behalf,
                    "at": when(m.created_at),
                    "text": m.text,
                }
                for m in thread.messages.all()
            ],
        }


class ReferralSerializer(serializers.Serializer):
    """A referral of the plan, as the plan's "Who helps" page shows it."""

    id = serializers.IntegerField()
    service = serializers.CharField()
    organisation = serializers.CharField()
    question = serializers.CharField(help_text=_("The question, in the resident's words."))
    status = serializers.CharField()
    state = serializers.CharField(help_text=_("The state in plain words, in the request's language."))
    urgent = serializers.BooleanField()
    overdue = serializers.BooleanField(help_text=_("No answer within the agreed number of working days."))
    proposedAt = serializers.DateTimeField()
    proposedBy = serializers.CharField()
    closed = serializers.BooleanField()
    outcome = serializers.CharField(help_text=_("What came of it, once finished."))

    def to_representation(self, referral):
        return {
            "id": referral.pk,
            "service": referral.service.name,
            "organisation": referral.organisation.name,
            "question": referral.question,
            "status": referral.status,
            "state": referral.state_text,
            "urgent": referral.priority == referral.Priority.URGENT,
            "overdue": bool(referral.overdue),
            "proposedAt": when(referral.proposed_at),
            "proposedBy": referral.proposed_by.display_name,
            "closed": referral.is_closed,
            "outcome": referral.outcome_text,
        }
