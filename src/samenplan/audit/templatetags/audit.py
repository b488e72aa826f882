from django import template
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.audit import phrases
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


@register.simple_tag
def log_sentence(line, owner_name=None):
    """The line as a plain sentence: "Sanne looked at your goals"."""
    return phrases.describe(line, owner_name=owner_name or None)


@register.simple_tag
def on_behalf(owner_name=None):
    return phrases.on_behalf_phrase(owner_name=owner_name or None)
