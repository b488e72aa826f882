from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.accounts.services import password_link_send, username_make
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import STALE_AFTER_DAYS, Location, Schedule, Service, ServiceAtLocation, stale_before
from samenplan.directory.search import index_services
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.sharing.policy import can_manage_organisation, managed_service, managed_staff_member
from samenplan.sharing.services import professional_leave


def _require(user, organisation: Organisation) -> None:
    if not can_manage_organisation(user, organisation):
        raise PermissionError("not an admin of this organisation")


def _note(action: str, obj, what: str) -> None:
    audit.note_admin(action, obj=obj, description=f"{obj._meta.label_lower}#{obj.pk}: {what} (organisation admin)")


@transaction.atomic
def organisation_update(*, user: User, organisation: Organisation, form) -> Organisation:
    """Save the organisation's name, description and wijken from a valid form."""
    _require(user, organisation)
    changed = ", ".join(form.changed_data) or "nothing"
    organisation = form.save(commit=False)
    organisation.last_modified = timezone.now()
    organisation.save()
    form.save_m2m()
    _note(AuditEntry.Action.UPDATE, organisation, f"changed {changed}")
    return organisation


@transaction.atomic
def staff_member_create(
    *, user: User, organisation: Organisation, first_name: str, last_name: str, email: str, job_title: str
) -> User:
    """A new professional of this organisation, without a password: they get a link to
    choose their own."""
    _require(user, organisation)
    member = User(
        username=username_make(first_name=first_name, last_name=last_name),
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        role=User.Role.PROFESSIONAL,
        organisation=organisation,
    )
    member.set_unusable_password()
    member.save()
    password_link_send(user=member, welcome=True)
    _note(AuditEntry.Action.CREATE, member, "added as staff, sent a link to choose a password")
    return member


@transaction.atomic
def staff_member_block(*, user: User, member_id: int, blocked: bool) -> User:
    """Block or unblock a staff member of the organisation this user manages; never oneself."""
    member = managed_staff_member(user, member_id)
    if member.pk == user.pk:
        raise PermissionError("an admin does not block themselves")
    User.objects.filter(pk=member.pk).update(is_active=not blocked)
    member.is_active = not blocked
    _note(AuditEntry.Action.UPDATE, member, "blocked" if blocked else "unblocked")
    return member


# The social map: the organisation's own locations and services. Each write marks the
# listing as checked today by this admin and refreshes its search words.


@transaction.atomic
def location_save(*, user: User, organisation: Organisation, form) -> Location:
    """Save a location and its opening hours (one row per weekday) from a valid form."""
    _require(user, organisation)
    location = form.save(commit=False)
    if location.organisation_id is not None and location.organisation_id != organisation.pk:
        raise PermissionError("not this organisation's location")
    created = location.pk is None
    location.organisation = organisation
    location.last_modified = timezone.now()
    location.save()
    Schedule.objects.filter(location=location, service__isnull=True, service_at_location__isnull=True).delete()
    Schedule.objects.bulk_create(Schedule(location=location, **row) for row in form.opening_hours())
    changed = "added" if created else f"changed {', '.join(form.changed_data) or 'nothing'}"
    _note(AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, location, changed)
    return location


@transaction.atomic
def location_delete(*, user: User, location: Location) -> None:
    """Remove a location where no service is offered any more."""
    _require(user, location.organisation)
    if location.service_at_locations.exists():
        raise LocationInUse
    _note(AuditEntry.Action.DELETE, location, f"removed ({location.name})")
    location.delete()


class LocationInUse(Exception):
    """A location with services offered there is not removed: the map would lose them."""


@transaction.atomic
def service_save(*, user: User, organisation: Organisation, form) -> Service:
    """Save a service from a valid form: its fields, life domains, wijken and locations. It
    counts as checked today by this admin."""
    _require(user, organisation)
    service = form.save(commit=False)
    if service.organisation_id is not None and service.organisation_id != organisation.pk:
        raise PermissionError("not this organisation's service")
    created = service.pk is None
    now = timezone.now()
    service.organisation = organisation
    service.last_modified = now
    service.assured_date = timezone.localdate()
    service.assured_by = user
    service.stale_notified_at = None
    service.save()
    form.save_m2m()
    chosen = {location.pk for location in form.cleaned_data.get("locations") or []}
    ServiceAtLocation.objects.filter(service=service).exclude(location_id__in=chosen).delete()
    have = set(ServiceAtLocation.objects.filter(service=service).values_list("location_id", flat=True))
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=service, location_id=pk, last_modified=now) for pk in sorted(chosen - have)
    )
    index_services([service.pk])
    changed = "added" if created else f"changed {', '.join(form.changed_data) or 'nothing'}"
    _note(AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, service, f"{changed}; checked")
    return service


@transaction.atomic
def service_confirm(*, user: User, service_id: int) -> Service:
    """ "Still right": the admin checked the listing today, without changing it."""
    service = managed_service(user, service_id)
    today = timezone.localdate()
    Service.objects.filter(pk=service.pk).update(assured_date=today, assured_by=user, stale_notified_at=None)
    service.assured_date, service.assured_by = today, user
    _note(AuditEntry.Action.UPDATE, service, "checked, still right")
    return service


# Leavers


@transaction.atomic
def staff_member_leave(*, user: User, member_id: int):
    """A staff member left the organisation: their account stops and they leave every plan at
    once (`sharing.services.professional_leave`); their open agreements stay in the plans,
    without anyone to do them, for the coordinator to hand on."""
    result = professional_leave(by=user, member_id=member_id)
    member = User.objects.get(pk=member_id)
    plans = ", ".join(str(pk) for pk in result.plan_ids) or "none"
    _note(
        AuditEntry.Action.UPDATE,
        member,
        f"left the organisation: account stopped, left plans {plans}, "
        f"{result.open_agreements} open agreements unassigned",
    )
    return member, result


# Stale listings: the organisation's admins are told once per period.


def stale_services_notify(*, now=None) -> int:
    """Tell the admins of each organisation with a listing not checked for half a year, once
    per listing per period. Each listing is claimed with a conditional update first, so two
    runs at the same time tell nobody twice. Returns how many listings were claimed."""
    now = now or timezone.now()
    cutoff_date = stale_before(timezone.localdate(now))
    cutoff = now - timedelta(days=STALE_AFTER_DAYS)
    candidates = Service.objects.filter(
        Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff_date),
        Q(stale_notified_at__isnull=True) | Q(stale_notified_at__lt=cutoff),
    ).exclude(status=Service.Status.DEFUNCT)
    claimed = 0
    told: set[tuple[int, int]] = set()
    url = reverse("organisation")
    for service in candidates.only("pk", "organisation_id", "stale_notified_at"):
        with transaction.atomic():
            won = Service.objects.filter(pk=service.pk, stale_notified_at=service.stale_notified_at).update(
                stale_notified_at=now
            )
            if not won:
                continue
            claimed += 1
            admins = User.objects.filter(
                organisation_id=service.organisation_id, role=User.Role.ORG_ADMIN, is_active=True
            )
            for admin in admins:
                # One message per admin per run, however many of their listings are stale.
                if (admin.pk, service.organisation_id) in told:
                    continue
                told.add((admin.pk, service.organisation_id))
                notify(user=admin, kind=Notification.Kind.LISTING_STALE, url=url)
    return claimed
