from datetime import date, timedelta
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import call_command

from samenplan.plans.models import Plan
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, EvaluationFactory

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class SendRemindersTestCase(BaseTestCase):
    def run_command(self):
        call_command("send_reminders", stdout=StringIO())

    def test_it_emails_the_coordinator_once_about_due_and_overdue_items(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=7))
        AgreementFactory(plan=self.plan, what="Bel de verhuurder", due_date=TODAY - timedelta(days=1))
        self.run_command()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.bob.email])
        self.assertIn("1 evaluatie", message.body)
        self.assertIn("1 afspraak", message.body)
        self.assertIn("/caseload/", message.body)
        # No plan content, not even the resident's name.
        self.assertNotIn("Bel de verhuurder", message.body)
        self.assertNotIn("Alice", message.body)
        self.run_command()
        self.assertEqual(len(mail.outbox), 1)

    def test_it_skips_far_away_held_and_done_items(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=8))
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY, held_at="2026-03-01T10:00:00Z")
        AgreementFactory(plan=self.plan, due_date=TODAY - timedelta(days=1), status="done")
        AgreementFactory(plan=self.plan, due_date=TODAY)
        self.run_command()
        self.assertEqual(mail.outbox, [])

    def test_a_moved_evaluation_is_reminded_again(self):
        evaluation = EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=3))
        self.run_command()
        evaluation.scheduled_for = TODAY + timedelta(days=5)
        evaluation.save()
        self.run_command()
        self.assertEqual(len(mail.outbox), 2)

    def test_it_respects_what_the_resident_shares(self):
        Grant.objects.filter(membership=self.bob_membership, part__in=[Part.EVALUATIONS, Part.AGREEMENTS]).delete()
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=1))
        AgreementFactory(plan=self.plan, due_date=TODAY - timedelta(days=1))
        self.run_command()
        self.assertEqual(mail.outbox, [])

    def test_closed_plans_and_ended_coordinators_get_no_reminders(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=1))
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.run_command()
        self.assertEqual(mail.outbox, [])
