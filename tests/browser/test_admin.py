"""The admin site and the organisation admin's page at 1280 pixels: in Dutch, in
Samenplan's look, axe-clean and not wider than the window."""

import pytest

from samenplan.measuring.models import Instrument
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH = 1280


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_admin_speaks_dutch_and_fits_the_window(open_journey, personas):
    journey = open_journey(viewport=(WIDTH, 900))
    page = journey.page
    # The admin's login is the site's own: the password, then the code of pam's app.
    journey.goto("/admin/login/", "admin login")
    journey.sign_in("pam", PASSWORD, "admin index")
    body = page.locator("body").inner_text().lower()
    assert "mensen en organisaties" in body
    assert "meten" in body
    assert "verschil" not in body
    assert "wijzigen" in body

    journey.goto("/admin/accounts/user/", "user list")
    assert "Verschil" not in page.locator("body").inner_text()
    assert scroll_width(page) <= WIDTH
    # No column cut off inside the list's own scrolling box either.
    assert page.evaluate("(el => el.scrollWidth <= el.clientWidth)(document.querySelector('.results'))")
    assert page.get_by_role("columnheader", name="Actief").is_visible()

    journey.goto("/admin/accounts/user/add/", "add user")
    assert page.get_by_label("Voornaam").get_attribute("required") is not None
    assert page.get_by_label("E-mailadres").get_attribute("required") is not None
    assert scroll_width(page) <= WIDTH

    for path, step in (
        ("/admin/accounts/organisation/", "organisation list"),
        (f"/admin/accounts/organisation/{personas.debt_team.pk}/change/", "organisation page"),
        ("/admin/measuring/lifedomain/", "life domain list"),
        ("/admin/measuring/instrument/", "instrument list"),
    ):
        journey.goto(path, step)
        assert scroll_width(page) <= WIDTH, step

    instrument = Instrument.objects.order_by("id").first()
    journey.goto(f"/admin/measuring/instrument/{instrument.pk}/change/", "instrument page")
    assert scroll_width(page) <= WIDTH, f"the instrument page is {scroll_width(page)} pixels wide"


def test_the_organisation_admin_manages_their_staff(open_journey, personas):
    from samenplan.accounts.models import User
    from samenplan.testing.factories import UserFactory

    UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=personas.debt_team)
    journey = open_journey(viewport=(WIDTH, 900))
    page = journey.page
    journey.login("olga", PASSWORD, "home of the organisation admin")
    journey.follow(page.get_by_role("link", name="Naar je organisatie"), "organisation page")
    assert page.get_by_role("heading", level=1).inner_text() == "Schuldhulp"
    assert scroll_width(page) <= WIDTH

    journey.follow(page.get_by_role("link", name="Medewerker toevoegen"), "add a staff member")
    page.get_by_label("Voornaam").fill("Sanne")
    journey.follow(page.get_by_role("button", name="Toevoegen en link sturen"), "a missing field")
    assert page.get_by_label("Voornaam").input_value() == "Sanne", "what was typed is kept"
    page.get_by_label("Achternaam").fill("de Wit")
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_label("Functie").fill("Budgetcoach")
    journey.follow(page.get_by_role("button", name="Toevoegen en link sturen"), "staff member added")
    assert "Sanne de Wit is toegevoegd" in page.locator("main").inner_text()

    journey.follow(page.get_by_role("button", name=f"{personas.dave.display_name} blokkeren"), "dave blocked")
    assert "Geblokkeerd" in page.locator("main").inner_text()
    assert scroll_width(page) <= WIDTH


def test_the_access_log_reads_as_a_list_on_a_phone(open_journey, personas):
    from django.test import Client

    other = Client()
    for person, path in ((personas.dave, "goals/"), (personas.carol, "story/"), (personas.bob, "print/")):
        other.force_login(person)
        other.get(f"/plans/{personas.plan.pk}/{path}")
    journey = open_journey(viewport=(390, 800))
    page = journey.page
    journey.login("alice", PASSWORD, "alice logged in")
    journey.goto(f"/plans/{personas.plan.pk}/access-log/", "access log on a phone")
    text = page.locator("main").inner_text()
    assert f"{personas.dave.display_name} bekeek je doelen" in text
    assert "probeerde je verhaal te openen, maar mocht dat niet" in text
    assert "opende de printversie" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
