"""A question arrives: sent without an account from a hub's public page, or registered at
the walk-in desk by a wijk team member with the resident present."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User, Wijk
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.sharing import policy

from ..models import Question, QuestionEvent


@transaction.atomic
def question_create(
    *,
    wijk: Wijk,
    domains: list,
    text: str,
    channel: str,
    name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    registered_by: User | None = None,
) -> Question:
    """Store a question for the wijk team of `wijk` (the asker agreed just now) and tell the team."""
    now = timezone.now()
    question = Question.objects.create(
        wijk=wijk,
        source=Question.Source.ONLINE if registered_by is None else Question.Source.DESK,
        text=text.strip(),
        name=name.strip(),
        channel=channel,
        # Only the detail that goes with the chosen way is needed; the others are kept too
        # when given, as a second way to reach someone.
        phone=phone,
        email=email,
        address=address.strip(),
        consent_at=now,
        registered_by=registered_by,
        created_at=now,
    )
    if domains:
        question.domains.set(domains)
    QuestionEvent.objects.create(question=question, kind=QuestionEvent.Kind.CREATED, by=registered_by, at=now)
    audit.note_records("question", [question.pk])
    audit.note_action(AuditEntry.Action.CREATE)
    _tell_team(question, registered_by)
    return question


def _tell_team(question: Question, registered_by: User | None) -> None:
    """A neutral notification to everyone in the wijk team (the policy says who is), except
    the member who registered it at the desk."""
    url = reverse("question", args=[question.pk])
    for user in policy.wijk_team_members(question.wijk_id).exclude(pk=getattr(registered_by, "pk", None)):
        notify(user=user, kind=Notification.Kind.QUESTION_NEW, url=url)
