"""A question without an account, with the keyboard alone: a resident finds the
Westwijzer, fills in the form (forgetting the consent once), sends it and reads the
receipt. Every page is checked with axe (see conftest.py)."""

from datetime import time

import pytest

from samenplan.accounts.models import Organisation
from samenplan.directory.models import Schedule
from samenplan.hubs.models import Hub, Question
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import LocationFactory, OrganisationFactory, WijkFactory

from .keyboard import Keyboard, button

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def westwijzer(live_server):
    west = WijkFactory(name="Helmstad-West", code="west")
    WijkFactory(name="Helmstad-Oost", code="oost")
    team = OrganisationFactory(
        name="Sociaal Team West",
        kind=Organisation.Kind.SOCIAL_TEAM,
        starts_plans=True,
        phone="040 200 30 40",
        email="west@sociaalteam.example",
    )
    team.wijken.set([west])
    place = LocationFactory(
        organisation=team,
        name="Buurthuis De Westwijzer",
        address_1="Dorpsstraat 8",
        postal_code="5701 AB",
        city="Helmstad",
        wijk=west,
        transportation="Bus 4, halte Dorpsplein",
    )
    for weekday in (1, 2, 3, 4):
        Schedule.objects.create(location=place, weekday=weekday, opens_at=time(9), closes_at=time(12))
    Schedule.objects.create(location=place, weekday=3, opens_at=time(13), closes_at=time(16))
    return Hub.objects.create(
        wijk=west,
        name="Westwijzer",
        introduction="In de Westwijzer zitten het sociaal team, schuldhulp en de woningcorporatie samen. "
        "Loop binnen met elke vraag.",
        location=place,
    )


def not_the_honeypot(wanted):
    """Tab on until `wanted`, failing if the focus ever lands on the field people never see."""

    def check(focused):
        assert focused["name"] != "website", "the honeypot field took the focus"
        return wanted(focused)

    return check


def test_a_resident_asks_a_question_with_the_keyboard_alone(open_journey, westwijzer):
    journey = open_journey()
    page = journey.page
    keys = Keyboard(page)

    journey.goto("/wijkpunten/", "hubs")
    keys.tab_to(lambda f: f["tag"] == "a" and f["text"] == "Westwijzer")
    journey.press("Enter", "hub page")
    assert "09:00 tot 12:00" in page.locator(".hours-table").inner_text()

    # What it is about: tick "Geldzaken" (the first domain) with Space.
    money = keys.tab_to(not_the_honeypot(lambda f: f["name"] == "domains"))
    assert money["text"].startswith("Geldzaken"), money
    assert keys.press("Space")["checked"]
    keys.tab_to(not_the_honeypot(lambda f: f["name"] == "text"))
    page.keyboard.type("Ik heb een brief over huurachterstand en weet niet wat ik moet doen.")
    phone = keys.tab_to(not_the_honeypot(lambda f: f["name"] == "channel"))
    assert phone["value"] == "phone", phone
    assert keys.press("Space")["checked"]
    keys.tab_to(not_the_honeypot(lambda f: f["name"] == "phone"))
    page.keyboard.type("06 12345678")
    keys.tab_to(not_the_honeypot(lambda f: f["name"] == "name"))
    page.keyboard.type("Fatima")
    # Forgot the consent: the form comes back with the error and what was typed.
    keys.tab_to(not_the_honeypot(button("Verstuur mijn vraag")))
    journey.press("Enter", "consent forgotten")
    assert "Zet een vinkje" in page.locator(".error-summary").inner_text()
    assert page.locator("#id_name").input_value() == "Fatima"
    assert page.locator("#id_phone").input_value() == "06 12345678"
    assert not Question.objects.exists()

    keys.tab_to(not_the_honeypot(lambda f: f["name"] == "consent"))
    assert keys.press("Space")["checked"]
    keys.tab_to(not_the_honeypot(button("Verstuur mijn vraag")))
    journey.press("Enter", "receipt")

    question = Question.objects.get()
    assert question.wijk == westwijzer.wijk
    assert [d.code for d in question.domains.all()] == ["financien"]
    assert page.get_by_role("heading", level=1).inner_text() == "Je vraag is verstuurd"
    assert page.locator(".letter-code").inner_text() == question.reference
    assert "Binnen 3 werkdagen bellen we je." in page.locator("main").inner_text()
    assert question.reference not in page.url


def test_the_hub_page_on_a_phone(open_journey, westwijzer):
    journey = open_journey(viewport=(320, 640))
    journey.goto("/wijkpunten/west/", "hub page on a phone")
    # Nothing sticks out sideways at 320 px (WCAG 1.4.10 reflow).
    assert journey.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_desk_form_for_a_wijk_team_member(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.login("bob", PASSWORD)
    journey.goto("/wijkteam/vragen/nieuw/", "desk")
    assert page.locator("input[name=website]").count() == 0
    page.get_by_label("De vraag").fill("Meneer heeft een aanmaning van de energieleverancier.")
    journey.follow(page.get_by_role("button", name="Vraag registreren"), "desk with errors")
    assert "Vraag het eerst aan de inwoner" in page.locator(".error-summary").inner_text()
    assert "aanmaning" in page.locator("#id_text").input_value()
    assert not Question.objects.exists()
