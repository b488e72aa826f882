from django import template

from ..models import Availability, Interest, Language

register = template.Library()

KINDS = {"language": Language, "interest": Interest, "availability": Availability}


@register.filter
def labels(codes, kind: str) -> str:
    """Stored choice codes as their words: ["nl", "ar"] -> "Dutch, Arabic"."""
    choices = KINDS[kind]
    known = dict(choices.choices)
    return ", ".join(str(known.get(code, code)) for code in codes or [])
