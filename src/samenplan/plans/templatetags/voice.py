"""The plan speaks to its owner and about the resident to everyone else."""

from django import template

from samenplan.plans.shell import viewer_owner_name
from samenplan.sharing.parts import part_label as label_for

register = template.Library()


@register.simple_tag
def part_label(part, access):
    """`{% part_label "story" access %}`: "My story" for the owner, "Fatima's story" for
    others; `access` is whoever the page is drawn for ("view as" passes the other person)."""
    return label_for(part, owner_name=viewer_owner_name(access))
