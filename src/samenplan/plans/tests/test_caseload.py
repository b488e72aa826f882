from datetime import date, datetime, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference, Decision
from samenplan.notifications.models import Notification
from samenplan.plans.models import Plan
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    AgreementFactory,
    ConferenceFactory,
    EvaluationFactory,
    PlanFactory,
    WijkFactory,
)

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class CaseloadTestCase(BaseTestCase):
    def test_it_lists_the_plans_due_evaluations_and_overdue_agreements(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=5))
        AgreementFactory(plan=self.plan, what="Call the landlord", due_date=TODAY - timedelta(days=2))
        AgreementFactory(plan=self.plan, what="Finished", due_date=TODAY - timedelta(days=2), status="done")
        self.login(self.bob)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Alice Aarts")
        self.assertContains(response, "Regisseur")
        self.assertContains(response, "7 maart 2026")
        self.assertContains(response, "Call the landlord")
        self.assertNotContains(response, "Finished")

    def test_it_shows_nothing_of_parts_the_member_may_not_see(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=5))
        AgreementFactory(plan=self.plan, what="Call the landlord", due_date=TODAY - timedelta(days=2))
        self.login(self.carol)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Alice Aarts")
        self.assertNotContains(response, "7 maart 2026")

    def test_a_member_with_nothing_to_see_does_not_have_the_plan_in_their_caseload(self):
        self.login(self.erin)
        response = self.client.get("/caseload/")
        self.assertNotContains(response, "Alice")
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)

    def test_plans_one_is_not_in_are_not_listed(self):
        PlanFactory(owner__first_name="Zoë", owner__last_name="Zwart")
        self.login(self.charlie)
        response = self.client.get("/caseload/")
        self.assertNotContains(response, "Zwart")
        self.assertContains(response, "Je zit nog in geen enkel plan")

    def test_closed_plans_are_read_only(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.login(self.bob)
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/goals/"), 'name="text"')
        self.assert_not_found_for([self.bob, self.alice], f"/plans/{self.plan.pk}/story/edit/")

    def test_residents_and_outsiders_have_no_caseload(self):
        self.assert_not_found_for([self.alice, self.ann, self.pam], "/caseload/")


def make_plans(test, count, *, professional, role="coordinator", levels=None, wijk=None, **plan_fields):
    """`count` plans with `professional` in them, each with a story the resident confirmed."""
    from samenplan.plans.models import StoryVersion
    from samenplan.sharing.models import Membership
    from samenplan.sharing.parts import Level, Part

    plans = []
    for number in range(count):
        plan = PlanFactory(
            owner__first_name=f"Inwoner{number:02d}", owner__last_name="Test", wijk=wijk or test.wijk, **plan_fields
        )
        StoryVersion.objects.create(plan=plan, number=1, text="x", written_by=plan.owner, confirmed_at=TODAY_AWARE)
        test.add_member(
            professional,
            Membership.Role(role),
            levels if levels is not None else dict.fromkeys(Part, Level.CONTRIBUTE),
            plan=plan,
        )
        plans.append(plan)
    return plans


TODAY_AWARE = timezone.make_aware(datetime(2026, 3, 1, 12))


@time_machine.travel(TODAY)
class CaseloadSearchTestCase(BaseTestCase):
    def rows(self, response):
        return [row.name for row in response.context["caseload"].rows]

    def test_it_searches_by_name_and_keeps_the_search_in_the_form(self):
        make_plans(self, 3, professional=self.bob)
        self.login(self.bob)
        response = self.client.get("/caseload/", {"q": "inwoner01"})
        self.assertEqual(self.rows(response), ["Inwoner01 Test"])
        self.assertContains(response, 'value="inwoner01"')
        self.assertContains(response, "1 van 4 open plannen")
        self.assertContains(response, "Alle plannen tonen")

    def test_it_filters_by_role_neighbourhood_and_stage(self):
        oost = WijkFactory(name="Oost", code="oost")
        make_plans(self, 2, professional=self.bob, wijk=oost)
        intake = make_plans(self, 1, professional=self.bob, status=Plan.Status.INTAKE)[0]
        self.login(self.bob)
        self.assertEqual(len(self.rows(self.client.get("/caseload/", {"wijk": oost.pk}))), 2)
        self.assertEqual(self.rows(self.client.get("/caseload/", {"stage": "intake"})), [intake.owner.display_name])
        self.login(self.dave)
        make_plans(self, 1, professional=self.dave)
        self.assertEqual(self.rows(self.client.get("/caseload/", {"role": "coordinator"})), ["Inwoner00 Test"])
        self.assertEqual(self.rows(self.client.get("/caseload/", {"role": "professional"})), ["Alice Aarts"])

    def test_it_sorts_by_next_evaluation_and_by_overdue_agreements(self):
        first, second = make_plans(self, 2, professional=self.bob)
        EvaluationFactory(plan=second, scheduled_for=TODAY + timedelta(days=3))
        EvaluationFactory(plan=first, scheduled_for=TODAY + timedelta(days=9))
        AgreementFactory(plan=first, due_date=TODAY - timedelta(days=1))
        self.login(self.bob)
        by_date = self.rows(self.client.get("/caseload/", {"sort": "evaluation"}))
        self.assertEqual(by_date[:2], ["Inwoner01 Test", "Inwoner00 Test"])
        by_overdue = self.rows(self.client.get("/caseload/", {"sort": "overdue"}))
        self.assertEqual(by_overdue[0], "Inwoner00 Test")

    def test_a_wrong_filter_value_is_ignored_and_the_list_still_shows(self):
        self.login(self.bob)
        response = self.client.get("/caseload/", {"role": "boss", "sort": "x", "wijk": "abc"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.rows(response), ["Alice Aarts"])

    def test_closed_plans_are_apart_and_never_past_their_date(self):
        closed = make_plans(self, 1, professional=self.bob, status=Plan.Status.CLOSED)[0]
        AgreementFactory(plan=closed, what="Old agreement", due_date=TODAY - timedelta(days=9))
        EvaluationFactory(plan=closed, scheduled_for=TODAY - timedelta(days=2))
        self.login(self.bob)
        response = self.client.get("/caseload/")
        self.assertEqual(self.rows(response), ["Alice Aarts"])
        self.assertEqual([r.name for r in response.context["caseload"].closed_rows], ["Inwoner00 Test"])
        self.assertContains(response, "<details")
        self.assertContains(response, "Afgesloten plan (1)")
        self.assertNotContains(response, "Old agreement")
        self.assertNotContains(response, "Afspraken over de datum")
        self.assertNotContains(response, "te laat")

    def test_it_flags_what_needs_attention_in_words(self):
        AgreementFactory(plan=self.plan, due_date=TODAY - timedelta(days=1))
        Notification.objects.create(
            user=self.bob, kind=Notification.Kind.MESSAGE, url=f"/plans/{self.plan.pk}/conversations/1/"
        )
        self.login(self.bob)
        response = self.client.get("/caseload/")
        self.assertContains(response, "1 afspraak over de datum")
        self.assertContains(response, "1 ongelezen bericht")
        self.assertContains(response, "Verhaal niet bevestigd")
        self.assertContains(response, "Geen evaluatie gepland")

    def test_flags_only_from_parts_the_member_may_see(self):
        # Dave may see the story but not evaluations or conversations; carol not the story.
        Notification.objects.create(
            user=self.carol, kind=Notification.Kind.MESSAGE, url=f"/plans/{self.plan.pk}/conversations/1/"
        )
        self.login(self.carol)
        response = self.client.get("/caseload/")
        self.assertNotContains(response, "Verhaal niet bevestigd")
        self.assertNotContains(response, "ongelezen")
        self.assertNotContains(response, "Geen evaluatie gepland")
        self.login(self.dave)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Verhaal niet bevestigd")
        self.assertNotContains(response, "Geen evaluatie gepland")

    def test_the_list_is_audited(self):
        self.login(self.bob)
        self.client.get("/caseload/")
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.LIST, actor_id=self.bob.pk).last()
        self.assertIsNotNone(entry)
        self.assertIn(str(self.plan.pk), entry.plans)

    def test_forty_plans_take_as_many_queries_as_four(self):
        make_plans(self, 4, professional=self.bob)
        self.login(self.bob)
        self.client.get("/caseload/")  # warm up (sessions, content types)
        with CaptureQueriesContext(connection) as few:
            self.client.get("/caseload/", {"sort": "evaluation"})
        more = make_plans(self, 36, professional=self.bob)
        for plan in more[::3]:
            agreement = AgreementFactory(plan=plan, due_date=TODAY - timedelta(days=1))
            EvaluationFactory(plan=plan, scheduled_for=TODAY + timedelta(days=2))
            # Case conference decisions past their date, and conferences to look back on.
            conference = ConferenceFactory(
                plan=plan,
                convened_by=self.bob,
                status=Conference.Status.PLANNED,
                follow_up_on=TODAY + timedelta(days=2),
            )
            Decision.objects.create(conference=conference, agreement=agreement, created_by=self.bob)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get("/caseload/", {"sort": "evaluation"})
        self.assertContains(response, "41 plannen")
        self.assertContains(response, "Afspraken uit een overleg over de datum")
        self.assertContains(response, "Terugkijken op het overleg")
        self.assertEqual(len(many), len(few))
