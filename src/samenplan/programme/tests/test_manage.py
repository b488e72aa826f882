from datetime import timedelta

from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.programme.models import Action, JoinRequest, WorkGroupMember
from samenplan.programme.services import action_propose

from .base import ProgrammeTestCase


class ManagePageTestCase(ProgrammeTestCase):
    def test_the_coordinator_sees_who_does_what_and_it_is_logged(self):
        self.login(self.petra)
        response = self.client.get("/programma/beheer/")
        self.assertContains(response, "Geldcafé in de bibliotheek")
        self.assertContains(response, "Dave Dekker (Schuldhulp)")
        self.assertContains(response, "Geen actie is stilgevallen.")
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.action), (self.petra.pk, "view"))
        self.assertIn(f"programme.programme#{self.programme.pk}", entry.reason)

    def test_an_action_without_news_for_three_months_is_stalled(self):
        Action.objects.filter(pk=self.action.pk).update(last_update_on=timezone.localdate() - timedelta(days=91))
        self.login(self.petra)
        response = self.client.get("/programma/beheer/")
        self.assertContains(response, "1 actie heeft al meer dan drie maanden geen nieuws.")
        self.assertContains(response, 'class="inbox-table__overdue"')

    def test_nobody_else_opens_it(self):
        self.assert_not_found_for(
            [self.ann, self.bob, self.dave, self.sem, self.alice, self.pam, self.brit], "/programma/beheer/"
        )

    def test_the_coordinator_has_it_in_the_menu(self):
        self.login(self.petra)
        self.assertContains(self.client.get("/programma/"), 'href="/programma/beheer/"')

    def test_the_list_costs_the_same_queries_however_many_actions(self):
        self.join_request()
        self.login(self.petra)
        self.client.get("/programma/beheer/")
        with self.assertNumQueries(len(self._queries())) as first:
            self.client.get("/programma/beheer/")
        for n in range(4):
            extra = Action.objects.create(goal=self.goal, title=f"Extra {n}", lead=self.club)
            WorkGroupMember.objects.create(action=extra, organisation=self.club, name=f"Vrijwilliger {n}")
        self.join_request(kind=JoinRequest.Kind.NEW, action=None, title="Nieuw", organisation=self.debt_team)
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get("/programma/beheer/")

    def _queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.client.get("/programma/beheer/")
        return captured.captured_queries


class DecideTestCase(ProgrammeTestCase):
    def url(self, join_request):
        return f"/programma/beheer/verzoeken/{join_request.pk}/"

    def test_accepting_a_join_adds_the_organisation_and_requester_to_the_work_group(self):
        join_request = self.join_request()
        self.login(self.petra)
        response = self.client.post(self.url(join_request), {f"r{join_request.pk}-decision": "accept"})
        self.assertRedirects(response, "/programma/beheer/", fetch_redirect_response=False)
        join_request.refresh_from_db()
        self.assertEqual((join_request.status, join_request.decided_by), ("accepted", self.petra))
        member = WorkGroupMember.objects.get(action=self.action, user=self.sem)
        self.assertEqual(member.organisation, self.club)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.action), (self.petra.pk, "update"))
        self.assertIn(f"programme.joinrequest#{join_request.pk}: accepted", entry.reason)

    def test_accepting_a_proposal_creates_the_action_led_by_that_organisation(self):
        proposal = action_propose(
            user=self.sem, title="Sporten met schulden", description="Gratis lid", source_label="Leersessie 12 maart"
        )
        self.login(self.petra)
        page = self.client.get("/programma/beheer/")
        self.assertContains(page, "Leersessie 12 maart")
        self.assertContains(page, "Basketbal Peel Suns stelt een nieuwe actie voor: Sporten met schulden")
        prefix = f"r{proposal.pk}"
        self.client.post(self.url(proposal), {f"{prefix}-decision": "accept", f"{prefix}-goal": self.goal.pk})
        action = Action.objects.get(title="Sporten met schulden")
        self.assertEqual((action.goal, action.lead, action.status), (self.goal, self.club, "planned"))
        self.assertTrue(action.work_group.filter(user=self.sem).exists())
        self.assertContains(self.client.get("/programma/"), "Sporten met schulden")

    def test_a_proposal_without_a_goal_needs_one_and_the_input_is_kept(self):
        proposal = action_propose(user=self.sem, title="Sporten met schulden", description="Gratis lid")
        self.login(self.petra)
        response = self.client.post(self.url(proposal), {f"r{proposal.pk}-decision": "accept"})
        self.assertContains(response, "Kies het doel waar deze actie bij hoort.", status_code=400)
        self.assertFalse(Action.objects.filter(title="Sporten met schulden").exists())

    def test_declining_needs_a_reason_which_the_organisation_sees(self):
        join_request = self.join_request()
        self.login(self.petra)
        prefix = f"r{join_request.pk}"
        response = self.client.post(self.url(join_request), {f"{prefix}-decision": "decline", f"{prefix}-reason": ""})
        self.assertContains(response, "Schrijf waarom je afwijst.", status_code=400)
        join_request.refresh_from_db()
        self.assertEqual(join_request.status, "pending")
        self.client.post(self.url(join_request), {f"{prefix}-decision": "decline", f"{prefix}-reason": "Groep is vol"})
        join_request.refresh_from_db()
        self.assertEqual((join_request.status, join_request.reason), ("declined", "Groep is vol"))
        self.assertFalse(WorkGroupMember.objects.filter(user=self.sem).exists())
        self.login(self.sem)
        self.assertContains(self.client.get("/programma/acties/"), "Groep is vol")

    def test_nobody_else_decides(self):
        join_request = self.join_request()
        data = {f"r{join_request.pk}-decision": "accept"}
        self.assert_not_found_for(
            [self.ann, self.sem, self.dave, self.otto, self.alice], self.url(join_request), method="post", data=data
        )
        join_request.refresh_from_db()
        self.assertEqual(join_request.status, "pending")
        denied = AuditEntry.objects.filter(actor_id=self.ann.pk, outcome=AuditEntry.Outcome.DENIED).first()
        self.assertIn(f"programme_request:{join_request.pk}", denied.records)

    def test_a_decided_request_cannot_be_decided_again(self):
        join_request = self.join_request(status="declined", reason="Nee")
        self.assert_not_found_for([self.petra], self.url(join_request), method="post", data={})
