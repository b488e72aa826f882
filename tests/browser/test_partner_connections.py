"""The organisation admin connects the organisation's case system: adds a connection, sees
the secret once, and revokes it; axe-clean, in Dutch."""

import pytest

from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_organisation_admin_adds_and_revokes_a_connection(open_journey, personas):
    from samenplan.accounts.models import User
    from samenplan.testing.factories import ServiceFactory, UserFactory

    ServiceFactory(organisation=personas.debt_team, name="Schuldhulpverlening")
    UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=personas.debt_team)
    journey = open_journey(viewport=(1280, 900))
    page = journey.page
    journey.login("olga", PASSWORD, "home of the organisation admin")
    journey.goto("/organisatie/", "organisation page")
    journey.follow(page.get_by_role("link", name="Koppelingen met je systemen"), "no connections yet")
    journey.follow(page.get_by_role("link", name="Koppeling toevoegen"), "add a connection")
    journey.follow(page.get_by_role("button", name="Koppeling toevoegen"), "a missing name")
    page.get_by_label("Naam van de koppeling").fill("Dossiersysteem")
    page.get_by_label("Verwijzingen naar de organisatie: lezen en de status veranderen").check()
    journey.follow(page.get_by_role("button", name="Koppeling toevoegen"), "the secret, once")
    assert "Bewaar het geheim nu" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("link", name="Ik heb het bewaard"), "the connection in the list")
    journey.follow(page.get_by_role("link", name="Intrekken Dossiersysteem"), "revoke: are you sure")
    journey.follow(page.get_by_role("button", name="Ja, intrekken"), "revoked")
    assert "Ingetrokken" in page.locator("main").inner_text()
