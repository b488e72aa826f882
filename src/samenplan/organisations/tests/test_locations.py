from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Location, Schedule, ServiceAtLocation
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import LocationFactory, ServiceFactory, UserFactory


class LocationsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=cls.debt_team)
        cls.otto = UserFactory(
            username="otto", first_name="Otto", role=User.Role.ORG_ADMIN, organisation=cls.social_team
        )
        cls.location = LocationFactory(organisation=cls.debt_team, name="De Brug")

    def data(self, **changes):
        data = {
            "name": "Wijkcentrum De Brug",
            "location_type": "physical",
            "address_1": "Markt 3",
            "postal_code": "5701 AB",
            "city": "Helmstad",
            "wijk": self.wijk.pk,
            "transportation": "Bus 4, halte Markt",
            "accessibility": "Drempelvrij",
            "day1_opens": "09:00",
            "day1_closes": "17:00",
            "day1_note": "Alleen op afspraak",
            "day3_opens": "13:00",
            "day3_closes": "16:30",
        }
        data.update(changes)
        return data

    def test_it_adds_a_location_with_opening_hours(self):
        self.login(self.olga)
        response = self.client.post("/organisatie/locaties/nieuw/", self.data())
        self.assertRedirects(response, "/organisatie/", fetch_redirect_response=False)
        location = Location.objects.get(name="Wijkcentrum De Brug")
        self.assertEqual((location.organisation, location.wijk), (self.debt_team, self.wijk))
        hours = [(s.weekday, s.opens_at.strftime("%H:%M"), s.description) for s in location.schedules.all()]
        self.assertEqual(hours, [(1, "09:00", "Alleen op afspraak"), (3, "13:00", "")])
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.action, entry.actor_id), ("create", self.olga.pk))
        # Editing shows the hours again, and replaces them.
        page = self.client.get(f"/organisatie/locaties/{location.pk}/")
        self.assertContains(page, 'value="09:00"')
        self.assertContains(page, "<legend>Maandag</legend>", html=True)
        self.client.post(
            f"/organisatie/locaties/{location.pk}/", self.data(day1_opens="", day1_closes="", day1_note="")
        )
        self.assertEqual([s.weekday for s in location.schedules.all()], [3])
        self.assertEqual(AuditEntry.objects.order_by("-id").first().action, "update")

    def test_bad_hours_get_a_message_by_the_field_and_are_kept(self):
        self.login(self.olga)
        response = self.client.post(
            f"/organisatie/locaties/{self.location.pk}/", self.data(day1_closes="08:00", day3_closes="", name="")
        )
        self.assertContains(response, "Op maandag moet de sluitingstijd later zijn dan de openingstijd.")
        self.assertContains(response, 'id="id_day1_closes_error"')
        self.assertContains(response, "Vul op woensdag allebei in")
        self.assertContains(response, 'value="Markt 3"')
        self.location.refresh_from_db()
        self.assertEqual(self.location.name, "De Brug")
        self.assertFalse(Schedule.objects.exists())

    def test_a_location_is_removed_only_when_no_service_is_offered_there(self):
        service = ServiceFactory(organisation=self.debt_team)
        ServiceAtLocation.objects.create(service=service, location=self.location)
        self.login(self.olga)
        url = f"/organisatie/locaties/{self.location.pk}/verwijderen/"
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url)
        self.assertTrue(Location.objects.filter(pk=self.location.pk).exists())
        ServiceAtLocation.objects.all().delete()
        self.assertRedirects(self.client.post(url), "/organisatie/", fetch_redirect_response=False)
        self.assertFalse(Location.objects.filter(pk=self.location.pk).exists())
        self.assertEqual(AuditEntry.objects.order_by("-id").first().action, "delete")

    def test_only_their_own_organisation(self):
        for method, url in [
            ("get", f"/organisatie/locaties/{self.location.pk}/"),
            ("post", f"/organisatie/locaties/{self.location.pk}/"),
            ("post", f"/organisatie/locaties/{self.location.pk}/verwijderen/"),
        ]:
            self.assert_not_found_for([self.otto, self.dave, self.alice, self.pam], url, method, self.data())
        self.assert_not_found_for([self.dave, self.alice, self.pam], "/organisatie/locaties/nieuw/")
        self.location.refresh_from_db()
        self.assertEqual(self.location.name, "De Brug")
