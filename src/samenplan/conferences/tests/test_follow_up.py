from datetime import date, timedelta

import time_machine

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference, Decision
from samenplan.plans.models import Agreement, Plan
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory

TODAY = date(2026, 3, 2)
SECTION = "Afspraken uit een overleg over de datum"
FOLLOW_UP = "Terugkijken op het overleg"


@time_machine.travel(TODAY)
class FollowUpTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()

    def decision(self, what, *, assignee=None, due=TODAY - timedelta(days=2), status=Agreement.Status.OPEN):
        agreement = AgreementFactory(
            plan=self.plan,
            what=what,
            who_kind=Agreement.Who.PROFESSIONAL if assignee else Agreement.Who.RESIDENT,
            who_name=assignee.display_name if assignee else "",
            assignee=assignee,
            due_date=due,
            status=status,
            created_by=self.bob,
        )
        Decision.objects.create(conference=self.conference, agreement=agreement, created_by=self.bob)
        return agreement

    def caseload(self, user):
        self.login(user)
        response = self.client.get("/caseload/")
        self.assertEqual(response.status_code, 200)
        return response

    def test_an_overdue_decision_shows_for_whom_it_was_given_to_and_the_coordinator(self):
        agreement = self.decision("Dave sends the debt overview", assignee=self.dave)
        response = self.caseload(self.dave)
        self.assertContains(response, SECTION)
        self.assertContains(response, "Dave sends the debt overview")
        self.assertContains(response, f'href="/plans/{self.plan.pk}/agreements/#agreement-{agreement.pk}"')
        response = self.caseload(self.bob)
        self.assertContains(response, SECTION)
        self.assertContains(response, "Dave sends the debt overview")
        self.assertContains(response, f'href="/overleg/{self.conference.pk}/"')
        entry = AuditEntry.objects.filter(actor_id=self.bob.pk, action=AuditEntry.Action.LIST).last()
        self.assertIn(",agreements,", entry.parts)

    def test_it_does_not_show_for_others_in_the_plan(self):
        self.decision("Dave sends the debt overview", assignee=self.dave)
        # Carol may see the agreements: she sees it among the agreements, not as her decision.
        response = self.caseload(self.carol)
        self.assertNotContains(response, SECTION)
        self.assertContains(response, "Dave sends the debt overview")
        response = self.caseload(self.erin)
        self.assertNotContains(response, "Dave sends the debt overview")

    def test_a_decision_for_the_resident_shows_only_for_the_coordinator(self):
        self.decision("Alice calls the landlord")
        self.assertContains(self.caseload(self.bob), SECTION)
        self.assertNotContains(self.caseload(self.dave), SECTION)

    def test_decisions_not_yet_due_done_or_in_a_closed_plan_do_not_show(self):
        self.decision("Due tomorrow", assignee=self.dave, due=TODAY + timedelta(days=1))
        self.decision("Done already", assignee=self.dave, status=Agreement.Status.DONE)
        response = self.caseload(self.bob)
        self.assertNotContains(response, SECTION)
        self.decision("Late", assignee=self.dave)
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assertNotContains(self.caseload(self.bob), SECTION)
        self.assertNotContains(self.caseload(self.dave), SECTION)

    def test_a_coordinator_without_the_agreements_part_still_sees_the_decisions(self):
        self.bob_membership.grants.filter(part="agreements").delete()
        self.decision("Alice calls the landlord")
        response = self.caseload(self.bob)
        self.assertContains(response, SECTION)
        self.assertContains(response, "Alice calls the landlord", count=1)

    def test_the_coordinator_is_reminded_to_look_back(self):
        Conference.objects.filter(pk=self.conference.pk).update(follow_up_on=TODAY + timedelta(days=5))
        response = self.caseload(self.bob)
        self.assertContains(response, FOLLOW_UP)
        self.assertContains(response, "evaluatiedatum zaterdag 7 maart 2026")
        self.assertNotContains(self.caseload(self.dave), FOLLOW_UP)
        Conference.objects.filter(pk=self.conference.pk).update(follow_up_on=TODAY - timedelta(days=1))
        response = self.caseload(self.bob)
        self.assertContains(response, "evaluatiedatum zondag 1 maart 2026")
        self.assertContains(response, "(te laat)")
        Conference.objects.filter(pk=self.conference.pk).update(follow_up_on=TODAY + timedelta(days=8))
        self.assertNotContains(self.caseload(self.bob), FOLLOW_UP)
        Conference.objects.filter(pk=self.conference.pk).update(follow_up_on=TODAY, status=Conference.Status.CANCELLED)
        self.assertNotContains(self.caseload(self.bob), FOLLOW_UP)
