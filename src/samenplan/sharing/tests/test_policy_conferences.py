"""The policy's rules for case conferences, consults and breakthrough requests, asked
directly (the pages are tested in the conferences app and walked by the property test)."""

from django.http import Http404
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference, Consult
from samenplan.plans.models import Plan
from samenplan.sharing import policy
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    BreakthroughFactory,
    ConsultFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)


class ConferenceAccessTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()
        self.ggz = OrganisationFactory(name="GGZ")
        self.frank = UserFactory(username="frank", role="professional", organisation=self.ggz)

    def access(self, user):
        conference = Conference.objects.select_related("plan__owner").get(pk=self.conference.pk)
        return policy.conference_access(user, conference)

    def test_the_resident_and_the_coordinator_always_see_it_and_participants_only_while_it_is_planned(self):
        self.assertTrue(self.access(self.alice).is_resident_side)
        self.assertTrue(self.access(self.bob).runs)
        self.assertIsNotNone(self.access(self.dave).participant)
        for status in (Conference.Status.PROPOSED, Conference.Status.CLOSED, Conference.Status.CANCELLED):
            Conference.objects.filter(pk=self.conference.pk).update(status=status)
            self.assertIsNotNone(self.access(self.alice), status)
            self.assertIsNotNone(self.access(self.bob), status)
            self.assertIsNone(self.access(self.dave), status)

    def test_nobody_else_sees_it_whatever_rows_exist(self):
        for user in (self.carol, self.erin, self.charlie, self.frank, self.ann, self.pam, self.wendy, self.brit):
            self.assertIsNone(self.access(user), user.username)
            with self.assertRaises(Http404):
                policy.conference_for(user, self.conference.pk)

    def test_an_unapproved_or_removed_participant_sees_nothing(self):
        waiting = ParticipantFactory(conference=self.conference, user=self.frank, proposed_by=self.bob)
        self.assertIsNone(self.access(self.frank))
        waiting.approved_at = timezone.now()
        waiting.save()
        self.assertIsNotNone(self.access(self.frank))
        waiting.removed_at = timezone.now()
        waiting.save()
        self.assertIsNone(self.access(self.frank))

    def test_a_participant_whose_role_has_no_plan_access_sees_nothing(self):
        ParticipantFactory(conference=self.conference, user=self.ann, proposed_by=self.bob, approved_at=timezone.now())
        self.assertIsNone(self.access(self.ann))

    def test_the_table_sees_exactly_the_consented_parts_view_only_while_planned_and_the_plan_open(self):
        self.assertEqual(self.access(self.dave).table.levels, {Part.STORY: Level.VIEW})
        self.assertEqual(self.access(self.alice).table.levels, {Part.STORY: Level.VIEW})
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assertEqual(self.access(self.alice).table.levels, {})
        self.assertIsNone(self.access(self.dave))

    def test_a_representative_for_some_parts_is_not_the_resident_side(self):
        self.add_member(UserFactory(role="network"), Membership.Role.REPRESENTATIVE, {})
        rep = Membership.objects.get(plan=self.plan, role=Membership.Role.REPRESENTATIVE)
        rep.represents = [Part.GOALS]
        rep.save()
        self.assertIsNone(self.access(rep.user))
        rep.represents = []
        rep.save()
        self.assertTrue(self.access(rep.user).is_resident_side)
        self.assertTrue(self.access(rep.user).on_behalf)

    def test_only_the_coordinator_runs_it_and_only_the_resident_side_consents(self):
        bob, alice, dave = self.access(self.bob), self.access(self.alice), self.access(self.dave)
        self.assertTrue(bob.can_decide and bob.can_close and bob.can_file_breakthrough)
        self.assertFalse(bob.can_consent or bob.can_respond)
        self.assertTrue(alice.can_consent and alice.can_respond and alice.can_add_agenda)
        self.assertFalse(alice.can_decide or alice.can_close or alice.can_write_minutes)
        self.assertTrue(dave.can_write_minutes and dave.can_add_agenda)
        self.assertFalse(dave.can_decide or dave.can_consent or dave.can_close)

    def test_a_closed_conference_is_read_only_but_the_resident_still_answers(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.CLOSED)
        bob, alice = self.access(self.bob), self.access(self.alice)
        self.assertFalse(bob.can_decide or bob.can_write_minutes or bob.can_close or alice.can_consent)
        self.assertTrue(alice.can_respond)
        self.assertTrue(bob.can_set_follow_up)

    def test_reading_a_conference_is_audited_with_its_plan_and_a_refusal_too(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get(f"/overleg/{self.conference.pk}/").status_code, 404)
        denied = AuditEntry.objects.filter(actor_id=self.charlie.pk, outcome=AuditEntry.Outcome.DENIED).last()
        self.assertIn(f"conference:{self.conference.pk}", denied.records)
        self.login(self.dave)
        self.client.get(f"/overleg/{self.conference.pk}/")
        entry = AuditEntry.objects.filter(actor_id=self.dave.pk).last()
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertIn(f"conference:{self.conference.pk}", entry.records)
        self.assertIn(Part.STORY, entry.parts)


class ConsultAccessTestCase(BaseTestCase):
    def consult(self, **fields):
        defaults = {
            "asked_by": self.bob,
            "from_organisation": self.social_team,
            "to_organisation": self.debt_team,
            "domain": self.plan_domain(),
        }
        return ConsultFactory(**(defaults | fields))

    def test_an_anonymous_consult_is_seen_by_who_asked_and_the_organisation_asked_only(self):
        consult = self.consult()
        self.assertEqual(policy.consult_for(self.bob, consult.pk).side, "asker")
        self.assertEqual(policy.consult_for(self.dave, consult.pk).side, "receiver")
        for user in (self.charlie, self.alice, self.carol, self.ann, self.pam, self.wendy, self.brit):
            with self.assertRaises(Http404):
                policy.consult_for(user, consult.pk)

    def test_the_organisation_asked_sees_the_one_consented_part_only_while_it_waits_for_an_answer(self):
        consult = self.consult(plan=self.plan, part=Part.GOALS, consented_at=timezone.now(), consented_by=self.alice)
        self.assertEqual(policy.consult_for(self.dave, consult.pk).table.levels, {Part.GOALS: Level.VIEW})
        for status in (Consult.Status.ANSWERED, Consult.Status.CANCELLED, Consult.Status.AWAITING_CONSENT):
            Consult.objects.filter(pk=consult.pk).update(status=status)
            if status == Consult.Status.AWAITING_CONSENT:
                with self.assertRaises(Http404):  # not in the inbox before the resident agrees
                    policy.consult_for(self.dave, consult.pk)
            else:
                self.assertEqual(policy.consult_for(self.dave, consult.pk).table.levels, {}, status)

    def test_only_the_resident_side_sees_a_consult_from_the_plan(self):
        consult = self.consult(plan=self.plan, part=Part.GOALS, status=Consult.Status.AWAITING_CONSENT)
        access = policy.plan_access(self.alice, self.plan.pk)
        self.assertTrue(policy.plan_consult(access, consult.pk).can_consent)
        with self.assertRaises(Http404):
            policy.plan_consult(policy.plan_access(self.bob, self.plan.pk), consult.pk)

    def test_only_a_professional_in_the_plan_who_sees_the_part_asks_about_it(self):
        self.assertTrue(policy.may_ask_consult_about(policy.plan_access(self.dave, self.plan.pk), Part.STORY))
        self.assertFalse(policy.may_ask_consult_about(policy.plan_access(self.dave, self.plan.pk), Part.NETWORK))
        self.assertFalse(policy.may_ask_consult_about(policy.plan_access(self.bob, self.plan.pk), Part.CONVERSATIONS))
        self.assertFalse(policy.may_ask_consult_about(policy.plan_access(self.carol, self.plan.pk), Part.GOALS))


class BreakthroughAccessTestCase(BaseTestCase):
    def test_only_the_breakthrough_officer_opens_a_request_and_never_the_plan(self):
        request = BreakthroughFactory(conference=self.conference_planned(), plan=self.plan, filed_by=self.bob)
        self.assertEqual(policy.officer_breakthrough(self.brit, request.pk), request)
        for user in (self.alice, self.bob, self.dave, self.ann, self.pam):
            with self.assertRaises(Http404):
                policy.officer_breakthrough(user, request.pk)
        with self.assertRaises(Http404):
            policy.plan_access(self.brit, self.plan.pk)
