"""The plan endpoints of `/api/v1/`: the same policy and the same audit log as the pages."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.conversations.models import Message, Thread
from samenplan.lib.queries import statements
from samenplan.measuring.models import Instrument, LifeDomain, Measurement
from samenplan.plans.models import Priority, Strength
from samenplan.referrals.models import Referral
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    AgreementFactory,
    EvaluationFactory,
    GoalFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
)

PROBLEM = "application/problem+json"
MARKERS = {
    "story": "MARKER-STORY",
    "priorities": "MARKER-PRIORITY",
    "strengths": "MARKER-STRENGTH",
    "assessment": "MARKER-ASSESSMENT",
    "goals": "MARKER-GOAL",
    "agreements": "MARKER-AGREEMENT",
    "evaluations": "MARKER-EVALUATION",
    "network": "MARKER-NETWORK",
    "conversations": "MARKER-MESSAGE",
}
# The key of each part in the plan read (conversations have their own endpoint).
KEYS = {
    "story": "story",
    "priorities": "priorities",
    "strengths": "strengths",
    "assessment": "assessment",
    "goals": "goals",
    "agreements": "agreements",
    "evaluations": "evaluations",
    "network": "members",
}


class PlanApiTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/api/v1/plans/{self.plan.pk}"

    def mark_every_part(self):
        """A marker text in every part of alice's plan; returns the thread."""
        plan = self.plan
        plan.story_versions.update(text=MARKERS["story"])
        Priority.objects.create(plan=plan, domain=LifeDomain.objects.first(), rank=1, note=MARKERS["priorities"])
        Strength.objects.create(plan=plan, kind="self", text=MARKERS["strengths"], rank=1)
        Measurement.objects.create(
            plan=plan,
            instrument=Instrument.objects.get(code="gezondheidsweb"),
            perspective="resident",
            recorded_by=self.alice,
            note=MARKERS["assessment"],
        )
        goal = GoalFactory(plan=plan, text=MARKERS["goals"])
        AgreementFactory(plan=plan, goal=goal, what=MARKERS["agreements"])
        EvaluationFactory(plan=plan, summary=MARKERS["evaluations"])
        self.carol_membership.helps_with = MARKERS["network"]
        self.carol_membership.save()
        thread = Thread.objects.create(plan=plan, subject="About the rent", created_by=self.alice)
        thread.participants.set([self.alice, self.bob])
        Message.objects.create(thread=thread, author=self.alice, text=MARKERS["conversations"])
        return thread

    def get(self, user, url=None):
        self.login(user)
        return self.client.get(url or self.url)

    def walk(self, user) -> str:
        """Every plan endpoint as this user; the bodies of those that answered 200."""
        bodies = []
        for suffix in ("", "/agreements", "/messages", "/referrals"):
            response = self.get(user, self.url + suffix)
            if response.status_code == 200:
                bodies.append(response.content.decode())
        bodies.append(self.get(user, "/api/v1/plans").content.decode())
        return "\n".join(bodies)

    # The plan read -------------------------------------------------------------------

    def test_the_owner_sees_every_part(self):
        self.mark_every_part()
        response = self.get(self.alice)
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["plan"]["relation"], "owner")
        self.assertEqual(data["plan"]["resident"], "Alice Aarts")
        self.assertTrue(all(data["plan"]["parts"].values()))
        self.assertFalse(data["onlyOwnAgreements"])
        for part, key in KEYS.items():
            self.assertIn(key, data, part)
            self.assertIn(MARKERS[part], response.content.decode(), part)
        self.assertEqual(data["story"]["text"], MARKERS["story"])
        self.assertEqual(data["goals"][0]["text"], MARKERS["goals"])
        self.assertEqual(response["API-Version"], "1.0.0")

    def test_a_member_sees_exactly_the_parts_granted(self):
        """Dave may view the story, goals and agreements; nothing else is in the answer."""
        self.mark_every_part()
        response = self.get(self.dave)
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["plan"]["relation"], "professional")
        granted = {Part.STORY, Part.GOALS, Part.AGREEMENTS}
        self.assertEqual({part for part, sees in data["plan"]["parts"].items() if sees}, granted)
        body = response.content.decode()
        for part, key in KEYS.items():
            if part in granted:
                self.assertIn(key, data, part)
                self.assertIn(MARKERS[part], body, part)
            else:
                self.assertNotIn(key, data, part)
                self.assertNotIn(MARKERS[part], body, part)
        self.assertNotIn(MARKERS["conversations"], body)

    def test_no_endpoint_shows_a_part_that_was_not_granted(self):
        """Carol may view the goals and add agreements: every plan endpoint she can open
        together shows no marker of another part."""
        self.mark_every_part()
        pages = self.walk(self.carol)
        for part, marker in MARKERS.items():
            if part in (Part.GOALS, Part.AGREEMENTS):
                self.assertIn(marker, pages, part)
            else:
                self.assertNotIn(marker, pages, part)

    def test_the_assessment_holds_the_latest_finished_measurement_only(self):
        instrument = Instrument.objects.get(code="gezondheidsweb")
        for note, draft in (("Earlier", False), ("Latest", False), ("Half done", True)):
            Measurement.objects.create(
                plan=self.plan,
                instrument=instrument,
                perspective="resident",
                recorded_by=self.alice,
                note=note,
                is_draft=draft,
            )
        rows = self.get(self.alice).json()["assessment"]
        self.assertEqual([(row["note"], row["recordedBy"]) for row in rows], [("Latest", "Alice Aarts")])

    def test_a_member_without_the_agreements_part_gets_only_their_own(self):
        AgreementFactory(plan=self.plan, what="Carol's agreement")
        AgreementFactory(plan=self.plan, what="Erin brings the forms", assignee=self.erin)
        data = self.get(self.erin).json()
        self.assertTrue(data["onlyOwnAgreements"])
        self.assertEqual([a["what"] for a in data["agreements"]], ["Erin brings the forms"])
        self.assertTrue(data["agreements"][0]["assignedToMe"])
        listed = self.get(self.erin, self.url + "/agreements").json()
        self.assertEqual([a["what"] for a in listed["results"]], ["Erin brings the forms"])

    def test_a_revoked_grant_stops_on_the_next_call(self):
        self.mark_every_part()
        self.assertIn(MARKERS["story"], self.get(self.dave).content.decode())
        Grant.objects.filter(membership=self.dave_membership, part=Part.STORY).delete()
        response = self.get(self.dave)
        self.assertNotIn("story", response.json())
        self.assertNotIn(MARKERS["story"], response.content.decode())
        Grant.objects.filter(membership=self.dave_membership).update(valid_until=timezone.localdate() - timedelta(1))
        self.assertEqual(self.get(self.dave).status_code, 404)

    def test_outsiders_get_404_and_anonymous_callers_401(self):
        organisation_admin = UserFactory(role=User.Role.ORG_ADMIN, organisation=self.social_team)
        for suffix in ("", "/agreements", "/messages", "/referrals"):
            url = self.url + suffix
            self.assert_not_found_for([*self.outsiders, organisation_admin, self.erin], url)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 401, url)
            self.assertEqual(response["Content-Type"], PROBLEM)
            self.assertIn("Bearer", response["WWW-Authenticate"])

    def test_a_missing_plan_and_a_forbidden_one_answer_the_same_problem(self):
        missing = self.get(self.charlie, "/api/v1/plans/987654")
        forbidden = self.get(self.charlie)
        for response in (missing, forbidden):
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response["Content-Type"], PROBLEM)
            self.assertEqual(response["API-Version"], "1.0.0")
        self.assertEqual(missing.json()["title"], forbidden.json()["title"])
        self.assertEqual(missing.json()["status"], 404)
        self.assertNotIn("Alice", forbidden.content.decode())

    # The audit log -------------------------------------------------------------------

    def test_the_read_leaves_the_same_entry_as_the_plan_page(self):
        """Dave on the plan page and on the API: the same actor, role, parts and outcome."""
        GoalFactory(plan=self.plan)
        AgreementFactory(plan=self.plan)
        self.login(self.dave)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 200)
        page = AuditEntry.objects.latest("id")
        self.assertEqual(self.client.get(self.url).status_code, 200)
        api = AuditEntry.objects.latest("id")
        self.assertNotEqual(page.pk, api.pk)
        for name in ("actor_id", "actor_role", "actor_organisation", "plan_id", "subject_id", "parts", "outcome"):
            self.assertEqual(getattr(api, name), getattr(page, name), name)
        self.assertEqual(api.parts, ",agreements,goals,story,")
        self.assertEqual(api.outcome, AuditEntry.Outcome.PERMITTED)
        self.assertEqual(api.action, AuditEntry.Action.VIEW)
        self.assertEqual(api.page, "api:plan")

    def test_every_endpoint_records_the_parts_it_read(self):
        self.mark_every_part()
        expected = {"/agreements": ",agreements,", "/messages": ",conversations,", "/referrals": ",agreements,network,"}
        self.login(self.alice)
        for suffix, parts in expected.items():
            self.assertEqual(self.client.get(self.url + suffix).status_code, 200)
            entry = AuditEntry.objects.latest("id")
            self.assertEqual((entry.plan_id, entry.parts, entry.actor_role), (self.plan.pk, parts, "owner"), suffix)

    def test_a_refused_read_leaves_a_denied_entry(self):
        before = AuditEntry.objects.count()
        self.assertEqual(self.get(self.charlie).status_code, 404)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual(AuditEntry.objects.count(), before + 1)
        self.assertEqual(entry.outcome, AuditEntry.Outcome.DENIED)
        self.assertEqual((entry.actor_id, entry.plan_id), (self.charlie.pk, self.plan.pk))
        # A part the member may not see: denied, with the part named.
        self.assertEqual(self.get(self.dave, self.url + "/messages").status_code, 404)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual((entry.outcome, entry.actor_id, entry.parts), ("denied", self.dave.pk, ",conversations,"))
        # A plan that does not exist is kept apart from every plan.
        self.assertEqual(self.get(self.charlie, "/api/v1/plans/987654").status_code, 404)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual((entry.outcome, entry.plan_id), ("denied", None))
        self.assertIn("987654", entry.reason)

    # The list ------------------------------------------------------------------------

    def test_the_list_holds_the_plans_the_caller_may_open(self):
        response = self.get(self.bob, "/api/v1/plans")
        self.assertEqual(response.status_code, 200)
        rows = response.json()["results"]
        self.assertEqual([row["id"] for row in rows], [self.plan.pk])
        self.assertEqual(rows[0]["relation"], "coordinator")
        self.assertEqual(rows[0]["wijk"]["name"], "Helmstad-West")
        self.assertTrue(all(rows[0]["parts"].values()))
        entry = AuditEntry.objects.latest("id")
        self.assertEqual((entry.action, entry.plans, entry.actor_id), ("list", f",{self.plan.pk},", self.bob.pk))
        dave_row = self.get(self.dave, "/api/v1/plans").json()["results"][0]
        self.assertEqual({part for part, sees in dave_row["parts"].items() if sees}, {"story", "goals", "agreements"})
        self.assertEqual(self.get(self.alice, "/api/v1/plans").json()["results"][0]["relation"], "owner")
        # Nothing to see, or no plan access at all: an empty list, and no entry for it.
        for user in (self.erin, self.charlie, self.ann, self.pam):
            before = AuditEntry.objects.count()
            response = self.get(user, "/api/v1/plans")
            self.assertEqual((response.status_code, response.json()["count"]), (200, 0), user.username)
            self.assertEqual(AuditEntry.objects.count(), before)
        self.client.logout()
        self.assertEqual(self.client.get("/api/v1/plans").status_code, 401)

    # Agreements, messages, referrals ----------------------------------------------

    def test_the_agreements_say_which_goal_only_to_who_sees_the_goals(self):
        goal = GoalFactory(plan=self.plan)
        AgreementFactory(plan=self.plan, goal=goal, what="Call the landlord", assignee=self.erin)
        for user, goal_id in ((self.carol, goal.pk), (self.erin, None)):
            rows = self.get(user, self.url + "/agreements").json()["results"]
            self.assertEqual([(row["what"], row["goalId"]) for row in rows], [("Call the landlord", goal_id)])

    def test_messages_only_of_the_threads_one_takes_part_in(self):
        thread = self.mark_every_part()
        other = Thread.objects.create(plan=self.plan, subject="Just us", created_by=self.alice)
        other.participants.set([self.alice])
        Message.objects.create(thread=other, author=self.alice, text="Only for me")
        owner = self.get(self.alice, self.url + "/messages").json()["results"]
        self.assertEqual({row["subject"] for row in owner}, {"About the rent", "Just us"})
        rows = self.get(self.bob, self.url + "/messages").json()["results"]
        self.assertEqual([row["id"] for row in rows], [thread.pk])
        self.assertEqual(rows[0]["messages"][0]["text"], MARKERS["conversations"])
        self.assertEqual(rows[0]["participants"], ["Alice Aarts", "Bob Bakker"])
        # Dave takes part in no thread and may not see the conversations part.
        self.assertEqual(self.get(self.dave, self.url + "/messages").status_code, 404)

    def test_referrals_for_whoever_sees_the_agreements(self):
        service = ServiceFactory(organisation=self.debt_team, name="Schuldhulpverlening")
        ReferralFactory(
            plan=self.plan, service=service, proposed_by=self.bob, question="Help with debts", status="requested"
        )
        for user in (self.alice, self.bob, self.carol, self.dave):
            rows = self.get(user, self.url + "/referrals").json()["results"]
            self.assertEqual([(row["service"], row["question"]) for row in rows], [(service.name, "Help with debts")])
        row = self.get(self.alice, self.url + "/referrals").json()["results"][0]
        self.assertEqual(row["status"], Referral.Status.REQUESTED)
        self.assertIn("Schuldhulp", row["state"])
        self.assert_not_found_for([self.erin, self.charlie], self.url + "/referrals")

    # Query counts --------------------------------------------------------------------

    def grow(self, n):
        """n more goals, agreements, evaluations, strengths, measurements and messages."""
        instrument = Instrument.objects.get(code="gezondheidsweb")
        thread = Thread.objects.create(plan=self.plan, subject=f"t{n}", created_by=self.alice)
        thread.participants.set([self.alice, self.bob])
        for i in range(n):
            goal = GoalFactory(plan=self.plan)
            AgreementFactory(plan=self.plan, goal=goal, assignee=self.carol if i % 2 else None)
            EvaluationFactory(plan=self.plan)
            Strength.objects.create(plan=self.plan, kind="self", text=f"s{i}", rank=i + 1)
            Measurement.objects.create(
                plan=self.plan, instrument=instrument, perspective="resident", recorded_by=self.alice
            )
            Message.objects.create(thread=thread, author=self.alice, text=f"m{i}")
            ReferralFactory(plan=self.plan, service=ServiceFactory(organisation=self.debt_team), proposed_by=self.bob)

    def count(self, user, url) -> int:
        self.login(user)
        self.client.get(url)  # the first entry of an empty audit log looks for a checkpoint too
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(statements(queries))

    def counts(self, user):
        urls = {
            "read": self.url,
            "agreements": self.url + "/agreements",
            "messages": self.url + "/messages",
            "referrals": self.url + "/referrals",
            "list": "/api/v1/plans",
        }
        if user == self.dave:
            del urls["messages"]
        return {name: self.count(user, url) for name, url in urls.items()}

    def test_query_counts_do_not_grow_with_the_plan(self):
        self.grow(2)
        small = {user.username: self.counts(user) for user in (self.alice, self.bob, self.dave)}
        self.grow(18)
        large = {user.username: self.counts(user) for user in (self.alice, self.bob, self.dave)}
        self.assertEqual(small, large)

    def test_the_read_costs_no_more_queries_than_the_page_with_the_same_data(self):
        """The plan read holds every part, as the print page does; for dave (story, goals
        and agreements) that is what the plan page shows too."""
        self.grow(5)
        for user in (self.alice, self.bob, self.dave):
            read = self.count(user, self.url)
            self.assertLessEqual(read, self.count(user, f"/plans/{self.plan.pk}/print/"), user.username)
        self.assertLessEqual(self.count(self.dave, self.url), self.count(self.dave, f"/plans/{self.plan.pk}/"))

    # Marking an agreement done -----------------------------------------------------

    def done(self, user, agreement, version, client=None):
        client = client or self.client
        client.force_login(user)
        return client.post(
            f"{self.url}/agreements/{agreement.pk}/done", {"version": version}, content_type="application/json"
        )

    def test_the_assignee_marks_their_agreement_done(self):
        agreement = AgreementFactory(plan=self.plan, what="Bring the forms", assignee=self.erin)
        response = self.done(self.erin, agreement, agreement.version)
        self.assertEqual(response.status_code, 200)
        self.assertEqual((response.json()["status"], response.json()["version"]), ("done", agreement.version + 1))
        agreement.refresh_from_db()
        self.assertEqual(agreement.status, "done")
        entry = AuditEntry.objects.latest("id")
        self.assertEqual((entry.action, entry.parts, entry.actor_id), ("update", ",agreements,", self.erin.pk))

    def test_a_changed_agreement_answers_409_and_nothing_is_saved(self):
        agreement = AgreementFactory(plan=self.plan)
        stale = agreement.version
        self.assertEqual(self.done(self.bob, agreement, stale).status_code, 200)
        before = AuditEntry.objects.count()
        response = self.done(self.alice, agreement, stale)
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response["Content-Type"], PROBLEM)
        self.assertIn("intussen gewijzigd", response.json()["detail"])
        agreement.refresh_from_db()
        self.assertEqual(agreement.version, stale + 1)
        self.assertEqual(AuditEntry.objects.count(), before)

    def test_only_who_may_change_it_marks_it_done(self):
        agreement = AgreementFactory(plan=self.plan)
        # Dave only views agreements; charlie is not in the plan.
        for user in (self.dave, self.charlie, self.erin):
            self.assertEqual(self.done(user, agreement, agreement.version).status_code, 404, user.username)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual(entry.outcome, AuditEntry.Outcome.DENIED)
        agreement.refresh_from_db()
        self.assertEqual(agreement.status, "open")
        bad = self.done(self.bob, agreement, "x")
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["invalidParams"][0]["name"], "version")

    def test_marking_done_needs_the_csrf_token_of_the_session(self):
        agreement = AgreementFactory(plan=self.plan)
        response = self.done(self.bob, agreement, agreement.version, client=Client(enforce_csrf_checks=True))
        self.assertEqual(response.status_code, 403)
        self.assertIn("CSRF", response.json()["detail"])
        agreement.refresh_from_db()
        self.assertEqual(agreement.status, "open")
