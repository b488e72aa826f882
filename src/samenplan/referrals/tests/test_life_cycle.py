"""The referral life cycle through the services (the pages have their own tests)."""

from django.http import Http404

from samenplan.accounts.models import User
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.sharing import policy
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ServiceFactory, UserFactory


class LifeCycleTests(BaseTestCase):
    def test_consented_parts_only_while_open(self):
        service = ServiceFactory(organisation=self.debt_team)
        other = UserFactory(role=User.Role.PROFESSIONAL, organisation=self.debt_team)
        access = policy.plan_access(self.bob, self.plan.pk)
        referral = services.referral_propose(access=access, service=service, question="Q")
        ra = policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), referral.pk)
        services.referral_consent(
            referral_access=ra,
            version=referral.version,
            parts=[Part.STORY, Part.GOALS],
            until=None,
            contact_channel=Referral.Channel.EMAIL,
            no_phone=True,
        )
        received = policy.received_referral(other, referral.pk)
        self.assertEqual(received.plan_access.visible_parts, [Part.STORY, Part.GOALS])
        with self.assertRaises(Http404):  # another organisation
            policy.received_referral(self.bob, referral.pk)
        referral = services.referral_accept(referral_access=received, version=received.referral.version)
        plan_access = policy.plan_access(other, self.plan.pk)
        self.assertEqual(sorted(plan_access.visible_parts), sorted([Part.STORY, Part.GOALS]))
        # the second colleague is too late
        dave_view = policy.received_referral(self.dave, referral.pk)
        self.assertFalse(dave_view.can_accept)
        done = policy.received_referral(other, referral.pk)
        services.referral_complete(referral_access=done, version=done.referral.version, outcome="helped")
        self.assertEqual(policy.received_referral(other, referral.pk).plan_access.visible_parts, [])
        self.assertIsNone(policy.access_for(other, self.plan))
        self.assertFalse(Membership.objects.filter(user=other, ended_at__isnull=True).exists())


class OverlappingReferralsTests(BaseTestCase):
    """Two referrals taken on by the same professional: closing one keeps what the other
    still consents to, and the membership ends with the last."""

    def consent_and_accept(self, service, parts, receiver):
        owner = policy.plan_access(self.alice, self.plan.pk)
        referral = services.referral_propose(access=owner, service=service, question="Q")
        services.referral_consent(
            referral_access=policy.plan_referral(owner, referral.pk),
            version=referral.version,
            parts=parts,
            until=None,
            contact_channel=Referral.Channel.EMAIL,
            no_phone=False,
        )
        received = policy.received_referral(receiver, referral.pk)
        return services.referral_accept(referral_access=received, version=received.referral.version)

    def close(self, referral, receiver):
        received = policy.received_referral(receiver, referral.pk)
        services.referral_complete(referral_access=received, version=received.referral.version, outcome="helped")

    def test_closing_one_keeps_what_the_other_consents_to(self):
        organisation = self.debt_team
        receiver = UserFactory(role=User.Role.PROFESSIONAL, organisation=organisation)
        first = self.consent_and_accept(ServiceFactory(organisation=organisation), [Part.STORY, Part.GOALS], receiver)
        second = self.consent_and_accept(ServiceFactory(organisation=organisation), [Part.GOALS], receiver)
        self.close(first, receiver)
        self.assertEqual(policy.plan_access(receiver, self.plan.pk).visible_parts, [Part.GOALS])
        self.close(second, receiver)
        self.assertIsNone(policy.access_for(receiver, self.plan))
        self.assertFalse(Membership.objects.filter(user=receiver, ended_at__isnull=True).exists())

    def test_an_extended_referral_keeps_its_parts_after_closing(self):
        receiver = UserFactory(role=User.Role.PROFESSIONAL, organisation=self.debt_team)
        referral = self.consent_and_accept(ServiceFactory(organisation=self.debt_team), [Part.STORY], receiver)
        services.referral_extend(
            referral_access=policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), referral.pk)
        )
        self.close(referral, receiver)
        self.assertEqual(policy.plan_access(receiver, self.plan.pk).visible_parts, [Part.STORY])
