"""The receiving organisation's team queue and one received referral."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.lib.queries import statements
from samenplan.notifications.models import Notification
from samenplan.plans.models import Agreement, Plan
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.sharing import policy
from samenplan.sharing.models import Grant, Membership
from samenplan.sharing.parts import Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import GoalFactory, ServiceFactory, UserFactory


class ReferralTestCase(BaseTestCase):
    """Alice's plan, with referrals proposed by bob and consented by alice through the
    services, so memberships, grants and events are real. Sanne and dave work at the
    receiving organisation (Schuldhulp)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.service = ServiceFactory(organisation=cls.debt_team, name="Budgetcoaching")
        cls.sanne = UserFactory(
            username="sanne",
            first_name="Sanne",
            last_name="Smit",
            role=User.Role.PROFESSIONAL,
            organisation=cls.debt_team,
        )

    def send(self, *, parts=(), question="Help with my debts, please.", plan=None, proposer=None, **consent):
        """Propose as bob (or `proposer`) and consent as the plan's owner; the referral as sent."""
        plan = plan or self.plan
        proposer = proposer or self.bob
        access = policy.plan_access(proposer, plan.pk)
        referral = services.referral_propose(access=access, service=self.service, question=question, **consent)
        ra = policy.plan_referral(policy.plan_access(plan.owner, plan.pk), referral.pk)
        return services.referral_consent(
            referral_access=ra,
            version=referral.version,
            parts=list(parts),
            until=None,
            contact_channel=Referral.Channel.EMAIL,
            no_phone=True,
        )

    def url(self, referral):
        return f"/referrals/inbox/{referral.pk}/"

    def post(self, referral, action, **data):
        referral.refresh_from_db()
        payload = {"action": action, f"{action}-version": referral.version}
        payload |= {f"{action}-{key}": value for key, value in data.items()}
        return self.client.post(self.url(referral), payload)

    def last_entry(self):
        return AuditEntry.objects.order_by("-id").first()


class InboxPageTests(ReferralTestCase):
    def test_it_lists_new_referrals_with_first_name_service_sender_and_age(self):
        self.send()
        self.login(self.sanne)
        response = self.client.get("/referrals/inbox/")
        self.assertContains(response, "Alice")
        self.assertNotContains(response, "Aarts")  # the first name only
        self.assertContains(response, "Budgetcoaching")
        self.assertContains(response, "Bob Bakker")
        self.assertContains(response, "Sociaal Team West")
        self.assertContains(response, "sinds vandaag")
        # The question is personal data: only on the referral's own page.
        self.assertNotContains(response, "Help with my debts")

    def test_urgent_first_then_oldest(self):
        first = self.send(question="first")
        urgent = self.send(question="urgent", priority=Referral.Priority.URGENT)
        Referral.objects.filter(pk=first.pk).update(consented_at=timezone.now() - timedelta(days=3))
        self.login(self.sanne)
        rows = self.client.get("/referrals/inbox/").context["inbox"].new
        self.assertEqual([row.referral.pk for row in rows], [urgent.pk, first.pk])

    def test_overdue_is_marked(self):
        referral = self.send()
        Referral.objects.filter(pk=referral.pk).update(respond_by=timezone.localdate() - timedelta(days=1))
        self.login(self.sanne)
        response = self.client.get("/referrals/inbox/")
        self.assertContains(response, "te laat")
        self.assertContains(response, "langer gewacht dan afgesproken")

    def test_it_splits_mine_colleagues_and_closed(self):
        mine = self.send(question="mine")
        theirs = self.send(question="theirs")
        closed = self.send(question="closed")
        services.referral_accept(referral_access=policy.received_referral(self.sanne, mine.pk), version=mine.version)
        services.referral_accept(referral_access=policy.received_referral(self.dave, theirs.pk), version=theirs.version)
        ra = policy.received_referral(self.sanne, closed.pk)
        services.referral_reject(referral_access=ra, version=closed.version, reason="Full")
        self.login(self.sanne)
        inbox = self.client.get("/referrals/inbox/").context["inbox"]
        self.assertEqual([row.referral.pk for row in inbox.mine], [mine.pk])
        self.assertEqual([row.referral.pk for row in inbox.colleagues], [theirs.pk])
        self.assertEqual([r.pk for r in inbox.closed], [closed.pk])
        self.assertEqual(inbox.new, [])

    def test_closed_rows_show_no_question_and_no_resident(self):
        referral = self.send(question="SECRET-QUESTION")
        ra = policy.received_referral(self.sanne, referral.pk)
        referral = services.referral_accept(referral_access=ra, version=referral.version)
        ra = policy.received_referral(self.sanne, referral.pk)
        services.referral_complete(referral_access=ra, version=referral.version, outcome="helped")
        self.login(self.sanne)
        response = self.client.get("/referrals/inbox/")
        self.assertContains(response, "Budgetcoaching")
        self.assertContains(response, "Geholpen")
        self.assertNotContains(response, "Alice")
        self.assertNotContains(response, "SECRET-QUESTION")

    def test_referrals_closed_long_ago_are_left_out(self):
        referral = self.send()
        ra = policy.received_referral(self.sanne, referral.pk)
        services.referral_reject(referral_access=ra, version=referral.version, reason="Full")
        Referral.objects.filter(pk=referral.pk).update(closed_at=timezone.now() - timedelta(days=91))
        self.login(self.sanne)
        self.assertEqual(self.client.get("/referrals/inbox/").context["inbox"].closed, [])

    def test_another_organisation_sees_nothing_of_it(self):
        self.send(question="SECRET-QUESTION")
        self.login(self.charlie)
        response = self.client.get("/referrals/inbox/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Alice")
        self.assertNotContains(response, "Budgetcoaching")

    def test_referrals_waiting_for_consent_are_not_in_the_queue(self):
        access = policy.plan_access(self.bob, self.plan.pk)
        services.referral_propose(access=access, service=self.service, question="not yet")
        self.login(self.sanne)
        self.assertNotContains(self.client.get("/referrals/inbox/"), "Budgetcoaching")

    def test_people_without_a_team_queue_get_404(self):
        no_org = UserFactory(role=User.Role.PROFESSIONAL, organisation=None)
        self.assert_not_found_for([self.alice, self.carol, self.ann, self.pam, no_org], "/referrals/inbox/")

    def test_the_list_is_in_the_audit_log(self):
        referral = self.send()
        self.login(self.sanne)
        self.client.get("/referrals/inbox/")
        entry = self.last_entry()
        self.assertEqual(entry.actor_id, self.sanne.pk)
        self.assertEqual(entry.action, AuditEntry.Action.LIST)
        self.assertEqual(entry.plans, f",{referral.plan_id},")

    def test_the_nav_links_to_the_queue_for_professionals_of_an_organisation(self):
        self.login(self.sanne)
        self.assertContains(self.client.get("/caseload/"), 'href="/referrals/inbox/"')
        self.login(self.alice)
        self.assertNotContains(self.client.get("/", follow=True), 'href="/referrals/inbox/"')

    def count_queries(self):
        self.login(self.sanne)
        self.client.get("/referrals/inbox/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/referrals/inbox/")
        self.assertEqual(response.status_code, 200)
        return len(statements(queries))

    def grow(self, n):
        for i in range(n):
            other = Plan.objects.create(
                owner=UserFactory(first_name=f"R{i}"), wijk=self.wijk, status=Plan.Status.ACTIVE, created_by=self.bob
            )
            self.add_member(self.bob, Membership.Role.COORDINATOR, dict.fromkeys(Part, 2), plan=other)
            referral = self.send(plan=other)
            if i % 3 == 1:
                services.referral_accept(
                    referral_access=policy.received_referral(self.dave, referral.pk), version=referral.version
                )
            elif i % 3 == 2:
                ra = policy.received_referral(self.sanne, referral.pk)
                services.referral_reject(referral_access=ra, version=referral.version, reason="Full")

    def test_the_queries_do_not_grow_with_the_referrals(self):
        self.grow(3)
        small = self.count_queries()
        self.grow(12)
        self.assertEqual(small, self.count_queries())


class ReceivedPageTests(ReferralTestCase):
    def test_it_shows_the_question_contact_and_the_consented_parts_only(self):
        GoalFactory(plan=self.plan, text="Pay off the energy bill")
        referral = self.send(parts=[Part.STORY, Part.GOALS], question="SECRET-QUESTION")
        self.login(self.sanne)
        response = self.client.get(self.url(referral))
        self.assertContains(response, "SECRET-QUESTION")
        self.assertContains(response, "Bel Alice niet")
        self.assertContains(response, "Per e-mail")
        self.assertContains(response, "Alice&#x27;s story, first version.")
        self.assertContains(response, "Pay off the energy bill")
        self.assertNotContains(response, "Alice&#x27;s netwerk")
        self.assertNotContains(response, "Carol")  # the network was not shared
        self.assertContains(response, "Aannemen")

    def test_reading_it_is_audited_with_the_parts_read(self):
        referral = self.send(parts=[Part.STORY, Part.PRIORITIES])
        self.login(self.sanne)
        self.client.get(self.url(referral))
        entry = self.last_entry()
        self.assertEqual((entry.actor_id, entry.plan_id), (self.sanne.pk, self.plan.pk))
        self.assertEqual(entry.parts, ",priorities,story,")

    def test_only_the_question_when_nothing_else_was_shared(self):
        referral = self.send()
        self.login(self.sanne)
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Alice heeft alleen de vraag gedeeld.")
        self.assertNotContains(response, "Alice&#x27;s story")
        self.assertEqual(self.last_entry().parts, "")

    def test_goal_titles_only_when_goals_were_shared(self):
        goal = GoalFactory(plan=self.plan, text="GOAL-TITLE")
        access = policy.plan_access(self.bob, self.plan.pk)
        referral = services.referral_propose(access=access, service=self.service, question="q", goals=[goal])
        ra = policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), referral.pk)
        services.referral_consent(
            referral_access=ra,
            version=referral.version,
            parts=[Part.STORY],
            until=None,
            contact_channel=Referral.Channel.PHONE,
            no_phone=False,
        )
        self.login(self.sanne)
        response = self.client.get(self.url(referral))
        self.assertNotContains(response, "GOAL-TITLE")
        self.assertNotContains(response, "Bel Alice niet")

    def test_other_organisations_and_strangers_get_404(self):
        referral = self.send()
        self.assert_not_found_for(
            [self.bob, self.charlie, self.alice, self.carol, self.ann, self.pam], self.url(referral)
        )
        self.assert_not_found_for([self.charlie], self.url(referral), method="post", data={"action": "accept"})
        self.assertFalse(Membership.objects.filter(user=self.charlie).exists())

    def test_an_unknown_action_is_a_bad_request(self):
        referral = self.send()
        self.login(self.sanne)
        self.assertEqual(self.client.post(self.url(referral), {"action": "delete"}).status_code, 400)

    def test_accept_makes_the_professional_a_member_with_exactly_the_consented_parts(self):
        referral = self.send(parts=[Part.STORY, Part.GOALS])
        self.login(self.sanne)
        response = self.post(referral, "accept")
        self.assertRedirects(response, self.url(referral), fetch_redirect_response=False)
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.assigned_to), (Referral.Status.ACCEPTED, self.sanne))
        membership = Membership.objects.get(plan=self.plan, user=self.sanne, ended_at__isnull=True)
        self.assertEqual(
            sorted(Grant.objects.filter(membership=membership).values_list("part", flat=True)), ["goals", "story"]
        )
        # The warm handover: an introduction meeting in the plan, theirs to do.
        self.assertTrue(Agreement.objects.filter(plan=self.plan, assignee=self.sanne, what__contains="Budgetcoaching"))
        page = self.client.get(self.url(referral))
        self.assertContains(page, f'href="/plans/{self.plan.pk}/"')
        self.assertContains(page, "We zijn begonnen")
        self.assertEqual(self.last_entry().action, AuditEntry.Action.VIEW)
        update = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, actor_id=self.sanne.pk).get()
        self.assertEqual(update.plan_id, self.plan.pk)
        # The plan side hears of it, neutrally.
        self.assertTrue(Notification.objects.filter(user=self.alice, kind=Notification.Kind.REFERRAL_CHANGED))
        self.assertTrue(Notification.objects.filter(user=self.bob, kind=Notification.Kind.REFERRAL_CHANGED))

    def test_two_colleagues_accepting_at_once_one_wins(self):
        referral = self.send(parts=[Part.STORY])
        sanne = policy.received_referral(self.sanne, referral.pk)
        dave = policy.received_referral(self.dave, referral.pk)
        services.referral_accept(referral_access=sanne, version=referral.version)
        with self.assertRaises(services.ReferralConflict):
            services.referral_accept(referral_access=dave, version=referral.version)
        self.assertEqual(Membership.objects.filter(plan=self.plan, user=self.sanne).count(), 1)
        # One membership came of it, and dave's own grants stayed as they were.
        self.assertEqual(Membership.objects.filter(plan=self.plan, referrals__isnull=False).count(), 1)
        self.assertEqual(
            sorted(Grant.objects.filter(membership=self.dave_membership).values_list("part", flat=True)),
            ["agreements", "goals", "story"],
        )
        self.assertEqual(Referral.objects.get(pk=referral.pk).assigned_to, self.sanne)

    def test_the_colleague_who_is_too_late_is_told_who_took_it(self):
        referral = self.send()
        self.login(self.dave)
        stale_version = referral.version
        services.referral_accept(
            referral_access=policy.received_referral(self.sanne, referral.pk), version=stale_version
        )
        response = self.client.post(self.url(referral), {"action": "accept", "accept-version": stale_version})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Een collega heeft deze verwijzing net aangenomen (Sanne Smit).")
        self.assertNotContains(response, "Aannemen, ik pak dit op")
        self.assertFalse(
            Membership.objects.filter(plan=self.plan, user=self.dave, role="professional").exclude(
                pk=self.dave_membership.pk
            )
        )

    def test_a_stale_version_is_a_conflict_too(self):
        referral = self.send()
        self.login(self.sanne)
        response = self.client.post(self.url(referral), {"action": "accept", "accept-version": referral.version + 5})
        self.assertContains(response, "Er is intussen iets veranderd")
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, Referral.Status.REQUESTED)

    def test_reject_needs_a_reason_and_keeps_the_input(self):
        referral = self.send()
        other = ServiceFactory(name="Schuldhulpmaatje")
        self.login(self.sanne)
        response = self.post(referral, "reject", reason="", suggested_service=other.pk)
        self.assertContains(response, "Schrijf op waarom je dit niet kunt oppakken.")
        self.assertContains(response, f'<option value="{other.pk}" selected>')
        response = self.post(referral, "reject", reason="We are full", suggested_service=other.pk)
        self.assertEqual(response.status_code, 302)
        referral.refresh_from_db()
        self.assertEqual(
            (referral.status, referral.reason, referral.suggested_service),
            (Referral.Status.REJECTED, "We are full", other),
        )
        self.assertEqual(self.last_entry().action, AuditEntry.Action.UPDATE)

    def test_start_complete_by_the_assignee_only(self):
        referral = self.send(parts=[Part.STORY])
        services.referral_accept(
            referral_access=policy.received_referral(self.sanne, referral.pk), version=referral.version
        )
        self.login(self.dave)
        self.assertEqual(self.post(referral, "start").status_code, 404)
        self.assertEqual(self.post(referral, "complete", outcome="helped").status_code, 404)
        self.assertEqual(self.post(referral, "fail", reason="x").status_code, 404)
        self.assertNotContains(self.client.get(self.url(referral)), "We zijn begonnen")
        self.login(self.sanne)
        self.assertEqual(self.post(referral, "start").status_code, 302)
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, Referral.Status.IN_PROGRESS)
        response = self.post(referral, "complete", outcome="")
        self.assertContains(response, "Kies hoe het ging.")
        self.assertEqual(self.post(referral, "complete", outcome="partly", note="Half way").status_code, 302)
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.outcome), (Referral.Status.COMPLETED, "partly"))
        # The grants the referral gave end with it.
        self.assertIsNone(policy.access_for(self.sanne, self.plan))

    def test_fail_needs_a_reason(self):
        referral = self.send()
        services.referral_accept(
            referral_access=policy.received_referral(self.sanne, referral.pk), version=referral.version
        )
        self.login(self.sanne)
        self.assertContains(self.post(referral, "fail", reason=""), "Schrijf op waarom het niet door kon gaan.")
        self.assertEqual(self.post(referral, "fail", reason="No answer to three calls").status_code, 302)
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, Referral.Status.FAILED)

    def test_after_close_no_question_no_parts_just_the_state(self):
        referral = self.send(parts=[Part.STORY], question="SECRET-QUESTION")
        services.referral_accept(
            referral_access=policy.received_referral(self.sanne, referral.pk), version=referral.version
        )
        referral.refresh_from_db()
        ra = policy.received_referral(self.sanne, referral.pk)
        services.referral_complete(referral_access=ra, version=referral.version, outcome="helped", note="All sorted")
        self.login(self.sanne)
        before = AuditEntry.objects.count()
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Deze verwijzing is afgesloten")
        self.assertContains(response, "Geholpen")
        self.assertContains(response, "All sorted")
        self.assertNotContains(response, "SECRET-QUESTION")
        self.assertNotContains(response, "Alice")
        self.assertNotContains(response, "first version")
        self.assertNotContains(response, 'name="action"')
        self.assertEqual(AuditEntry.objects.count(), before)  # nothing personal was read

    def test_a_cancelled_referral_shows_nothing_more(self):
        referral = self.send(parts=[Part.STORY], question="SECRET-QUESTION")
        ra = policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), referral.pk)
        services.referral_cancel(referral_access=ra, version=referral.version, reason="ALICE-REASON")
        self.login(self.sanne)
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Gestopt")
        self.assertNotContains(response, "SECRET-QUESTION")
        self.assertNotContains(response, "ALICE-REASON")
        self.assertNotContains(response, "Alice")


class EveryChangeIsRecordedTests(ReferralTestCase):
    def test_each_answer_leaves_an_event_an_audit_entry_and_a_notification(self):
        referral = self.send(parts=[Part.STORY])
        self.login(self.sanne)
        for action, data in (("accept", {}), ("start", {}), ("complete", {"outcome": "withdrew"})):
            Notification.objects.all().delete()
            before = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).count()
            self.assertEqual(self.post(referral, action, **data).status_code, 302, action)
            referral.refresh_from_db()
            event = referral.events.last()
            self.assertEqual((event.status, event.by), (referral.status, self.sanne), action)
            entries = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE)
            self.assertEqual(entries.count(), before + 1, action)
            self.assertEqual((entries.last().actor_id, entries.last().plan_id), (self.sanne.pk, self.plan.pk))
            told = set(Notification.objects.values_list("user_id", "kind"))
            self.assertEqual(
                told,
                {
                    (self.alice.pk, Notification.Kind.REFERRAL_CHANGED),
                    (self.bob.pk, Notification.Kind.REFERRAL_CHANGED),
                },
                action,
            )
        self.assertEqual(referral.outcome, Referral.Outcome.WITHDREW)
