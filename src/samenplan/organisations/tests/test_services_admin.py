from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Service, ServiceAtLocation, TaxonomyTerm
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import LocationFactory, ServiceFactory, UserFactory


class ServicesAdminTestCase(BaseTestCase):
    """An organisation admin keeps their own services on the social map up to date."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=cls.debt_team)
        cls.otto = UserFactory(
            username="otto", first_name="Otto", role=User.Role.ORG_ADMIN, organisation=cls.social_team
        )
        cls.service = ServiceFactory(
            organisation=cls.debt_team, name="Budgetcoaching", assured_date=timezone.localdate() - timedelta(days=300)
        )
        cls.location = LocationFactory(organisation=cls.debt_team, name="Wijkcentrum De Brug")

    def data(self, **changes):
        term = TaxonomyTerm.objects.filter(life_domain__isnull=False).first()
        data = {
            "name": "Budgetcoaching",
            "description": "Samen je post en geld op orde.",
            "eligibility_description": "Inwoners met geldzorgen",
            "minimum_age": "18",
            "maximum_age": "",
            "walk_in": "on",
            "application_process": "Bel ons.",
            "free": "on",
            "wait_time": "Twee weken",
            "phone": "0492 123456",
            "email": "info@schuldhulp.example",
            "url": "https://schuldhulp.example",
            "languages": ["nl", "ar"],
            "terms": [term.pk] if term else [],
            "wijken": [self.wijk.pk],
            "locations": [self.location.pk],
            "status": "active",
            "accepts_referrals": "on",
        }
        data.update(changes)
        return data

    def test_it_lists_the_services_with_last_checked_and_the_stale_box(self):
        self.login(self.olga)
        response = self.client.get("/organisatie/")
        self.assertContains(response, "Budgetcoaching")
        self.assertContains(response, "1 dienst is langer dan een half jaar niet gecontroleerd")
        self.assertContains(response, f'action="/organisatie/diensten/{self.service.pk}/klopt-nog/"')
        self.assertContains(response, "Wijkcentrum De Brug")

    def test_the_list_costs_the_same_queries_however_many_services(self):
        self.login(self.olga)
        self.client.get("/organisatie/")  # the first request of a session reads a little more
        few = self._count("/organisatie/")
        for service in ServiceFactory.create_batch(4, organisation=self.debt_team, assured_by=self.olga):
            ServiceAtLocation.objects.create(service=service, location=self.location)
        LocationFactory.create_batch(3, organisation=self.debt_team)
        with self.assertNumQueries(few):
            response = self.client.get("/organisatie/")
        self.assertContains(response, "4 diensten worden hier aangeboden")

    def _count(self, url):
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        return len(queries)

    def test_it_saves_a_service_marks_it_checked_indexes_it_and_audits(self):
        self.login(self.olga)
        url = f"/organisatie/diensten/{self.service.pk}/"
        self.assertContains(self.client.get(url), 'value="Budgetcoaching"')
        response = self.client.post(url, self.data(description="Samen je post en geld op orde, zonder oordeel."))
        self.assertRedirects(response, "/organisatie/", fetch_redirect_response=False)
        service = Service.objects.get(pk=self.service.pk)
        self.assertEqual(service.assured_date, timezone.localdate())
        self.assertEqual(service.assured_by, self.olga)
        self.assertFalse(service.is_stale)
        self.assertEqual(service.languages, ["nl", "ar"])
        self.assertEqual(list(service.wijken.all()), [self.wijk])
        self.assertIn("zonder oordeel", service.search_text)
        self.assertEqual(
            list(ServiceAtLocation.objects.filter(service=service).values_list("location_id", flat=True)),
            [self.location.pk],
        )
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.action, entry.actor_id), ("update", self.olga.pk))
        self.assertIn(f"directory.service#{service.pk}: changed", entry.reason)
        page = self.client.get("/organisatie/")
        self.assertNotContains(page, "langer dan een half jaar niet gecontroleerd</h2>")

    def test_it_adds_a_service(self):
        self.login(self.olga)
        response = self.client.post("/organisatie/diensten/nieuw/", self.data(name="Formulierenhulp", locations=[]))
        self.assertRedirects(response, "/organisatie/", fetch_redirect_response=False)
        service = Service.objects.get(name="Formulierenhulp")
        self.assertEqual((service.organisation, service.assured_by), (self.debt_team, self.olga))
        self.assertEqual(AuditEntry.objects.order_by("-id").first().action, "create")

    def test_bad_input_gets_messages_by_the_field_and_is_kept(self):
        self.login(self.olga)
        response = self.client.post(
            f"/organisatie/diensten/{self.service.pk}/",
            self.data(minimum_age="65", maximum_age="18", free="", fees_description="", email="geen-adres"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "De hoogste leeftijd is lager dan de laagste leeftijd.")
        self.assertContains(response, 'id="id_maximum_age_error"')
        self.assertContains(response, "Zeg wat het kost")
        self.assertContains(response, "Dit is geen e-mailadres")
        self.assertContains(response, 'value="65"')
        self.service.refresh_from_db()
        self.assertLess(self.service.assured_date, timezone.localdate())

    def test_still_right_only_confirms(self):
        self.login(self.olga)
        url = f"/organisatie/diensten/{self.service.pk}/klopt-nog/"
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url)
        self.assertRedirects(response, "/organisatie/#h-services", fetch_redirect_response=False)
        self.service.refresh_from_db()
        self.assertEqual((self.service.assured_date, self.service.assured_by), (timezone.localdate(), self.olga))
        self.assertEqual(self.service.description, "Help with what you need.")
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertIn("checked, still right", entry.reason)
        self.assertContains(self.client.get("/organisatie/"), escape("Budgetcoaching geldt als vandaag gecontroleerd"))

    def test_only_their_own_organisation(self):
        urls = [
            ("get", f"/organisatie/diensten/{self.service.pk}/"),
            ("post", f"/organisatie/diensten/{self.service.pk}/"),
            ("post", f"/organisatie/diensten/{self.service.pk}/klopt-nog/"),
        ]
        for method, url in urls:
            self.assert_not_found_for([self.otto, self.dave, self.alice, self.pam], url, method, {"name": "X"})
        self.assert_not_found_for([self.dave, self.bob, self.alice, self.pam], "/organisatie/diensten/nieuw/")
        self.service.refresh_from_db()
        self.assertEqual(self.service.name, "Budgetcoaching")
        self.assertTrue(self.service.is_stale)
        # Another organisation's location is not offered in the form.
        other = LocationFactory(organisation=self.social_team, name="Elders")
        self.login(self.olga)
        self.assertNotContains(self.client.get("/organisatie/diensten/nieuw/"), "Elders")
        response = self.client.post("/organisatie/diensten/nieuw/", self.data(name="Nieuw", locations=[other.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Service.objects.filter(name="Nieuw").exists())
