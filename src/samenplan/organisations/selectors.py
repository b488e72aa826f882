from datetime import date

from django.db.models import Count

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Location, Service
from samenplan.sharing.policy import STAFF_ROLES, managed_organisation, managed_staff_member

# The statuses of an agreement still to be done (`plans.Agreement.OPEN_STATUSES`; this app
# does not import plan content, it only counts).
OPEN_AGREEMENT_STATUSES = ("open", "busy")


def organisation_page(*, user):
    """The organisation this user manages, with its wijken, staff, locations and services
    (a fixed number of queries, however many there are). Reading names and addresses of
    staff is logged."""
    organisation = managed_organisation(user)
    wijken = list(organisation.wijken.all())
    staff = list(
        User.objects.filter(organisation=organisation, role__in=STAFF_ROLES)
        .only("first_name", "last_name", "username", "email", "job_title", "is_active", "role")
        .order_by("first_name", "last_name", "username")
    )
    audit.note_admin(
        AuditEntry.Action.VIEW,
        obj=organisation,
        description=f"organisation accounts.organisation#{organisation.pk}: viewed its details and staff list",
    )
    return organisation, wijken, staff


def social_map_listings(*, organisation):
    """The organisation's locations (with how many services are offered there) and services
    (oldest check first among the stale ones), in two queries."""
    locations = list(
        Location.objects.filter(organisation=organisation).annotate(service_count=Count("service_at_locations"))
    )
    services = list(Service.objects.filter(organisation=organisation).select_related("assured_by"))
    stale = [s for s in services if s.is_stale and s.status != Service.Status.DEFUNCT]
    stale.sort(key=lambda s: s.assured_date or date.min)
    return locations, services, stale


def leaver_preview(*, user, member_id) -> tuple[User, int, int]:
    """What taking a staff member out would do: the plans they are in and their open
    agreements, counted only (the admin sees no plan)."""
    member = managed_staff_member(user, member_id)
    plans = member.memberships.filter(ended_at__isnull=True).count()
    agreements = member.assigned_agreements.filter(status__in=OPEN_AGREEMENT_STATUSES).count()
    return member, plans, agreements
