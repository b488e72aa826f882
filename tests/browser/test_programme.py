"""The city programme: an organisation asks to join an action, the programme coordinator
accepts it on the internal page, and a resident without an account reads on the public
page what the city is doing, with no person's name. Every page is checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.programme.models import JoinRequest, ProgressUpdate, WorkGroupMember
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import (
    OrganisationFactory,
    ProgrammeActionFactory,
    ProgrammeFactory,
    ProgrammeGoalFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_coordinator_accepts_a_join_and_residents_see_the_action(open_journey, personas):
    programme = ProgrammeFactory()
    goal = ProgrammeGoalFactory(programme=programme, number=1, title="Iedereen kan rondkomen")
    action = ProgrammeActionFactory(goal=goal, title="Geldcafé in de bibliotheek", lead=personas.debt_team)
    WorkGroupMember.objects.create(
        action=action, organisation=personas.debt_team, user=personas.dave, name="Dave Dekker"
    )
    old = timezone.localdate() - timedelta(days=120)
    ProgressUpdate.objects.create(action=action, date=old, text="Eerste avond.")
    action.last_update_on = old
    action.save()
    club = OrganisationFactory(name="Basketbal Peel Suns", kind=Organisation.Kind.SPORT)
    sem = UserFactory(
        username="sem", first_name="Sem", last_name="Smit", role=User.Role.PROFESSIONAL, organisation=club
    )
    sem.set_password(PASSWORD)
    sem.save()

    journey = open_journey()
    page = journey.page

    # A professional of the sports club asks to join.
    journey.login("sem", PASSWORD, "sem's work")
    journey.goto(f"/programma/acties/{action.pk}/", "the action")
    journey.follow(page.get_by_role("link", name="Vragen om mee te doen"), "join form")
    page.get_by_label("Wat kan jouw organisatie bijdragen?").fill("Wij hebben een zaal en trainers.")
    journey.follow(page.get_by_role("button", name="Verzoek versturen"), "request sent")
    assert JoinRequest.objects.get().status == "pending"
    journey.logout()

    # The coordinator sees the stalled action and accepts the request.
    journey.login("petra", PASSWORD, "petra logged in")
    journey.follow(page.get_by_role("link", name="Programma", exact=True), "who does what")
    assert "Stilgevallen (1)" in page.locator("main").inner_text()
    page.get_by_label("Accepteren").check()
    journey.follow(page.get_by_role("button", name="Besluit opslaan"), "request accepted")
    assert JoinRequest.objects.get().status == "accepted"
    assert WorkGroupMember.objects.filter(action=action, user=sem).exists()
    journey.logout()

    # A resident reads the public page: the action, its lead, no names of people.
    journey.goto("/programma/", "public page")
    main = page.locator("main").inner_text()
    assert "Geldcafé in de bibliotheek" in main and "Schuldhulp" in main
    assert "Dave" not in main and "Sem" not in main
    journey.follow(page.get_by_role("link", name="Doel 1: Iedereen kan rondkomen"), "goal page")
    journey.finish()


def test_the_coordinator_adds_a_goal_an_action_and_its_work_group(open_journey, personas):
    ProgrammeFactory()
    journey = open_journey()
    page = journey.page
    journey.login("petra", PASSWORD, "petra logged in")
    journey.goto("/programma/beheer/", "manage page")
    journey.follow(page.get_by_role("link", name="Doel toevoegen"), "goal form")
    page.get_by_label("Doel", exact=True).fill("Iedereen kan rondkomen")
    page.get_by_role("button", name="Doel opslaan").click()
    page.wait_for_load_state("load")
    journey.errors = [error for error in journey.errors if "status of 400" not in error]
    journey.check("goal needs a theme")
    assert "Kies minstens één thema." in page.locator("main").inner_text()
    page.get_by_label("Bestaanszekerheid").check()
    journey.follow(page.get_by_role("button", name="Doel opslaan"), "goal saved")
    journey.follow(page.get_by_role("link", name="Actie toevoegen aan doel 1"), "action form")
    page.get_by_label("Naam van de actie").fill("Geldcafé")
    page.get_by_label("Trekker (organisatie)").select_option(label=personas.debt_team.name)
    journey.follow(page.get_by_role("button", name="Actie opslaan"), "action saved")
    page.get_by_label("Organisatie", exact=True).select_option(label=personas.debt_team.name)
    page.get_by_label("Persoon").select_option(label=f"Dave Dekker ({personas.debt_team.name})")
    page.get_by_label("Rol in de werkgroep").fill("trekker")
    journey.follow(page.get_by_role("button", name="Toevoegen aan de werkgroep"), "member added")
    assert "Dave Dekker, trekker" in page.locator("main").inner_text()
    journey.finish()
