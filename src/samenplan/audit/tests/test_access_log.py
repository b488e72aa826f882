from datetime import timedelta

import time_machine
from django.utils import timezone

from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory


class AccessLogTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/access-log/"

    def visit(self, user, path="", times=1):
        self.login(user)
        for _ in range(times):
            self.client.get(f"/plans/{self.plan.pk}/{path}")

    def test_the_resident_sees_who_looked_folded_per_person_and_day(self):
        self.visit(self.dave, "goals/", times=3)
        self.visit(self.carol, "agreements/")
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Wie heeft mijn plan bekeken")
        self.assertContains(response, "Dave")
        self.assertContains(response, "(3 keer)")
        self.assertContains(response, "Schuldhulp")
        self.assertContains(response, "Carol")
        self.assertContains(response, "Doelen")

    def test_own_visits_are_left_out_unless_asked_for(self):
        self.visit(self.alice, "goals/")
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "Niemand anders heeft je plan bekeken")
        self.assertContains(self.client.get(self.url, {"own": "on"}), "Alice")

    def test_filters_by_person_part_and_period(self):
        with time_machine.travel(timezone.now() - timedelta(days=200)):
            self.visit(self.bob, "story/")
        self.visit(self.dave, "goals/")
        self.visit(self.carol, "agreements/")
        self.login(self.alice)
        response = self.client.get(self.url, {"person": self.dave.pk})
        self.assertContains(response, "Dave")
        self.assertNotContains(response, "<strong>Carol")
        response = self.client.get(self.url, {"part": "agreements"})
        self.assertContains(response, "<strong>Carol")
        self.assertNotContains(response, "<strong>Dave")
        self.assertNotContains(self.client.get(self.url), "<strong>Bob")
        since = (timezone.localdate() - timedelta(days=365)).isoformat()
        self.assertContains(self.client.get(self.url, {"since": since}), "<strong>Bob")

    def test_denied_attempts_and_emergency_access_stand_out(self):
        self.visit(self.carol, "story/")
        self.login(self.dave)
        self.client.post(
            f"/plans/{self.plan.pk}/emergency/",
            {"part": "strengths", "reason": "Alice is in hospital; who helps at home?", "hours": 2},
        )
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Geweigerd")
        self.assertContains(response, "access-log__emergency")
        self.assertContains(response, "Alice is in hospital; who helps at home?")

    def test_a_representative_sees_it_too_but_nobody_else(self):
        mentor = UserFactory(role="network")
        self.add_member(mentor, "representative", {})
        self.visit(self.dave, "goals/")
        self.login(mentor)
        self.assertContains(self.client.get(self.url), "Dave")
        self.assert_not_found_for([self.bob, self.carol, self.dave, *self.outsiders], self.url)

    def test_a_start_after_the_end_gets_a_clear_message(self):
        self.login(self.alice)
        response = self.client.get(self.url, {"since": "2026-05-01", "until": "2026-04-01"})
        self.assertContains(response, 'id="id_since_error"')
