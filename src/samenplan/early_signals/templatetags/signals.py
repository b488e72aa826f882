"""`{% signal_offers access as plan_signals %}`: for the plan's start page, the early
signals waiting for the resident's yes or no (`plan_signals.offers`) and those already in
the plan (`plan_signals.joined`); one query, none for anyone who does not decide."""

from django import template

from ..selectors.outreach import plan_signal_offers

register = template.Library()


@register.simple_tag
def signal_offers(access):
    return plan_signal_offers(access=access)
