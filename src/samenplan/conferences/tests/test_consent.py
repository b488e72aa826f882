"""The resident's consent to a case conference: who joins, what the table sees, or no."""

from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference, Participant
from samenplan.notifications.models import Notification
from samenplan.sharing.models import Membership, SharingDecision
from samenplan.sharing.parts import Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ConferenceFactory, OrganisationFactory, ParticipantFactory, UserFactory


class ConsentTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.wijkzorg = OrganisationFactory(name="Wijkzorg")
        cls.nina = UserFactory(
            username="nina", first_name="Nina", last_name="Nijs", role=User.Role.PROFESSIONAL, organisation=cls.wijkzorg
        )
        cls.oma = cls.add_member(None, Membership.Role.NETWORK, {})  # on the map without an account

    def setUp(self):
        self.conference = ConferenceFactory(
            plan=self.plan, convened_by=self.bob, stuck="De huur loopt vast", place="Wijkpunt West"
        )
        self.dave_p = ParticipantFactory(
            conference=self.conference, user=self.dave, organisation=self.debt_team, proposed_by=self.bob
        )
        self.nina_p = ParticipantFactory(
            conference=self.conference, user=self.nina, organisation=self.wijkzorg, proposed_by=self.bob
        )
        self.url = f"/overleg/{self.conference.pk}/toestemming/"
        self.page = f"/overleg/{self.conference.pk}/"

    def consent(self, user=None, **data):
        self.login(user or self.alice)
        data = {
            "action": "consent",
            "professionals": [self.dave_p.pk],
            "network": [self.carol_membership.pk, self.oma.pk],
            "parts": [Part.STORY],
            "version": self.conference.version,
        } | data
        return self.client.post(self.url, data)

    def test_the_page_says_what_when_where_and_who_in_plain_words(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Mag het overleg over je plan doorgaan?")
        self.assertContains(response, "De huur loopt vast")
        self.assertContains(response, "Wijkpunt West")
        self.assertContains(response, "Bob Bakker")
        self.assertContains(response, "Dave Dekker (Schuldhulp)")
        self.assertContains(response, "Carol Claes")
        self.assertContains(response, "Someone without an account")
        self.assertContains(response, "Mijn verhaal")
        self.assertNotContains(response, 'value="conversations"')
        self.assertContains(response, "Als het overleg wordt afgesloten, stopt het vanzelf")
        self.assertContains(response, "Ja, het overleg mag doorgaan")
        self.assertContains(response, "Nee, liever niet")
        # Proposed professionals are ticked by default.
        self.assertRegex(response.content.decode(), rf'name="professionals" value="{self.nina_p.pk}"[^>]*checked')

    def test_before_consent_participants_see_nothing(self):
        self.assert_not_found_for([self.dave, self.nina], self.page)

    def test_the_resident_agrees_and_chooses(self):
        response = self.consent()
        self.assertRedirects(response, self.page, fetch_redirect_response=False)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.PLANNED)
        self.assertEqual(self.conference.consent_parts, [Part.STORY])
        self.assertEqual(self.conference.consented_by, self.alice)
        self.assertFalse(self.conference.consent_on_behalf)
        self.assertEqual(self.conference.version, 2)
        self.dave_p.refresh_from_db()
        self.nina_p.refresh_from_db()
        self.assertIsNotNone(self.dave_p.approved_at)
        self.assertIsNotNone(self.nina_p.removed_at)
        network = Participant.objects.filter(conference=self.conference, kind=Participant.Kind.NETWORK)
        self.assertEqual({p.membership_id for p in network}, {self.carol_membership.pk, self.oma.pk})
        self.assertTrue(all(p.approved_at for p in network))
        self.assertTrue(
            AuditEntry.objects.filter(action=AuditEntry.Action.SHARE, actor_id=self.alice.pk, plan_id=self.plan.pk)
        )
        invited = Notification.objects.filter(kind=Notification.Kind.CONFERENCE_INVITED)
        self.assertEqual({n.user for n in invited}, {self.dave, self.carol})
        self.assertTrue(all(n.url == self.page for n in invited))
        self.assertTrue(Notification.objects.filter(user=self.bob, kind=Notification.Kind.CONFERENCE_CHANGED))
        self.assertFalse(Notification.objects.filter(user=self.nina).exists())
        for user in (self.dave, self.carol):
            self.login(user)
            response = self.client.get(self.page)
            self.assertEqual(response.status_code, 200)
        self.assert_not_found_for([self.nina, self.erin], self.page)

    def test_changing_it_later_saves_and_takes_people_off(self):
        self.consent()
        self.conference.refresh_from_db()
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Opslaan")
        self.assertNotContains(response, "Nee, liever niet")
        self.consent(network=[], professionals=[], parts=[], version=self.conference.version)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.consent_parts, [])
        self.assertFalse(
            Participant.objects.filter(conference=self.conference, removed_at__isnull=True, approved_at__isnull=False)
        )
        self.assert_not_found_for([self.dave, self.carol], self.page)

    def test_a_stale_form_is_refused_and_her_choices_are_kept(self):
        response = self.consent(parts=[Part.GOALS], version=self.conference.version)
        self.assertEqual(response.status_code, 302)
        # A second tab drawn before: version 1.
        response = self.consent(parts=[Part.STORY, Part.PRIORITIES], version=1)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is intussen iets veranderd")
        html = response.content.decode()
        self.assertRegex(html, r'name="parts" value="priorities"[^>]*checked')
        self.assertRegex(html, r'name="version" value="2"')
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.consent_parts, [Part.GOALS])

    def test_the_resident_says_no(self):
        self.login(self.alice)
        response = self.client.post(
            self.url, {"action": "decline", "decline-reason": "Ik wil eerst zelf praten", "decline-version": 1}
        )
        self.assertRedirects(response, f"/plans/{self.plan.pk}/overleg/", fetch_redirect_response=False)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.CANCELLED)
        self.assertEqual(self.conference.cancel_reason, "Ik wil eerst zelf praten")
        self.assertTrue(Notification.objects.filter(user=self.bob, kind=Notification.Kind.CONFERENCE_CHANGED))
        self.assertFalse(Notification.objects.filter(user__in=[self.dave, self.nina]).exists())
        self.assert_not_found_for([self.dave, self.nina], self.page)
        self.assert_not_found_for([self.alice], self.url)  # nothing to consent to any more
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, actor_id=self.alice.pk))

    def test_participants_of_a_declined_conference_that_was_planned_before_see_nothing(self):
        self.conference_planned()  # another conference, planned: dave sees that one only
        self.consent()
        conference = Conference.objects.get(pk=self.conference.pk)
        self.login(self.bob)
        self.client.post(
            f"/overleg/{conference.pk}/afsluiten/",
            {"action": "cancel", "cancel-reason": "Alice is verhuisd", "cancel-version": conference.version},
        )
        self.assert_not_found_for([self.dave, self.carol], self.page)

    def test_a_representative_for_all_parts_consents_on_her_behalf(self):
        rita = UserFactory(username="rita", first_name="Rita", role=User.Role.NETWORK)
        self.add_member(rita, Membership.Role.REPRESENTATIVE, {})
        self.login(rita)
        response = self.client.get(self.url)
        self.assertContains(response, "Mag het overleg over het plan van Alice doorgaan?")
        self.consent(user=rita, network=[])
        self.conference.refresh_from_db()
        self.assertTrue(self.conference.consent_on_behalf)
        self.assertEqual(self.conference.consented_by, rita)

    def test_only_the_resident_side_consents(self):
        others = [self.bob, self.dave, self.carol, self.erin, self.nina, *self.outsiders]
        self.assert_not_found_for(others, self.url)
        data = {"action": "consent", "professionals": [self.dave_p.pk], "parts": ["story"], "version": 1}
        self.assert_not_found_for(others, self.url, method="post", data=data)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.PROPOSED)

    def test_nothing_to_consent_once_closed(self):
        self.consent()
        Conference.objects.filter(pk=self.conference.pk).update(
            status=Conference.Status.CLOSED, closed_at=timezone.now()
        )
        self.assert_not_found_for([self.alice], self.url)
        self.assert_not_found_for([self.dave, self.carol], self.page)


class SharingHistoryTestCase(BaseTestCase):
    """The resident's choice for a conference is in "Eerdere keuzes" like every other, and so
    is its end."""

    def test_consent_and_closing_are_recorded_as_sharing_decisions(self):
        conference = ConferenceFactory(plan=self.plan, convened_by=self.bob)
        ParticipantFactory(conference=conference, user=self.dave, organisation=self.debt_team, proposed_by=self.bob)
        self.login(self.alice)
        professionals = [p.pk for p in conference.participants.all()]
        data = {"action": "consent", "version": 1, "professionals": professionals, "parts": ["story", "goals"]}
        self.client.post(f"/overleg/{conference.pk}/toestemming/", data)
        decision = SharingDecision.objects.filter(plan=self.plan).latest("id")
        self.assertEqual(decision.context, SharingDecision.Context.CONFERENCE)
        given = {(g["name"], g["part"], g["level"]) for g in decision.grants}
        self.assertEqual(given, {("Dave Dekker", "story", 1), ("Dave Dekker", "goals", 1)})
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/sharing/"), "Gegeven voor een casusoverleg")
        conference.refresh_from_db()
        self.login(self.bob)
        self.client.post(f"/overleg/{conference.pk}/afsluiten/", {"action": "close", "close-version": 2})
        conference.refresh_from_db()
        self.assertEqual(conference.status, "closed")
        ended = SharingDecision.objects.filter(plan=self.plan).latest("id")
        self.assertEqual(ended.context, SharingDecision.Context.CONFERENCE_END)
        self.assertEqual({g["level"] for g in ended.grants}, {0})
