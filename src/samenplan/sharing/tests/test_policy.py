from datetime import date, timedelta

import time_machine
from django.utils import timezone

from samenplan.plans.models import Plan
from samenplan.sharing.models import EmergencyAccess, Grant, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import access_for, accessible_plan_ids, members_levels
from samenplan.testing.base import BaseTestCase

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class PolicyTestCase(BaseTestCase):
    def levels(self, user):
        access = access_for(user, self.plan)
        return None if access is None else {part: access.level(part) for part in Part if access.level(part)}

    def test_the_owner_has_every_part(self):
        self.assertEqual(self.levels(self.alice), dict.fromkeys(Part, Level.CONTRIBUTE))

    def test_a_member_has_exactly_their_grants(self):
        self.assertEqual(self.levels(self.carol), {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE})
        # A member who has nothing to see does not have the plan at all.
        self.assertIsNone(self.levels(self.erin))

    def test_outsiders_analysts_and_admins_have_no_access_even_with_a_membership(self):
        self.add_member(self.ann, Membership.Role.NETWORK, {Part.STORY: Level.VIEW})
        for user in (self.charlie, self.ann, self.pam):
            self.assertIsNone(access_for(user, self.plan))
            self.assertEqual(accessible_plan_ids(user), [])

    def test_a_grant_holds_through_its_last_day_and_not_after(self):
        Grant.objects.filter(membership=self.carol_membership).update(valid_until=TODAY)
        self.assertIn(Part.GOALS, self.levels(self.carol))
        with time_machine.travel(TODAY + timedelta(days=1)):
            # Every grant ended: the plan is gone from her view and her caseload.
            self.assertIsNone(self.levels(self.carol))
            self.assertEqual(accessible_plan_ids(self.carol), [])

    def test_a_removed_member_has_no_access(self):
        Membership.objects.filter(pk=self.carol_membership.pk).update(ended_at=timezone.now())
        self.assertIsNone(access_for(self.carol, self.plan))

    def test_a_closed_plan_can_be_read_but_not_changed(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.plan.refresh_from_db()
        self.assertEqual(set(self.levels(self.alice).values()), {Level.VIEW})
        self.assertEqual(self.levels(self.carol), {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.VIEW})

    def test_emergency_access_opens_one_part_to_view_until_it_ends(self):
        EmergencyAccess.objects.create(
            membership=self.dave_membership,
            part=Part.STRENGTHS,
            reason="x" * 20,
            ends_at=timezone.now() + timedelta(hours=24),
        )
        access = access_for(self.dave, self.plan)
        self.assertEqual(access.level(Part.STRENGTHS), Level.VIEW)
        self.assertEqual(access.emergency_parts, {Part.STRENGTHS})
        with time_machine.travel(timezone.now() + timedelta(hours=25)):
            self.assertEqual(access_for(self.dave, self.plan).level(Part.STRENGTHS), Level.NONE)

    def test_emergency_rows_of_non_professionals_open_nothing(self):
        EmergencyAccess.objects.create(
            membership=self.carol_membership,
            part=Part.STORY,
            reason="x" * 20,
            ends_at=timezone.now() + timedelta(hours=1),
        )
        self.assertEqual(access_for(self.carol, self.plan).level(Part.STORY), Level.NONE)

    def test_a_representative_acts_for_the_owner_in_the_parts_they_represent(self):
        Membership.objects.filter(pk=self.erin_membership.pk).update(
            role=Membership.Role.REPRESENTATIVE, representation="bewindvoerder", represents=[Part.AGREEMENTS]
        )
        access = access_for(self.erin, self.plan)
        self.assertEqual(self.levels(self.erin), {Part.AGREEMENTS: Level.CONTRIBUTE})
        self.assertTrue(access.acts_on_behalf)
        self.assertFalse(access.can_manage_sharing)
        Membership.objects.filter(pk=self.erin_membership.pk).update(represents=[])
        access = access_for(self.erin, self.plan)
        self.assertEqual(self.levels(self.erin), dict.fromkeys(Part, Level.CONTRIBUTE))
        self.assertTrue(access.can_manage_sharing)
        self.assertTrue(access.can_confirm_story)


@time_machine.travel(TODAY)
class MembersLevelsTestCase(BaseTestCase):
    """The levels the resident's pages show for everyone at once are exactly the levels each
    member gets when they open the plan themselves."""

    def test_it_agrees_with_what_each_member_gets_on_their_own(self):
        mentor = self.add_member(self.charlie, Membership.Role.REPRESENTATIVE, {Part.GOALS: Level.VIEW})
        Membership.objects.filter(pk=mentor.pk).update(represents=["story"])
        Grant.objects.filter(membership=self.carol_membership, part=Part.GOALS).update(valid_until=date(2026, 3, 1))
        EmergencyAccess.objects.create(
            membership=self.dave_membership,
            part="strengths",
            reason="r" * 30,
            ends_at=timezone.now() + timedelta(hours=2),
        )
        self.add_member(self.ann, Membership.Role.NETWORK, {Part.STORY: Level.VIEW})
        for status in ("active", "closed"):
            Plan.objects.filter(pk=self.plan.pk).update(status=status)
            plan = Plan.objects.get(pk=self.plan.pk)
            memberships = list(
                plan.memberships.filter(ended_at__isnull=True, user__isnull=False).select_related("user")
            )
            together = members_levels(plan, memberships)
            for membership in memberships:
                alone = access_for(membership.user, plan)
                expected = {p: alone.level(p) for p in Part} if alone is not None else dict.fromkeys(Part, 0)
                self.assertEqual(
                    {p: together[membership.pk].level(p) for p in Part}, expected, (status, membership.user.username)
                )
                if alone is not None:
                    self.assertEqual(together[membership.pk].emergency_parts, alone.emergency_parts)
