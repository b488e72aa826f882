"""The public social map: search, filters, the service page, the organisation page."""

import re
from datetime import time, timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.directory.models import STALE_AFTER_DAYS, Schedule, Service, ServiceAtLocation, TaxonomyTerm
from samenplan.directory.search import index_services
from samenplan.directory.selectors import service_choices
from samenplan.testing.factories import LocationFactory, OrganisationFactory, ServiceFactory, UserFactory, WijkFactory


def listed(**fields):
    terms = fields.pop("terms", [])
    wijken = fields.pop("wijken", [])
    service = ServiceFactory(**fields)
    service.terms.set(terms)
    service.wijken.set(wijken)
    index_services([service.pk])
    return service


class SocialMapTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.west = WijkFactory(name="Helmstad-West", code="west")
        cls.oost = WijkFactory(name="Helmstad-Oost", code="oost")
        cls.money = TaxonomyTerm.objects.get(life_domain__code="financien")
        cls.kredietbank = OrganisationFactory(
            name="Kredietbank Helmstad", kind=Organisation.Kind.DEBT, phone="040 123 45 67"
        )
        cls.arrears = listed(
            organisation=cls.kredietbank,
            name="Hulp bij betalingsachterstanden",
            description=(
                "Je hebt rekeningen die je niet op tijd kunt betalen. Wij zoeken samen met je naar een regeling."
            ),
            eligibility_description="Voor iedereen in Helmstad met geldzorgen.",
            minimum_age=18,
            walk_in=True,
            by_phone=True,
            free=True,
            wait_time="Binnen twee weken een eerste gesprek",
            phone="040 765 43 21",
            email="hulp@kredietbank.example",
            languages=["nl", "ar", "tr"],
            terms=[cls.money],
            wijken=[cls.west],
        )
        cls.youth = listed(
            name="Jongerenwerk De Plek",
            description="Een plek om te chillen, huiswerk te maken en mee te doen aan activiteiten.",
            minimum_age=12,
            maximum_age=23,
            free=False,
            fees_description="5 euro per maand",
            languages=["nl", "en"],
            wijken=[cls.oost],
        )
        cls.elderly = listed(
            name="Buurtsport voor ouderen",
            description="Samen bewegen in de gymzaal, elke dinsdag.",
            minimum_age=60,
        )

    def get(self, url, **params):
        return self.client.get(url, params)

    def names(self, response):
        return [service["name"] for service in response.context["page"].object_list]


class SearchPageTestCase(SocialMapTestCase):
    def test_it_needs_no_login_and_lists_everything_listed(self):
        response = self.get("/sociale-kaart/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.names(response), ["Buurtsport voor ouderen", "Hulp bij betalingsachterstanden", "Jongerenwerk De Plek"]
        )
        self.assertContains(response, "Kredietbank Helmstad")

    def test_a_resident_finds_arrears_help_with_a_part_of_the_word(self):
        response = self.get("/sociale-kaart/", q="achterstand")
        self.assertEqual(self.names(response), ["Hulp bij betalingsachterstanden"])
        self.assertContains(response, 'value="achterstand"')

    def test_a_typo_still_finds_help(self):
        self.assertEqual(
            self.names(self.get("/sociale-kaart/", q="betalingsachterstnden")), ["Hulp bij betalingsachterstanden"]
        )

    def test_a_page_past_the_last_shows_the_last(self):
        response = self.get("/sociale-kaart/", page=99)
        self.assertEqual(response.context["page"].number, 1)
        self.assertEqual(len(self.names(response)), 3)

    def test_filter_by_life_domain(self):
        self.assertEqual(
            self.names(self.get("/sociale-kaart/", domain=self.money.pk)), ["Hulp bij betalingsachterstanden"]
        )

    def test_the_life_domains_are_offered_in_the_residents_words(self):
        response = self.get("/sociale-kaart/")
        self.assertContains(
            response, f'<option value="{self.money.pk}">{self.money.life_domain.resident_name}</option>', html=True
        )

    def test_filter_by_wijk_keeps_services_for_the_whole_town(self):
        # The elderly sport has no wijken: it is for the whole town.
        self.assertEqual(
            self.names(self.get("/sociale-kaart/", wijk=self.west.pk)),
            ["Buurtsport voor ouderen", "Hulp bij betalingsachterstanden"],
        )

    def test_filter_by_wijk_finds_a_service_with_a_place_there(self):
        place = LocationFactory(organisation=self.youth.organisation, wijk=self.west)
        ServiceAtLocation.objects.create(service=self.youth, location=place)
        self.assertIn("Jongerenwerk De Plek", self.names(self.get("/sociale-kaart/", wijk=self.west.pk)))

    def test_filter_by_age_group_overlaps_the_ages(self):
        self.assertEqual(self.names(self.get("/sociale-kaart/", age="young")), ["Jongerenwerk De Plek"])
        self.assertEqual(
            self.names(self.get("/sociale-kaart/", age="elderly")),
            ["Buurtsport voor ouderen", "Hulp bij betalingsachterstanden"],
        )
        self.assertEqual(self.names(self.get("/sociale-kaart/", age="children")), [])

    def test_filter_free_of_charge(self):
        self.assertNotIn("Jongerenwerk De Plek", self.names(self.get("/sociale-kaart/", free="on")))

    def test_filter_by_language(self):
        self.assertEqual(self.names(self.get("/sociale-kaart/", language="ar")), ["Hulp bij betalingsachterstanden"])
        self.assertEqual(self.names(self.get("/sociale-kaart/", language="en")), ["Jongerenwerk De Plek"])

    def test_languages_are_named_in_dutch(self):
        response = self.get("/sociale-kaart/")
        self.assertContains(response, '<option value="ar">Arabisch</option>', html=True)

    def test_filters_and_words_together(self):
        self.assertEqual(self.names(self.get("/sociale-kaart/", q="regeling", wijk=self.oost.pk)), [])

    def test_an_unknown_filter_value_is_told_and_the_rest_still_works(self):
        response = self.get("/sociale-kaart/", q="achterstand", wijk="987654")
        self.assertContains(response, "error-summary")
        self.assertEqual(self.names(response), ["Hulp bij betalingsachterstanden"])

    def test_nothing_found_says_what_to_do_and_whom_to_call(self):
        OrganisationFactory(name="Sociaal Team Oost", kind=Organisation.Kind.SOCIAL_TEAM, phone="040 222 33 44")
        response = self.get("/sociale-kaart/", q="fietsenmaker", free="on")
        self.assertContains(response, "We vonden geen hulp die past.")
        self.assertContains(response, "Haal een keuze weg")
        self.assertContains(response, "Sociaal Team Oost")
        self.assertContains(response, "040 222 33 44")

    def test_free_stale_and_closed_are_shown_on_the_result(self):
        Service.objects.filter(pk=self.elderly.pk).update(
            assured_date=timezone.localdate() - timedelta(days=STALE_AFTER_DAYS + 1),
            status=Service.Status.TEMPORARILY_CLOSED,
        )
        response = self.get("/sociale-kaart/", q="gymzaal")
        self.assertContains(response, "Gratis")
        self.assertContains(response, "Lang niet gecontroleerd")
        self.assertContains(response, "Tijdelijk gesloten")

    def test_a_result_names_two_places_and_counts_the_rest(self):
        for name in ("Buurthuis De Kern", "Servicepunt Noord", "Wijkcentrum Oost"):
            place = LocationFactory(organisation=self.elderly.organisation, name=name, wijk=self.west)
            ServiceAtLocation.objects.create(service=self.elderly, location=place)
        response = self.get("/sociale-kaart/", q="gymzaal")
        self.assertContains(
            response, "Buurthuis De Kern (Helmstad-West) · Servicepunt Noord (Helmstad-West) · en nog 1 plek"
        )

    def test_how_to_get_there_is_in_words(self):
        response = self.get("/sociale-kaart/", q="achterstand")
        self.assertContains(response, "Binnenlopen")
        self.assertContains(response, "Bellen")

    def test_results_come_twenty_to_a_page_and_the_next_page_keeps_the_search(self):
        for n in range(22):
            listed(name=f"Schuldhulp maatje {n:02}", description="Een vrijwilliger helpt je met je papieren.")
        response = self.get("/sociale-kaart/", q="maatje", free="on")
        self.assertEqual(len(response.context["page"].object_list), 20)
        self.assertContains(response, "?q=maatje&amp;free=on&amp;page=2")
        second = self.get("/sociale-kaart/", q="maatje", free="on", page=2)
        self.assertEqual(self.names(second), ["Schuldhulp maatje 20", "Schuldhulp maatje 21"])

    def test_its_queries_do_not_grow_with_the_results(self):
        def queries_for(count):
            Service.objects.filter(name__startswith="Koken").delete()
            for n in range(count):
                service = listed(
                    name=f"Koken met de buurt {n}",
                    description="Samen koken en eten.",
                    terms=[self.money],
                    wijken=[self.west],
                )
                place = LocationFactory(organisation=service.organisation, wijk=self.west)
                ServiceAtLocation.objects.create(service=service, location=place)
            self.get("/sociale-kaart/")  # the filters' choices are kept between searches
            with CaptureQueriesContext(connection) as captured:
                response = self.get("/sociale-kaart/", q="koken", wijk=self.west.pk)
            self.assertEqual(len(response.context["page"].object_list), min(count, 20))
            return len(captured)

        self.assertEqual(queries_for(2), queries_for(25))
        self.assertLessEqual(queries_for(25), 8)

    def test_the_header_links_to_the_social_map_for_everyone(self):
        self.assertContains(self.client.get("/accounts/login/"), 'href="/sociale-kaart/"')
        self.client.force_login(UserFactory(role=User.Role.RESIDENT))
        self.assertContains(self.get("/sociale-kaart/"), 'href="/sociale-kaart/"')


class ServicePageTestCase(SocialMapTestCase):
    def test_it_says_what_for_whom_how_and_where(self):
        place = LocationFactory(
            organisation=self.kredietbank,
            name="Wijkcentrum De Kern",
            address_1="Kerkstraat 12",
            postal_code="5701 AB",
            city="Helmstad",
            wijk=self.west,
            transportation="Bus 4, halte Kerkplein",
        )
        link = ServiceAtLocation.objects.create(service=self.arrears, location=place)
        Schedule.objects.create(service_at_location=link, weekday=2, opens_at=time(9), closes_at=time(12, 30))
        Schedule.objects.create(location=place, weekday=5, opens_at=time(13), closes_at=time(17))
        response = self.get(f"/sociale-kaart/{self.arrears.pk}/")
        self.assertEqual(response.status_code, 200)
        for text in (
            "Hulp bij betalingsachterstanden",
            "Kredietbank Helmstad",
            "Voor iedereen in Helmstad met geldzorgen.",
            "Vanaf 18 jaar",
            "Binnenlopen",
            "Binnen twee weken een eerste gesprek",
            "040 765 43 21",
            "hulp@kredietbank.example",
            "Kerkstraat 12",
            "Wijk: Helmstad-West",
            "Bus 4, halte Kerkplein",
            "dinsdag",
            "09:00 tot 12:30",
            "Arabisch",
            "Laatst gecontroleerd op",
        ):
            self.assertContains(response, text)
        # The hours of the service at this place replace the place's own hours.
        self.assertNotContains(response, "vrijdag")

    def test_a_place_without_hours_of_its_own_for_the_service_shows_the_place_hours(self):
        place = LocationFactory(organisation=self.kredietbank, name="Stadskantoor")
        ServiceAtLocation.objects.create(service=self.arrears, location=place)
        Schedule.objects.create(location=place, weekday=5, opens_at=time(13), closes_at=time(17))
        self.assertContains(self.get(f"/sociale-kaart/{self.arrears.pk}/"), "vrijdag")

    def test_a_stale_listing_says_to_call_first(self):
        fresh = self.get(f"/sociale-kaart/{self.arrears.pk}/")
        self.assertNotContains(fresh, "Bel even voordat je gaat.")
        Service.objects.filter(pk=self.arrears.pk).update(
            assured_date=timezone.localdate() - timedelta(days=STALE_AFTER_DAYS + 1)
        )
        response = self.get(f"/sociale-kaart/{self.arrears.pk}/")
        self.assertContains(
            response, "Deze informatie is meer dan een half jaar niet gecontroleerd. Bel even voordat je gaat."
        )

    def test_a_closed_for_now_service_says_so(self):
        Service.objects.filter(pk=self.arrears.pk).update(status=Service.Status.TEMPORARILY_CLOSED)
        self.assertContains(self.get(f"/sociale-kaart/{self.arrears.pk}/"), "Deze hulp is even dicht.")

    def test_unknown_and_stopped_services_are_not_found(self):
        self.assertEqual(self.get("/sociale-kaart/987654/").status_code, 404)
        Service.objects.filter(pk=self.arrears.pk).update(status=Service.Status.DEFUNCT)
        self.assertEqual(self.get(f"/sociale-kaart/{self.arrears.pk}/").status_code, 404)

    def test_a_professional_from_a_plan_gets_a_button_to_refer(self):
        self.client.force_login(UserFactory(role=User.Role.PROFESSIONAL, organisation=self.kredietbank))
        response = self.get(f"/sociale-kaart/{self.arrears.pk}/", plan=42)
        self.assertContains(response, f'href="/plans/42/referrals/new/?service={self.arrears.pk}"')
        self.assertContains(response, "Verwijs door vanuit het plan")

    def test_no_refer_button_without_a_plan_a_login_or_referrals(self):
        self.assertNotContains(self.get(f"/sociale-kaart/{self.arrears.pk}/", plan=42), "referrals/new")
        self.client.force_login(UserFactory(role=User.Role.PROFESSIONAL, organisation=self.kredietbank))
        self.assertNotContains(self.get(f"/sociale-kaart/{self.arrears.pk}/"), "referrals/new")
        self.assertNotContains(self.get(f"/sociale-kaart/{self.arrears.pk}/", plan="x1"), "referrals/new")
        Service.objects.filter(pk=self.arrears.pk).update(accepts_referrals=False)
        self.assertNotContains(self.get(f"/sociale-kaart/{self.arrears.pk}/", plan=42), "referrals/new")

    def test_the_plan_is_carried_from_the_search_to_the_service(self):
        self.client.force_login(UserFactory(role=User.Role.PROFESSIONAL, organisation=self.kredietbank))
        response = self.get("/sociale-kaart/", q="achterstand", plan=42)
        self.assertContains(response, f'href="/sociale-kaart/{self.arrears.pk}/?plan=42"')

    def test_it_says_how_to_print(self):
        self.assertContains(self.get(f"/sociale-kaart/{self.arrears.pk}/"), "data-print")


class ServiceChoicesTestCase(SocialMapTestCase):
    def test_only_open_services_that_take_referrals_are_offered(self):
        Service.objects.filter(pk=self.youth.pk).update(accepts_referrals=False)
        Service.objects.filter(pk=self.elderly.pk).update(status=Service.Status.TEMPORARILY_CLOSED)
        self.assertEqual(service_choices(""), [self.arrears])
        self.assertEqual(service_choices("regeling"), [self.arrears])
        self.assertEqual(service_choices("gymzaal"), [])


class OrganisationPageTestCase(SocialMapTestCase):
    def test_it_lists_the_services_and_places(self):
        LocationFactory(organisation=self.kredietbank, name="Wijkcentrum De Kern", wijk=self.west)
        listed(organisation=self.kredietbank, name="Oud dienst", description="Gestopt.", status=Service.Status.DEFUNCT)
        response = self.get(f"/sociale-kaart/organisatie/{self.kredietbank.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Hulp bij betalingsachterstanden")
        self.assertContains(response, "Wijkcentrum De Kern")
        self.assertContains(response, "040 123 45 67")
        self.assertNotContains(response, "Oud dienst")

    def test_an_organisation_without_listed_services_is_not_found(self):
        self.assertEqual(self.get(f"/sociale-kaart/organisatie/{OrganisationFactory().pk}/").status_code, 404)
        self.assertEqual(self.get("/sociale-kaart/organisatie/987654/").status_code, 404)


class PageHygieneTestCase(SocialMapTestCase):
    """The public pages follow the site's rules: strict CSP, no inline script or style,
    a label for every field (testing/tests/test_security.py checks the plan pages)."""

    def test_no_inline_script_or_style_and_every_field_has_a_label(self):
        for url in (
            "/sociale-kaart/?q=achterstand&wijk=987654",
            f"/sociale-kaart/{self.arrears.pk}/",
            f"/sociale-kaart/organisatie/{self.kredietbank.pk}/",
        ):
            response = self.client.get(url)
            html = response.content.decode()
            self.assertIn("default-src 'none'", response["Content-Security-Policy"], url)
            self.assertNotRegex(html, r"<script[^>]*>\s*[^<\s]", url)
            self.assertNotRegex(html, r"\sstyle=|<style|\son[a-z]+=", url)
            for field_id in re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', html):
                self.assertRegex(html, rf'<label[^>]*for="{re.escape(field_id)}"', f"{url}: #{field_id}")
