from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.audit.models import AuditEntry
from samenplan.plans.models import Agreement
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, GoalFactory, PlanFactory

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class AgreementsTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/agreements/"

    def data(self, **overrides):
        return {
            "what": "Brieven in één map doen",
            "who_kind": "network",
            "who_name": "Carol",
            "due_date": "2026-03-20",
        } | overrides

    def test_a_contributor_adds_an_agreement_with_who_what_and_when(self):
        goal = GoalFactory(plan=self.plan)
        self.login(self.carol)
        response = self.client.post(self.url, self.data(goal=goal.pk))
        agreement = Agreement.objects.get()
        self.assertRedirects(response, f"{self.url}#agreement-{agreement.pk}", fetch_redirect_response=False)
        self.assertEqual(
            (agreement.what, agreement.who_kind, agreement.who_name, agreement.due_date, agreement.goal),
            ("Brieven in één map doen", "network", "Carol", date(2026, 3, 20), goal),
        )

    def test_the_kind_of_support_follows_from_who_unless_chosen(self):
        self.login(self.alice)
        self.client.post(self.url, self.data(what="Network does it"))
        self.client.post(self.url, self.data(what="Debt counsellor does it", who_kind="professional"))
        self.client.post(self.url, self.data(what="Specialist buddy", who_kind="network", support="heavy"))
        supports = dict(Agreement.objects.values_list("what", "support"))
        self.assertEqual(
            supports,
            {"Network does it": "light", "Debt counsellor does it": "heavy", "Specialist buddy": "heavy"},
        )
        response = self.client.get(self.url)
        self.assertContains(response, "<strong>1</strong> met lichte ondersteuning", html=False)

    def test_overdue_agreements_are_marked(self):
        AgreementFactory(plan=self.plan, what="Late one", due_date=date(2026, 3, 1))
        AgreementFactory(plan=self.plan, what="Done late", due_date=date(2026, 3, 1), status="done")
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "item--overdue", count=1)

    def test_a_due_date_in_the_past_or_missing_fields_are_refused(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.data(due_date="2026-03-01"))
        self.assertContains(response, 'id="id_due_date_error"')
        response = self.client.post(self.url, {"what": "", "who_kind": ""})
        self.assertContains(response, 'id="id_what_error"')
        self.assertContains(response, 'id="id_who_kind_error"')
        response = self.client.post(self.url, self.data(goal=GoalFactory(plan=PlanFactory()).pk))
        self.assertContains(response, 'id="id_goal_error"')
        self.assertFalse(Agreement.objects.exists())

    def test_a_member_without_the_part_sees_and_updates_only_their_own(self):
        own = AgreementFactory(plan=self.plan, what="Erin brings the post", assignee=self.erin, who_kind="network")
        other = AgreementFactory(plan=self.plan, what="Secret other agreement")
        self.login(self.erin)
        response = self.client.get(self.url)
        self.assertContains(response, "Erin brings the post")
        self.assertNotContains(response, "Secret other agreement")
        self.assertNotContains(response, 'name="what"')
        response = self.client.post(f"{self.url}{own.pk}/", {"status": "done", "version": 1})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        own.refresh_from_db()
        self.assertEqual((own.status, own.what), ("done", "Erin brings the post"))
        self.assert_not_found_for([self.erin], f"{self.url}{other.pk}/")

    def test_a_viewer_cannot_change_agreements(self):
        agreement = AgreementFactory(plan=self.plan)
        self.assert_not_found_for([self.dave], f"{self.url}{agreement.pk}/")
        self.assert_not_found_for([self.dave], self.url, method="post", data=self.data())

    def test_the_second_of_two_simultaneous_edits_is_refused(self):
        agreement = AgreementFactory(plan=self.plan, what="Original")
        edit = f"{self.url}{agreement.pk}/"
        form = {"what": "First", "who_kind": "resident", "support": "light", "status": "open", "version": 1}
        self.login(self.bob)
        self.client.post(edit, form)
        self.login(self.alice)
        response = self.client.post(edit, form | {"what": "Second"})
        self.assertContains(response, "Iemand anders heeft wijzigingen opgeslagen")
        agreement.refresh_from_db()
        self.assertEqual(agreement.what, "First")

    def test_strangers_get_404(self):
        agreement = AgreementFactory(plan=self.plan)
        self.assert_not_found_for(self.outsiders, self.url)
        self.assert_not_found_for([*self.outsiders, self.erin], f"{self.url}{agreement.pk}/")
        self.assert_not_found_for([self.alice], f"{self.url}{AgreementFactory(plan=PlanFactory()).pk}/")

    def test_the_list_of_people_to_give_it_to_names_only_people_one_may_see(self):
        # Carol may add agreements but does not see the network part.
        self.login(self.carol)
        response = self.client.get(self.url)
        select = response.content.decode().split('name="assignee"')[1].split("</select>")[0]
        self.assertIn("Carol", select)
        for name in ("Bob", "Dave", "Erin"):
            self.assertNotIn(name, select)
        response = self.client.post(self.url, self.data(assignee=self.dave.pk))
        self.assertContains(response, 'id="id_assignee_error"')
        self.assertFalse(Agreement.objects.filter(assignee=self.dave).exists())
        # Someone who sees the network chooses from everyone in the plan.
        self.login(self.bob)
        select = self.client.get(self.url).content.decode().split('name="assignee"')[1].split("</select>")[0]
        for name in ("Carol", "Dave", "Erin"):
            self.assertIn(name, select)


@time_machine.travel(TODAY)
class AgreementFormChoicesTestCase(BaseTestCase):
    url = property(lambda self: f"/plans/{self.plan.pk}/agreements/")

    def test_it_has_no_empty_preselected_radio_button(self):
        self.login(self.alice)
        page = self.client.get(self.url).content.decode()
        self.assertNotIn("---------", page)
        self.assertNotIn("checked", page.split('name="what"')[1].split("</form>")[0])
        self.assertIn("Ik doe het zelf", page)
        self.assertIn("Kies je niets, dan volgt het uit wie het doet", page)

    def test_it_asks_to_choose_who_does_it_and_keeps_the_input(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"what": "Bel de woningcorporatie", "due_date": "2026-03-20"})
        self.assertContains(response, "Kies wie het doet.")
        self.assertContains(response, 'value="Bel de woningcorporatie"')
        self.assertFalse(Agreement.objects.exists())

    def test_others_read_the_residents_name_not_i(self):
        self.login(self.carol)
        response = self.client.get(self.url)
        self.assertContains(response, "Alice doet het zelf")
        self.assertContains(response, "Iemand uit het netwerk van Alice")
        self.assertNotContains(response, "Ik doe het zelf")
        AgreementFactory(plan=self.plan, what="Post openen", who_kind="resident")
        response = self.client.get(self.url)
        self.assertContains(response, "<dd>Alice</dd>", html=True)
        self.assertNotContains(response, "de inwoner")
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "<dd>Jij</dd>", html=True)


@time_machine.travel(TODAY)
class AgreementMarkTestCase(BaseTestCase):
    """The one-click "Klaar" and "Bezig" buttons on the list."""

    def setUp(self):
        self.list_url = f"/plans/{self.plan.pk}/agreements/"
        self.agreement = AgreementFactory(plan=self.plan, what="Brieven sorteren")
        self.url = f"{self.list_url}{self.agreement.pk}/status/"

    def test_a_family_member_who_may_add_agreements_ticks_one_off_with_one_click(self):
        self.login(self.carol)
        page = self.client.get(self.list_url)
        self.assertContains(page, f'action="{self.url}"')
        self.assertContains(page, 'Klaar<span class="visually-hidden">: Brieven sorteren</span>', html=False)
        response = self.client.post(self.url, {"status": "done", "version": 1})
        self.assertRedirects(response, f"{self.list_url}#agreement-{self.agreement.pk}", fetch_redirect_response=False)
        self.agreement.refresh_from_db()
        self.assertEqual((self.agreement.status, self.agreement.version), ("done", 2))
        entry = AuditEntry.objects.filter(plan_id=self.plan.pk, action="update").last()
        self.assertEqual((entry.actor_id, entry.outcome, entry.part_list), (self.carol.pk, "permitted", ["agreements"]))
        page = self.client.get(self.list_url)
        self.assertContains(page, "De afspraak is afgevinkt")
        self.assertNotContains(page, f'action="{self.url}"')

    def test_the_assignee_without_the_part_marks_their_own_as_busy(self):
        own = AgreementFactory(plan=self.plan, what="Erin haalt de post", assignee=self.erin)
        self.login(self.erin)
        self.assertContains(self.client.get(self.list_url), "Bezig<span", html=False)
        self.client.post(f"{self.list_url}{own.pk}/status/", {"status": "busy", "version": 1})
        own.refresh_from_db()
        self.assertEqual(own.status, "busy")
        self.assert_not_found_for([self.erin], self.url, method="post", data={"status": "done", "version": 1})

    def test_who_may_only_read_gets_no_buttons_and_404(self):
        self.login(self.dave)
        self.assertNotContains(self.client.get(self.list_url), "/status/")
        self.assert_not_found_for(
            [self.dave, *self.outsiders], self.url, method="post", data={"status": "done", "version": 1}
        )
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "open")

    def test_a_stale_click_or_a_made_up_status_changes_nothing(self):
        self.login(self.bob)
        self.client.post(self.url, {"status": "busy", "version": 1})
        response = self.client.post(self.url, {"status": "done", "version": 1}, follow=True)
        self.assertContains(response, "Iemand anders heeft deze afspraak intussen veranderd")
        response = self.client.post(self.url, {"status": "cancelled", "version": 2}, follow=True)
        self.assertContains(response, "Dat lukte niet")
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "busy")
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_the_list_reads_a_fixed_number_of_queries(self):
        self.login(self.carol)
        self.client.get(self.list_url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.list_url)
        for n in range(4):
            AgreementFactory(plan=self.plan, what=f"More {n}", assignee=self.carol, goal=GoalFactory(plan=self.plan))
        with CaptureQueriesContext(connection) as many:
            self.client.get(self.list_url)
        self.assertEqual(len(many), len(few))
