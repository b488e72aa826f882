"""Where the receiving organisation can reach the resident: given with the consent, shown
to them only while the referral is open."""

from samenplan.accounts.models import User
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.sharing import policy
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ServiceFactory, UserFactory


class ContactDetailTests(BaseTestCase):
    def setUp(self):
        User.objects.filter(pk=self.alice.pk).update(phone="06 12345678")
        self.service = ServiceFactory(organisation=self.debt_team, name="Budgetcoaching")
        owner = policy.plan_access(self.bob, self.plan.pk)
        self.referral = services.referral_propose(access=owner, service=self.service, question="Hulp bij post")
        self.url = f"/plans/{self.plan.pk}/referrals/{self.referral.pk}/"

    def test_the_resident_is_offered_her_own_number_and_may_change_it(self):
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), 'value="06 12345678"')
        response = self.client.post(
            self.url,
            {
                "action": "consent",
                "version": self.referral.version,
                "contact_channel": "email",
                "contact_detail": "alice@example.org",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.referral.refresh_from_db()
        self.assertEqual((self.referral.status, self.referral.contact_detail), ("requested", "alice@example.org"))
        self.login(self.dave)
        received = f"/referrals/inbox/{self.referral.pk}/"
        self.assertContains(self.client.get(received), "alice@example.org")
        self.login(self.alice)
        self.client.post(self.url, {"action": "cancel", "version": self.referral.version})
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, Referral.Status.CANCELLED)
        self.login(self.dave)
        self.assertNotContains(self.client.get(received), "alice@example.org")

    def test_another_organisation_never_sees_it(self):
        ra = policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), self.referral.pk)
        services.referral_consent(
            referral_access=ra,
            version=self.referral.version,
            parts=[],
            until=None,
            contact_channel="phone",
            no_phone=False,
            contact_detail="06 12345678",
        )
        other = UserFactory(role=User.Role.PROFESSIONAL, organisation=self.social_team)
        self.login(other)
        self.assertEqual(self.client.get(f"/referrals/inbox/{self.referral.pk}/").status_code, 404)
        self.assertNotContains(self.client.get("/referrals/inbox/"), "06 12345678")
