from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.sharing.policy import STAFF_ROLES, managed_organisation


def organisation_page(*, user):
    """The organisation this user manages, with its wijken and staff (three queries, however
    many people). Reading names and addresses of staff is logged."""
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
