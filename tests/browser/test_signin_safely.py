"""Signing in safely, in a real browser (docs/security.md): five wrong passwords show the
lockout page with the time to try again; a story typed while the session ended comes back
after logging in again and is saved with one button; every page axe-clean."""

import time

import pytest
from django.test import override_settings

from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = "Bob typte dit in het gesprek.\nTweede regel: huur & energie."


def test_five_wrong_passwords_show_when_to_try_again(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.goto("/accounts/login/", "login page")
    for attempt in range(1, 6):
        page.get_by_label("Gebruikersnaam of e-mailadres").fill("dave")
        page.get_by_label("Wachtwoord").fill("niet het wachtwoord")
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
        # The browser reports the 429 on its console; that is the page we want.
        journey.errors = [error for error in journey.errors if "status of 429" not in error]
        journey.check(f"wrong password {attempt}")
    assert page.get_by_role("heading", level=1).inner_text() == "Je kunt even niet inloggen"
    assert "Je kunt het opnieuw proberen om " in page.locator("main").inner_text()
    journey.follow(page.get_by_role("link", name="Wachtwoord vergeten? Vraag een nieuw wachtwoord aan."), "forgotten")


def test_a_story_typed_as_the_session_ends_is_saved_after_logging_in_again(open_journey, personas):
    journey = open_journey()
    page = journey.page
    plan = personas.plan
    journey.login("bob", PASSWORD)
    journey.goto(f"/plans/{plan.pk}/story/edit/", "bob edits the story")
    page.locator("textarea").fill(TEXT)
    with override_settings(SAMENPLAN_STAFF_IDLE_MINUTES=0):
        time.sleep(1.1)
        journey.follow(page.get_by_role("button", name="Opslaan"), "logged out, the story kept")
    assert "Je bent uitgelogd, omdat je 0 minuten niets hebt gedaan." in page.locator("main").inner_text()
    assert "Wat je had getypt, is bewaard." in page.locator("main").inner_text()

    journey.sign_in("bob", PASSWORD, "what bob typed")
    assert page.url.endswith("/accounts/kept-form/")
    assert "huur & energie." in page.locator("main").inner_text()
    journey.follow(page.get_by_role("button", name="Opnieuw versturen"), "the story saved")
    assert page.url.endswith(f"/plans/{plan.pk}/story/")
    assert "Tweede regel: huur & energie." in page.locator("main").inner_text()
    assert plan.story_versions.filter(text__contains="Tweede regel: huur & energie.").count() == 1
