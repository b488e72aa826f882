"""The policy's rules for personal data outside any plan: questions at a hub and early signals."""

from django.http import Http404

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.sharing import policy
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import OrganisationFactory, QuestionFactory, SignalFactory, UserFactory, WijkFactory


class WijkTeamTestCase(BaseTestCase):
    def setUp(self):
        self.north = WijkFactory(name="Noord", code="noord")
        self.question = QuestionFactory(wijk=self.wijk)
        self.north_question = QuestionFactory(wijk=self.north)

    def test_the_wijk_team_is_the_staff_of_an_organisation_that_starts_plans_in_that_wijk(self):
        self.assertEqual(policy.team_wijk_ids(self.bob), [self.wijk.pk])
        self.assertEqual(policy.team_wijk_ids(self.charlie), [self.wijk.pk])
        # Serving the wijk is not enough: the organisation must start plans (be a wijk team).
        self.debt_team.wijken.add(self.wijk)
        for user in (self.dave, self.alice, self.carol, self.ann, self.pam, self.wendy):
            self.assertEqual(policy.team_wijk_ids(user), [], user.username)

    def test_the_team_members_of_a_wijk_are_those_the_wijk_is_named_for(self):
        self.debt_team.wijken.add(self.wijk)
        self.assertEqual(set(policy.wijk_team_members(self.wijk.pk)), {self.bob, self.charlie})
        self.assertEqual(list(policy.wijk_team_members(self.north.pk)), [])

    def test_a_blocked_account_or_an_admin_of_the_team_handles_nothing(self):
        self.charlie.is_active = False
        self.assertEqual(policy.team_wijk_ids(self.charlie), [])
        admin = UserFactory(role=User.Role.ORG_ADMIN, organisation=self.social_team)
        self.assertEqual(policy.team_wijk_ids(admin), [])

    def test_the_queue_holds_the_questions_of_the_teams_wijken_only(self):
        queue = Question.objects.filter(policy.question_queue_filter(self.bob))
        self.assertEqual(list(queue), [self.question])
        self.assertFalse(Question.objects.filter(policy.question_queue_filter(self.dave)).exists())

    def test_a_question_of_another_wijk_is_missing_and_the_refusal_is_audited(self):
        with self.assertRaises(Http404):
            policy.team_question(self.bob, self.north_question.pk)
        with self.assertRaises(Http404):
            policy.team_question(self.bob, "not-a-number")
        access = policy.team_question(self.bob, self.question.pk)
        self.assertTrue(access.can_claim)
        self.assertFalse(access.can_act)

    def test_only_the_one_who_took_it_on_acts_and_nobody_once_it_is_closed(self):
        self.question.owner = self.charlie
        self.question.save()
        self.assertFalse(policy.team_question(self.bob, self.question.pk).can_act)
        self.assertFalse(policy.team_question(self.bob, self.question.pk).can_claim)
        self.assertTrue(policy.team_question(self.charlie, self.question.pk).can_act)
        self.assertTrue(policy.team_question(self.charlie, self.question.pk).can_start_plan)
        Question.objects.filter(pk=self.question.pk).update(closed_at=self.question.created_at)
        self.assertFalse(policy.team_question(self.charlie, self.question.pk).can_act)

    def test_a_team_member_of_a_wijk_registers_at_its_desk_only(self):
        self.assertTrue(policy.may_register_at_desk(self.bob, self.wijk))
        self.assertFalse(policy.may_register_at_desk(self.bob, self.north))
        self.assertFalse(policy.may_register_at_desk(self.dave, self.wijk))


class SignalPolicyTestCase(BaseTestCase):
    def test_a_partner_sees_its_own_signals_only_and_only_while_it_delivers_signals(self):
        own = SignalFactory(partner=self.woonbedrijf, wijk=self.wijk)
        SignalFactory(wijk=self.wijk)
        self.assertEqual(list(Signal.objects.filter(policy.partner_signal_filter(self.wendy))), [own])
        for user in (self.bob, self.dave, self.ann, self.alice):
            self.assertFalse(Signal.objects.filter(policy.partner_signal_filter(user)).exists())
        Organisation.objects.filter(pk=self.woonbedrijf.pk).update(delivers_signals=False)
        self.wendy.refresh_from_db()
        self.assertFalse(policy.sends_signals(self.wendy))

    def test_a_signal_partner_never_opens_a_plan(self):
        self.assertIsNone(policy.access_for(self.wendy, self.plan))

    def test_a_signal_can_be_offered_only_to_an_open_plan_its_handler_is_in(self):
        signal = SignalFactory(partner=self.woonbedrijf, wijk=self.wijk, owner=self.charlie)
        charlie = policy.team_signal(self.charlie, signal.pk)
        self.assertFalse(charlie.can_offer_to(self.plan))  # charlie is not in alice's plan
        signal.owner = self.bob
        signal.save()
        self.assertTrue(policy.team_signal(self.bob, signal.pk).can_offer_to(self.plan))

    def test_only_the_resident_answers_an_offer_and_a_refusal_leaves_a_denied_entry(self):
        signal = self.signal_offered()
        owner = policy.plan_access(self.alice, self.plan.pk)
        self.assertEqual(policy.plan_signal_offer(owner, signal.pk), signal)
        for user in (self.bob, self.carol):
            with self.assertRaises(Http404):
                policy.plan_signal_offer(policy.plan_access(user, self.plan.pk), signal.pk)
        self.login(self.dave)
        self.client.get(f"/wijkteam/signalen/{signal.pk}/")
        entry = AuditEntry.objects.filter(actor_id=self.dave.pk).last()
        self.assertEqual(entry.outcome, AuditEntry.Outcome.DENIED)
        self.assertEqual(entry.records, f",signal:{signal.pk},")

    def test_a_closed_plan_still_shows_its_signals_to_the_resident_but_takes_no_answer(self):
        signal = self.signal_offered()
        self.plan.status = self.plan.Status.CLOSED
        self.plan.save()
        self.login(self.alice)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/signalen/").status_code, 200)
        with self.assertRaises(Http404):
            policy.plan_signal_offer(policy.plan_access(self.alice, self.plan.pk), signal.pk)


class OtherWijkTeamTestCase(BaseTestCase):
    def test_another_wijk_team_does_not_see_wests_signals(self):
        north = WijkFactory(name="Noord", code="noord")
        team = OrganisationFactory(name="Sociaal Team Noord", starts_plans=True)
        team.wijken.set([north])
        other = UserFactory(role=User.Role.PROFESSIONAL, organisation=team)
        signal = SignalFactory(partner=self.woonbedrijf, wijk=self.wijk)
        with self.assertRaises(Http404):
            policy.team_signal(other, signal.pk)
        self.assertEqual(policy.team_signal(self.bob, signal.pk).case, signal)
