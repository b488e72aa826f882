"""The shell every plan page shares, whichever app serves it: the plan's menu (only the
pages this user may open), the context each plan template expects, and the "add" form
that only contributors get. It lives below the views that use it."""

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import posted
from samenplan.sharing.parts import Level, Part, part_label, possessive
from samenplan.sharing.policy import (
    PlanAccess,
    sees_plan_buddy,
    sees_plan_cases,
    sees_plan_conferences,
    sees_plan_meetings_page,
)

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


def viewer_owner_name(access: PlanAccess) -> str | None:
    """None for the owner, whom the plan speaks to; the owner's first name for everyone
    else, to whom the plan speaks about the resident."""
    if access.is_owner:
        return None
    owner = access.plan.owner
    return owner.first_name or owner.display_name


def part_labels(access: PlanAccess) -> dict[str, str]:
    """Each part's name in this viewer's voice ("My story" or "Fatima's story"), by key."""
    owner_name = viewer_owner_name(access)
    return {part.value: part_label(part, owner_name=owner_name) for part in Part}


def may_open_emergency_page(access: PlanAccess) -> bool:
    """The emergency page has something for this user: a part they may open in an
    emergency (one they do not see yet), or emergencies they watch. Someone who already
    sees every part has nothing to open there, so the menu does not offer it."""
    if access.watches_emergencies:
        return True
    return access.can_ask_emergency_access and any(not access.can_view(part) for part in Part)


def may_open_progress(access: PlanAccess) -> bool:
    """The page of change over time has something for this user: the measurements (the
    assessment part) or the goals' attainment (the evaluations and the goals)."""
    return access.can_view(Part.ASSESSMENT) or (access.can_view(Part.EVALUATIONS) and access.can_view(Part.GOALS))


def plan_nav(access: PlanAccess, labels: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(key, label, url) of each page this user may open, for the plan's menu."""
    plan_id = access.plan.pk
    labels = labels if labels is not None else part_labels(access)
    items = [("overview", _("Overview"), reverse("plan", args=[plan_id]))]
    for part, url_name in PART_PAGES:
        if access.can_view(part):
            items.append((part.value, labels[part.value], reverse(url_name, args=[plan_id])))
        elif part == Part.AGREEMENTS and access.has_assigned_agreements:
            items.append((part.value, _("My agreements"), reverse(url_name, args=[plan_id])))
        if part == Part.ASSESSMENT and may_open_progress(access):
            # Their own change over time, after how it is going now.
            owner_name = viewer_owner_name(access)
            mine = (
                _("My progress")
                if owner_name is None
                else _("%(possessive)s progress") % {"possessive": possessive(owner_name)}
            )
            items.append(("progress", mine, reverse("assessment_progress", args=[plan_id])))
        if part == Part.AGREEMENTS and access.sees_referrals:
            # "Wie helpt mij": the professionals and referrals, seen with the agreements.
            owner_name = viewer_owner_name(access)
            helps = _("Who helps me") if owner_name is None else _("Who helps %(name)s") % {"name": owner_name}
            items.append(("referrals", helps, reverse("referrals", args=[plan_id])))
    if sees_plan_meetings_page(access):
        owner_name = viewer_owner_name(access)
        if owner_name is None:
            meetings = _("Meetings about my plan")
        else:
            meetings = _("Case conferences") if sees_plan_conferences(access) else _("Ask for advice")
        items.append(("conferences", meetings, reverse("plan_conferences", args=[plan_id])))
    if sees_plan_buddy(access):
        buddy = _("My buddy") if viewer_owner_name(access) is None else _("Buddy")
        items.append(("buddy", buddy, reverse("plan_buddy", args=[plan_id])))
    if sees_plan_cases(access):
        items.append(("learning", _("Learning sessions"), reverse("learning_plan", args=[plan_id])))
    if access.can_manage_sharing:
        items.append(("sharing", _("Who sees what"), reverse("sharing", args=[plan_id])))
    if access.can_read_access_log:
        # A representative reads the log too, about the resident's plan, not their own.
        owner_name = viewer_owner_name(access)
        looked = (
            _("Who looked at my plan")
            if owner_name is None
            else _("Who looked at %(possessive)s plan") % {"possessive": possessive(owner_name)}
        )
        items.append(("access_log", looked, reverse("access_log", args=[plan_id])))
    if may_open_emergency_page(access):
        items.append(("emergency", _("Emergency access"), reverse("emergency", args=[plan_id])))
    items.append(("print", _("Print"), reverse("plan_print", args=[plan_id])))
    return items


def plan_context(access: PlanAccess, current: str, **extra) -> dict:
    labels = part_labels(access)
    nav_items = plan_nav(access, labels)
    return {
        "access": access,
        "plan": access.plan,
        "nav_items": nav_items,
        "nav_current": current,
        # Part names in the viewer's voice: "My story" to the owner, "Fatima's story" to others.
        "part_labels": labels,
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
