"""The plan as a FHIR Bundle: the download page and the API, who gets what, the audit entry
and the number of queries."""

import json
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from samenplan.audit.models import AuditEntry
from samenplan.lib.queries import statements
from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.plans.models import GoalScore
from samenplan.referrals.models import Referral
from samenplan.sharing.models import EmergencyAccess, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import access_for
from samenplan.sharing.services import grants_decide, membership_end
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, GoalFactory, UserFactory

NETWORK_TYPES = {"CareTeam", "RelatedPerson", "Practitioner", "PractitionerRole"}


class FhirTestCase(BaseTestCase):
    def setUp(self):
        self.page = f"/plans/{self.plan.pk}/fhir/"
        self.api = f"/api/v1/plans/{self.plan.pk}/fhir"
        self.goal = GoalFactory(plan=self.plan, text="Rent on time")
        AgreementFactory(plan=self.plan, goal=self.goal, what="Call the landlord")
        self.measure()

    def measure(self, note="MARKER-ASSESSMENT"):
        instrument = Instrument.objects.get(code="zelfredzaamheid")
        measurement = Measurement.objects.create(
            plan=self.plan, instrument=instrument, perspective="resident", recorded_by=self.alice, note=note
        )
        Answer.objects.bulk_create(
            Answer(measurement=measurement, item=item, value=3) for item in instrument.items.all()
        )

    def bundle(self, user, url=None):
        self.login(user)
        response = self.client.get(url or self.page)
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def assert_valid(self, data):
        """Valid FHIR R4B: the Bundle as a whole and every resource on its own."""
        bundle = Bundle.model_validate(data)
        self.assertEqual(bundle.type, "collection")
        for entry in data["entry"]:
            resource = entry["resource"]
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
            self.assertEqual(entry["fullUrl"], f"urn:uuid:{resource['id']}")

    @staticmethod
    def types(data) -> set[str]:
        return {entry["resource"]["resourceType"] for entry in data["entry"]}


class DownloadTests(FhirTestCase):
    def test_the_resident_downloads_the_whole_plan_as_fhir(self):
        self.referral_sent()
        self.login(self.alice)
        response = self.client.get(self.page)
        self.assertEqual(response["Content-Type"], "application/fhir+json; charset=utf-8")
        self.assertIn(f'filename="samenplan-plan-{self.plan.pk}.fhir.json"', response["Content-Disposition"])
        data = json.loads(response.content)
        self.assert_valid(data)
        self.assertGreaterEqual(
            self.types(data),
            {"Patient", "CarePlan", "Goal", "CareTeam", "RelatedPerson", "PractitionerRole", "Organization"}
            | {"Consent", "Questionnaire", "QuestionnaireResponse", "ServiceRequest", "Task"},
        )
        text = response.content.decode()
        for marker in ("Alice's story, first version.", "Rent on time", "Call the landlord", "Carol Claes"):
            self.assertIn(marker, text)

    def test_every_reference_points_into_the_bundle(self):
        self.referral_sent()
        data = self.bundle(self.alice)
        urls = {entry["fullUrl"] for entry in data["entry"]}
        text = json.dumps(data)
        references = {part.split('"')[0] for part in text.split('"reference": "')[1:]}
        self.assertTrue(references)
        self.assertLessEqual(references, urls)

    def test_a_member_gets_only_the_parts_they_may_see(self):
        # carol may view goals and add agreements: nothing of the story, the network, the
        # measurements or who sees what.
        self.referral_sent()
        data = self.bundle(self.carol)
        self.assert_valid(data)
        types = self.types(data)
        self.assertGreaterEqual(types, {"Patient", "CarePlan", "Goal", "ServiceRequest", "Task"})
        self.assertFalse(types & (NETWORK_TYPES | {"Consent", "Questionnaire", "QuestionnaireResponse"}))
        text = json.dumps(data, ensure_ascii=False)
        for absent in ("Alice's story", "MARKER-ASSESSMENT", "Erin Evers", "Dave Dekker"):
            self.assertNotIn(absent, text)
        self.assertIn("Rent on time", text)

    def test_a_member_without_goals_gets_no_goal(self):
        mentor = UserFactory(username="neighbour", role="network")
        self.add_member(mentor, Membership.Role.NETWORK, {Part.NETWORK: Level.VIEW})
        data = self.bundle(mentor)
        self.assert_valid(data)
        self.assertNotIn("Goal", self.types(data))
        self.assertIn("CareTeam", self.types(data))
        self.assertNotIn("Rent on time", json.dumps(data))

    def test_a_member_with_only_their_own_agreement_gets_only_that(self):
        AgreementFactory(plan=self.plan, what="MARKER-OTHER agreement")
        AgreementFactory(plan=self.plan, what="Erin walks the dog", assignee=self.erin, who_kind="network")
        data = self.bundle(self.erin)
        self.assert_valid(data)
        care_plan = next(e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "CarePlan")
        self.assertEqual([a["detail"]["description"] for a in care_plan["activity"]], ["Erin walks the dog"])
        self.assertEqual(self.types(data), {"Patient", "CarePlan"})

    def test_parts_open_only_through_emergency_access_stay_out(self):
        EmergencyAccess.objects.create(
            membership=self.dave_membership,
            part=Part.ASSESSMENT,
            reason="Acute zorgen om de veiligheid van Alice.",
            ends_at=timezone.now() + timedelta(hours=4),
        )
        data = self.bundle(self.dave)
        self.assertFalse(self.types(data) & {"Questionnaire", "QuestionnaireResponse"})
        self.assertNotIn("MARKER-ASSESSMENT", json.dumps(data))
        self.assertNotIn("assessment", AuditEntry.objects.last().part_list)

    def test_a_representative_gets_the_consents_only_when_acting_for_every_part(self):
        mentor = UserFactory(username="mentor", role="network")
        membership = self.add_member(mentor, Membership.Role.REPRESENTATIVE, {})
        data = self.bundle(mentor)
        self.assert_valid(data)
        self.assertIn("Consent", self.types(data))
        Membership.objects.filter(pk=membership.pk).update(represents=[Part.GOALS])
        data = self.bundle(mentor)
        self.assertEqual(self.types(data), {"Patient", "CarePlan", "Goal"})

    def test_goal_attainment_comes_from_the_latest_evaluation(self):
        evaluation = EvaluationFactory(plan=self.plan, held_at=timezone.now(), held_by=self.bob)
        GoalScore.objects.create(evaluation=evaluation, goal=self.goal, score=2, note="Paid twice")
        data = self.bundle(self.alice)
        goal = next(e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Goal")
        self.assertEqual(goal["achievementStatus"]["coding"][0]["code"], "improving")
        self.assertIn("Paid twice", goal["note"][-1]["text"])
        # carol sees the goals but not the evaluations: neither the score nor its note.
        goal = next(e["resource"] for e in self.bundle(self.carol)["entry"] if e["resource"]["resourceType"] == "Goal")
        self.assertNotIn("Paid twice", json.dumps(goal))

    def test_a_referral_follows_the_gravity_pattern(self):
        referral = self.referral_sent()
        referral.goals.set([self.goal])
        Referral.objects.filter(pk=referral.pk).update(
            status=Referral.Status.COMPLETED, outcome=Referral.Outcome.HELPED, outcome_note="Debts sorted."
        )
        entries = {e["resource"]["resourceType"]: e for e in self.bundle(self.alice)["entry"]}
        request, task = entries["ServiceRequest"], entries["Task"]["resource"]
        self.assertEqual(request["resource"]["status"], "completed")
        self.assertEqual(task["status"], "completed")
        self.assertEqual(task["focus"]["reference"], request["fullUrl"])
        self.assertEqual(task["basedOn"][0]["reference"], request["fullUrl"])
        self.assertEqual(request["resource"]["supportingInfo"][0]["reference"], entries["Goal"]["fullUrl"])
        self.assertEqual(task["output"][0]["valueCodeableConcept"]["coding"][0]["code"], "helped")
        self.assertIn("Debts sorted.", json.dumps(task))

    def test_a_sharing_decision_stays_active_while_one_of_its_choices_holds(self):
        decisions = lambda: {  # noqa: E731
            e["resource"]["identifier"][0]["value"]: e["resource"]["status"]
            for e in self.bundle(self.alice)["entry"]
            if e["resource"]["resourceType"] == "Consent"
        }
        carols = str(SharingDecision.objects.filter(grants__0__member=self.carol_membership.pk).get().pk)
        self.assertEqual(decisions()[carols], "active")
        later = grants_decide(
            plan=self.plan,
            decided_by=self.alice,
            context=SharingDecision.Context.SETTINGS,
            decisions={self.carol_membership: {Part.GOALS: (Level.NONE, None), Part.AGREEMENTS: (Level.VIEW, None)}},
        )
        statuses = decisions()
        self.assertEqual((statuses[carols], statuses[str(later.pk)]), ("inactive", "active"))

    def test_a_member_taken_out_of_the_plan_leaves_a_consent_that_denies_everything(self):
        carols = str(SharingDecision.objects.filter(grants__0__member=self.carol_membership.pk).get().pk)
        membership_end(access=access_for(self.alice, self.plan), membership=self.carol_membership)
        consents = {
            e["resource"]["identifier"][0]["value"]: e["resource"]
            for e in self.bundle(self.alice)["entry"]
            if e["resource"]["resourceType"] == "Consent"
        }
        removal = SharingDecision.objects.get(context=SharingDecision.Context.REMOVAL)
        provision = consents[str(removal.pk)]["provision"]["provision"][0]
        self.assertEqual(provision["type"], "deny")
        self.assertNotIn("code", provision)  # no part named: the whole plan
        self.assertEqual(consents[carols]["status"], "inactive")

    def test_the_export_is_in_the_audit_log_with_its_parts(self):
        self.bundle(self.carol)
        entry = AuditEntry.objects.last()
        self.assertEqual(entry.action, AuditEntry.Action.EXPORT)
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertEqual(set(entry.part_list), {"goals", "agreements"})
        self.bundle(self.alice)
        entry = AuditEntry.objects.last()
        self.assertEqual((entry.action, entry.actor_id), (AuditEntry.Action.EXPORT, self.alice.pk))
        self.assertGreaterEqual(set(entry.part_list), {"story", "goals", "agreements", "network", "assessment"})

    def test_strangers_get_not_found(self):
        self.assert_not_found_for(self.outsiders, self.page)
        self.assert_not_found_for([self.alice], "/plans/987654/fhir/")

    def test_a_stranger_is_logged_as_denied(self):
        self.login(self.charlie)
        self.client.get(self.page)
        entry = AuditEntry.objects.last()
        self.assertEqual((entry.outcome, entry.plan_id), (AuditEntry.Outcome.DENIED, self.plan.pk))

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.client.get(self.page)
        self.assertEqual(response.status_code, 302)
        self.assertIn("next=", response["Location"])

    def test_the_print_page_offers_the_fhir_file_to_members_too(self):
        for user in (self.alice, self.carol):
            self.login(user)
            response = self.client.get(f"/plans/{self.plan.pk}/print/")
            self.assertContains(response, f'href="{self.page}"')
            self.assertContains(response, "PGO")

    def grow(self, n):
        instrument = Instrument.objects.get(code="zelfredzaamheid")
        for _ in range(n):
            goal = GoalFactory(plan=self.plan)
            AgreementFactory(plan=self.plan, goal=goal, assignee=self.carol, who_kind="network")
            evaluation = EvaluationFactory(plan=self.plan, held_at=timezone.now(), held_by=self.bob)
            GoalScore.objects.create(evaluation=evaluation, goal=goal, score=1)
            self.measure()
            referral = self.referral_sent()
            referral.goals.set([goal])
            person = UserFactory(role="professional", organisation=self.debt_team)
            self.add_member(person, Membership.Role.PROFESSIONAL, {Part.GOALS: Level.VIEW})
            self.add_member(None, Membership.Role.NETWORK, {})
            Measurement.objects.create(
                plan=self.plan, instrument=instrument, perspective="professional", recorded_by=self.bob
            )

    def count_queries(self, user, url):
        self.login(user)
        self.client.get(url)  # the first entry of an empty audit log looks for a checkpoint too
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(statements(queries))

    def test_the_number_of_queries_does_not_grow_with_the_plan(self):
        self.grow(1)
        small = {url: self.count_queries(self.alice, url) for url in (self.page, self.api)}
        self.grow(4)
        big = {url: self.count_queries(self.alice, url) for url in (self.page, self.api)}
        self.assertEqual(small, big)


class ApiTests(FhirTestCase):
    def test_the_api_answers_the_same_bundle_as_fhir_json(self):
        self.login(self.alice)
        response = self.client.get(self.api)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/fhir+json")
        data = json.loads(response.content)
        self.assert_valid(data)
        page = self.bundle(self.alice)
        # The same Bundle but for its moment (its id and timestamp).
        for bundle in (data, page):
            bundle.pop("id"), bundle.pop("timestamp")
        self.assertEqual(data, page)

    def test_a_client_may_ask_for_plain_json(self):
        self.login(self.carol)
        response = self.client.get(self.api, HTTP_ACCEPT="application/json")
        self.assertEqual(response["Content-Type"], "application/json")
        self.assert_valid(json.loads(response.content))

    def test_the_api_export_is_audited_like_the_download(self):
        self.bundle(self.carol, self.api)
        entry = AuditEntry.objects.last()
        self.assertEqual((entry.action, set(entry.part_list)), (AuditEntry.Action.EXPORT, {"goals", "agreements"}))

    def test_strangers_get_a_problem_404(self):
        for user in self.outsiders:
            self.login(user)
            response = self.client.get(self.api)
            self.assertEqual(response.status_code, 404, user.username)
            self.assertEqual(response["Content-Type"], "application/problem+json")

    def test_anonymous_callers_get_401(self):
        response = self.client.get(self.api)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["Content-Type"], "application/problem+json")
