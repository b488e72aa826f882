from django import template

register = template.Library()


@register.filter
def grant_for(membership, part):
    """The member's grant for a part (from prefetched grants), or None."""
    return next((grant for grant in membership.grants.all() if grant.part == part), None)
