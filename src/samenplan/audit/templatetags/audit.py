from django import template
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.sharing.models import Membership

register = template.Library()

ROLE_LABELS = {
    **dict(User.Role.choices),
    **dict(Membership.Role.choices),
    "owner": _("Resident"),
    "system": _("Samenplan itself (automatic)"),
    "anonymous": _("Not logged in"),
}


@register.filter
def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)
