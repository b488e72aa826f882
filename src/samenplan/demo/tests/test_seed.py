from datetime import datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase, override_settings
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.conferences.models import BreakthroughRequest, Conference
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.measuring.models import Answer, Measurement
from samenplan.plans.models import Agreement, Evaluation, Goal, Plan, StoryVersion
from samenplan.referrals.models import Referral
from samenplan.sharing.models import EmergencyAccess, Grant, Membership, SharingDecision
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for, accessible_plans


class SeedTestCase(TestCase):
    def seed(self, plans, *extra):
        out, err = StringIO(), StringIO()
        call_command("seed", "--plans", str(plans), "--batch-size", "7", *extra, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_it_adds_plans_with_every_part_and_reports_throughput(self):
        out, progress = self.seed(20)
        self.assertEqual(Plan.objects.count(), 20)
        self.assertRegex(out, r"Added 20 plans and \d+ people \([\d,]+ rows\) in [\d.]+s: [\d,]+ plans/s")
        self.assertIn("20/20 plans", progress)
        started = Plan.objects.exclude(status=Plan.Status.INTAKE)
        self.assertTrue(started.exists())
        for plan in started:
            self.assertTrue(plan.story_versions.exists())
            self.assertTrue(plan.goals.exists())
            self.assertTrue(plan.agreements.exists())
            self.assertTrue(Answer.objects.filter(measurement__plan=plan).exists())

    def test_every_plan_has_one_coordinator_who_sees_it_as_agreed(self):
        self.seed(15)
        counts = Membership.objects.filter(role=Membership.Role.COORDINATOR).values("plan").annotate(n=Count("id"))
        self.assertEqual(sorted(c["n"] for c in counts), [1] * 15)
        for plan in Plan.objects.all():
            coordinator = plan.memberships.get(role=Membership.Role.COORDINATOR).user
            access = access_for(coordinator, plan)
            self.assertTrue(access.can_view(Part.STORY))
            intake = plan.sharing_decisions.get(context=SharingDecision.Context.INTAKE)
            self.assertEqual({g["member"] for g in intake.grants}, {coordinator.pk})

    def test_members_see_only_what_was_granted_and_the_grants_are_on_record(self):
        self.seed(25)
        for membership in Membership.objects.exclude(role=Membership.Role.COORDINATOR).select_related("plan"):
            access = access_for(membership.user, membership.plan)
            granted = set(membership.grants.values_list("part", flat=True))
            self.assertEqual(set(access.visible_parts), granted)
            self.assertNotIn(Part.STORY, granted)
            recorded = {
                g["part"]
                for decision in membership.plan.sharing_decisions.all()
                for g in decision.grants
                if g["member"] == membership.user_id
            }
            self.assertEqual(recorded, granted)

    def test_caseloads_stay_the_size_of_a_real_one(self):
        self.seed(120)
        for professional in User.objects.filter(role=User.Role.PROFESSIONAL):
            self.assertLessEqual(len(accessible_plans(professional)), 80)

    def test_seeding_again_adds_more_people_without_clashes(self):
        self.seed(10)
        users = User.objects.count()
        self.seed(10)
        self.assertEqual(Plan.objects.count(), 20)
        self.assertGreater(User.objects.count(), users)
        self.assertEqual(User.objects.values("username").distinct().count(), User.objects.count())

    def test_agreements_done_by_the_network_are_assigned_to_a_plan_member(self):
        self.seed(30)
        for agreement in Agreement.objects.filter(assignee__isnull=False):
            self.assertTrue(agreement.plan.memberships.filter(user=agreement.assignee).exists())
        for goal in Goal.objects.all():
            self.assertNotEqual(goal.plan.status, Plan.Status.INTAKE)
        self.assertFalse(Measurement.objects.filter(plan__status=Plan.Status.INTAKE).exists())
        self.assertFalse(
            Grant.objects.filter(membership__plan__status=Plan.Status.INTAKE)
            .exclude(membership__role=Membership.Role.COORDINATOR)
            .exists()
        )

    def test_plans_start_measure_and_evaluate_in_office_hours_on_working_days(self):
        with time_machine.travel(datetime(2026, 3, 8, 22, 45, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
            self.seed(20)
            now = timezone.now()
        moments = list(Plan.objects.values_list("created_at", flat=True))
        moments += Plan.objects.exclude(closed_at=None).values_list("closed_at", flat=True)
        moments += Measurement.objects.values_list("recorded_at", flat=True)
        moments += Evaluation.objects.exclude(held_at=None).values_list("held_at", flat=True)
        moments += StoryVersion.objects.exclude(confirmed_at=None).values_list("confirmed_at", flat=True)
        self.assertGreater(len(moments), 40)
        for moment in moments:
            local = timezone.localtime(moment)
            self.assertLess(local.weekday(), 5, local)
            self.assertTrue(time(8, 30) <= local.time() <= time(17, 30), local)
            self.assertLessEqual(moment, now)
        for day in Evaluation.objects.values_list("scheduled_for", flat=True):
            self.assertLess(day.weekday(), 5, day)

    def test_with_history_it_adds_what_happened_around_the_plans(self):
        self.seed(200, "--history")
        now = timezone.now()
        for model in (Referral, Question, Signal, EmergencyAccess, Conference, BreakthroughRequest):
            self.assertTrue(model.objects.exists(), model)
        for referral in Referral.objects.prefetch_related("events"):
            moments = [event.at for event in referral.events.all()]
            self.assertEqual(moments, sorted(moments))
            self.assertLessEqual(moments[-1], now)
            self.assertEqual(referral.status, list(referral.events.all())[-1].status)
            self.assertEqual(referral.closed_at is not None, referral.status in Referral.CLOSED)
        # Nothing of it in a wijk team's queue or the officer's list (they show what is
        # open, and what closed in the last 30 and 90 days).
        self.assertFalse(Question.objects.filter(closed_at__gte=now - timedelta(days=31)).exists())
        self.assertFalse(Question.objects.filter(closed_at=None).exists())
        self.assertFalse(Signal.objects.filter(closed_at__gte=now - timedelta(days=31)).exists())
        self.assertFalse(BreakthroughRequest.objects.filter(decided_at__gte=now - timedelta(days=91)).exists())
        for request in BreakthroughRequest.objects.select_related("anonymous_copy"):
            self.assertTrue(request.anonymous_copy.themes.exists())
            self.assertEqual(request.anonymous_copy.outcome, request.status)
        # A signal that led to a plan joined it.
        for signal in Signal.objects.filter(outcome=Signal.Outcome.PLAN):
            self.assertEqual(signal.plan_id, signal.offered_plan_id)
            self.assertIsNotNone(signal.plan_id)

    @override_settings(PRODUCTION=True)
    def test_it_refuses_a_production_database(self):
        with self.assertRaisesMessage(CommandError, "production"):
            self.seed(1)
        self.assertFalse(Plan.objects.exists())
