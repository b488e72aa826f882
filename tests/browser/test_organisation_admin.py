"""An organisation admin finds a stale listing on their page, confirms one, and changes
another through the service form (with a mistake first). Every page is checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import LocationFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_admin_keeps_the_listings_up_to_date(open_journey, personas):
    debt = personas.debt_team
    UserFactory(username="olga", first_name="Olga", last_name="Oomen", role=User.Role.ORG_ADMIN, organisation=debt)
    LocationFactory(organisation=debt, name="Wijkcentrum De Brug")
    long_ago = timezone.localdate() - timedelta(days=400)
    ServiceFactory(organisation=debt, name="Budgetcoaching", assured_date=long_ago)
    ServiceFactory(organisation=debt, name="Formulierenhulp", assured_date=long_ago)
    ServiceFactory(organisation=debt, name="Spreekuur geldzaken")

    journey = open_journey()
    page = journey.page
    journey.login("olga", PASSWORD, "logged in")
    journey.goto("/organisatie/", "organisation page with stale listings")
    assert "2 diensten zijn langer dan een half jaar niet gecontroleerd" in page.inner_text("main")
    journey.follow(page.locator("li", has_text="Budgetcoaching").get_by_role("button").first, "one listing confirmed")
    assert "1 dienst is langer dan een half jaar niet gecontroleerd" in page.inner_text("main")

    journey.follow(page.locator("li", has_text="Formulierenhulp").get_by_role("link").first, "service form")
    page.get_by_label("Vanaf leeftijd").fill("65")
    page.get_by_label("Tot en met leeftijd").fill("18")
    journey.follow(page.get_by_role("button", name="Opslaan"), "service form with a mistake")
    assert "De hoogste leeftijd is lager dan de laagste leeftijd" in page.inner_text("main")
    page.get_by_label("Tot en met leeftijd").fill("")
    page.get_by_label("Wijkcentrum De Brug").check()
    journey.follow(page.get_by_role("button", name="Opslaan"), "service saved")
    assert page.locator("#h-stale").count() == 0

    journey.follow(page.get_by_role("link", name="Locatie toevoegen"), "location form")
    journey.finish()
