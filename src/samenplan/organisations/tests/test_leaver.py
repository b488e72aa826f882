from django.utils.html import escape

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import access_for
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, PlanFactory, UserFactory


class LeaverTestCase(BaseTestCase):
    """A professional who left loses every plan at once; their open agreements stay in the
    plan, visibly without anyone to do them."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=cls.debt_team)
        cls.otto = UserFactory(
            username="otto", first_name="Otto", role=User.Role.ORG_ADMIN, organisation=cls.social_team
        )
        # Dave is also in a second plan, and has agreements in alice's plan.
        cls.frank = UserFactory(username="frank", first_name="Frank")
        cls.plan2 = PlanFactory(owner=cls.frank, wijk=cls.wijk, created_by=cls.bob)
        cls.dave_in_plan2 = cls.add_member(cls.dave, "coordinator", {Part.AGREEMENTS: Level.VIEW}, plan=cls.plan2)
        cls.open_agreement = AgreementFactory(
            plan=cls.plan, what="Schuldeisers bellen", who_kind="professional", who_name="", assignee=cls.dave
        )
        cls.done_agreement = AgreementFactory(
            plan=cls.plan, what="Formulier ingevuld", who_kind="professional", assignee=cls.dave, status="done"
        )

    def url(self, member=None):
        return f"/organisatie/medewerkers/{(member or self.dave).pk}/uit-dienst/"

    def test_the_page_says_what_will_happen(self):
        self.login(self.olga)
        response = self.client.get(self.url())
        self.assertContains(response, "Dave verliest meteen de toegang tot alle plannen (2).")
        self.assertContains(response, "Dave heeft 1 open afspraak.")
        self.assertNotContains(response, "Schuldeisers bellen")
        self.dave.refresh_from_db()
        self.assertTrue(self.dave.is_active)

    def test_the_leaver_loses_every_plan_at_once(self):
        self.assertIsNotNone(access_for(self.dave, self.plan))
        self.login(self.olga)
        response = self.client.post(self.url())
        self.assertRedirects(response, "/organisatie/", fetch_redirect_response=False)
        self.dave.refresh_from_db()
        self.assertFalse(self.dave.is_active)
        for plan in (self.plan, self.plan2):
            self.assertIsNone(access_for(self.dave, plan))
        for membership in (self.dave_membership, self.dave_in_plan2):
            membership.refresh_from_db()
            self.assertIsNotNone(membership.ended_at)
            self.assertEqual(membership.ended_by, self.olga)
            self.assertFalse(membership.grants.exists())
        # Even if someone turns the account back on, the plans stay closed to Dave.
        User.objects.filter(pk=self.dave.pk).update(is_active=True)
        self.dave.refresh_from_db()
        self.assertIsNone(access_for(self.dave, self.plan))
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.subject_id), (self.olga.pk, self.dave.pk))
        self.assertIn(f"left plans {self.plan.pk}, {self.plan2.pk}", entry.reason)
        self.assertContains(self.client.get("/organisatie/"), "Dave Dekker is uit dienst")

    def test_open_agreements_show_as_unassigned_to_the_resident(self):
        self.login(self.olga)
        self.client.post(self.url())
        self.open_agreement.refresh_from_db()
        self.done_agreement.refresh_from_db()
        self.assertIsNone(self.open_agreement.assignee)
        self.assertEqual(self.open_agreement.who_name, "Dave Dekker")
        self.assertTrue(self.open_agreement.assignee_left)
        self.assertEqual((self.done_agreement.assignee, self.done_agreement.who_name), (None, "Dave Dekker"))
        for person in (self.alice, self.bob):
            self.login(person)
            page = self.client.get(f"/plans/{self.plan.pk}/agreements/")
            self.assertContains(page, "Niet meer toegewezen")
            self.assertContains(page, escape("Dave Dekker (uit dienst)"))

    def test_only_the_own_organisation_and_never_oneself(self):
        self.assert_not_found_for([self.otto, self.bob, self.dave, self.alice, self.pam], self.url())
        self.assert_not_found_for([self.otto, self.bob, self.pam], self.url(), "post")
        self.login(self.olga)
        self.assertEqual(self.client.get(self.url(self.olga)).status_code, 404)
        self.assertEqual(self.client.post(self.url(self.olga)).status_code, 404)
        self.olga.refresh_from_db()
        self.dave.refresh_from_db()
        self.assertTrue(self.olga.is_active and self.dave.is_active)
        self.assertIsNotNone(access_for(self.dave, self.plan))

    def test_the_coordinator_is_told_and_the_leavers_referrals_go_back_to_the_team_queue(self):
        from samenplan.notifications.models import Notification
        from samenplan.referrals import services as referrals
        from samenplan.referrals.models import Referral
        from samenplan.sharing import policy

        colleague = UserFactory(role=User.Role.PROFESSIONAL, organisation=self.debt_team)
        referral = self.referral_sent()
        received = policy.received_referral(self.dave, referral.pk)
        referrals.referral_accept(referral_access=received, version=received.referral.version)
        self.login(self.olga)
        self.client.post(self.url())
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.assigned_to), (Referral.Status.REQUESTED, None))
        self.assertTrue(policy.received_referral(colleague, referral.pk).can_accept)
        self.assertTrue(Notification.objects.filter(user=self.bob, kind=Notification.Kind.PROFESSIONAL_LEFT).exists())

    def test_a_plan_whose_coordinator_left_says_so_where_the_resident_chooses_a_new_one(self):
        network = f"/plans/{self.plan2.pk}/network/"
        self.login(self.frank)
        self.assertNotContains(self.client.get(network), "geen regisseur")
        self.login(self.olga)
        self.client.post(self.url())
        self.login(self.frank)
        self.assertContains(self.client.get(network), "Je hebt op dit moment geen regisseur.")
        told = self.frank.notifications.get()
        self.assertEqual((told.kind, told.url), ("professional_left", network))
        self.login(self.alice)  # alice's coordinator (bob) is still there
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/network/"), "geen regisseur")
