"""Consults (the light version): reads for the pages that list and show them, the names an
anonymous question must not contain, and the counts the insights module uses."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.directory.models import Service
from samenplan.measuring.models import LifeDomain
from samenplan.referrals.selectors_inbox import ConsentedParts, consented_parts
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import (
    ConsultAccess,
    PlanAccess,
    accessible_plans,
    asked_consult_filter,
    consult_inbox_filter,
    may_ask_consult_about,
    may_ask_consult_from_plan,
    plan_consult_filter,
)

from ..models import Consult

# Answered or stopped consults stay on the list this long.
CLOSED_SHOWN_FOR = timedelta(days=90)


@dataclass
class PlanConsults:
    items: list[Consult] = field(default_factory=list)
    # Whether this viewer may ask another organisation about a part of this plan.
    can_ask: bool = False


def plan_consults(*, access: PlanAccess) -> PlanConsults:
    """The consults about this plan, for the page of meetings about the plan."""
    items = list(
        Consult.objects.filter(plan_consult_filter(access)).select_related("asked_by", "to_organisation", "domain")
    )
    can_ask = may_ask_consult_from_plan(access)
    return PlanConsults(items=items, can_ask=can_ask)


def parts_to_ask_about(*, access: PlanAccess) -> list[str]:
    """The parts of this plan the user may ask another organisation about."""
    return [part.value for part in Part if may_ask_consult_about(access, part)]


@dataclass
class ConsultsPage:
    asked: list[Consult]
    # Reached my organisation: open ones first, then those answered lately.
    received_open: list[Consult]
    received_answered: list[Consult]


def _listed(queryset):
    # The list never shows the question or the plan: only who, what domain, and when.
    return queryset.select_related("asked_by", "from_organisation", "to_organisation", "domain").defer(
        "question", "answer"
    )


def consults_page(*, user: User) -> ConsultsPage:
    """What the user asked and what reached their organisation, in a fixed number of queries."""
    since = timezone.now() - CLOSED_SHOWN_FOR
    recent = Q(closed_at__isnull=True) | Q(closed_at__gte=since)
    asked = list(_listed(Consult.objects.filter(asked_consult_filter(user)).filter(recent)))
    # Open (and waiting) ones first, each group newest first.
    asked.sort(key=lambda c: c.closed_at is not None)
    inbox = Consult.objects.filter(consult_inbox_filter(user))
    received_open = list(_listed(inbox.filter(status=Consult.Status.OPEN)).order_by("asked_at", "id"))
    received_answered = list(
        _listed(inbox.filter(status=Consult.Status.ANSWERED, answered_at__gte=since)).order_by("-answered_at", "-id")
    )
    audit.note_records("consult", sorted({c.pk for c in asked + received_open + received_answered}))
    return ConsultsPage(asked=asked, received_open=received_open, received_answered=received_answered)


def organisations_to_ask(*, user: User) -> tuple[list[Organisation], list[Organisation]]:
    """The organisations the user may ask: those with a service on the social map, and the
    others. Never their own, nor a partner that only reports payment arrears (it has no
    professionals to answer)."""
    on_map = Service.objects.filter(organisation=OuterRef("pk"), status=Service.Status.ACTIVE)
    professionals = User.objects.filter(organisation=OuterRef("pk"), role=User.Role.PROFESSIONAL, is_active=True)
    organisations = (
        Organisation.objects.exclude(pk=user.organisation_id)
        .annotate(on_map=Exists(on_map), has_professionals=Exists(professionals))
        .exclude(delivers_signals=True, has_professionals=False)
        .order_by("name")
    )
    organisations = list(organisations)
    return [o for o in organisations if o.on_map], [o for o in organisations if not o.on_map]


def life_domains():
    return LifeDomain.objects.order_by("order", "id")


def known_names(*, user: User) -> list[str]:
    """The names an anonymous question from this user must not contain: the residents of
    every plan they are in and everyone in those plans."""
    plans = {access.plan.pk: access.plan for access in accessible_plans(user)}
    names = [plan.owner.display_name for plan in plans.values()]
    memberships = (
        Membership.objects.filter(plan_id__in=list(plans))
        .select_related("user")
        .only("name", "user__first_name", "user__last_name", "user__username")
    )
    for membership in memberships:
        names.append(membership.user.display_name if membership.user_id else membership.name)
    return [name for name in names if name]


@dataclass
class ConsultDetail:
    ca: ConsultAccess
    # The one consented part, for the receiving organisation while the consult is open.
    parts: ConsentedParts | None = None

    @property
    def consult(self) -> Consult:
        return self.ca.consult

    @property
    def plan_access(self) -> PlanAccess | None:
        """For `referrals/received_parts.html`."""
        return self.ca.table

    @property
    def shows_plan(self) -> bool:
        """The receiver sees the resident's first name and the part only while it is open."""
        return self.parts is not None


def consult_detail(*, ca: ConsultAccess) -> ConsultDetail:
    detail = ConsultDetail(ca=ca)
    table = ca.table
    if ca.side == "receiver" and table is not None and table.visible_parts:
        detail.parts = consented_parts(access=table)
    return detail


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def anonymous_consult_counts(*, since: date, until: date) -> list[dict]:
    """How many anonymous consults were asked per life domain (code) and month, from `since`
    up to but not including `until`: [{"domain": "financien", "month": date(2025, 3, 1),
    "count": 4}, ...]. Plain counts: the insights module passes them through its
    suppression (small numbers hidden) before any figure leaves."""
    rows = (
        Consult.objects.filter(plan__isnull=True, asked_at__gte=_start_of(since), asked_at__lt=_start_of(until))
        .annotate(month=TruncMonth("asked_at"))
        .values("domain__code", "month")
        .annotate(count=Count("id"))
        .order_by("month", "domain__code")
    )
    return [
        {
            "domain": row["domain__code"],
            "month": row["month"].date() if isinstance(row["month"], datetime) else row["month"],
            "count": row["count"],
        }
        for row in rows
    ]
