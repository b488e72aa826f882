"""The plan's learning page: a professional proposes a case, the resident says yes (with
the parts) or no and may withdraw; everyone else gets a 404 and nothing changes."""

from datetime import timedelta

from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.sharing.models import EmergencyAccess, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import LearningCaseFactory, LearningSessionFactory, UserFactory

from ..models import Case


class PlanCasesTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/leren/"

    def test_it_lets_a_professional_in_the_plan_propose_a_case(self):
        self.login(self.dave)
        response = self.client.post(self.url, {"action": "propose", "reason": "Schulden en huur samen."}, follow=True)
        self.assertContains(response, "De casus is voorgesteld. Alice beslist of hij erin mag.")
        case = Case.objects.get()
        self.assertEqual((case.plan, case.proposed_by, case.status), (self.plan, self.dave, Case.Status.AWAITING))
        entry = AuditEntry.objects.filter(actor_id=self.dave.pk, action=AuditEntry.Action.CREATE).get()
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertIn(f"learning_case:{case.pk}", entry.records)

    def test_proposing_twice_asks_the_resident_once(self):
        self.login(self.dave)
        for _n in range(2):
            self.client.post(self.url, {"action": "propose", "reason": "Schulden en huur samen."})
        self.assertEqual(Case.objects.count(), 1)
        self.assertNotContains(self.client.get(self.url), "Stel dit plan voor als casus")

    def test_it_keeps_the_input_and_says_what_is_missing(self):
        self.login(self.dave)
        response = self.client.post(self.url, {"action": "propose", "reason": ""})
        self.assertContains(response, "Schrijf in een paar woorden waarom deze casus het bespreken waard is.")
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_proposal_from_anyone_but_a_professional_in_the_plan(self):
        # carol (family) sees goals; erin sees nothing; charlie, ann, petra are not in it.
        for user in (self.carol, self.erin, self.charlie, self.ann, self.petra, self.brit):
            self.assert_not_found_for([user], self.url, method="post", data={"action": "propose", "reason": "x"})
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_professional_with_emergency_access_only(self):
        prof = UserFactory(role="professional", organisation=self.debt_team)
        self.add_member(prof, Membership.Role.PROFESSIONAL, {})
        EmergencyAccess.objects.create(
            membership=Membership.objects.get(user=prof),
            part=Part.STORY,
            reason="r" * 30,
            ends_at=timezone.now() + timedelta(hours=1),
        )
        self.assert_not_found_for([prof], self.url, method="post", data={"action": "propose", "reason": "x"})

    def test_the_resident_says_yes_with_the_parts_she_chooses(self):
        case = LearningCaseFactory(plan=self.plan, proposed_by=self.dave)
        self.login(self.alice)
        page = self.client.get(self.url)
        self.assertContains(page, "Voorgesteld door Dave Dekker")
        self.assertContains(page, "Schulden en wonen lopen door elkaar.")
        response = self.client.post(
            self.url,
            {"action": "decide", "case": case.pk, "answer": "yes", "parts": [Part.STORY, Part.GOALS]},
            follow=True,
        )
        self.assertContains(response, "De professional controleert de casus nu")
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.CONSENTED)
        self.assertEqual(case.parts, [Part.STORY, Part.GOALS])
        self.assertEqual(case.decided_by, self.alice)
        self.assertTrue(AuditEntry.objects.filter(actor_id=self.alice.pk, action=AuditEntry.Action.SHARE).exists())

    def test_yes_without_any_part_is_refused_with_a_message(self):
        case = LearningCaseFactory(plan=self.plan, proposed_by=self.dave)
        self.login(self.alice)
        response = self.client.post(self.url, {"action": "decide", "case": case.pk, "answer": "yes"})
        self.assertContains(response, "Kies minstens één onderdeel, of zeg nee.")
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.AWAITING)

    def test_the_resident_says_no(self):
        case = LearningCaseFactory(plan=self.plan, proposed_by=self.dave)
        self.login(self.alice)
        self.client.post(self.url, {"action": "decide", "case": case.pk, "answer": "no", "parts": [Part.STORY]})
        case.refresh_from_db()
        self.assertEqual((case.status, case.parts), (Case.Status.DECLINED, []))

    def test_only_the_resident_decides(self):
        case = LearningCaseFactory(plan=self.plan, proposed_by=self.dave)
        data = {"action": "decide", "case": case.pk, "answer": "yes", "parts": [Part.STORY]}
        # bob coordinates and dave proposed: neither decides for alice.
        self.assert_not_found_for(
            [self.bob, self.dave, self.carol, self.charlie, self.ann, self.petra], self.url, "post", data
        )
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.AWAITING)

    def test_a_full_representative_decides_for_the_resident(self):
        mentor = UserFactory(role="network")
        self.add_member(mentor, Membership.Role.REPRESENTATIVE, {})
        case = LearningCaseFactory(plan=self.plan, proposed_by=self.dave)
        self.login(mentor)
        self.client.post(self.url, {"action": "decide", "case": case.pk, "answer": "yes", "parts": [Part.STORY]})
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.CONSENTED)

    def test_withdrawing_removes_the_case_from_sessions_and_deletes_its_snapshot(self):
        case = LearningCaseFactory(
            plan=self.plan,
            proposed_by=self.dave,
            status=Case.Status.SHARED,
            parts=["story"],
            snapshot={"people": ["de inwoner"], "sections": []},
        )
        session = LearningSessionFactory(organiser=self.dave)
        session.cases.add(case)
        self.login(self.alice)
        response = self.client.post(self.url, {"action": "withdraw", "case": case.pk}, follow=True)
        self.assertContains(response, "De casus is ingetrokken.")
        case.refresh_from_db()
        self.assertEqual((case.status, case.snapshot), (Case.Status.WITHDRAWN, {}))
        self.assertFalse(session.cases.exists())
        self.assertTrue(AuditEntry.objects.filter(actor_id=self.alice.pk, action=AuditEntry.Action.DELETE).exists())
        self.login(self.dave)
        self.assertEqual(self.client.get(f"/leersessies/casus/{case.pk}/").status_code, 404)

    def test_nobody_else_withdraws(self):
        case = LearningCaseFactory(plan=self.plan, proposed_by=self.dave, status=Case.Status.CONSENTED, parts=["story"])
        self.assert_not_found_for(
            [self.dave, self.bob, self.charlie], self.url, "post", {"action": "withdraw", "case": case.pk}
        )
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.CONSENTED)

    def test_a_professional_sees_only_their_own_proposals(self):
        LearningCaseFactory(plan=self.plan, proposed_by=self.bob, reason="Bob's reden")
        self.login(self.dave)
        response = self.client.get(self.url)
        self.assertNotContains(response, "Bob&#x27;s reden")
        self.assertContains(response, "Stel dit plan voor als casus")

    def test_the_page_is_404_for_those_who_neither_decide_nor_propose(self):
        self.assert_not_found_for(
            [self.carol, self.erin, self.charlie, self.ann, self.petra, self.brit, self.pam], self.url
        )

    def test_a_professional_without_parts_for_a_case_cannot_propose(self):
        prof = UserFactory(role="professional", organisation=self.debt_team)
        self.add_member(prof, Membership.Role.PROFESSIONAL, {Part.NETWORK: Level.VIEW})
        self.assert_not_found_for([prof], self.url)
