"""My case conferences: the ones I coordinate and the ones I was approved to join."""

from datetime import date, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference
from samenplan.plans.models import Plan
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ConferenceFactory, ParticipantFactory, UserFactory

TODAY = date(2026, 3, 4)
URL = "/overleg/"


@time_machine.travel(TODAY)
class MyConferencesTestCase(BaseTestCase):
    def test_the_coordinator_sees_the_conferences_of_plans_they_coordinate_upcoming_first(self):
        later = ConferenceFactory(
            plan=self.plan, convened_by=self.bob, meets_at=timezone.now() + timedelta(days=20), place="Later"
        )
        soon = ConferenceFactory(
            plan=self.plan, convened_by=self.bob, meets_at=timezone.now() + timedelta(days=2), place="Soon"
        )
        ConferenceFactory(
            plan=self.plan,
            convened_by=self.bob,
            meets_at=timezone.now() - timedelta(days=30),
            status=Conference.Status.CLOSED,
            follow_up_on=TODAY + timedelta(days=3),
            place="Earlier",
        )
        self.login(self.bob)
        response = self.client.get(URL)
        html = response.content.decode()
        self.assertContains(response, "Mijn casusoverleggen")
        self.assertContains(response, "Overleg over Alice")
        self.assertLess(html.index("Soon"), html.index("Later"))
        self.assertLess(html.index("Later"), html.index("Earlier"))
        self.assertContains(response, "Terugkijken", count=1)
        self.assertContains(response, "Vraag een andere organisatie om raad")
        entry = AuditEntry.objects.filter(actor_id=self.bob.pk).latest("id")
        self.assertIn(f"conference:{soon.pk}", entry.records)
        self.assertIn(f"conference:{later.pk}", entry.records)

    def test_a_participant_sees_only_planned_conferences_they_were_approved_for(self):
        planned = self.conference_planned()
        waiting = ConferenceFactory(plan=self.plan, convened_by=self.bob, place="Not yet agreed")
        ParticipantFactory(conference=waiting, user=self.dave, organisation=self.debt_team, proposed_by=self.bob)
        self.login(self.dave)
        response = self.client.get(URL)
        self.assertContains(response, f"/overleg/{planned.pk}/")
        self.assertNotContains(response, "Not yet agreed")
        self.assertNotContains(response, "Terugkijken")
        Conference.objects.filter(pk=planned.pk).update(status=Conference.Status.CLOSED)
        response = self.client.get(URL)
        self.assertNotContains(response, f"/overleg/{planned.pk}/")

    def test_a_network_member_sees_the_list_without_the_consult_link(self):
        conference = self.conference_planned()
        ParticipantFactory(
            conference=conference,
            kind="network",
            user=self.carol,
            membership=self.carol_membership,
            proposed_by=self.alice,
            approved_at=timezone.now(),
        )
        self.login(self.carol)
        response = self.client.get(URL)
        self.assertContains(response, f"/overleg/{conference.pk}/")
        self.assertNotContains(response, "Vraag een andere organisatie om raad")

    def test_strangers_see_an_empty_list_and_other_roles_get_404(self):
        self.conference_planned()
        self.login(self.charlie)
        response = self.client.get(URL)
        self.assertContains(response, "Geen casusoverleggen.")
        self.assertNotContains(response, "Alice")
        self.assert_not_found_for([self.alice, self.ann, self.pam, self.wendy, self.brit], URL)

    def test_the_list_takes_the_same_number_of_queries_for_2_and_10(self):
        def make(n):
            for i in range(n):
                owner = UserFactory(first_name=f"Resident{i}")
                plan = Plan.objects.create(owner=owner, wijk=self.wijk, status=Plan.Status.ACTIVE, created_by=self.bob)
                self.add_member(self.bob, Membership.Role.COORDINATOR, {Part.STORY: Level.VIEW}, plan=plan)
                ConferenceFactory(plan=plan, convened_by=self.bob)
                joined = ConferenceFactory(plan=plan, convened_by=self.bob, status=Conference.Status.PLANNED)
                ParticipantFactory(
                    conference=joined,
                    user=self.dave,
                    organisation=self.debt_team,
                    proposed_by=self.bob,
                    approved_at=timezone.now(),
                )

        def count(user):
            self.login(user)
            self.client.get(URL)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(URL).status_code, 200)
            return len(queries)

        make(2)
        bob, dave = count(self.bob), count(self.dave)
        make(8)
        self.assertEqual(count(self.bob), bob)
        self.assertEqual(count(self.dave), dave)
