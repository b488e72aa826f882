"""The demo town's case conferences, consults and breakthrough requests: each person finds
what the demo promises them on their own pages."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from samenplan.accounts.models import User
from samenplan.conferences.models import BreakthroughRequest, Conference, Consult, Decision


def counts():
    return (
        Conference.objects.count(),
        Consult.objects.count(),
        BreakthroughRequest.objects.count(),
        Decision.objects.count(),
    )


class DemoConferencesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--json", stdout=StringIO())

    def login(self, username):
        self.client.force_login(User.objects.get(username=username))

    def test_building_twice_adds_nothing(self):
        before = counts()
        call_command("demo", "--json", stdout=StringIO())
        self.assertEqual(counts(), before)

    def test_there_is_a_conference_in_every_state_that_matters(self):
        statuses = set(Conference.objects.values_list("plan__owner__username", "status"))
        self.assertEqual(statuses, {("fatima", "planned"), ("maria", "closed"), ("henk", "proposed")})

    def test_fatima_reads_what_was_agreed_and_who_waits_for_her_yes(self):
        conference = Conference.objects.get(plan__owner__username="fatima")
        self.login("fatima")
        response = self.client.get(f"/overleg/{conference.pk}/")
        self.assertContains(response, "Wat we hebben afgesproken")
        self.assertContains(response, "Ontruimingsprocedure stilzetten")
        self.assertContains(response, "Eva Claassen")  # waiting for her yes
        self.assertContains(response, "Doorbraak")

    def test_tom_from_outside_the_plan_sees_the_table_and_eva_not_yet(self):
        conference = Conference.objects.get(plan__owner__username="fatima")
        self.login("tom.werkbedrijf")
        self.assertContains(self.client.get(f"/overleg/{conference.pk}/"), "Ik ben Fatima")
        self.login("eva.ggz")
        self.assertEqual(self.client.get(f"/overleg/{conference.pk}/").status_code, 404)

    def test_the_breakthrough_officer_has_one_request_waiting_and_one_decided(self):
        self.login("doorbraak")
        response = self.client.get("/doorbraak/")
        self.assertEqual(response.status_code, 200)
        waiting = BreakthroughRequest.objects.get(status=BreakthroughRequest.Status.SUBMITTED)
        granted = BreakthroughRequest.objects.get(status=BreakthroughRequest.Status.GRANTED)
        self.assertContains(response, f"/doorbraak/{waiting.pk}/")
        self.assertContains(response, f"/doorbraak/{granted.pk}/")
        self.assertNotContains(response, "Fatima")

    def test_decisions_past_their_date_show_in_the_caseloads(self):
        self.login("jolien.schuldhulp")
        self.assertContains(self.client.get("/caseload/"), "Alle brieven van de deurwaarder op een rij zetten")
        self.login("ahmed.wijkteam")
        response = self.client.get("/caseload/")
        self.assertContains(response, "Extra respijtzorg aanvragen bij de gemeente")
        self.assertContains(response, "Terugkijken op het overleg")

    def test_each_consult_reaches_its_organisation(self):
        self.login("eva.ggz")
        response = self.client.get("/consult/")
        self.assertContains(response, "Sociaal Team Helmstad-West")
        self.login("fatima")
        fatima_consult = Consult.objects.get(plan__owner__username="fatima")
        response = self.client.get(f"/plans/{fatima_consult.plan_id}/overleg/consult/{fatima_consult.pk}/")
        self.assertContains(response, "Ja, dat mag")
