"""The public social map: a resident, not logged in, finds help for payment arrears,
narrows it down to her neighbourhood and free help, and opens the service. Every page is
checked with axe (see conftest.py), on a wide screen and on a 320 px phone."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from samenplan.accounts.models import Organisation
from samenplan.directory.models import Schedule, ServiceAtLocation, TaxonomyTerm
from samenplan.directory.search import index_services
from samenplan.testing.factories import LocationFactory, OrganisationFactory, ServiceFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def social_map(live_server):
    west = WijkFactory(name="Helmstad-West", code="west")
    WijkFactory(name="Helmstad-Oost", code="oost")
    money = TaxonomyTerm.objects.get(life_domain__code="financien")
    bank = OrganisationFactory(name="Kredietbank Helmstad", kind=Organisation.Kind.DEBT, phone="040 123 45 67")
    OrganisationFactory(name="Sociaal Team West", phone="040 200 30 40").wijken.set([west])
    arrears = ServiceFactory(
        organisation=bank,
        name="Hulp bij betalingsachterstanden",
        description=(
            "Je hebt rekeningen die je niet op tijd kunt betalen. Wij kijken samen met je wat er moet gebeuren "
            "en maken afspraken met wie je geld moet krijgen."
        ),
        eligibility_description="Voor iedereen in Helmstad met geldzorgen.",
        minimum_age=18,
        walk_in=True,
        by_phone=True,
        self_referral=True,
        via_professional=True,
        wait_time="Binnen twee weken een eerste gesprek",
        phone="040 765 43 21",
        email="hulp@kredietbank.example",
        languages=["nl", "ar", "tr"],
    )
    arrears.terms.set([money])
    arrears.wijken.set([west])
    place = LocationFactory(
        organisation=bank,
        name="Wijkcentrum De Kern",
        address_1="Kerkstraat 12",
        postal_code="5701 AB",
        city="Helmstad",
        wijk=west,
        transportation="Bus 4, halte Kerkplein",
    )
    link = ServiceAtLocation.objects.create(service=arrears, location=place)
    Schedule.objects.create(service_at_location=link, weekday=2, opens_at=time(9), closes_at=time(12, 30))
    Schedule.objects.create(service_at_location=link, weekday=4, opens_at=time(13), closes_at=time(16))
    rent = ServiceFactory(
        name="Spreekuur huurachterstand",
        description="Loop binnen als je de huur niet kunt betalen. De woningcorporatie denkt met je mee.",
        walk_in=True,
        free=False,
        fees_description="Eerste gesprek gratis, daarna 10 euro",
        assured_date=timezone.localdate() - timedelta(days=400),
    )
    rent.wijken.set([west])
    ServiceFactory(name="Voedselbank Helmstad", description="Elke week een pakket met eten.", by_phone=True)
    index_services([arrears.pk, rent.pk])
    index_services(ServiceFactory._meta.model.objects.values_list("pk", flat=True))
    return arrears


def test_a_resident_finds_help_without_logging_in(open_journey, social_map):
    journey = open_journey()
    page = journey.page
    journey.goto("/accounts/login/", "login page")
    journey.follow(page.get_by_role("link", name="Sociale kaart", exact=True), "social map")

    page.get_by_label("Waarmee wil je hulp?").fill("achterstand")
    journey.follow(page.get_by_role("button", name="Zoeken", exact=True), "searched for achterstand")
    results = page.locator(".service-card")
    assert results.count() == 2
    assert "Lang niet gecontroleerd" in results.filter(has_text="Spreekuur huurachterstand").inner_text()

    # The filters are folded away until she asks for them (no JavaScript needed).
    page.get_by_text("Minder resultaten (hoeft niet)").click()
    page.get_by_label("Wijk").select_option(label="Helmstad-West")
    page.get_by_label("Alleen gratis hulp").check()
    journey.follow(page.get_by_role("button", name="Toon de hulp"), "only free help in Helmstad-West")
    assert page.locator(".service-card").count() == 1
    assert page.get_by_label("Waarmee wil je hulp?").input_value() == "achterstand"

    journey.follow(page.get_by_role("link", name="Hulp bij betalingsachterstanden"), "the service")
    text = page.locator("main").inner_text()
    for expected in ("Voor iedereen in Helmstad met geldzorgen.", "Kerkstraat 12", "dinsdag", "09:00 tot 12:30"):
        assert expected in text
    assert "Laatst gecontroleerd op" in text

    journey.goto("/sociale-kaart/?q=fietsenmaker", "nothing found")
    text = page.locator("main").inner_text()
    assert "We vonden geen hulp die past." in text
    assert "Sociaal Team West · 040 200 30 40" in text


def test_the_social_map_on_a_small_phone(open_journey, social_map):
    journey = open_journey(viewport=(320, 640))
    page = journey.page
    journey.goto("/sociale-kaart/?q=achterstand", "results on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    journey.goto(f"/sociale-kaart/{social_map.pk}/", "service on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
