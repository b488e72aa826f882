from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import PlanAccess, access_for, people_who_see

from .models import Message, Thread


def _can_read(access: PlanAccess, thread: Thread) -> bool:
    return Thread.objects.filter(access.threads_filter(), pk=thread.pk).exists()


def _tell_readers(*, thread: Thread, author) -> None:
    """Notify everyone who can read the thread right now, except the writer: someone who
    lost access to conversations is not told about new messages."""
    url = reverse("thread", args=[thread.plan_id, thread.pk])
    readers = {user.pk: user for user in thread.participants.all()} | {thread.plan.owner_id: thread.plan.owner}
    for user in readers.values():
        if user.pk == author.pk:
            continue
        access = access_for(user, thread.plan)
        if access is not None and _can_read(access, thread):
            notify(user=user, kind=Notification.Kind.MESSAGE, plan=thread.plan, url=url)


@transaction.atomic
def thread_create(*, access: PlanAccess, subject: str, participant_ids: list[int], text: str) -> Thread:
    """Start a conversation with chosen people who may see conversations; the resident
    always reads along."""
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.CONVERSATIONS, Level.CONTRIBUTE)
    allowed = {user.pk: user for user in people_who_see(access.plan, Part.CONVERSATIONS)}
    chosen = [allowed[pk] for pk in participant_ids if pk in allowed]
    thread = Thread.objects.create(plan=access.plan, subject=subject, created_by=access.user)
    thread.participants.set({access.user, access.plan.owner, *chosen})
    Message.objects.create(thread=thread, author=access.user, text=text, on_behalf=access.acts_on_behalf)
    _tell_readers(thread=thread, author=access.user)
    return thread


@transaction.atomic
def message_post(*, access: PlanAccess, thread: Thread, text: str) -> Message:
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.CONVERSATIONS, Level.CONTRIBUTE)
    if thread.plan_id != access.plan.pk or not _can_read(access, thread):
        raise Http404
    message = Message.objects.create(thread=thread, author=access.user, text=text, on_behalf=access.acts_on_behalf)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=timezone.now())
    _tell_readers(thread=thread, author=access.user)
    return message
