"""The language switch: Dutch by default, English one click away, on every page, and the
choice sticks while moving through the site."""

import pytest

from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def test_switch_to_english_and_back(open_journey, personas):
    journey = open_journey()
    page = journey.page

    journey.goto("/accounts/login/", "login in dutch")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert heading(page) == "Inloggen"

    journey.follow(page.get_by_role("button", name="English"), "login in english")
    assert page.locator("html").get_attribute("lang") == "en"
    assert heading(page) == "Log in"

    page.get_by_label("Username or email address").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    journey.follow(page.get_by_role("button", name="Log in"), "plan in english")
    assert heading(page) == "My plan"

    journey.follow(
        page.get_by_role("navigation", name="Parts of the plan").get_by_role("link", name="Goals", exact=True),
        "goals in english",
    )
    assert heading(page) == "Goals"
    assert page.get_by_role("button", name="Add goal").is_visible()

    journey.follow(page.get_by_role("button", name="Nederlands"), "goals in dutch again")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert heading(page) == "Doelen"
    assert page.url.endswith(f"/plans/{personas.plan.pk}/goals/"), "the switch stays on the same page"
    assert page.get_by_role("button", name="Doel toevoegen").is_visible()

    journey.goto("/plans/999999/", "a missing page in dutch", status=404)
    assert heading(page) == "Deze pagina kunnen we niet laten zien"
    assert page.get_by_role("link", name="Naar de startpagina").is_visible()
