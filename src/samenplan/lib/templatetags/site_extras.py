"""Small template filters every app's templates may use. They know no app."""

import re
from datetime import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language, gettext

register = template.Library()


@register.filter
def summary_label(label) -> str:
    """A field's label as the error summary lists it ("label: error"): without the
    "(optional)" a label may carry and without its own closing "?" or ":", so the summary
    never reads "Until (optional): ..." or "What happened?: ..."."""
    text = str(label or "").strip()
    optional = f"({gettext('optional')})"
    text = text.replace(optional, "").replace("(optional)", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip("?:").strip()


# Dutch month abbreviations are written lower case with a full stop ("3 mrt. 2026"); May
# (mei) is short enough already. Django's "M" capitalises them ("3 Mrt").
_DUTCH_MONTHS = ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


@register.filter
def short_date(value, with_year: bool = True) -> str:
    """A short date in the active language: "3 mrt. 2026" in Dutch, "3 Mar 2026" in English."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if (get_language() or "nl").startswith("nl"):
        day = f"{value.day} {_DUTCH_MONTHS[value.month - 1]}"
        return f"{day} {value.year}" if with_year else day
    return dateformat.format(value, "j M Y" if with_year else "j M")
