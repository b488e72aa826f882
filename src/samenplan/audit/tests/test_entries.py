"""Every URL that shows personal data leaves exactly one audit entry per request."""

from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.services import activation_token_make
from samenplan.audit.models import AuditEntry
from samenplan.lib.queries import statements
from samenplan.plans.models import Plan
from samenplan.sharing.models import Invitation
from samenplan.sharing.services import invitation_url
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import EvaluationFactory, UserFactory
from samenplan.testing.urlwalk import COORDINATOR_ONLY, POST_ONLY, fill, plan_routes

# The part each page is about, by the first segment after the plan id.
ROUTE_PARTS = {
    "story": "story",
    "priorities": "priorities",
    "strengths": "strengths",
    "assessment": "assessment",
    "goals": "goals",
    "agreements": "agreements",
    "evaluations": "evaluations",
    "network": "network",
    "conversations": "conversations",
}


class AuditEntriesTestCase(BaseTestCase):
    def setUp(self):
        self.values = self.url_values()
        self.invitation = Invitation.objects.get(pk=self.values["invitation_id"])

    def entries_for(self, url, method="get", data=None):
        before = AuditEntry.objects.count()
        response = getattr(self.client, method)(url, data or {})
        return response, list(AuditEntry.objects.order_by("id")[before:])

    def test_every_plan_page_leaves_exactly_one_entry_for_the_owner(self):
        self.login(self.alice)
        for route in plan_routes():
            if route.endswith(POST_ONLY) or route.endswith("invite/") or route.endswith(COORDINATOR_ONLY):
                continue
            url = fill(route, self.values)
            response, entries = self.entries_for(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(len(entries), 1, url)
            entry = entries[0]
            self.assertEqual(
                (entry.actor_id, entry.actor_role, entry.plan_id, entry.subject_id, entry.outcome),
                (self.alice.pk, "owner", self.plan.pk, self.alice.pk, "permitted"),
                url,
            )
            self.assertEqual(entry.request_id, response["X-Request-ID"])
            segment = route.split("<int:plan_id>/")[1].split("/")[0]
            if segment in ROUTE_PARTS:
                self.assertIn(ROUTE_PARTS[segment], entry.part_list, url)

    def test_the_entry_names_the_parts_that_were_read(self):
        self.login(self.dave)
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/goals/")
        self.assertEqual(entry.part_list, ["goals"])
        self.assertEqual((entry.actor_role, entry.actor_organisation), ("professional", "Schuldhulp"))
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/")
        self.assertEqual(sorted(entry.part_list), ["agreements", "goals", "story"])
        self.login(self.alice)
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/print/")
        # Opening the print page is a view; whether it is printed, nobody can know.
        self.assertEqual((entry.action, entry.page), ("view", "plan_print"))
        self.assertEqual(len(entry.part_list), 9)

    def test_a_change_is_logged_as_a_change(self):
        self.login(self.alice)
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/goals/", "post", {"text": "New goal"})
        self.assertEqual((entry.action, entry.part_list), ("create", ["goals"]))
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/goals/", "post", {"text": ""})
        self.assertEqual(entry.action, "view")

    def test_sharing_changes_and_emergency_access_are_logged_with_the_reason(self):
        self.login(self.dave)
        reason = "Alice is in hospital and we need to know who helps at home."
        _response, (entry,) = self.entries_for(
            f"/plans/{self.plan.pk}/emergency/", "post", {"part": "strengths", "reason": reason, "hours": 2}
        )
        self.assertEqual((entry.action, entry.reason, entry.part_list), ("emergency", reason, ["strengths"]))
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/strengths/")
        self.assertEqual(entry.reason, AuditEntry.EMERGENCY_READ)
        self.login(self.alice)
        _response, (entry,) = self.entries_for(
            f"/plans/{self.plan.pk}/network/{self.carol_membership.pk}/remove/", "post"
        )
        self.assertEqual(entry.action, "share")

    def test_a_representative_is_logged_as_acting_on_behalf_of_the_resident(self):
        mentor = UserFactory(role="network")
        self.add_member(mentor, "representative", {})
        self.login(mentor)
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/story/")
        self.assertEqual((entry.actor_role, entry.on_behalf_of_id), ("representative", self.alice.pk))

    def test_denied_attempts_are_logged_as_denied_and_the_actor_sees_a_plain_404(self):
        for user in self.outsiders:
            self.login(user)
            for route in plan_routes():
                url = fill(route, self.values)
                for method in ("get", "post"):
                    response, entries = self.entries_for(url, method)
                    self.assertEqual(response.status_code, 404, url)
                    self.assertEqual(len(entries), 1, f"{method} {url}")
                    self.assertEqual(
                        (entries[0].outcome, entries[0].actor_id, entries[0].plan_id), ("denied", user.pk, self.plan.pk)
                    )
        self.login(self.carol)
        _response, (entry,) = self.entries_for(f"/plans/{self.plan.pk}/story/")
        self.assertEqual((entry.outcome, entry.part_list, entry.actor_role), ("denied", ["story"], "network"))
        _response, (entry,) = self.entries_for("/plans/999999/")
        # Kept apart from every plan: a plan that gets this id later must not show it.
        self.assertEqual(
            (entry.outcome, entry.plan_id, entry.plans, entry.subject_id, entry.reason),
            ("denied", None, "", None, "no such plan: 999999"),
        )

    def test_the_caseload_is_logged_as_one_entry_listing_the_plans(self):
        self.login(self.bob)
        _response, (entry,) = self.entries_for("/caseload/")
        self.assertEqual((entry.action, entry.plan_list, entry.plan_id), ("list", [self.plan.pk], None))

    def test_pages_about_one_person_outside_a_plan_are_logged(self):
        self.client.logout()
        _response, (entry,) = self.entries_for(invitation_url(self.invitation))
        self.assertEqual(
            (entry.actor_role, entry.plan_id, entry.subject_id), ("anonymous", self.plan.pk, self.alice.pk)
        )
        newbie = UserFactory()
        newbie.set_unusable_password()
        newbie.save()
        Plan.objects.create(owner=newbie, wijk=self.wijk, created_by=self.bob)
        _response, (entry,) = self.entries_for(f"/accounts/activate/{activation_token_make(user=newbie)}/")
        self.assertEqual(entry.subject_id, newbie.pk)

    def test_pages_without_personal_data_leave_no_entry(self):
        self.login(self.bob)
        for url in ("/accounts/login/", "/intake/", "/notifications/"):
            _response, entries = self.entries_for(url)
            self.assertEqual(entries, [], url)

    def test_the_intake_is_logged_with_the_new_plan(self):
        self.login(self.bob)
        data = {
            "first_name": "F",
            "last_name": "E",
            "email": "f@example.org",
            "wijk": self.wijk.pk,
            "story": "Story",
            "consent": "on",
        }
        data |= {
            f"part_{part}": "2"
            for part in (
                "story",
                "priorities",
                "strengths",
                "assessment",
                "goals",
                "agreements",
                "network",
                "conversations",
                "evaluations",
            )
        }
        _response, (entry,) = self.entries_for("/intake/", "post", data)
        plan = Plan.objects.get(owner__email="f@example.org")
        self.assertEqual((entry.action, entry.plan_id, entry.subject_id), ("create", plan.pk, plan.owner_id))

    def test_the_plan_page_costs_one_read_and_one_insert_more(self):
        self.login(self.alice)
        url = f"/plans/{self.plan.pk}/"
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        audit = [sql for sql in statements(queries) if "audit_auditentry" in sql]
        self.assertEqual(len(audit), 2)
        self.assertEqual(sum(sql.startswith("INSERT") for sql in statements(queries)), 1)

    def test_the_reminder_command_leaves_a_system_entry(self):
        EvaluationFactory(plan=self.plan, scheduled_for=timezone.localdate())
        call_command("send_reminders", stdout=StringIO())
        entry = AuditEntry.objects.get()
        self.assertEqual((entry.actor_role, entry.action, entry.plan_list), ("system", "notify", [self.plan.pk]))
        self.assertEqual(len(mail.outbox), 1)

    def test_the_request_id_is_our_own_and_a_clients_is_kept_apart(self):
        self.login(self.dave)
        response = self.client.get(f"/plans/{self.plan.pk}/goals/", HTTP_X_REQUEST_ID="made-up-by-the-client")
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(entry.request_id, response["X-Request-ID"])
        self.assertNotEqual(entry.request_id, "made-up-by-the-client")
        self.assertEqual(entry.client_request_id, "made-up-by-the-client")

    def test_a_refused_try_on_a_plan_id_that_does_not_exist_never_shows_in_a_plan_made_later(self):
        self.login(self.charlie)
        unused = Plan.objects.order_by("-pk").first().pk + 1
        self.client.get(f"/plans/{unused}/story/")
        tried = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((tried.outcome, tried.plan_id, tried.plans), ("denied", None, ""))
        self.assertEqual(tried.reason, f"no such plan: {unused}")
        later = Plan.objects.create(owner=UserFactory(first_name="Later"), wijk=self.wijk, created_by=self.bob)
        self.assertEqual(later.pk, unused)
        self.login(later.owner)
        response = self.client.get(f"/plans/{later.pk}/access-log/")
        self.assertNotContains(response, "Charlie")
