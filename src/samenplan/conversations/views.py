from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.plans.shell import add_form, plan_context, submitted
from samenplan.sharing import selectors as sharing_selectors
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import people_who_see, plan_access

from . import selectors, services
from .forms import MessageForm, ThreadForm


@login_required
def conversations(request, plan_id):
    access = plan_access(request.user, plan_id, part=Part.CONVERSATIONS)
    people = [u for u in people_who_see(access.plan, Part.CONVERSATIONS) if u.pk != access.user.pk]
    form = add_form(
        request,
        access,
        Part.CONVERSATIONS,
        lambda data: ThreadForm(data, people=people, owner=access.plan.owner, for_owner=access.is_owner),
    )
    if submitted(request, form):
        data = form.cleaned_data
        thread = services.thread_create(
            access=access,
            subject=data["subject"],
            participant_ids=[int(pk) for pk in data["participants"]],
            text=data["text"],
        )
        messages.success(request, _("Your message is sent."))
        return redirect("thread", access.plan.pk, thread.pk)
    threads = selectors.thread_list(access=access)
    context = plan_context(
        access,
        Part.CONVERSATIONS.value,
        threads=threads,
        form=form,
        # Why this person cannot start a conversation, if they cannot: the page says so.
        why_not=sharing_selectors.why_not(access, Part.CONVERSATIONS),
        nobody_to_write_to=not people,
        cannot_reply=selectors.who_cannot_reply(access=access),
    )
    return render(request, "conversations/list.html", context)


@login_required
def thread(request, plan_id, thread_id):
    access = plan_access(request.user, plan_id, part=Part.CONVERSATIONS)
    item = selectors.thread_get(access=access, thread_id=thread_id)
    form = add_form(request, access, Part.CONVERSATIONS, MessageForm)
    if submitted(request, form):
        message = services.message_post(access=access, thread=item, text=form.cleaned_data["text"])
        return redirect(f"{request.path}#message-{message.pk}")
    context = plan_context(
        access,
        Part.CONVERSATIONS.value,
        thread=item,
        form=form,
        # Why this person cannot answer, if they cannot; and, for the resident, who in the
        # thread cannot answer her.
        why_not=sharing_selectors.why_not(access, Part.CONVERSATIONS),
        cannot_reply=selectors.who_cannot_reply(access=access, thread=item),
    )
    return render(request, "conversations/thread.html", context)
