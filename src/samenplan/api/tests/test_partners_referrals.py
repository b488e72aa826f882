"""The referral inbox on the API: a care provider's case system (Schuldhulp, dave's
organisation) reads the referral alice consented to and takes it in for dave."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.referrals.models import Referral
from samenplan.sharing.models import Membership
from samenplan.testing.factories import ReferralFactory

from .partners import PartnerApiCase

INBOX = "/api/v1/referrals"


def url(referral, action=""):
    return f"{INBOX}/{referral.pk}" + (f"/{action}" if action else "")


class InboxTests(PartnerApiCase):
    def setUp(self):
        self.system, self.token_ = self.connect(self.debt_team)

    def test_it_lists_the_organisations_open_referrals(self):
        response = self.call("get", INBOX, self.token_)
        self.assertEqual(response.status_code, 200, response.content)
        [row] = response.json()["results"]
        self.assertEqual(row["id"], self.referral.pk)
        self.assertEqual(row["residentFirstName"], "Alice")
        self.assertNotIn("question", row)
        entry = self.last_entry()
        self.assertEqual((entry.actor_name, entry.actor_role), ("Case system", "api_client"))
        self.assertEqual(entry.action, AuditEntry.Action.LIST)
        self.assertIn(f",{self.plan.pk},", entry.plans)

    def test_it_shows_the_question_and_exactly_the_consented_parts(self):
        response = self.call("get", url(self.referral), self.token_)
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(data["question"], "Alice wants help with her debts.")
        self.assertEqual(data["parts"], {"story": "Alice's story, first version."})
        entry = self.last_entry()
        self.assertEqual((entry.actor_name, entry.actor_role), ("Case system", "api_client"))
        self.assertEqual((entry.plan_id, entry.parts), (self.plan.pk, ",story,"))

    def test_another_organisations_referral_is_not_found_and_denied_in_the_log(self):
        _other, token = self.connect(self.social_team, name="Other system")
        response = self.call("get", url(self.referral), token)
        self.assert_problem(response, 404)
        entry = self.last_entry()
        self.assertEqual(entry.outcome, AuditEntry.Outcome.DENIED)
        self.assertEqual((entry.actor_name, entry.actor_role), ("Other system", "api_client"))
        self.assertEqual(self.call("get", INBOX, token).json()["results"], [])

    def test_a_referral_not_yet_consented_is_not_there(self):
        waiting = ReferralFactory(plan=self.plan, service=self.referral.service, proposed_by=self.bob)
        self.assert_problem(self.call("get", url(waiting), self.token_), 404)

    def test_a_token_without_the_scope_is_forbidden(self):
        system, _token = self.connect(self.debt_team, scopes=("referrals", "insights"), name="Map")
        token = self.token(system, scopes=["insights"])
        self.assert_problem(self.call("get", INBOX, token), 403)

    def test_the_inbox_costs_the_same_queries_for_1_or_10_referrals(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.call("get", INBOX, self.token_).status_code, 200)
            return len(queries)

        count()  # the first call of a test also finds the audit log empty
        one = count()
        for _ in range(9):
            self.referral_sent()
        self.assertEqual(len(self.call("get", INBOX, self.token_).json()["results"]), 10)
        self.assertEqual(count(), one)


class AnswerTests(PartnerApiCase):
    def setUp(self):
        self.system, self.token_ = self.connect(self.debt_team)

    def accept(self, **body):
        return self.call("post", url(self.referral, "accept"), self.token_, {"version": 1, **body})

    def assert_untouched(self):
        self.referral.refresh_from_db()
        self.assertEqual((self.referral.status, self.referral.version), (Referral.Status.REQUESTED, 1))
        self.assertFalse(Membership.objects.filter(plan=self.plan, user=self.dave, referrals__isnull=False).exists())

    def test_a_system_accepts_for_the_professional_it_names(self):
        response = self.accept(acceptedBy="DAVE@example.org")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "accepted")
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.assigned_to, self.dave)
        entry = self.last_entry()
        self.assertEqual((entry.actor_name, entry.actor_role, entry.action), ("Case system", "api_client", "update"))

    def test_accepting_needs_an_active_professional_of_the_own_organisation(self):
        for body, reason in (({}, "missing"), ({"acceptedBy": "bob@example.org"}, "other organisation")):
            with self.subTest(reason):
                self.assert_problem(self.accept(**body), 400, "acceptedBy")
                self.assert_untouched()
        self.dave.is_active = False
        self.dave.save()
        self.assert_problem(self.accept(acceptedBy="dave@example.org"), 400, "acceptedBy")
        self.assert_untouched()

    def test_a_stale_version_is_a_conflict_and_changes_nothing(self):
        response = self.call(
            "post", url(self.referral, "accept"), self.token_, {"version": 7, "acceptedBy": "dave@example.org"}
        )
        self.assert_problem(response, 409)
        self.assert_untouched()

    def test_start_and_complete_act_for_who_took_it_on(self):
        self.assertEqual(self.accept(acceptedBy="dave@example.org").status_code, 200)
        response = self.call("post", url(self.referral, "start"), self.token_, {"version": 2})
        self.assertEqual(response.json()["status"], "in_progress", response.content)
        response = self.call("post", url(self.referral, "complete"), self.token_, {"version": 3, "outcome": "nope"})
        self.assert_problem(response, 400, "outcome")
        response = self.call("post", url(self.referral, "complete"), self.token_, {"version": 3, "outcome": "helped"})
        self.assertEqual(response.json()["status"], "completed", response.content)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.outcome, "helped")

    def test_starting_before_anyone_took_it_on_is_a_conflict(self):
        self.assert_problem(self.call("post", url(self.referral, "start"), self.token_, {"version": 1}), 409)
        self.assert_untouched()

    def test_a_system_rejects_naming_who_does(self):
        response = self.call("post", url(self.referral, "reject"), self.token_, {"version": 1, "reason": "Full."})
        self.assert_problem(response, 400, "rejectedBy")
        body = {"version": 1, "reason": "We are full.", "rejectedBy": "dave@example.org"}
        response = self.call("post", url(self.referral, "reject"), self.token_, body)
        self.assertEqual(response.json()["status"], "rejected", response.content)

    def test_bad_input_is_a_problem_naming_the_field_and_writes_nothing(self):
        cases = {
            "malformed": ('{"version": 1,', 400, None),
            "wrong type": ('{"version": "one", "acceptedBy": "dave@example.org"}', 400, "version"),
            "unknown field": ('{"version": 1, "acceptedBy": "dave@example.org", "acceptedby": "x"}', 400, "acceptedby"),
            "not an email": ('{"version": 1, "acceptedBy": 12}', 400, "acceptedBy"),
        }
        before = AuditEntry.objects.count()
        for name, (raw, status, field) in cases.items():
            with self.subTest(name):
                self.assert_problem(
                    self.call("post", url(self.referral, "accept"), self.token_, raw=raw), status, field
                )
                self.assert_untouched()
        self.assertEqual(AuditEntry.objects.count(), before)

    def test_a_body_over_the_limit_is_refused(self):
        with self.settings(SAMENPLAN_API_MAX_BODY=100):
            raw = '{"version": 1, "acceptedBy": "dave@example.org", "x": "' + "a" * 200 + '"}'
            self.assert_problem(self.call("post", url(self.referral, "accept"), self.token_, raw=raw), 413)
        self.assert_untouched()

    def test_a_professional_answers_with_the_session(self):
        self.login(self.dave)
        response = self.call(
            "post", url(self.referral, "accept"), body={"version": 1, "acceptedBy": "dave@example.org"}
        )
        self.assert_problem(response, 400, "acceptedBy")
        response = self.call("post", url(self.referral, "accept"), body={"version": 1})
        self.assertEqual(response.status_code, 200, response.content)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.assigned_to, self.dave)
        self.assertEqual(self.last_entry().actor_id, self.dave.pk)

    def test_the_session_inbox_is_the_professionals_team_queue(self):
        self.login(self.dave)
        self.assertEqual([r["id"] for r in self.call("get", INBOX).json()["results"]], [self.referral.pk])
        self.login(self.charlie)
        self.assertEqual(self.call("get", INBOX).json()["results"], [])
        self.assert_problem(self.call("get", url(self.referral)), 404)


class RevokedTests(PartnerApiCase):
    def test_a_revoked_client_sees_nothing_even_with_an_old_row(self):
        system, token = self.connect(self.debt_team)
        system.revoked_at = timezone.now()
        system.save()
        response = self.call("get", INBOX, token)
        self.assert_problem(response, 401)
        self.assertIn("Bearer", response["WWW-Authenticate"])
