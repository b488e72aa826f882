"""The conference page: who sees it is the policy's (test_policy_conferences); here its
cost does not grow with what is on it, and it speaks in the viewer's voice."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.conferences.models import AgendaItem, Decision, MinutesVersion
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, BreakthroughFactory, ParticipantFactory, UserFactory


class ConferencePageTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()
        self.url = f"/overleg/{self.conference.pk}/"

    def grow(self, n):
        for i in range(n):
            user = UserFactory(role="professional", organisation=self.debt_team)
            ParticipantFactory(
                conference=self.conference,
                user=user,
                organisation=self.debt_team,
                proposed_by=self.bob,
                approved_at=timezone.now() if i % 2 else None,
            )
            AgendaItem.objects.create(conference=self.conference, text=f"point {i}", added_by=self.bob)
            agreement = AgreementFactory(plan=self.plan, assignee=user, what=f"decision {i}")
            Decision.objects.create(conference=self.conference, agreement=agreement, created_by=self.bob)
            BreakthroughFactory(conference=self.conference, plan=self.plan, filed_by=self.bob)
        MinutesVersion.objects.create(conference=self.conference, number=n + 1, text="minutes", written_by=self.bob)

    def queries(self, user):
        self.login(user)
        self.client.get(self.url)  # the session's first request does more
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        return len(context)

    def test_the_page_costs_the_same_for_2_and_10_of_everything(self):
        self.grow(2)
        small = {user.username: self.queries(user) for user in (self.alice, self.bob, self.dave)}
        self.grow(8)
        large = {user.username: self.queries(user) for user in (self.alice, self.bob, self.dave)}
        self.assertEqual(small, large)

    def test_the_table_is_named_in_the_viewers_voice(self):
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "Mijn verhaal")
        self.login(self.dave)
        response = self.client.get(self.url)
        self.assertContains(response, "Alice&#x27;s verhaal")
        self.assertContains(response, "Bob Bakker")  # the plan's coordinator runs it
