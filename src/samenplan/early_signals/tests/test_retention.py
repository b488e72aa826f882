from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.test import override_settings

from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal, SignalEvent, SignalUpload
from samenplan.early_signals.services.retention import retention_run
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import QuestionFactory, SignalFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Arrived at ten in the morning; the periods are counted from that moment.
ARRIVED = datetime(2026, 1, 5, 10, 0, tzinfo=AMSTERDAM)
SIGNAL_DAYS, QUESTION_DAYS = 183, 365


def travel(days: int):
    """A moment `days` after ARRIVED (frozen time)."""
    return time_machine.travel(ARRIVED + timedelta(days=days), tick=False)


@override_settings(SAMENPLAN_SIGNAL_RETENTION_DAYS=SIGNAL_DAYS, SAMENPLAN_QUESTION_RETENTION_DAYS=QUESTION_DAYS)
class RetentionTestCase(BaseTestCase):
    def signal(self, **fields) -> Signal:
        fields.setdefault("partner", self.woonbedrijf)
        fields.setdefault("name", "Ria Rutten")
        signal = SignalFactory(wijk=self.wijk, created_at=ARRIVED, **fields)
        SignalEvent.objects.create(
            signal=signal, kind=SignalEvent.Kind.ATTEMPT, channel="letter", note="Letter about the rent", at=ARRIVED
        )
        return signal

    def question(self, **fields) -> Question:
        question = QuestionFactory(wijk=self.wijk, created_at=ARRIVED, text="Ik kan de huur niet betalen.", **fields)
        QuestionEvent.objects.create(question=question, kind=QuestionEvent.Kind.CREATED, at=ARRIVED)
        return question

    def test_a_signal_without_help_stays_until_its_period_ends_and_goes_the_day_after(self):
        open_signal = self.signal()
        no_help = self.signal(status=Signal.Status.CLOSED, outcome=Signal.Outcome.NO_HELP_WANTED)
        with travel(SIGNAL_DAYS - 1):
            self.assertEqual(retention_run()["signals"], 0)
        self.assertEqual(Signal.objects.count(), 2)
        with travel(SIGNAL_DAYS + 1):
            self.assertEqual(retention_run()["signals"], 2)
        self.assertFalse(Signal.objects.filter(pk__in=[open_signal.pk, no_help.pk]).exists())
        self.assertFalse(SignalEvent.objects.exists())

    def test_signals_after_which_help_followed_or_that_joined_a_plan_are_kept(self):
        kept = [
            self.signal(status=Signal.Status.CLOSED, outcome=outcome).pk
            for outcome in (Signal.Outcome.ARRANGEMENT, Signal.Outcome.DEBT_HELP, Signal.Outcome.IN_CARE)
        ]
        kept.append(self.signal(plan=self.plan, joined_at=ARRIVED).pk)
        # Offered to her plan but never answered: she did not say yes, so it goes.
        offered = self.signal(offered_plan=self.plan, offered_at=ARRIVED)
        with travel(SIGNAL_DAYS + 30):
            counts = retention_run()
        self.assertEqual(counts["signals"], 1)
        self.assertEqual(sorted(Signal.objects.values_list("pk", flat=True)), sorted(kept))
        self.assertFalse(Signal.objects.filter(pk=offered.pk).exists())

    def test_a_question_that_led_to_no_plan_goes_after_its_period_one_with_a_plan_stays(self):
        closed = self.question(status=Question.Status.CLOSED, outcome=Question.Outcome.ADVICE)
        never_handled = self.question()
        with_plan = self.question(status=Question.Status.CLOSED, outcome=Question.Outcome.PLAN, plan=self.plan)
        with travel(QUESTION_DAYS - 1):
            self.assertEqual(retention_run()["questions"], 0)
        self.assertEqual(Question.objects.count(), 3)
        with travel(QUESTION_DAYS + 1):
            self.assertEqual(retention_run()["questions"], 2)
        self.assertEqual(list(Question.objects.values_list("pk", flat=True)), [with_plan.pk])
        self.assertFalse(QuestionEvent.objects.filter(question_id__in=[closed.pk, never_handled.pk]).exists())
        self.assertTrue(QuestionEvent.objects.filter(question=with_plan).exists())

    def test_an_upload_goes_once_none_of_its_signals_is_left(self):
        emptied = SignalUpload.objects.create(partner=self.woonbedrijf, at=ARRIVED, rows=1, created=1)
        still_used = SignalUpload.objects.create(partner=self.woonbedrijf, at=ARRIVED, rows=2, created=2)
        self.signal(upload=emptied)
        self.signal(upload=still_used)
        self.signal(upload=still_used, status=Signal.Status.CLOSED, outcome=Signal.Outcome.QUICK_FIX)
        with travel(SIGNAL_DAYS + 1):
            counts = retention_run()
        self.assertEqual((counts["signals"], counts["uploads"]), (2, 1))
        self.assertEqual(list(SignalUpload.objects.values_list("pk", flat=True)), [still_used.pk])

    def test_the_run_leaves_one_entry_by_the_system_with_ids_and_no_content(self):
        signal = self.signal(street="Lindelaan 7")
        question = self.question(name="Noor Nijssen", phone="0611122233")
        with travel(QUESTION_DAYS + 1):
            retention_run()
        entry = AuditEntry.objects.get()
        self.assertEqual((entry.actor_role, entry.actor_id, entry.action), ("system", None, AuditEntry.Action.DELETE))
        self.assertEqual(entry.page, "retention")
        self.assertEqual(entry.records, f",question:{question.pk},signal:{signal.pk},")
        self.assertEqual(entry.reason, "retention: 1 signals, 1 questions, 0 uploads")
        written = " ".join(str(value) for value in entry.__dict__.values())
        for content in ("Ria", "Rutten", "Lindelaan", "Noor", "Nijssen", "0611122233", "huur"):
            self.assertNotIn(content, written)

    def test_a_run_with_nothing_to_delete_leaves_no_entry(self):
        self.signal()
        with travel(10):
            self.assertEqual(retention_run(), {"signals": 0, "questions": 0, "uploads": 0})
        self.assertFalse(AuditEntry.objects.exists())

    @override_settings(SAMENPLAN_SIGNAL_RETENTION_DAYS=30)
    def test_the_period_is_a_setting(self):
        self.signal()
        with travel(31):
            self.assertEqual(retention_run()["signals"], 1)

    def test_the_command_prints_the_counts_and_a_dry_run_deletes_nothing(self):
        signal = self.signal()
        self.question()
        with travel(SIGNAL_DAYS + 1):
            out = StringIO()
            call_command("retention", "--dry-run", stdout=out)
            self.assertIn(f"1 signals would be deleted: {signal.pk}", out.getvalue())
            self.assertIn("0 questions would be deleted", out.getvalue())
            self.assertTrue(Signal.objects.exists())
            self.assertFalse(AuditEntry.objects.exists())
            out = StringIO()
            call_command("retention", stdout=out)
        self.assertIn("Deleted 1 signal(s), 0 question(s) and 0 upload(s)", out.getvalue())
        self.assertFalse(Signal.objects.exists())
        self.assertTrue(Question.objects.exists())
