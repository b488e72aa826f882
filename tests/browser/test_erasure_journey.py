"""Erasure on request: alice erases her closed plan; the page says what goes, asks for a
tick, and says plainly when it is done (docs/privacy.md, "Erasure")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.plans.models import Plan
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_resident_erases_her_closed_plan(open_journey, personas):
    plan_id = personas.plan.pk
    Plan.objects.filter(pk=plan_id).update(
        status=Plan.Status.CLOSED, closed_at=timezone.now() - timedelta(days=50), closed_reason="Klaar"
    )
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD)
    journey.goto(f"/plans/{plan_id}/", "the closed plan")
    journey.follow(page.get_by_role("link", name="Dit plan laten wissen"), "what erasing the plan means")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn plan wissen"
    journey.follow(page.get_by_role("button", name="Mijn plan wissen"), "sent without the tick")
    assert page.get_by_text("Vink het vakje aan").first.is_visible()
    assert Plan.objects.filter(pk=plan_id).exists()
    page.get_by_label("Ja, wis mijn plan").check()
    journey.follow(page.get_by_role("button", name="Mijn plan wissen"), "erased and logged out")
    assert page.get_by_role("heading", level=1).inner_text() == "Je plan is gewist"
    assert not Plan.objects.filter(pk=plan_id).exists()


def test_a_plan_closed_last_week_cannot_be_erased_yet(open_journey, personas):
    plan_id = personas.plan.pk
    Plan.objects.filter(pk=plan_id).update(
        status=Plan.Status.CLOSED, closed_at=timezone.now() - timedelta(days=7), closed_reason="Klaar"
    )
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD)
    journey.goto(f"/plans/{plan_id}/wissen/", "not yet: the page says why")
    assert page.get_by_text("minder dan 42 dagen geleden").is_visible()
    assert page.get_by_role("button", name="Mijn plan wissen").count() == 0
