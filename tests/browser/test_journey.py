"""The main journey: a professional writes down the intake, the resident opens the plan
from the email, confirms the story, fills in the self-assessment, adds a goal and an
agreement. Every page on the way is checked with axe (see conftest.py)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_from_intake_to_a_first_agreement(open_journey, personas):
    journey = open_journey()
    page = journey.page

    # The professional writes down the intake with the resident.
    journey.login("bob", PASSWORD, "caseload of the professional")
    journey.follow(page.get_by_role("link", name="Nieuwe intake", exact=True), "intake form")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("van den Berg")
    page.get_by_label("E-mailadres").fill("noor@example.org")
    page.get_by_label("Wijk").select_option(label="Helmstad-West")
    page.get_by_label("Het verhaal van de inwoner").fill(
        "Noor vertelt dat de huur te hoog is geworden sinds haar man is vertrokken."
    )
    page.get_by_label("De inwoner is het ermee eens").check()
    journey.follow(page.get_by_role("button", name="Start het plan"), "plan started")
    assert page.get_by_role("heading", level=1).inner_text() == "Plan van Noor van den Berg"
    journey.logout()

    # The resident opens the plan with the link from the email.
    assert len(mail.outbox) == 1, "the intake sends exactly one activation email"
    assert mail.outbox[0].to == ["noor@example.org"]
    link = re.search(r"https?://\S+(/accounts/activate/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    journey.goto(link.group(1), "activation form")
    page.get_by_label("Kies een wachtwoord").fill("blauwe fiets in de regen")
    page.get_by_label("Typ hetzelfde wachtwoord nog een keer").fill("blauwe fiets in de regen")
    journey.follow(page.get_by_role("button", name="Wachtwoord opslaan en mijn plan openen"), "my plan, first time")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn plan"

    # ... reads the story and confirms it.
    journey.follow(page.get_by_role("link", name="Mijn verhaal lezen"), "my story")
    assert "de huur te hoog" in page.locator(".story").inner_text()
    journey.follow(page.get_by_role("button", name="Dit klopt"), "story confirmed")
    assert "bevestigd dat dit jouw verhaal is" in page.locator("main").inner_text()

    # ... fills in the self-assessment.
    journey.follow(journey.plan_link("Hoe gaat het nu"), "assessment overview")
    journey.follow(page.get_by_role("link", name="Invullen").first, "assessment, first step")
    # One domain per step: she answers three, leaves the rest open and finishes on the check page.
    for index in range(3):
        page.locator("fieldset").first.get_by_role("radio").nth(index + 1).check()
        journey.follow(page.get_by_role("button", name="Volgende", exact=True), f"assessment, step {index + 2}")
    steps = 3
    while page.get_by_role("button", name="Volgende", exact=True).count():
        steps += 1
        assert steps < 20, "the self-assessment should end on a check page"
        journey.follow(page.get_by_role("button", name="Volgende", exact=True), f"assessment, step {steps + 1}")
    assert "Je hebt 3 van de" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("button", name="Klaar", exact=True), "assessment saved")
    table = page.get_by_role("table").first
    assert [cell.inner_text() for cell in table.locator("tbody tr td:nth-child(2)").all()[:4]] == ["2", "3", "4", "–"]

    # ... adds a goal in her own words.
    target = (timezone.localdate() + timedelta(days=60)).isoformat()
    journey.follow(journey.plan_link("Doelen"), "goals")
    page.get_by_label("Wat wil je bereiken?").fill("Mijn huur is elke maand betaald")
    page.get_by_label("Levensgebied").select_option(label="Geldzaken")
    page.get_by_label("Streefdatum").fill(target)
    journey.follow(page.get_by_role("button", name="Doel toevoegen"), "goal added")
    assert page.locator(".item__title", has_text="Mijn huur is elke maand betaald").is_visible()

    # ... and an agreement for that goal.
    journey.follow(journey.plan_link("Afspraken"), "agreements")
    page.get_by_label("Wat gaat er gebeuren?").fill("Alle brieven in één map doen")
    page.get_by_label("Bij doel").select_option(label="Mijn huur is elke maand betaald")
    page.get_by_role("radio", name="Ik doe het zelf").check()
    journey.follow(page.get_by_role("button", name="Afspraak toevoegen"), "agreement added")

    journey.follow(page.get_by_role("link", name="Overzicht"), "plan overview")
    overview = page.locator("main").inner_text()
    assert "Mijn huur is elke maand betaald" in overview
    assert "Alle brieven in één map doen" in overview
