"""The shell every plan page shares, whichever app serves it: the plan's menu (only the
pages this user may open), the context each plan template expects, and the "add" form
that only contributors get. It lives below the views that use it."""

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import posted
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import PlanAccess

# Parts that have a page of their own, in the order of the plan.
PART_PAGES = [
    (Part.STORY, "story"),
    (Part.PRIORITIES, "priorities"),
    (Part.STRENGTHS, "strengths"),
    (Part.ASSESSMENT, "assessment"),
    (Part.GOALS, "goals"),
    (Part.AGREEMENTS, "agreements"),
    (Part.EVALUATIONS, "evaluations"),
    (Part.NETWORK, "network"),
    (Part.CONVERSATIONS, "conversations"),
]


def plan_nav(access: PlanAccess) -> list[tuple[str, str, str]]:
    """(key, label, url) of each page this user may open, for the plan's menu."""
    plan_id = access.plan.pk
    items = [("overview", _("Overview"), reverse("plan", args=[plan_id]))]
    for part, url_name in PART_PAGES:
        if access.can_view(part):
            items.append((part.value, part.label, reverse(url_name, args=[plan_id])))
        elif part == Part.AGREEMENTS and access.has_assigned_agreements:
            items.append((part.value, _("My agreements"), reverse(url_name, args=[plan_id])))
    if access.can_manage_sharing:
        items.append(("sharing", _("Who sees what"), reverse("sharing", args=[plan_id])))
    if access.can_read_access_log:
        items.append(("access_log", _("Who looked at my plan"), reverse("access_log", args=[plan_id])))
    if access.can_ask_emergency_access or access.watches_emergencies:
        items.append(("emergency", _("Emergency access"), reverse("emergency", args=[plan_id])))
    items.append(("print", _("Print"), reverse("plan_print", args=[plan_id])))
    return items


def plan_context(access: PlanAccess, current: str, **extra) -> dict:
    nav_items = plan_nav(access)
    return {
        "access": access,
        "plan": access.plan,
        "nav_items": nav_items,
        "nav_current": current,
        # The menu's addresses by key, so templates link to a part without reversing again.
        "part_urls": {key: url for key, _label, url in nav_items},
        **extra,
    }


def add_form(request, access: PlanAccess, part: str, build):
    """The "add" form of a part's page for those who may add to that part (`build(data)`
    makes it); None for the others, whose POST is refused like any forbidden request."""
    if access.can_contribute(part):
        return build(posted(request))
    if request.method == "POST":
        access.require(part, Level.CONTRIBUTE)
    return None


def post_only(request):
    """A 405 for anything but POST (a button's action), or None to go on."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def submitted(request, form) -> bool:
    return form is not None and request.method == "POST" and form.is_valid()
