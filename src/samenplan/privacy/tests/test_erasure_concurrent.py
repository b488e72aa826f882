"""Two runs of `erase_expired` at the same moment erase each plan once and keep one chain."""

import threading
from datetime import timedelta
from unittest import skipUnless

from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry, AuditRedaction
from samenplan.audit.testing import allow_emptying_the_database
from samenplan.plans.models import Plan
from samenplan.privacy.erasure import erase_expired
from samenplan.testing.factories import GoalFactory, PlanFactory


@skipUnless(connection.vendor == "postgresql", "SQLite serialises writers itself (IMMEDIATE transactions)")
class ConcurrentErasureTestCase(TransactionTestCase):
    serialized_rollback = True

    def tearDown(self):
        allow_emptying_the_database()

    def test_two_runs_at_once_erase_each_plan_once(self):
        plans = []
        for _ in range(6):
            plan = PlanFactory(status=Plan.Status.CLOSED, closed_at=timezone.now() - timedelta(days=16 * 366))
            GoalFactory(plan=plan)
            with audit.task("test"):
                audit.note_plan(plan)
            plans.append(plan.pk)
        results, errors = [], []
        start = threading.Barrier(2)

        def run():
            try:
                start.wait()
                results.append(len(erase_expired()))
            except Exception as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sum(results), 6)
        self.assertFalse(Plan.objects.filter(pk__in=plans).exists())
        self.assertEqual(AuditEntry.objects.filter(page="erase_plan").count(), 6)
        self.assertEqual(AuditRedaction.objects.count(), 6)
        self.assertEqual(erase_expired(), [])
        call_command("verify_audit")
