from datetime import timedelta

import time_machine
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.sharing.models import Invitation
from samenplan.sharing.services import invitation_url
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
        carol, dave = self.carol.display_name, self.dave.display_name
        self.assertContains(response, f"<strong>{carol}</strong> probeerde je verhaal te openen, maar mocht dat niet")
        self.assertContains(response, f"<strong>{dave}</strong> gebruikte noodtoegang om wat je zelf kunt")
        self.assertNotContains(response, "Geweigerd")
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


class AccessLogWordsTestCase(BaseTestCase):
    """The log speaks plain language: one sentence per line, about "je" to the resident and
    about the resident by first name to a representative."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/access-log/"

    def log_for(self, user):
        self.login(user)
        return self.client.get(self.url)

    def test_it_says_who_looked_at_which_parts_in_a_sentence(self):
        self.login(self.dave)
        self.client.get(f"/plans/{self.plan.pk}/goals/")
        response = self.log_for(self.alice)
        self.assertContains(response, f"<strong>{self.dave.display_name}</strong> bekeek je doelen.")
        self.login(self.dave)
        self.client.get(f"/plans/{self.plan.pk}/story/")
        response = self.log_for(self.alice)
        self.assertContains(response, "bekeek je verhaal en je doelen <span")
        self.assertNotContains(response, "Gezien in een lijst")
        self.assertNotContains(response, "Bekeken")

    def test_it_says_a_change_and_a_list_in_plain_words(self):
        self.login(self.bob)
        self.client.post(f"/plans/{self.plan.pk}/goals/", {"text": "Een baan vinden"})
        self.client.get("/caseload/")
        response = self.log_for(self.alice)
        self.assertContains(response, "<strong>Bob")
        self.assertContains(response, "zette iets nieuws in je doelen")
        self.assertContains(response, "in een overzicht van plannen")

    def test_it_says_the_print_page_was_opened_not_that_it_was_printed(self):
        self.login(self.carol)
        self.client.get(f"/plans/{self.plan.pk}/print/")
        response = self.log_for(self.alice)
        self.assertContains(
            response, "opende de printversie van je doelen en je afspraken (om te printen of op te slaan)"
        )
        self.assertNotContains(response, "Afgedrukt")
        self.login(self.bob)
        self.client.get(f"/plans/{self.plan.pk}/print/")
        self.assertContains(self.log_for(self.alice), "opende de printversie van je hele plan")

    def test_it_says_an_invitation_link_was_opened_not_an_activation_link(self):
        from samenplan.sharing.models import Membership

        contact = self.add_member(None, Membership.Role.NETWORK, {})
        invitation = Invitation.objects.create(
            plan=self.plan,
            membership=contact,
            email="kees@example.org",
            invited_by=self.alice,
            nonce="n",
            expires_at=timezone.now() + timedelta(days=1),
        )
        self.client.logout()
        self.client.get(invitation_url(invitation))
        response = self.log_for(self.alice)
        self.assertContains(response, "Iemand opende de link van een uitnodiging voor je plan")
        self.assertNotContains(response, "activatielink")

    def test_a_representative_reads_about_the_resident_by_first_name(self):
        mentor = UserFactory(role="network", first_name="Mo")
        self.add_member(mentor, "representative", {})
        self.login(self.dave)
        self.client.get(f"/plans/{self.plan.pk}/goals/")
        response = self.log_for(mentor)
        self.assertContains(response, "bekeek Alice&#x27;s doelen")
        self.assertNotContains(response, "je doelen")

    def test_a_stranger_gets_404_and_the_log_page_is_itself_logged(self):
        self.assert_not_found_for(self.outsiders, self.url)
        before = AuditEntry.objects.count()
        self.log_for(self.alice)
        entry = AuditEntry.objects.filter(pk__gt=0).order_by("-id").first()
        self.assertEqual(AuditEntry.objects.count(), before + 1)
        self.assertEqual((entry.page, entry.actor_id), ("access_log", self.alice.pk))
