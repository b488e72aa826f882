"""A case conference from convening to what was agreed: the coordinator convenes it, the
resident agrees and chooses who joins and what they see, a professional from another
organisation reads the shared part and writes the minutes, the coordinator records a
decision and closes the meeting, and the resident finds the decision as an agreement in her
plan and confirms it. Every page on the way is checked with axe (see conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.conferences.models import Conference
from samenplan.plans.models import Agreement
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STUCK = "De huurachterstand groeit en de uitkering staat stil."
DECISION = "Betalingsregeling met Woonbedrijf afspreken"


def test_from_convening_to_the_agreements_the_resident_sees(open_journey, personas):
    plan = personas.plan
    journey = open_journey()
    page = journey.page
    in_two_weeks = (timezone.localdate() + timedelta(days=14)).isoformat()

    # The coordinator convenes it and proposes Dave of Schuldhulp.
    journey.login("bob", PASSWORD, "bob's work")
    journey.goto(f"/plans/{plan.pk}/overleg/", "the plan's case conferences")
    journey.follow(page.get_by_role("link", name="Nieuw overleg"), "convene form")
    page.get_by_label("Wat zit er vast?").fill(STUCK)
    page.get_by_label("Datum").fill(in_two_weeks)
    page.get_by_label("Tijd").fill("14:30")
    page.get_by_label("Plaats").fill("Wijkpunt West")
    page.get_by_label("Dave Dekker").check()
    journey.follow(page.get_by_role("button", name="Stel het overleg voor"), "conference proposed")
    conference = Conference.objects.get()
    journey.logout()

    # The resident agrees, lets the table read her story and puts a point on the agenda.
    journey.login("alice", PASSWORD, "alice's plan")
    journey.goto(f"/plans/{plan.pk}/overleg/", "my meetings")
    assert "Wacht op jou" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("link", name="Lees het en geef antwoord"), "consent page")
    page.get_by_label("Mijn verhaal").check()
    journey.follow(page.get_by_role("button", name="Ja, het overleg mag doorgaan"), "the meeting")
    assert Conference.objects.get().status == Conference.Status.PLANNED
    page.get_by_label("Agendapunt toevoegen").fill("Ik wil ook praten over de brieven van de deurwaarder")
    journey.follow(page.get_by_role("button", name="Op de agenda zetten"), "agenda point added")
    journey.logout()

    # Dave finds it in his menu, reads the shared story and writes the minutes.
    journey.login("dave", PASSWORD, "dave's work")
    journey.follow(page.get_by_role("link", name="Casusoverleggen", exact=True), "my case conferences")
    journey.follow(page.get_by_role("link", name="Overleg over Alice"), "the meeting, as a participant")
    main = page.locator("main").inner_text()
    assert "Alice's story, first version." in main and "deurwaarder" in main
    journey.follow(page.get_by_role("link", name="Verslag bijwerken"), "minutes form")
    page.get_by_label("Verslag").fill("Woonbedrijf wacht met de ontruiming zolang er een regeling komt.")
    journey.follow(page.get_by_role("button", name="Opslaan"), "minutes saved")
    journey.logout()

    # The coordinator records a decision for Dave and closes the meeting.
    journey.login("bob", PASSWORD, "bob's work")
    journey.goto(f"/overleg/{conference.pk}/", "the meeting, as coordinator")
    journey.follow(page.get_by_role("link", name="Besluit toevoegen"), "decision form")
    page.get_by_label("Wat gaat er gebeuren?").fill(DECISION)
    page.get_by_label("Dave Dekker").check()
    page.get_by_label("Wanneer moet het klaar zijn?").fill(in_two_weeks)
    journey.follow(page.get_by_role("button", name="Besluit opslaan"), "decision recorded")
    journey.follow(page.get_by_role("link", name="Overleg afsluiten"), "close form")
    journey.follow(page.get_by_role("button", name="Overleg afsluiten"), "meeting closed")
    assert Conference.objects.get().status == Conference.Status.CLOSED
    journey.logout()

    # Dave no longer sees the meeting; his agreement stays.
    journey.login("dave", PASSWORD, "dave's work")
    journey.goto(f"/overleg/{conference.pk}/", "the closed meeting, as a former participant", status=404)
    journey.logout()

    # The resident reads what was agreed, confirms it, and finds it among her agreements.
    journey.login("alice", PASSWORD, "alice's plan")
    journey.goto(f"/overleg/{conference.pk}/", "what we agreed")
    decisions = page.get_by_role("region", name="Wat we hebben afgesproken")
    assert DECISION in decisions.inner_text()
    journey.follow(page.get_by_role("button", name="Ja, dit klopt"), "confirmed")
    assert Conference.objects.get().outcome_confirmed_at is not None
    journey.goto(f"/plans/{plan.pk}/agreements/", "my agreements")
    assert DECISION in page.locator("main").inner_text()
    assert Agreement.objects.get(what=DECISION).assignee.username == "dave"
