"""Journeys through the doors that guard a plan: "who sees what" open in two tabs, an
invitation link forwarded to someone else, closing a plan with a reason, and changing
one's own password. Every page is scanned with axe and photographed (see conftest.py)."""

import re

import pytest
from django.core import mail

from samenplan.sharing.models import Grant, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_stale_second_tab_never_undoes_a_newer_choice(open_journey, personas):
    first, second = open_journey(), open_journey()
    for journey in (first, second):
        journey.login("alice", PASSWORD, "my plan")
        journey.follow(journey.plan_link("Wie ziet wat"), "who sees what")
        journey.follow(journey.page.get_by_role("link", name="Overzicht van iedereen"), "overview of everyone")
    carol = personas.carol_membership.pk

    # In the second tab Alice takes away what Carol may see of the agreements.
    second.page.locator(f"#id_level_{carol}_agreements").select_option(str(Level.NONE))
    second.follow(second.page.get_by_role("button", name="Wie ziet wat opslaan"), "saved in the second tab")

    # In the first, older tab she changes the same box: nothing is saved, both are shown.
    first.page.locator(f"#id_level_{carol}_agreements").select_option(str(Level.VIEW))
    first.follow(first.page.get_by_role("button", name="Wie ziet wat opslaan"), "stale tab refused")
    assert "Iemand anders heeft veranderd wie wat ziet" in first.page.locator("main").inner_text()
    assert "Nu opgeslagen: Niets" in first.page.locator(".cell--changed").inner_text()
    assert not Grant.objects.filter(membership_id=carol, part=Part.AGREEMENTS).exists()
    first.finish()
    second.finish()


def test_a_forwarded_invitation_lets_nobody_else_in(open_journey, personas):
    ria = Membership.objects.create(
        plan=personas.plan, name="Ria", relation="neighbour", role="network", added_by=personas.alice
    )
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")
    journey.goto(f"/plans/{personas.plan.pk}/network/{ria.pk}/invite/", "invite Ria")
    page.get_by_label("E-mailadres").fill("ria@example.org")
    journey.follow(page.get_by_role("button", name="Uitnodiging versturen"), "invitation sent")
    link = re.search(r"https?://\S+(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    assert "Alice" not in mail.outbox[-1].body
    journey.logout()

    # Someone else, logged in with another address, opens the forwarded link.
    journey.login("charlie", PASSWORD, "caseload")
    journey.goto(link, "a forwarded invitation")
    assert "r•••@example.org" in page.locator("main").inner_text()
    assert page.get_by_role("button", name=re.compile("^Accepteren")).count() == 0
    journey.follow(page.get_by_role("button", name="Stuur mij een code"), "code sent to the invited address")
    assert mail.outbox[-1].to == ["ria@example.org"]
    page.get_by_label("De code uit de e-mail").fill("000000")
    journey.follow(page.get_by_role("button", name=re.compile("^Accepteren")), "wrong code")
    assert "niet goed" in page.locator("main").inner_text()
    ria.refresh_from_db()
    assert ria.user_id is None
    journey.finish()


def test_the_resident_closes_and_reopens_the_plan_and_changes_her_password(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")
    journey.follow(page.get_by_role("link", name="Plan afsluiten"), "close the plan")
    journey.follow(page.get_by_role("button", name="Plan afsluiten"), "a reason is needed")
    assert page.locator("#id_reason_error").is_visible()
    page.get_by_label("Waarom wordt het plan afgesloten?").fill("Mijn doelen zijn bereikt.")
    journey.follow(page.get_by_role("button", name="Plan afsluiten"), "plan closed")
    assert "Mijn doelen zijn bereikt." in page.locator("main").inner_text()
    journey.follow(page.get_by_role("button", name="Plan weer openen"), "plan open again")

    journey.follow(page.get_by_role("link", name=re.compile("Alice")), "my account")
    journey.follow(page.get_by_role("link", name="Mijn wachtwoord wijzigen"), "change my password")
    page.get_by_label("Je huidige wachtwoord").fill(PASSWORD)
    page.get_by_label("Kies een nieuw wachtwoord").fill("een nieuwe lange zin")
    page.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill("een nieuwe lange zin")
    journey.follow(page.get_by_role("button", name="Mijn nieuwe wachtwoord opslaan"), "password changed")
    assert page.get_by_role("heading", level=1).inner_text() == "Je wachtwoord is gewijzigd"
    journey.finish()
