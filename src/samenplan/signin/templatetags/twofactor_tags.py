from django import template
from django.utils.translation import gettext_lazy as _

from samenplan.signin import twofactor

register = template.Library()

# The audit entries' reasons (English, like the whole log) in the person's own words.
EVENT_LABELS = {
    "set-up started": _("You started setting up the app"),
    "app confirmed": _("You confirmed the app with a code"),
    "new recovery codes": _("New recovery codes were made"),
    "recovery code used": _("You logged in with a recovery code"),
    "app and recovery codes removed": _("You turned off logging in with a code"),
}


@register.simple_tag(takes_context=True)
def twofactor_status(context):
    """What the account page shows about logging in with a code."""
    user = context["request"].user
    has = twofactor.has_2fa(user)
    events = [
        {"at": entry.at, "label": EVENT_LABELS.get(entry.reason.removeprefix(twofactor.REASON_PREFIX), entry.reason)}
        for entry in twofactor.twofactor_events(user)
    ]
    return {
        "on": has,
        "required": twofactor.requires_2fa(user),
        "codes_left": twofactor.recovery_codes_left(user) if has else 0,
        "events": events,
    }
