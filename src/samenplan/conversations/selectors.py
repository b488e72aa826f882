from django.db.models import Count, Prefetch
from django.http import Http404

from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess, members_levels

from .models import Message, Thread


def thread_list(*, access: PlanAccess, with_messages: bool = False) -> list[Thread]:
    """The threads this user may read: all of them for the resident, their own for others."""
    access.require(Part.CONVERSATIONS)
    threads = (
        Thread.objects.filter(access.threads_filter())
        .distinct()
        .annotate(message_count=Count("messages", distinct=True))
        .prefetch_related("participants")
    )
    if with_messages:
        threads = threads.prefetch_related(Prefetch("messages", queryset=Message.objects.select_related("author")))
    return list(threads)


def thread_get(*, access: PlanAccess, thread_id) -> Thread:
    access.require(Part.CONVERSATIONS)
    try:
        return (
            Thread.objects.filter(access.threads_filter())
            .distinct()
            .prefetch_related("participants", Prefetch("messages", queryset=Message.objects.select_related("author")))
            .get(pk=int(thread_id))
        )
    except (Thread.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def who_cannot_reply(*, access: PlanAccess, thread: Thread | None = None) -> list[tuple[Membership, bool]]:
    """For who decides who sees what: the people in this thread who cannot answer in it,
    each with whether they still read it, so the page can say so and where to change it.
    Without a thread: the coordinator, when they read messages but cannot answer (the
    resident's fixed contact should be able to answer her; others may be meant to read only)."""
    if not access.can_manage_sharing:
        return []
    memberships = access.plan.memberships.filter(ended_at__isnull=True, user__isnull=False).exclude(
        user_id=access.user.pk
    )
    if thread is not None:
        memberships = memberships.filter(user__in=[user.pk for user in thread.participants.all()])
    else:
        memberships = memberships.filter(role=Membership.Role.COORDINATOR)
    memberships = list(memberships.select_related("user"))
    if not memberships:
        return []
    levels = members_levels(access.plan, memberships)
    result = []
    for membership in memberships:
        reads = levels[membership.pk].can_view(Part.CONVERSATIONS)
        if not levels[membership.pk].can_contribute(Part.CONVERSATIONS) and (reads or thread is not None):
            result.append((membership, reads))
    return result
