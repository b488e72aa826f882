"""A learning session from proposal to theme: a debt counsellor proposes alice's plan as a
case, alice says yes on her plan with the parts she chooses, the proposer checks the
pseudonymised case and shares it in a session with a professional of another
organisation, who reads it without a name and adds an observation and a theme. Every page
on the way is checked with axe (see conftest.py)."""

import pytest

from samenplan.learning.models import Case, Observation, SessionTheme
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_learning_session_from_proposal_to_theme(open_journey, personas):
    plan = personas.plan
    journey = open_journey()
    page = journey.page

    # Dave (Schuldhulp) works in alice's plan and proposes it as a case.
    journey.login("dave", PASSWORD, "dave's work")
    journey.goto(f"/plans/{plan.pk}/leren/", "the plan's learning page, as a professional")
    page.get_by_label("Waarom kunnen anderen leren van deze casus?").fill("Huur en schulden wachten op elkaar.")
    journey.follow(page.get_by_role("button", name="Casus voorstellen"), "case proposed")
    case = Case.objects.get()
    assert case.status == Case.Status.AWAITING
    journey.logout()

    # Alice says yes on her plan, with her story and her goals.
    journey.login("alice", PASSWORD, "alice's plan")
    journey.goto(f"/plans/{plan.pk}/leren/", "my plan's learning page")
    assert "Voorgesteld door Dave Dekker" in page.locator("main").inner_text()
    page.get_by_label("Mijn verhaal").check()
    page.get_by_label("Doelen").check()
    journey.follow(page.get_by_role("button", name="Ja, met deze onderdelen"), "said yes")
    case.refresh_from_db()
    assert (case.status, case.parts) == (Case.Status.CONSENTED, ["story", "goals"])
    journey.logout()

    # Dave makes a session with Charlie of the social team, checks the case and shares it there.
    journey.login("dave", PASSWORD, "dave's work again")
    journey.follow(page.get_by_role("link", name="Leersessies", exact=True), "my learning sessions")
    journey.follow(page.get_by_role("link", name="Nieuwe leersessie"), "new session form")
    page.get_by_label("Titel").fill("Leersessie schulden en wonen")
    page.get_by_label("Datum").fill("2030-03-01")
    page.get_by_label("Charlie Claassen").check()
    journey.follow(page.get_by_role("button", name="Maak de leersessie"), "session made")
    journey.goto("/leersessies/", "my learning sessions with the case")
    journey.follow(page.get_by_role("link", name=f"Casus {case.pk}"), "the case to check")
    preview = page.locator("main").inner_text()
    assert "de inwoner's story, first version." in preview and "Alice" not in preview
    page.get_by_label("Voeg hem toe aan een leersessie (mag ook later)").select_option(
        label="Leersessie schulden en wonen (1 maart 2030)"
    )
    journey.follow(page.get_by_role("button", name="Ik heb het gecontroleerd: deel de casus"), "shared in the session")
    journey.logout()

    # Charlie, of another organisation, reads the case without a name and adds to it.
    journey.login("charlie", PASSWORD, "charlie's work")
    journey.follow(page.get_by_role("link", name="Leersessies", exact=True), "charlie's learning sessions")
    journey.follow(page.get_by_role("link", name="Leersessie schulden en wonen"), "the session")
    main = page.locator("main").inner_text()
    assert "de inwoner's story" in main and "Alice" not in main and "Aarts" not in main
    assert "Schuldhulp" in main and "Sociaal Team West" in main
    page.get_by_label("Wat viel je op?").fill("De huurachterstand groeit terwijl de schuldhulp wacht.")
    journey.follow(page.get_by_role("button", name="Observatie toevoegen"), "observation added")
    page.get_by_label("Thema", exact=True).fill("Wachten op elkaar")
    journey.follow(page.get_by_role("button", name="Thema toevoegen"), "theme added")
    assert "Wachten op elkaar" in page.locator("main").inner_text()
    assert Observation.objects.count() == 1 and SessionTheme.objects.count() == 1
    journey.finish()
