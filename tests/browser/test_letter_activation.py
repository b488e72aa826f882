"""Journeys for a resident without email and for a coordinator with a full caseload: the
coordinator starts a plan without an email address and prints the letter with a code; the
resident, logged out on a phone-sized window, types the code, chooses a password and lands
on the plan. The caseload with 40 plans at a wide window, searched without JavaScript.
Every page is scanned with axe and photographed (see conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.plans.models import Plan, StoryVersion
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, PlanFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "groene thee op het balkon"


def test_the_coordinator_prints_a_letter_and_the_resident_opens_the_plan_with_the_code(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.login("bob", PASSWORD, "caseload")
    journey.follow(page.get_by_role("link", name="Nieuwe intake starten"), "intake")
    page.get_by_label("Voornaam").fill("Fatima")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label("Wijk").select_option(label=personas.wijk.name)
    page.get_by_label("Het verhaal van de inwoner").fill("Ik ben mijn baan kwijt en heb een huurachterstand.")
    page.get_by_label("De inwoner is het ermee eens").check()
    journey.follow(page.get_by_role("button", name="Start het plan"), "plan started without email")
    assert "Druk de brief met de code af" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("button", name="Activatiebrief afdrukken"), "the letter")
    letter = page.locator(".letter").inner_text()
    assert "Hallo Fatima," in letter
    assert f"{journey.base_url}/activeren/" in letter
    assert page.locator(".letter-qr svg").count() == 1
    code = page.locator(".letter-code").inner_text().strip()
    assert len(code) == 9 and code[4] == "-"
    journey.logout()

    # The resident, on a phone, without an account yet.
    phone = open_journey(viewport=(390, 844))
    page = phone.page
    phone.goto("/accounts/login/", "login page on a phone")
    phone.follow(page.get_by_role("link", name="Heb je een brief met een code?"), "open with a code")
    page.get_by_label("Code uit de brief").fill(code.lower().replace("-", " "))
    phone.follow(page.get_by_role("button", name="Verder"), "choose a password")
    assert "Hallo Fatima" in page.locator("main").inner_text()
    page.get_by_label("Kies een wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ hetzelfde wachtwoord nog een keer").fill(NEW_PASSWORD)
    phone.follow(page.get_by_role("button", name="Wachtwoord opslaan en mijn plan openen"), "my plan")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn plan"
    assert Plan.objects.get(owner__first_name="Fatima").status == Plan.Status.ACTIVE

    # The code worked once.
    phone.logout()
    phone.goto("/activeren/", "open with a code again")
    page.get_by_label("Code uit de brief").fill(code)
    phone.follow(page.get_by_role("button", name="Verder"), "the code is used")
    assert "Deze code werkt niet" in page.locator("main").inner_text()
    journey.finish()
    phone.finish()


def test_the_caseload_with_forty_plans(open_journey, personas):
    oost = WijkFactory(name="Oost", code="oost")
    today = timezone.localdate()
    for number in range(40):
        plan = PlanFactory(
            owner__first_name=f"Inwoner{number:02d}",
            owner__last_name="Voorbeeld",
            wijk=oost if number % 3 else personas.wijk,
            status=Plan.Status.CLOSED if number % 10 == 9 else Plan.Status.ACTIVE,
        )
        confirmed = timezone.now() if number % 4 else None
        StoryVersion.objects.create(plan=plan, number=1, text="x", written_by=plan.owner, confirmed_at=confirmed)
        role = Membership.Role.COORDINATOR if number % 2 else Membership.Role.PROFESSIONAL
        personas.add_member(personas.bob, role, dict.fromkeys(Part, Level.CONTRIBUTE), plan=plan)
        if number % 5 == 0:
            AgreementFactory(plan=plan, what=f"Afspraak {number}", due_date=today - timedelta(days=3))
        if number % 3 == 0:
            EvaluationFactory(plan=plan, scheduled_for=today + timedelta(days=number))

    journey = open_journey(viewport=(1280, 900))
    page = journey.page
    journey.login("bob", PASSWORD, "caseload with 40 plans")
    main = page.locator("main").inner_text()
    assert "37 plannen" in main  # 36 open ones of the 40 and alice's
    assert "Afgesloten plannen (4)" in main
    assert page.locator("details.caseload-closed[open]").count() == 0

    page.get_by_label("Zoek op naam").fill("inwoner07")
    journey.follow(page.get_by_role("button", name="Tonen"), "searched by name")
    assert "1 van 37 open plannen" in page.locator("main").inner_text()
    assert page.get_by_label("Zoek op naam").input_value() == "inwoner07"

    journey.goto(f"/caseload/?wijk={oost.pk}&sort=overdue&role=coordinator", "filtered and sorted")
    first = page.locator(".caseload-table tbody tr").first.inner_text()
    assert "afspraak over de datum" in first
    journey.finish()
