"""A mystery-guest report answered by the organisation: a guest (carol, an expert by
experience) tries Schuldhulp's invitation letter and files a report with the letter, which
Samenplan cleans of personal data first; Schuldhulp's admin finds it from her organisation
page, sees what kind of guest wrote it (not who) and responds with an action and a date;
the guest and the programme coordinator read the response, and the coordinator sees the
findings by theme. Every page on the way is checked with axe (see conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.mystery_guests.models import Report, Response
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import MysteryGuestFactory, TouchpointFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LETTER = "Geachte heer Jansen,\nWilt u in schone kleding komen? Bel 06-12345678.\nMarkt 12, 5701 AB Helmstad"
ACTION = "We schrappen de zin over kleding en schrijven de brief opnieuw met ervaringsdeskundigen."


def test_a_mystery_guest_report_answered_by_the_organisation(open_journey, personas):
    olga = UserFactory(
        username="olga",
        first_name="Olga",
        last_name="Meulendijks",
        role=User.Role.ORG_ADMIN,
        organisation=personas.debt_team,
    )
    olga.set_password(PASSWORD)
    olga.save()
    MysteryGuestFactory(user=personas.carol, kind="expert", added_by=personas.petra)
    TouchpointFactory(organisation=personas.debt_team, kind="letter", name="Uitnodiging eerste gesprek")
    journey = open_journey()
    page = journey.page

    # The guest writes a report with the letter, checks it and files it.
    journey.login("carol", PASSWORD, "carol logged in")
    journey.goto("/mysteryguests/", "my reports")
    journey.follow(page.get_by_role("link", name="Verslag schrijven"), "report form")
    page.get_by_label("Wat heb je uitgeprobeerd?").select_option(label="Schuldhulp: Uitnodiging eerste gesprek (Brief)")
    page.get_by_label("Wanneer?").fill((timezone.localdate() - timedelta(days=2)).isoformat())
    for question, answer in (
        ("Was het duidelijk?", "Niet echt"),
        ("Was het respectvol?", "Nee, helemaal niet"),
        ("Was het makkelijk bereikbaar?", "Grotendeels"),
        ("Was het toegankelijk?", "Niet echt"),
    ):
        page.get_by_role("group", name=question).get_by_label(answer).check()
    page.get_by_label("Wat voelde niet goed?").fill("Schone kleding? Superdenigrerend.")
    page.get_by_label("De tekst van de brief").fill(LETTER)
    journey.follow(page.get_by_role("button", name="Mijn verslag nakijken"), "report checked")
    check = page.locator(".notice--action").inner_text()
    assert "Wilt u in schone kleding komen?" in check and "[telefoonnummer]" in check
    assert "Jansen" not in check and "06-12345678" not in check and "5701 AB" not in check
    journey.follow(page.get_by_role("button", name="Verslag versturen"), "report filed")
    report = Report.objects.get()
    assert "Jansen" not in report.letter_text
    journey.logout()

    # Schuldhulp's admin finds it from her organisation page and responds.
    journey.login("olga", PASSWORD, "olga logged in")
    journey.goto("/organisatie/", "organisation page")
    journey.follow(page.get_by_role("link", name="Mystery guests: verslagen over jullie diensten"), "reports")
    journey.follow(page.get_by_role("link", name="Schuldhulp: Uitnodiging eerste gesprek"), "the report")
    main = page.locator("main").inner_text()
    assert "Ervaringsdeskundige" in main and "Superdenigrerend." in main and "Carol" not in main
    page.get_by_label("Wat gaat je organisatie doen?").fill(ACTION)
    page.get_by_label("Klaar op").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    journey.follow(page.get_by_role("button", name="Reactie bewaren"), "response saved")
    assert Response.objects.get().responded_by == olga
    journey.logout()

    # The guest reads the response.
    journey.login("carol", PASSWORD, "carol again")
    journey.goto("/mysteryguests/", "my reports, answered")
    assert "Beantwoord" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("link", name="Schuldhulp: Uitnodiging eerste gesprek"), "the answered report")
    assert ACTION in page.locator("main").inner_text()
    journey.logout()

    # The programme coordinator reads it too, and the findings by theme.
    journey.login("petra", PASSWORD, "petra logged in")
    journey.follow(page.get_by_role("link", name="Mystery guests", exact=True), "all reports")
    journey.follow(page.get_by_role("link", name="Schuldhulp: Uitnodiging eerste gesprek"), "the report, for petra")
    main = page.locator("main").inner_text()
    assert ACTION in main and "Carol Claes" in main
    journey.goto("/mysteryguests/bevindingen/", "findings")
    assert "Superdenigrerend." in page.locator("main").inner_text()
    journey.finish()
