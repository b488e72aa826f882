from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEntry
from samenplan.buddies.models import BuddyRequest, CheckIn, Match, Volunteer
from samenplan.sharing.models import Grant, Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    BuddyRequestFactory,
    OrganisationFactory,
    PlanFactory,
    UserFactory,
    VolunteerFactory,
    WijkFactory,
)


class BuddyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.network_org = OrganisationFactory(name="Buddynetwerk", kind=Organisation.Kind.VOLUNTEER)
        cls.network_org.wijken.add(cls.wijk)
        cls.other_org = OrganisationFactory(name="Andere vrijwilligers", kind=Organisation.Kind.VOLUNTEER)
        cls.east = WijkFactory(name="Helmstad-Oost", code="oost")
        cls.other_org.wijken.add(cls.east)
        cls.ilse = UserFactory(
            username="ilse", first_name="Ilse", role=User.Role.PROFESSIONAL, organisation=cls.network_org
        )
        cls.otto = UserFactory(username="otto", role=User.Role.PROFESSIONAL, organisation=cls.other_org)
        cls.nadia = VolunteerFactory(
            organisation=cls.network_org,
            first_name="Nadia",
            wijk=cls.wijk,
            languages=["nl", "ar"],
            interests=["walking"],
        )

    def audit_records(self, kind, pk):
        return AuditEntry.objects.filter(records__contains=f",{kind}:{pk},")


class SignUpTestCase(BuddyTestCase):
    def form(self, **changes):
        data = {
            "organisation": self.network_org.pk,
            "first_name": "Sam",
            "last_name": "Smit",
            "email": "sam@example.org",
            "wijk": self.wijk.pk,
            "languages": ["nl", "tr"],
            "availability": ["weekend"],
            "consent": "on",
        }
        return data | changes

    def test_it_signs_up_a_volunteer_who_waits_for_approval(self):
        response = self.client.post("/buddys/aanmelden/", self.form())
        self.assertRedirects(response, "/buddys/aanmelden/ontvangen/")
        volunteer = Volunteer.objects.get(email="sam@example.org")
        self.assertEqual(volunteer.status, Volunteer.Status.PENDING)
        self.assertIsNone(volunteer.user)
        self.assertTrue(self.audit_records("volunteer", volunteer.pk).exists())

    def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(self):
        response = self.client.post("/buddys/aanmelden/", self.form(email="nope", consent=""))
        self.assertContains(response, "Dit is geen e-mailadres")
        self.assertContains(response, "Zet een vinkje om je aan te melden")
        self.assertContains(response, 'value="Sam"')
        self.assertFalse(Volunteer.objects.filter(first_name="Sam").exists())

    def test_a_robot_filling_the_honeypot_stores_nothing(self):
        response = self.client.post("/buddys/aanmelden/", self.form(website="spam"))
        self.assertRedirects(response, "/buddys/aanmelden/ontvangen/")
        self.assertFalse(Volunteer.objects.filter(first_name="Sam").exists())


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class CoordinatorTestCase(BuddyTestCase):
    def test_the_coordinator_approves_and_the_volunteer_gets_an_account_and_a_link(self):
        pending = VolunteerFactory(
            organisation=self.network_org, wijk=self.wijk, status="pending", first_name="Piet", email="piet@example.org"
        )
        self.login(self.ilse)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/buddys/vrijwilligers/{pending.pk}/", {"action": "approve"})
        self.assertRedirects(response, "/buddys/")
        pending.refresh_from_db()
        self.assertEqual(pending.status, Volunteer.Status.APPROVED)
        self.assertEqual(pending.user.role, User.Role.NETWORK)
        self.assertFalse(pending.user.has_usable_password())
        self.assertEqual(mail.outbox[-1].to, ["piet@example.org"])
        self.assertTrue(self.audit_records("volunteer", pending.pk).filter(action="update").exists())

    def test_another_organisation_and_everyone_else_get_404_and_nothing_changes(self):
        pending = VolunteerFactory(organisation=self.network_org, wijk=self.wijk, status="pending")
        url = f"/buddys/vrijwilligers/{pending.pk}/"
        others = [self.otto, self.bob, self.alice, self.carol, *self.outsiders]
        self.assert_not_found_for(others, url)
        self.assert_not_found_for(others, url, method="post", data={"action": "approve"})
        pending.refresh_from_db()
        self.assertEqual(pending.status, Volunteer.Status.PENDING)
        self.assertTrue(
            AuditEntry.objects.filter(outcome="denied", records__contains=f"volunteer:{pending.pk}").exists()
        )

    def test_the_overview_lists_requests_and_sign_ups_in_a_fixed_number_of_queries(self):
        self.login(self.ilse)
        BuddyRequestFactory(plan=self.plan, note="Iemand om mee te wandelen")
        self.client.get("/buddys/")  # warm the session
        with CaptureQueriesContext(connection) as first:
            self.client.get("/buddys/")
        for _ in range(3):
            VolunteerFactory(organisation=self.network_org, wijk=self.wijk, status="pending")
        BuddyRequestFactory(plan=PlanFactory(owner=UserFactory(), wijk=self.wijk))
        with self.assertNumQueries(len(first)):
            response = self.client.get("/buddys/")
        self.assertContains(response, "Alice")
        self.assertNotContains(response, "Aarts")

    def test_the_coordinator_sees_only_what_the_request_carries_never_the_plan(self):
        item = BuddyRequestFactory(plan=self.plan, note="Iemand om mee te wandelen", languages=["nl", "ar"])
        self.login(self.ilse)
        response = self.client.get(f"/buddys/verzoeken/{item.pk}/")
        self.assertContains(response, "Iemand om mee te wandelen")
        self.assertContains(response, "Nadia")
        self.assertContains(response, "spreekt arabisch")
        self.assertNotContains(response, "Alice&#x27;s story")
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/buddy/").status_code, 404)
        self.assertTrue(self.audit_records("buddy_request", item.pk).exists())

    def test_a_request_waiting_for_the_residents_yes_is_not_shown_to_the_coordinator(self):
        item = BuddyRequestFactory(plan=self.plan, source="professional", status="consent", consented_at=None)
        self.assert_not_found_for([self.ilse], f"/buddys/verzoeken/{item.pk}/")

    def test_the_coordinator_proposes_a_suggested_volunteer(self):
        item = BuddyRequestFactory(plan=self.plan)
        self.login(self.ilse)
        response = self.client.post(f"/buddys/verzoeken/{item.pk}/", {"volunteer": self.nadia.pk})
        self.assertRedirects(response, "/buddys/")
        match = Match.objects.get(request=item)
        self.assertEqual(match.volunteer, self.nadia)
        item.refresh_from_db()
        self.assertEqual(item.status, BuddyRequest.Status.PROPOSED)

    def test_a_request_in_another_wijk_and_other_people_get_404(self):
        item = BuddyRequestFactory(plan=self.plan)
        url = f"/buddys/verzoeken/{item.pk}/"
        others = [self.otto, self.bob, self.alice, *self.outsiders]
        self.assert_not_found_for(others, url)
        self.assert_not_found_for(others, url, method="post", data={"volunteer": self.nadia.pk})
        self.assertFalse(Match.objects.exists())

    def test_the_overview_is_404_for_who_neither_coordinates_nor_is_a_buddy(self):
        self.assert_not_found_for([self.alice, self.bob, self.carol, *self.outsiders], "/buddys/")


class ResidentTestCase(BuddyTestCase):
    url = property(lambda self: f"/plans/{self.plan.pk}/buddy/")

    def test_the_resident_asks_for_a_buddy_from_her_plan(self):
        self.login(self.alice)
        response = self.client.post(
            self.url,
            {"action": "request", "wijk": self.wijk.pk, "languages": ["nl", "ar"], "interests": ["walking"]},
        )
        self.assertRedirects(response, self.url)
        item = BuddyRequest.objects.get(plan=self.plan)
        self.assertEqual(item.status, BuddyRequest.Status.OPEN)
        self.assertEqual(item.source, BuddyRequest.Source.RESIDENT)
        self.assertTrue(self.audit_records("buddy_request", item.pk).filter(plan_id=self.plan.pk).exists())

    def test_bad_input_keeps_what_was_typed(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"action": "request", "wijk": self.wijk.pk, "note": "Graag iemand"})
        self.assertContains(response, "Kies minstens één taal.")
        self.assertContains(response, "Graag iemand")
        self.assertFalse(BuddyRequest.objects.exists())

    def test_a_professionals_request_waits_for_the_residents_yes(self):
        self.login(self.bob)
        self.client.post(self.url, {"action": "request", "wijk": self.wijk.pk, "languages": ["nl"]})
        item = BuddyRequest.objects.get(plan=self.plan)
        self.assertEqual(item.status, BuddyRequest.Status.CONSENT)
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "alleen als je ja zegt")
        self.client.post(self.url, {"action": "agree"})
        item.refresh_from_db()
        self.assertEqual(item.status, BuddyRequest.Status.OPEN)

    def test_a_member_without_the_network_part_and_outsiders_get_404_and_nothing_changes(self):
        data = {"action": "request", "wijk": self.wijk.pk, "languages": ["nl"]}
        others = [self.dave, self.carol, self.ilse, *self.outsiders]
        self.assert_not_found_for(others, self.url)
        self.assert_not_found_for(others, self.url, method="post", data=data)
        self.assertFalse(BuddyRequest.objects.exists())

    def propose(self):
        item = BuddyRequestFactory(plan=self.plan, status="proposed")
        return Match.objects.create(request=item, volunteer=self.nadia, proposed_by=self.ilse)

    def test_the_resident_accepts_and_the_buddy_joins_her_network_with_no_grants(self):
        match = self.propose()
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "Nadia")
        response = self.client.post(self.url, {"action": "accept", "match": match.pk})
        self.assertRedirects(response, self.url)
        match.refresh_from_db()
        membership = Membership.objects.get(plan=self.plan, user=self.nadia.user, ended_at__isnull=True)
        self.assertEqual(membership.relation, Membership.Relation.BUDDY)
        self.assertEqual(membership.role, Membership.Role.NETWORK)
        self.assertFalse(Grant.objects.filter(membership=membership).exists())
        self.assertEqual(match.membership, membership)
        self.assertIsNotNone(match.started_on)
        self.assertTrue(AuditEntry.objects.filter(action="share", plan_id=self.plan.pk).exists())
        # The buddy sees nothing of the plan until the resident grants a part.
        self.login(self.nadia.user)
        for page in ("", "goals/", "story/", "network/"):
            self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/{page}").status_code, 404, page)
        response = self.client.get("/buddys/")
        self.assertContains(response, "Alice")
        self.assertContains(self.client.get("/caseload/"), "Je zit nog in geen enkel plan.")

    def test_the_resident_declines_and_the_coordinator_looks_again(self):
        match = self.propose()
        self.login(self.alice)
        self.client.post(self.url, {"action": "decline", "match": match.pk})
        match.refresh_from_db()
        self.assertIsNotNone(match.declined_at)
        self.assertEqual(match.request.status, BuddyRequest.Status.OPEN)
        self.assertFalse(Membership.objects.filter(user=self.nadia.user).exists())

    def test_nobody_else_answers_for_the_resident(self):
        match = self.propose()
        for user in (self.bob, self.carol, self.ilse, self.nadia.user):
            self.login(user)
            self.assertEqual(self.client.post(self.url, {"action": "accept", "match": match.pk}).status_code, 404)
        match.refresh_from_db()
        self.assertIsNone(match.accepted_at)

    def running(self):
        match = self.propose()
        self.login(self.alice)
        self.client.post(self.url, {"action": "accept", "match": match.pk})
        match.refresh_from_db()
        return match

    def test_buddy_and_coordinator_write_check_ins_and_the_resident_reads_them(self):
        match = self.running()
        for user, note in ((self.nadia.user, "We liepen door het park."), (self.ilse, "Gebeld: gaat goed.")):
            self.login(user)
            response = self.client.post(
                f"/buddys/koppelingen/{match.pk}/", {"action": "check_in", "date": "2020-01-02", "note": note}
            )
            self.assertRedirects(response, f"/buddys/koppelingen/{match.pk}/")
        self.assertEqual(CheckIn.objects.filter(match=match).count(), 2)
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "We liepen door het park.")

    def test_the_match_page_is_404_for_everyone_else(self):
        match = self.running()
        url = f"/buddys/koppelingen/{match.pk}/"
        others = [self.otto, self.bob, self.alice, self.carol, *self.outsiders]
        self.assert_not_found_for(others, url)
        self.assert_not_found_for(others, url, method="post", data={"action": "check_in", "date": "2020-01-02"})
        self.assertFalse(CheckIn.objects.exists())

    def test_ending_the_match_ends_the_membership_and_its_grants(self):
        match = self.running()
        Grant.objects.create(membership=match.membership, part="goals", level=1, granted_by=self.alice)
        self.login(self.ilse)
        self.client.post(f"/buddys/koppelingen/{match.pk}/", {"action": "end", "end_reason": "Verhuisd"})
        match.refresh_from_db()
        self.assertIsNotNone(match.ended_on)
        self.assertIsNotNone(Membership.objects.get(pk=match.membership_id).ended_at)
        self.assertFalse(Grant.objects.filter(membership=match.membership_id).exists())
        self.assertEqual(match.request.status, BuddyRequest.Status.CLOSED)

    def test_the_resident_ends_the_match_from_her_plan(self):
        match = self.running()
        self.login(self.alice)
        self.client.post(self.url, {"action": "end", "end_reason": ""})
        self.assertIsNotNone(Membership.objects.get(pk=match.membership_id).ended_at)
