from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samenplan.plans.shell import plan_context
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import plan_access

from .forms import AccessLogFilter
from .selectors import MAX_ENTRIES, access_log, access_log_people


@login_required
def access_log_view(request, plan_id):
    """ "Wie heeft mijn plan bekeken": who looked at the plan, when, and what they did."""
    access = plan_access(request.user, plan_id)
    people = access_log_people(access=access)
    # Always bound: an empty filter means the last three months, everyone, every part.
    form = AccessLogFilter(request.GET, people=people, parts=access.watched_parts)
    lines, more = [], False
    if form.is_valid():
        data = form.cleaned_data
        lines, more = access_log(
            access=access,
            since=data["since"],
            until=data["until"],
            actor_id=data.get("person"),
            part=data.get("part") or None,
            include_own=bool(data.get("own")),
        )
    return render(
        request,
        "audit/access_log.html",
        plan_context(
            access,
            "access_log",
            form=form,
            lines=lines,
            more=more,
            max_entries=MAX_ENTRIES,
            part_labels=dict(Part.choices),
            # The resident reads about "je plan"; a representative about "Fatima's plan".
            owner_name="" if access.is_owner else access.plan.owner.first_name or access.plan.owner.display_name,
        ),
    )
