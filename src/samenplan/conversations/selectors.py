from django.db.models import Count, Prefetch
from django.http import Http404

from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess

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
