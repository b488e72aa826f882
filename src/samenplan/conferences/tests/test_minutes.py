from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference, MinutesVersion, Participant
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ParticipantFactory


class MinutesTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()
        self.url = f"/overleg/{self.conference.pk}/verslag/"
        self.page = f"/overleg/{self.conference.pk}/"

    def write(self, user, text, base):
        self.login(user)
        return self.client.post(self.url, {"text": text, "base_number": base})

    def test_the_coordinator_writes_the_first_version_and_everyone_at_the_table_reads_it(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Verslag bijwerken")
        self.assertContains(response, 'name="base_number" value="0"')
        response = self.write(self.bob, "We talked about the rent arrears.", 0)
        self.assertRedirects(response, self.page)
        version = MinutesVersion.objects.get(conference=self.conference)
        self.assertEqual((version.number, version.written_by), (1, self.bob))
        entry = AuditEntry.objects.filter(actor_id=self.bob.pk, action=AuditEntry.Action.CREATE).get()
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertIn(f"conference:{self.conference.pk}", entry.records)
        for user in (self.alice, self.bob, self.dave):
            self.login(user)
            response = self.client.get(self.page)
            self.assertContains(response, "We talked about the rent arrears.")
            self.assertContains(response, "Versie 1, door Bob Bakker op")

    def test_without_minutes_the_page_says_so_and_only_writers_see_the_link(self):
        self.login(self.alice)
        response = self.client.get(self.page)
        self.assertContains(response, "Er is nog geen verslag geschreven.")
        self.assertNotContains(response, self.url)
        self.login(self.dave)
        self.assertContains(self.client.get(self.page), self.url)

    def test_an_approved_professional_participant_adds_a_version(self):
        self.write(self.bob, "First.", 0)
        response = self.write(self.dave, "First. Dave adds the debt figures.", 1)
        self.assertRedirects(response, self.page)
        latest = self.conference.minutes.first()
        self.assertEqual(
            (latest.number, latest.written_by, latest.text), (2, self.dave, "First. Dave adds the debt figures.")
        )
        self.assertTrue(AuditEntry.objects.filter(actor_id=self.dave.pk, action=AuditEntry.Action.UPDATE).exists())

    def test_saving_the_same_text_again_makes_no_new_version(self):
        self.write(self.bob, "Same.", 0)
        self.write(self.bob, "Same.", 1)
        self.assertEqual(self.conference.minutes.count(), 1)

    def test_the_second_of_two_writers_from_the_same_base_gets_the_other_version_and_keeps_their_text(self):
        self.write(self.bob, "Bob's notes on the rent.", 0)
        response = self.write(self.dave, "Dave's notes on the debts.", 0)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Iemand anders heeft het verslag opgeslagen terwijl jij schreef")
        self.assertContains(response, "Bob&#x27;s notes on the rent.")
        self.assertContains(response, "Dave&#x27;s notes on the debts.</textarea>")
        self.assertContains(response, 'name="base_number" value="1"')
        self.assertEqual(self.conference.minutes.count(), 1)
        # Dave merges both and saves on top of Bob's version: nothing is lost.
        response = self.write(self.dave, "Bob's notes on the rent. Dave's notes on the debts.", 1)
        self.assertRedirects(response, self.page)
        self.assertEqual(
            [v.text for v in self.conference.minutes.all()],
            ["Bob's notes on the rent. Dave's notes on the debts.", "Bob's notes on the rent."],
        )

    def test_empty_minutes_are_refused_with_a_message(self):
        response = self.write(self.bob, "", 0)
        self.assertContains(response, "Schrijf eerst het verslag. Sla het daarna op.")
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertFalse(MinutesVersion.objects.exists())

    def test_the_resident_network_participants_and_strangers_cannot_write(self):
        ParticipantFactory(
            conference=self.conference,
            kind=Participant.Kind.NETWORK,
            user=self.carol,
            membership=self.carol_membership,
            proposed_by=self.alice,
            approved_at=timezone.now(),
        )
        # Proposed but not (yet) approved by the resident.
        ParticipantFactory(
            conference=self.conference, user=self.charlie, organisation=self.social_team, proposed_by=self.bob
        )
        users = [self.alice, self.carol, self.erin, *self.outsiders]
        self.assert_not_found_for(users, self.url)
        self.assert_not_found_for(users, self.url, method="post", data={"text": "x", "base_number": 0})
        self.assertFalse(MinutesVersion.objects.exists())

    def test_after_the_conference_is_closed_nobody_writes_minutes(self):
        self.write(self.bob, "Kept.", 0)
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.CLOSED)
        for user in (self.bob, self.dave):
            self.assert_not_found_for([user], self.url)
            self.assert_not_found_for([user], self.url, method="post", data={"text": "x", "base_number": 1})
        self.login(self.bob)
        response = self.client.get(self.page)
        self.assertContains(response, "Kept.")
        self.assertNotContains(response, self.url)

    def test_a_conference_waiting_for_consent_has_no_minutes_yet(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.PROPOSED)
        self.assert_not_found_for([self.bob], self.url)
