"""The proposer's review, the sessions, observations, themes and proposals, and who gets a 404."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Theme
from samenplan.lib.queries import statements
from samenplan.plans.models import Goal
from samenplan.programme.models import JoinRequest
from samenplan.sharing.parts import Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import LearningCaseFactory, LearningSessionFactory, UserFactory

from ..models import Case, Observation, Proposal, SessionTheme


class ReviewTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Goal.objects.create(plan=cls.plan, text="Alice wil met Carol Claes de huur betalen", created_by=cls.bob)
        cls.case = LearningCaseFactory(
            plan=cls.plan, proposed_by=cls.dave, status=Case.Status.CONSENTED, parts=[Part.STORY, Part.GOALS]
        )
        cls.url = f"/leersessies/casus/{cls.case.pk}/"

    def test_the_proposer_reviews_a_pseudonymised_snapshot(self):
        self.login(self.dave)
        response = self.client.get(self.url)
        self.assertContains(response, "Wat de leersessie ziet")
        self.assertContains(response, "de inwoner wil met netwerklid (andere familie) de huur betalen")
        for name in ("Alice", "Carol", "Claes", "Aarts"):
            self.assertNotContains(response, name)
        entry = AuditEntry.objects.filter(actor_id=self.dave.pk).latest("id")
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertIn("goals", entry.parts)

    def test_sharing_stores_the_snapshot_and_adds_it_to_a_session(self):
        session = LearningSessionFactory(organiser=self.bob)
        session.participants.add(self.dave)
        self.login(self.dave)
        response = self.client.post(self.url, {"session": session.pk}, follow=True)
        self.assertContains(response, f"Casus {self.case.pk}")
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, Case.Status.SHARED)
        self.assertIn("de inwoner", str(self.case.snapshot))
        self.assertNotIn("Alice", str(self.case.snapshot))
        self.assertEqual(list(session.cases.all()), [self.case])

    def test_the_review_is_404_for_anyone_but_the_proposer(self):
        self.assert_not_found_for(
            [self.alice, self.bob, self.carol, self.charlie, self.ann, self.petra, self.brit], self.url
        )
        self.assert_not_found_for([self.bob, self.charlie], self.url, "post", {})
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, Case.Status.CONSENTED)

    def test_a_case_waiting_for_the_resident_cannot_be_reviewed(self):
        waiting = LearningCaseFactory(plan=self.plan, proposed_by=self.dave)
        self.assert_not_found_for([self.dave], f"/leersessies/casus/{waiting.pk}/")
        self.assert_not_found_for([self.dave], f"/leersessies/casus/{waiting.pk}/", "post", {})
        waiting.refresh_from_db()
        self.assertEqual(waiting.snapshot, {})

    def test_the_proposer_who_left_the_plan_can_no_longer_share(self):
        self.dave_membership.ended_at = self.dave_membership.added_at
        self.dave_membership.save()
        self.assert_not_found_for([self.dave], self.url, "post", {})
        denied = AuditEntry.objects.filter(actor_id=self.dave.pk, outcome=AuditEntry.Outcome.DENIED).latest("id")
        self.assertIn(f"learning_case:{self.case.pk}", denied.records)


class SessionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = LearningCaseFactory(
            plan=cls.plan,
            proposed_by=cls.dave,
            status=Case.Status.SHARED,
            parts=[Part.STORY],
            snapshot={
                "people": ["de inwoner"],
                "sections": [{"part": "story", "title": "Het verhaal", "items": ["MARKER-SNAPSHOT"]}],
            },
        )
        cls.session = LearningSessionFactory(organiser=cls.dave)
        cls.session.participants.add(cls.charlie)
        cls.session.cases.add(cls.case)
        cls.url = f"/leersessies/{cls.session.pk}/"

    def test_a_participant_of_another_organisation_sees_the_snapshot_never_the_plan(self):
        self.login(self.charlie)
        response = self.client.get(self.url)
        self.assertContains(response, "MARKER-SNAPSHOT")
        self.assertContains(response, "Schuldhulp")
        self.assertContains(response, "Sociaal Team West")
        self.assertNotContains(response, "Alice")
        self.assertNotContains(response, f"/plans/{self.plan.pk}/")
        entry = AuditEntry.objects.filter(actor_id=self.charlie.pk).latest("id")
        self.assertIsNone(entry.plan_id)
        self.assertIn(f"learning_case:{self.case.pk}", entry.records)
        self.assertIn(f"learning_session:{self.session.pk}", entry.records)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)

    def test_the_session_is_404_for_everyone_not_invited(self):
        # bob works in the plan, alice owns it: neither was invited to this session.
        users = [self.alice, self.bob, self.carol, self.ann, self.petra, self.brit, self.pam, self.wendy]
        self.assert_not_found_for(users, self.url)
        self.assert_not_found_for(users, self.url, "post", {"action": "observation", "text": "x"})
        self.assertFalse(Observation.objects.exists())
        denied = AuditEntry.objects.filter(actor_id=self.bob.pk, outcome=AuditEntry.Outcome.DENIED).latest("id")
        self.assertIn(f"learning_session:{self.session.pk}", denied.records)

    def test_a_withdrawn_case_is_no_longer_shown(self):
        Case.objects.filter(pk=self.case.pk).update(status=Case.Status.WITHDRAWN, snapshot={})
        self.login(self.charlie)
        self.assertNotContains(self.client.get(self.url), "MARKER-SNAPSHOT")

    def test_a_participant_adds_an_observation_about_a_case(self):
        self.login(self.charlie)
        response = self.client.post(
            self.url,
            {"action": "observation", "text": "Huur en schulden hangen samen.", "case": self.case.pk},
            follow=True,
        )
        self.assertContains(response, "Je observatie is toegevoegd.")
        self.assertContains(response, "Huur en schulden hangen samen.")
        self.assertEqual(Observation.objects.get().case, self.case)

    def test_an_empty_observation_gets_a_message(self):
        self.login(self.charlie)
        response = self.client.post(self.url, {"action": "observation", "text": ""})
        self.assertContains(response, "Schrijf op wat je opviel.")

    def test_themes_are_one_shared_list(self):
        Theme.objects.create(name="Wachttijd schuldhulp")
        self.login(self.charlie)
        self.client.post(self.url, {"action": "theme", "name": "wachttijd  schuldhulp"})
        self.client.post(self.url, {"action": "theme", "name": "Huurachterstand"})
        self.assertEqual(Theme.objects.count(), 2)
        self.assertEqual(
            sorted(SessionTheme.objects.values_list("theme__name", flat=True)),
            ["Huurachterstand", "Wachttijd schuldhulp"],
        )
        self.assertContains(self.client.get(self.url), "Huurachterstand")

    def test_a_proposal_goes_to_the_programme_as_a_proposed_action(self):
        self.login(self.charlie)
        response = self.client.post(
            self.url,
            {"action": "proposal", "title": "Eén loket", "text": "Huur en schuld samen.", "destination": "programme"},
            follow=True,
        )
        self.assertContains(response, "Het voorstel is naar de programmacoördinator gestuurd.")
        proposal = Proposal.objects.get()
        self.assertEqual(proposal.status, Proposal.Status.SENT)
        request = JoinRequest.objects.get()
        self.assertEqual((request.title, request.requested_by), ("Eén loket", self.charlie))
        self.assertIn(self.session.title, request.source_label)

    def test_a_proposal_to_the_breakthrough_officer_is_on_her_list(self):
        self.login(self.charlie)
        self.client.post(
            self.url,
            {
                "action": "proposal",
                "title": "Kwijtschelding",
                "text": "Regel X blokkeert.",
                "destination": "breakthrough",
            },
        )
        self.assertEqual(JoinRequest.objects.count(), 0)
        self.login(self.brit)
        response = self.client.get("/leersessies/doorbraakvoorstellen/")
        self.assertContains(response, "Kwijtschelding")
        self.assertNotContains(response, "MARKER-SNAPSHOT")
        self.assert_not_found_for([self.charlie, self.ann, self.petra], "/leersessies/doorbraakvoorstellen/")

    def test_the_organiser_makes_a_session_with_participants_from_other_organisations(self):
        self.login(self.bob)
        response = self.client.get("/leersessies/nieuw/")
        self.assertContains(response, "Dave Dekker")
        response = self.client.post(
            "/leersessies/nieuw/",
            {"title": "Leersessie wonen", "held_on": "2030-01-10", "participants": [self.dave.pk, self.charlie.pk]},
            follow=True,
        )
        self.assertContains(response, "De leersessie is gemaakt.")
        session = self.bob.learning_sessions.model.objects.get(title="Leersessie wonen")
        self.assertEqual(set(session.participants.all()), {self.dave, self.charlie})

    def test_a_session_needs_participants_and_keeps_the_input(self):
        self.login(self.bob)
        response = self.client.post("/leersessies/nieuw/", {"title": "Mijn titel", "held_on": "2030-01-10"})
        self.assertContains(response, "Kies minstens één deelnemer.")
        self.assertContains(response, 'value="Mijn titel"')

    def test_only_professionals_organise_or_list_sessions(self):
        for url in ("/leersessies/", "/leersessies/nieuw/"):
            self.assert_not_found_for(
                [self.alice, self.carol, self.ann, self.petra, self.brit, self.pam, self.wendy], url
            )

    def test_the_proposer_adds_their_shared_case_to_another_session(self):
        other = LearningSessionFactory(organiser=self.bob, title="Tweede sessie")
        other.participants.add(self.dave)
        self.login(self.dave)
        self.client.post(f"/leersessies/{other.pk}/", {"action": "add_case", "case": self.case.pk})
        self.assertEqual(list(other.cases.all()), [self.case])
        # Someone else cannot add dave's case.
        third = LearningSessionFactory(organiser=self.charlie)
        self.login(self.charlie)
        self.assertEqual(
            self.client.post(f"/leersessies/{third.pk}/", {"action": "add_case", "case": self.case.pk}).status_code, 404
        )
        self.assertFalse(third.cases.exists())

    def test_the_session_page_takes_the_same_queries_for_more_cases(self):
        def count():
            self.login(self.charlie)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(self.url).status_code, 200)
            return len(statements(queries))

        count()  # the audit chain reads its checkpoint once per process
        before = count()
        for _n in range(3):
            case = LearningCaseFactory(
                plan=self.plan,
                proposed_by=self.dave,
                status=Case.Status.SHARED,
                snapshot={"people": [], "sections": []},
            )
            self.session.cases.add(case)
            Observation.objects.create(session=self.session, case=case, text="x", written_by=self.dave)
            self.session.participants.add(UserFactory(role=User.Role.PROFESSIONAL, organisation=self.woonbedrijf))
        self.assertEqual(count(), before)

    def test_my_sessions_lists_only_mine(self):
        LearningSessionFactory(organiser=self.bob, title="Niet van Charlie")
        self.login(self.charlie)
        response = self.client.get("/leersessies/")
        self.assertContains(response, self.session.title)
        self.assertNotContains(response, "Niet van Charlie")
