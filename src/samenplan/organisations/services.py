from django.db import transaction

from samenplan.accounts.models import Organisation, User
from samenplan.accounts.services import password_link_send, username_make
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.sharing.policy import can_manage_organisation, managed_staff_member


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
    organisation = form.save()
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
