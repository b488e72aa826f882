"""The caseload's referral section: what I sent, and my team's queue."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.lib.queries import statements
from samenplan.plans.models import Plan
from samenplan.plans.tests.test_plan_page import MAX_CASELOAD_QUERIES
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.referrals.tests.test_inbox import ReferralTestCase
from samenplan.sharing import policy
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.testing.factories import UserFactory


class CaseloadReferralTests(ReferralTestCase):
    def test_the_referrer_sees_open_referrals_sent_with_state_age_and_overdue(self):
        referral = self.send()
        Referral.objects.filter(pk=referral.pk).update(
            respond_by=timezone.localdate() - timedelta(days=1),
            consented_at=timezone.now() - timedelta(days=14),
        )
        self.login(self.bob)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Verwijzingen die ik stuurde en die nog lopen")
        self.assertContains(response, f'href="/plans/{self.plan.pk}/referrals/{referral.pk}/"')
        self.assertContains(response, "Budgetcoaching")
        self.assertContains(response, "Verstuurd, wacht op antwoord")
        self.assertContains(response, "geen antwoord op tijd")
        self.assertContains(response, "10 werkdagen")

    def test_closed_referrals_and_others_referrals_are_not_listed(self):
        referral = self.send()
        ra = policy.received_referral(self.sanne, referral.pk)
        services.referral_reject(referral_access=ra, version=referral.version, reason="Full")
        self.login(self.bob)
        self.assertNotContains(self.client.get("/caseload/"), "Budgetcoaching")
        self.send(proposer=self.alice)
        self.assertNotContains(self.client.get("/caseload/"), "Budgetcoaching")

    def test_a_referrer_who_no_longer_sees_the_agreements_does_not_see_the_referral(self):
        self.send()
        self.bob_membership.grants.filter(part=Part.AGREEMENTS).delete()
        self.login(self.bob)
        self.assertNotContains(self.client.get("/caseload/"), "Budgetcoaching")

    def test_the_receiving_team_sees_counts_and_a_link_to_the_queue(self):
        overdue = self.send()
        self.send()
        taken = self.send()
        Referral.objects.filter(pk=overdue.pk).update(respond_by=timezone.localdate() - timedelta(days=2))
        services.referral_accept(referral_access=policy.received_referral(self.dave, taken.pk), version=taken.version)
        self.login(self.sanne)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Je team heeft 3 open verwijzingen, 2 nieuw.")
        self.assertContains(response, "1 te laat")
        self.assertContains(response, 'href="/referrals/inbox/"')
        self.assertNotContains(response, "Help with my debts")

    def count_queries(self, user):
        self.login(user)
        self.client.get("/caseload/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/caseload/")
        self.assertEqual(response.status_code, 200)
        return len(statements(queries))

    def grow(self, n):
        for i in range(n):
            other = Plan.objects.create(
                owner=UserFactory(first_name=f"R{i}"), wijk=self.wijk, status=Plan.Status.ACTIVE, created_by=self.bob
            )
            self.add_member(self.bob, Membership.Role.COORDINATOR, dict.fromkeys(Part, 2), plan=other)
            self.add_member(self.dave, Membership.Role.PROFESSIONAL, {Part.AGREEMENTS: 2}, plan=other)
            self.send(plan=other)
            self.send(plan=other, proposer=self.dave)

    def test_the_caseload_queries_do_not_grow_with_the_referrals(self):
        self.grow(1)
        small_bob, small_dave = self.count_queries(self.bob), self.count_queries(self.dave)
        self.grow(8)
        self.assertEqual(self.count_queries(self.bob), small_bob)
        self.assertEqual(self.count_queries(self.dave), small_dave)
        self.assertLessEqual(small_dave, MAX_CASELOAD_QUERIES)
