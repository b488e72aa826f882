"""Erasure: a closed plan past the retention period (or on request) is deleted with all that
belongs only to it, the owner's account goes when nothing else holds it, and the audit log
still verifies while no entry can be tied to the erased person any more."""

from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry, AuditRedaction
from samenplan.conversations.models import Message, Thread
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.plans.models import Plan
from samenplan.privacy.erasure import REQUEST, RETENTION, plan_erase
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    AgreementFactory,
    ConferenceFactory,
    EvaluationFactory,
    GoalFactory,
    QuestionFactory,
    UserFactory,
)

LONG_AGO = timedelta(days=16 * 366)
TEXT_FIELDS = ["actor_name", "actor_organisation", "plans", "records", "parts", "reason", "page", "request_id"]


def erase_expired():
    out = StringIO()
    call_command("erase_expired", stdout=out)
    return out.getvalue()


def verify_audit():
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def drop_update_trigger():
    if connection.vendor == "sqlite":
        raw("DROP TRIGGER audit_entry_no_update")
    else:
        raw("DROP TRIGGER audit_entry_append_only ON audit_auditentry")


class ErasureWorld(BaseTestCase):
    """Alice's plan with something in every part, activity in the audit log, closed."""

    def setUp(self):
        plan = self.plan
        self.goal = GoalFactory(plan=plan, created_by=self.alice, text="Alice Aarts wants a job")
        AgreementFactory(plan=plan, goal=self.goal, created_by=self.bob)
        EvaluationFactory(plan=plan, created_by=self.bob)
        self.question = QuestionFactory(wijk=self.wijk, plan=plan, name="Alice Aarts")
        self.signal = self.signal_offered()
        self.referral = self.referral_sent()
        ConferenceFactory(plan=plan, convened_by=self.bob)
        thread = Thread.objects.create(plan=plan, subject="Rent", created_by=self.alice)
        thread.participants.add(self.alice, self.bob)
        Message.objects.create(thread=thread, author=self.alice, text="Hello Bob")
        # Activity: the resident, her coordinator and her sister look at the plan.
        for user in (self.alice, self.bob, self.carol):
            self.login(user)
            self.assertEqual(self.client.get(reverse("plan", args=[plan.pk])).status_code, 200)
        self.login(self.bob)
        response = self.client.post(reverse("plan_close", args=[plan.pk]), {"reason": "Alice Aarts moved to Utrecht"})
        self.assertLess(response.status_code, 400)
        self.client.logout()
        plan.refresh_from_db()
        self.assertEqual(plan.status, Plan.Status.CLOSED)
        self.plan_id, self.alice_id = plan.pk, self.alice.pk
        self.entries_before = AuditEntry.objects.filter(plan_id=plan.pk).count()
        self.assertGreaterEqual(self.entries_before, 4)

    def age(self, delta=LONG_AGO):
        Plan.objects.filter(pk=self.plan_id).update(closed_at=timezone.now() - delta)

    def assert_no_trace_of_alice_in_the_log(self):
        entries = AuditEntry.objects.all()
        self.assertFalse(entries.filter(plan_id=self.plan_id).exists())
        self.assertFalse(entries.filter(plans__contains=f",{self.plan_id},").exists())
        for name in ("actor_id", "subject_id", "on_behalf_of_id"):
            self.assertFalse(entries.filter(**{name: self.alice_id}).exists(), name)
        for entry in entries.values(*TEXT_FIELDS):
            for name, value in entry.items():
                self.assertNotIn("Alice", value or "", name)
                self.assertNotIn("Aarts", value or "", name)
        self.assertFalse(entries.filter(records__contains=f"question:{self.question.pk},").exists())


class RetentionTests(ErasureWorld):
    def test_an_expired_plan_goes_with_everything_of_it_and_the_log_still_verifies(self):
        self.age()
        output = erase_expired()
        self.assertIn("Erased 1 plan(s)", output)
        self.assertFalse(Plan.objects.filter(pk=self.plan_id).exists())
        # Nothing anywhere still points to the plan.
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is Plan:
                    leftover = model.objects.filter(**{field.attname: self.plan_id})
                    self.assertFalse(leftover.exists(), f"{model._meta.label}.{field.name}")
        self.assertFalse(Question.objects.filter(pk=self.question.pk).exists())
        self.assertFalse(Signal.objects.filter(pk=self.signal.pk).exists())
        self.assertFalse(Message.objects.filter(text="Hello Bob").exists())
        # Alice had no other plan or role: her account is gone; the others stay.
        self.assertFalse(User.objects.filter(pk=self.alice_id).exists())
        self.assertEqual(User.objects.filter(pk__in=[self.bob.pk, self.carol.pk, self.dave.pk]).count(), 3)
        # What is shared stays: the service on the social map the referral went to.
        self.assertTrue(type(self.referral.service).objects.filter(pk=self.referral.service_id).exists())
        self.assertIn("Audit log intact", verify_audit())
        self.assert_no_trace_of_alice_in_the_log()
        # Who looked stays on record (NEN 7513): bob's and carol's visits, without the plan.
        self.assertTrue(AuditEntry.objects.filter(actor_id=self.bob.pk, action="view", plan_id=None).exists())
        self.assertTrue(AuditEntry.objects.filter(actor_id=self.carol.pk, action="view").exists())
        self.assertGreaterEqual(AuditRedaction.objects.count(), self.entries_before)
        # The redacted entries lost their salt: the kept hash cannot test a guess any more.
        redacted = AuditRedaction.objects.values_list("entry_id", flat=True)
        self.assertFalse(AuditEntry.objects.filter(pk__in=redacted, salt__isnull=False).exists())
        # The erasure itself is logged, by the system, with counts only.
        entry = AuditEntry.objects.filter(action="delete", page="erase_plan").get()
        self.assertEqual(entry.actor_role, "system")
        self.assertIn("plans.Plan", entry.reason)
        self.assertIn("account erased", entry.reason)

    def test_running_it_again_changes_nothing(self):
        self.age()
        erase_expired()
        entries, redactions = AuditEntry.objects.count(), AuditRedaction.objects.count()
        self.assertIn("Erased 0 plan(s)", erase_expired())
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertEqual(AuditRedaction.objects.count(), redactions)
        self.assertIsNone(plan_erase(self.plan_id, why=RETENTION))
        self.assertIn("Audit log intact", verify_audit())

    def test_a_plan_within_the_retention_period_stays(self):
        self.age(LONG_AGO - timedelta(days=2 * 366))
        self.assertIn("Erased 0 plan(s)", erase_expired())
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())
        self.assertIsNone(plan_erase(self.plan_id, why=RETENTION))
        self.assertTrue(AuditEntry.objects.filter(plan_id=self.plan_id).exists())

    @override_settings(SAMENPLAN_RETENTION_YEARS=20)
    def test_the_period_is_a_setting(self):
        self.age()  # 16 years: within 20
        self.assertIn("Erased 0 plan(s)", erase_expired())
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())

    @override_settings(SAMENPLAN_RETENTION_YEARS=15, SAMENPLAN_YOUTH_CARE=True)
    def test_youth_care_files_are_kept_at_least_the_twenty_years_of_the_jeugdwet(self):
        self.age()  # 16 years
        self.assertIn("Erased 0 plan(s)", erase_expired())
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())
        self.age(timedelta(days=21 * 366))
        self.assertIn("Erased 1 plan(s)", erase_expired())

    def test_an_open_plan_is_never_erased(self):
        Plan.objects.filter(pk=self.plan_id).update(status=Plan.Status.ACTIVE)
        Plan.objects.filter(pk=self.plan_id).update(closed_at=timezone.now() - LONG_AGO)
        self.assertIn("Erased 0 plan(s)", erase_expired())
        self.assertIsNone(plan_erase(self.plan_id, why=REQUEST))
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())

    def test_a_dry_run_prints_counts_and_erases_nothing(self):
        self.age()
        out = StringIO()
        call_command("erase_expired", "--dry-run", stdout=out)
        self.assertIn("1 plan(s) closed more than 15 years ago would be erased", out.getvalue())
        self.assertIn("plans.Goal: 1", out.getvalue())
        self.assertIn("accounts.User: 1", out.getvalue())
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())
        self.assertFalse(AuditRedaction.objects.exists())

    def test_the_account_stays_when_the_person_has_another_role(self):
        # Alice is also in Erin's network: her account stays, the erased plan's entries lose her.
        erins_plan = Plan.objects.create(
            owner=self.erin, wijk=self.wijk, status=Plan.Status.ACTIVE, created_by=self.bob
        )
        self.add_member(self.alice, Membership.Role.NETWORK, {Part.GOALS: Level.VIEW}, plan=erins_plan)
        self.login(self.alice)
        self.client.get(reverse("plan", args=[erins_plan.pk]))
        self.age()
        erase_expired()
        self.assertTrue(User.objects.filter(pk=self.alice_id).exists())
        self.assertFalse(AuditEntry.objects.filter(plan_id=self.plan_id).exists())
        self.assertFalse(AuditEntry.objects.filter(plan_id=None, actor_id=self.alice_id).exists())
        # Her visit to Erin's plan is not about the erased plan: it stays as it was.
        self.assertTrue(AuditEntry.objects.filter(plan_id=erins_plan.pk, actor_id=self.alice_id).exists())
        self.assertIn("Audit log intact", verify_audit())


class TamperAfterErasureTests(ErasureWorld):
    def setUp(self):
        super().setUp()
        self.age()
        erase_expired()
        self.redacted = AuditRedaction.objects.order_by("entry_id").first().entry_id

    def test_a_redacted_entry_changed_afterwards_fails_verification(self):
        drop_update_trigger()
        raw("UPDATE audit_auditentry SET actor_name = 'Mallory' WHERE id = %s", [self.redacted])
        with self.assertRaisesMessage(CommandError, f"entry {self.redacted} was altered"):
            verify_audit()

    def test_removing_a_redaction_record_fails_verification(self):
        AuditRedaction.objects.filter(entry_id=self.redacted).delete()
        with self.assertRaisesMessage(CommandError, f"entry {self.redacted} was altered"):
            verify_audit()

    def test_an_entry_left_intact_changed_afterwards_fails_verification(self):
        kept = AuditEntry.objects.exclude(pk__in=AuditRedaction.objects.values("entry_id")).order_by("id").first()
        drop_update_trigger()
        raw("UPDATE audit_auditentry SET parts = ',story,' WHERE id = %s", [kept.pk])
        with self.assertRaisesMessage(CommandError, f"entry {kept.pk} was altered"):
            verify_audit()

    def test_the_triggers_still_refuse_updates_outside_an_erasure(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            raw("UPDATE audit_auditentry SET actor_name = 'Mallory' WHERE id = %s", [self.redacted])
        self.assertIn("Audit log intact", verify_audit())


@override_settings(SAMENPLAN_ERASURE_WAIT_DAYS=42, SAMENPLAN_YOUTH_CARE=False)
class OnRequestTests(ErasureWorld):
    def url(self):
        return reverse("plan_erase", args=[self.plan_id])

    def test_the_resident_erases_her_closed_plan_and_is_logged_out(self):
        self.age(timedelta(days=50))
        self.login(self.alice)
        page = self.client.get(self.url())
        self.assertContains(page, "Mijn plan wissen")
        response = self.client.post(self.url(), {"confirm": "on"})
        self.assertContains(response, "Je plan is gewist")
        self.assertFalse(Plan.objects.filter(pk=self.plan_id).exists())
        self.assertFalse(User.objects.filter(pk=self.alice_id).exists())
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertIn("Audit log intact", verify_audit())
        self.assert_no_trace_of_alice_in_the_log()
        self.assertTrue(AuditEntry.objects.filter(page="erase_plan", reason__contains="(request)").exists())

    def test_without_the_tick_nothing_is_erased_and_she_is_told_why(self):
        self.age(timedelta(days=50))
        self.login(self.alice)
        response = self.client.post(self.url(), {})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Vink het vakje aan")
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())

    def test_shortly_after_closing_the_page_says_why_not(self):
        self.age(timedelta(days=10))
        self.login(self.alice)
        page = self.client.get(self.url())
        self.assertContains(page, "minder dan 42 dagen geleden")
        self.assertNotContains(page, 'name="confirm"')
        self.client.post(self.url(), {"confirm": "on"})
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())

    @override_settings(SAMENPLAN_YOUTH_CARE=True)
    def test_youth_care_files_are_not_erased_in_the_app(self):
        self.age(timedelta(days=400))
        self.login(self.alice)
        page = self.client.get(self.url())
        self.assertContains(page, "Jeugdwet")
        self.client.post(self.url(), {"confirm": "on"})
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())

    def test_an_open_plan_cannot_be_erased(self):
        Plan.objects.filter(pk=self.plan_id).update(status=Plan.Status.ACTIVE, closed_at=None)
        self.login(self.alice)
        self.assertContains(self.client.get(self.url()), "Je plan loopt nog")
        self.client.post(self.url(), {"confirm": "on"})
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())

    def test_nobody_else_can_erase_it(self):
        self.age(timedelta(days=50))
        self.login(self.bob)
        self.assertContains(self.client.get(self.url()), "Alleen de persoon van wie dit plan is")
        self.client.post(self.url(), {"confirm": "on"})
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())
        stranger = UserFactory(username="stranger", role=User.Role.PROFESSIONAL)
        self.assert_not_found_for([stranger, self.charlie], self.url(), method="post", data={"confirm": "on"})
        self.assertTrue(Plan.objects.filter(pk=self.plan_id).exists())
