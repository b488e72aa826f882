"""The breakthrough officer decides proposals from learning sessions, like a breakthrough request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.audit.models import AuditEntry
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import LearningSessionFactory

from ..models import Proposal

URL = "/leersessies/doorbraakvoorstellen/"


class ProposalDecisionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.session = LearningSessionFactory(organiser=cls.dave)
        cls.session.participants.add(cls.charlie)
        cls.proposal = Proposal.objects.create(
            session=cls.session,
            title="Kwijtschelding",
            text="Regel X blokkeert in drie casussen.",
            destination=Proposal.Destination.BREAKTHROUGH,
            status=Proposal.Status.SENT,
            written_by=cls.charlie,
        )
        cls.session_url = f"/leersessies/{cls.session.pk}/"

    def decide(self, user, decision, note="", proposal=None):
        self.login(user)
        data = {"proposal": (proposal or self.proposal).pk, "decision": decision, "note": note}
        return self.client.post(URL, data, follow=True)

    def test_the_officer_grants_and_the_participants_see_it(self):
        self.login(self.brit)
        self.assertContains(self.client.get(URL), "Sla het besluit op")
        response = self.decide(self.brit, "granted", "Vanaf 1 maart mag het.")
        self.assertContains(response, "Het voorstel is toegekend.")
        self.assertNotContains(response, "Sla het besluit op")
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.decision, Proposal.Decision.GRANTED)
        self.assertEqual((self.proposal.decided_by, self.proposal.decision_note), (self.brit, "Vanaf 1 maart mag het."))
        self.assertIsNotNone(self.proposal.decided_at)
        entry = AuditEntry.objects.filter(actor_id=self.brit.pk, action=AuditEntry.Action.UPDATE).latest("id")
        self.assertIn(f"learning_proposal:{self.proposal.pk}", entry.records)
        self.assertIsNone(entry.plan_id)
        for participant in (self.charlie, self.dave):
            self.login(participant)
            response = self.client.get(self.session_url)
            self.assertContains(response, "Besluit van de doorbraakfunctionaris")
            self.assertContains(response, "Toegekend")
            self.assertContains(response, "Vanaf 1 maart mag het.")

    def test_a_refusal_needs_its_reason_and_keeps_the_choice(self):
        response = self.decide(self.brit, "refused", "   ")
        self.assertContains(response, "Schrijf waarom het voorstel is afgewezen.")
        self.assertContains(response, f'id="p{self.proposal.pk}_decision_1" checked', html=False)
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.decision, "")
        response = self.decide(self.brit, "refused", "Past niet in de wet.")
        self.assertContains(response, "Het voorstel is afgewezen.")
        self.login(self.charlie)
        response = self.client.get(self.session_url)
        self.assertContains(response, "Afgewezen")
        self.assertContains(response, "Past niet in de wet.")

    def test_no_decision_chosen_keeps_the_text(self):
        response = self.decide(self.brit, "", "Mijn halve zin")
        self.assertContains(response, "Kies toegekend of afgewezen.")
        self.assertContains(response, "Mijn halve zin")

    def test_others_get_404_and_nothing_changes(self):
        data = {"proposal": self.proposal.pk, "decision": "granted", "note": "ja"}
        self.assert_not_found_for([self.charlie, self.dave, self.ann, self.petra, self.pam], URL, "post", data)
        self.proposal.refresh_from_db()
        self.assertEqual((self.proposal.decision, self.proposal.decided_by), ("", None))
        denied = AuditEntry.objects.filter(actor_id=self.petra.pk, outcome=AuditEntry.Outcome.DENIED).latest("id")
        self.assertIn(f"learning_proposal:{self.proposal.pk}", denied.records)

    def test_a_decided_proposal_cannot_be_decided_again(self):
        self.decide(self.brit, "granted", "Ja.")
        self.login(self.brit)
        response = self.client.post(URL, {"proposal": self.proposal.pk, "decision": "refused", "note": "Toch niet."})
        self.assertEqual(response.status_code, 404)
        self.proposal.refresh_from_db()
        self.assertEqual((self.proposal.decision, self.proposal.decision_note), (Proposal.Decision.GRANTED, "Ja."))

    def test_a_proposal_to_the_programme_is_not_the_officers_to_decide(self):
        other = Proposal.objects.create(
            session=self.session,
            title="Eén loket",
            text="…",
            destination=Proposal.Destination.PROGRAMME,
            status=Proposal.Status.SENT,
        )
        self.login(self.brit)
        response = self.client.post(URL, {"proposal": other.pk, "decision": "granted"})
        self.assertEqual(response.status_code, 404)
        other.refresh_from_db()
        self.assertEqual(other.decision, "")

    def test_the_list_query_count_does_not_grow_with_proposals(self):
        self.login(self.brit)
        before = self._queries()
        for n in range(3):
            Proposal.objects.create(
                session=LearningSessionFactory(organiser=self.dave),
                title=f"Voorstel {n}",
                text="…",
                destination=Proposal.Destination.BREAKTHROUGH,
                status=Proposal.Status.SENT,
            )
        self.assertEqual(self._queries(), before)

    def _queries(self) -> int:
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(URL).status_code, 200)
        return len(ctx.captured_queries)
