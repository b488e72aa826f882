"""The DigiD and eHerkenning buttons on the login page and the DigiD section of "My
account"; both show only for a broker that is configured (signin/oidc.py)."""

from django import template

from samenplan.accounts.models import User
from samenplan.signin.oidc import DIGID, EHERKENNING, broker_get

register = template.Library()


@register.inclusion_tag("signin/oidc/buttons.html")
def oidc_login_buttons(next_url=""):
    return {
        "digid": broker_get(DIGID) is not None,
        "eherkenning": broker_get(EHERKENNING) is not None,
        "next": next_url,
    }


@register.inclusion_tag("signin/oidc/account_section.html", takes_context=True)
def oidc_account_section(context):
    user = context["request"].user
    shown = broker_get(DIGID) is not None and user.is_authenticated and user.role == User.Role.RESIDENT
    return {"shown": shown, "linked": shown and bool(user.bsn_hash)}
