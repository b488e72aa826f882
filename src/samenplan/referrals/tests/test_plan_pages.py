"""The plan's side of a referral: "Wie helpt mij", proposing, consent, stopping."""

import re
import uuid
from datetime import date, timedelta

import time_machine
from django.http import Http404
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.sharing import policy
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import GoalFactory, OrganisationFactory, ReferralFactory, ServiceFactory, UserFactory

TODAY = date(2026, 3, 4)  # a Wednesday


@time_machine.travel(TODAY)
class PlanReferralTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.budget = ServiceFactory(organisation=cls.debt_team, name="Budgetcoaching")
        # Sanne works at the receiving organisation and is not in the plan.
        cls.sanne = UserFactory(
            username="sanne",
            first_name="Sanne",
            last_name="de Vries",
            role=User.Role.PROFESSIONAL,
            organisation=cls.debt_team,
        )

    def setUp(self):
        self.list_url = f"/plans/{self.plan.pk}/referrals/"
        self.new_url = f"/plans/{self.plan.pk}/referrals/new/?service={self.budget.pk}"

    def url(self, referral):
        return f"/plans/{self.plan.pk}/referrals/{referral.pk}/"

    def entries_for(self, method, url, data=None):
        before = AuditEntry.objects.count()
        response = getattr(self.client, method)(url, data or {})
        return response, list(AuditEntry.objects.order_by("id")[before:])

    def propose(self, user=None, **data):
        self.login(user or self.bob)
        data = {"question": "Ik kom er met mijn rekeningen niet uit.", "submit_token": str(uuid.uuid4())} | data
        return self.client.post(self.new_url, data)

    def consent_data(self, referral, **data):
        return {"action": "consent", "version": referral.version, "contact_channel": "email"} | data

    def sent(self, parts=(), **fields):
        """A referral alice consented to, through the services."""
        referral = services.referral_propose(
            access=policy.plan_access(self.bob, self.plan.pk), service=self.budget, question="Help met schulden"
        )
        ra = policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), referral.pk)
        return services.referral_consent(
            referral_access=ra,
            version=referral.version,
            parts=list(parts),
            until=None,
            contact_channel="email",
            no_phone=False,
        )

    # "Wie helpt mij" --------------------------------------------------------------------

    def test_every_state_is_said_in_plain_words(self):
        now = timezone.now()
        other = ServiceFactory(name="Thuisadministratie", organisation=OrganisationFactory(name="Humanitas"))
        make = ReferralFactory
        make(plan=self.plan, service=self.budget)
        make(plan=self.plan, service=self.budget, status="requested", consented_at=now - timedelta(days=3))
        make(plan=self.plan, service=self.budget, status="accepted", assigned_to=self.sanne, consented_at=now)
        make(plan=self.plan, service=self.budget, status="in_progress", assigned_to=self.sanne, consented_at=now)
        make(plan=self.plan, service=self.budget, status="completed", outcome="helped", outcome_note="Alles betaald.")
        make(plan=self.plan, service=self.budget, status="rejected", reason="Geen plek", suggested_service=other)
        make(plan=self.plan, service=self.budget, status="cancelled")
        make(plan=self.plan, service=self.budget, status="failed", reason="Geen contact")
        self.login(self.alice)
        response = self.client.get(self.list_url)
        self.assertEqual(response.status_code, 200)
        for words in (
            "Wacht op jouw toestemming",
            "Verstuurd naar Schuldhulp, wacht op antwoord (3 dagen)",
            "Schuldhulp gaat je helpen (Sanne de Vries). Eerst maken jullie kennis.",
            "Schuldhulp helpt je nu (Sanne de Vries)",
            "Afgerond: geholpen",
            "Alles betaald.",
            "Niet aangenomen: Geen plek; misschien kan Thuisadministratie (Humanitas) helpen",
            "Gestopt voordat het verstuurd was",
            "Kon niet doorgaan: Geen contact",
        ):
            self.assertContains(response, words)
        self.assertContains(response, "<h1>Wie helpt mij</h1>", html=True)
        # bob speaks of alice
        self.login(self.bob)
        response = self.client.get(self.list_url)
        self.assertContains(response, "<h1>Wie helpt Alice</h1>", html=True)
        self.assertContains(response, "Wacht op toestemming van Alice")
        self.assertContains(response, "Schuldhulp helpt Alice nu (Sanne de Vries)")

    def test_an_overdue_referral_is_marked(self):
        ReferralFactory(
            plan=self.plan,
            service=self.budget,
            status="requested",
            consented_at=timezone.now() - timedelta(days=9),
            respond_by=TODAY - timedelta(days=1),
        )
        ReferralFactory(plan=self.plan, service=self.budget, status="requested", respond_by=TODAY)
        self.login(self.alice)
        response = self.client.get(self.list_url)
        self.assertContains(response, "Langer dan 5 werkdagen geen antwoord", count=1)
        self.assertContains(response, "item--overdue", count=1)

    def test_the_professionals_in_the_plan_are_listed_with_their_organisation(self):
        self.login(self.alice)
        response = self.client.get(self.list_url)
        self.assertContains(response, "Bob Bakker")
        self.assertContains(response, "Sociaal Team West")
        self.assertContains(response, "Dave Dekker")
        self.assertNotContains(response, "Carol Claes")  # family, not a professional

    def test_who_does_not_see_the_network_sees_the_referrals_but_not_who_is_in_the_plan(self):
        ReferralFactory(plan=self.plan, service=self.budget)
        self.login(self.dave)
        response = self.client.get(self.list_url)
        self.assertContains(response, "Budgetcoaching")
        self.assertNotContains(response, "Bob Bakker")

    def test_the_map_button_only_for_who_may_propose(self):
        self.login(self.carol)
        response = self.client.get(self.list_url)
        self.assertContains(response, f'href="/sociale-kaart/?plan={self.plan.pk}"')
        self.login(self.dave)
        response = self.client.get(self.list_url)
        self.assertNotContains(response, "/sociale-kaart/?plan=")

    def test_the_menu_offers_who_helps_to_who_sees_agreements(self):
        self.login(self.alice)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/"), f'href="{self.list_url}"')
        self.login(self.dave)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/"), "Wie helpt Alice")
        # a member without the agreements part
        self.bob_membership.grants.filter(part=Part.AGREEMENTS).delete()
        self.login(self.bob)
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/"), f'href="{self.list_url}"')
        self.assertEqual(self.client.get(self.list_url).status_code, 404)

    def test_the_list_does_not_grow_queries_with_referrals(self):
        self.login(self.alice)
        ReferralFactory(plan=self.plan, service=self.budget, status="in_progress", assigned_to=self.sanne)
        self.client.get(self.list_url)  # the first request after logging in does more
        with self.assertNumQueriesCounted() as one:
            self.client.get(self.list_url)
        for status in ("requested", "rejected", "completed", "accepted", "awaiting_consent"):
            ReferralFactory(
                plan=self.plan,
                service=ServiceFactory(),
                status=status,
                assigned_to=self.sanne,
                suggested_service=ServiceFactory(),
            )
            ReferralFactory(plan=self.plan, service=ServiceFactory(), status=status, proposed_by=self.bob)
        with self.assertNumQueries(one.count):
            response = self.client.get(self.list_url)
        self.assertEqual(len(response.context["page"].open_referrals + response.context["page"].closed_referrals), 11)

    def assertNumQueriesCounted(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        class Counted(CaptureQueriesContext):
            @property
            def count(self):
                return len(self.captured_queries)

        return Counted(connection)

    def test_outsiders_and_members_without_agreements_get_404(self):
        referral = ReferralFactory(plan=self.plan, service=self.budget)
        for url in (self.list_url, self.new_url, self.url(referral)):
            self.assert_not_found_for([self.erin, self.charlie, self.ann, self.pam, self.sanne], url)
            self.assert_not_found_for([self.erin, self.charlie, self.sanne], url, method="post", data={"x": 1})

    # Proposing --------------------------------------------------------------------------

    def test_the_coordinator_proposes_and_alice_is_told(self):
        goal = GoalFactory(plan=self.plan, text="Schulden op een rij")
        response = self.propose(goals=[goal.pk], urgent="on")
        referral = Referral.objects.get()
        self.assertRedirects(response, self.url(referral), fetch_redirect_response=False)
        self.assertEqual(
            (referral.status, referral.priority, referral.proposed_by, list(referral.goals.all())),
            ("awaiting_consent", "urgent", self.bob, [goal]),
        )
        self.assertEqual(referral.organisation, self.debt_team)
        note = Notification.objects.get(user=self.alice)
        self.assertEqual((note.kind, note.url), ("referral_consent", self.url(referral)))
        response = self.client.get(self.url(referral))
        self.assertContains(
            response, "De verwijzing is voorgesteld. Alice krijgt een bericht en beslist wat Schuldhulp mag zien."
        )
        self.assertNotContains(response, 'name="parts"')  # bob cannot consent for alice

    def test_the_form_shows_the_service_and_speaks_to_whom_it_should(self):
        self.login(self.bob)
        response = self.client.get(self.new_url)
        self.assertContains(response, "Budgetcoaching")
        self.assertContains(response, "Schuldhulp")
        self.assertContains(response, "in de woorden van Alice")
        self.assertContains(response, 'name="submit_token"')
        self.login(self.alice)
        response = self.client.get(self.new_url)
        self.assertContains(response, "in je eigen woorden")

    def test_goals_are_offered_only_to_who_sees_them(self):
        GoalFactory(plan=self.plan, text="Schulden op een rij")
        self.plan.memberships.get(user=self.carol).grants.filter(part=Part.GOALS).delete()
        self.login(self.carol)
        response = self.client.get(self.new_url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Schulden op een rij")
        self.assertNotContains(response, 'name="goals"')

    def test_carol_may_propose_and_dave_may_not(self):
        response = self.propose(self.carol)
        self.assertEqual(Referral.objects.get().proposed_by, self.carol)
        self.assertEqual(response.status_code, 302)
        self.login(self.dave)
        self.assertEqual(self.client.get(self.new_url).status_code, 404)
        response = self.propose(self.dave)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Referral.objects.count(), 1)
        # dave does see the referral, without any action
        response = self.client.get(self.url(Referral.objects.get()))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="action"')

    def test_alice_proposing_goes_straight_on_to_consent(self):
        response = self.propose(self.alice)
        referral = Referral.objects.get()
        self.assertRedirects(response, self.url(referral) + "#consent", fetch_redirect_response=False)
        self.assertFalse(Notification.objects.filter(user=self.alice).exists())
        response = self.client.get(self.url(referral))
        self.assertContains(response, 'id="consent"')
        self.assertContains(response, "Pas als je op Versturen drukt, ziet Schuldhulp je vraag")

    def test_a_double_submit_makes_one_referral(self):
        token = str(uuid.uuid4())
        first = self.propose(submit_token=token)
        second = self.propose(submit_token=token)
        self.assertEqual(Referral.objects.count(), 1)
        self.assertEqual(first["Location"], second["Location"])

    def test_bad_input_is_kept_with_a_message_by_the_field(self):
        self.login(self.bob)
        response = self.client.post(self.new_url, {"question": "", "submit_token": str(uuid.uuid4()), "urgent": "on"})
        self.assertContains(response, 'id="id_question_error"')
        self.assertContains(response, 'name="urgent" id="id_urgent" checked', html=False)
        self.assertFalse(Referral.objects.exists())

    def test_without_a_service_that_takes_referrals_a_message_and_a_link_to_the_map(self):
        closed = ServiceFactory(organisation=self.debt_team, accepts_referrals=False)
        self.login(self.bob)
        for url in (f"/plans/{self.plan.pk}/referrals/new/", f"{self.list_url}new/?service={closed.pk}"):
            response = self.client.get(url)
            self.assertContains(response, "Kies eerst hulp op de sociale kaart")
            self.assertContains(response, f'href="/sociale-kaart/?plan={self.plan.pk}"')
            self.assertNotContains(response, 'name="question"')
        self.client.post(
            f"{self.list_url}new/?service={closed.pk}", {"question": "x", "submit_token": str(uuid.uuid4())}
        )
        self.assertFalse(Referral.objects.exists())

    def test_proposing_is_audited(self):
        self.login(self.bob)
        response, entries = self.entries_for(
            "post", self.new_url, {"question": "Vraag", "submit_token": str(uuid.uuid4())}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual([(e.action, e.actor_id, e.plan_id) for e in entries], [("create", self.bob.pk, self.plan.pk)])
        self.assertIn(Part.AGREEMENTS, entries[0].part_list)

    # Consent ----------------------------------------------------------------------------

    def test_the_consent_form_offers_every_part_but_conversations_none_ticked(self):
        self.propose()
        referral = Referral.objects.get()
        self.login(self.alice)
        response = self.client.get(self.url(referral))
        form = response.context["consent_form"]
        self.assertEqual(len(re.findall(r'name="parts"', response.content.decode())), 8)
        self.assertEqual(re.findall(r'name="parts"[^>]*checked', response.content.decode()), [])
        self.assertNotIn(Part.CONVERSATIONS, [key for key, _label in form.fields["parts"].choices])
        self.assertContains(response, "Mijn verhaal")
        self.assertContains(response, "Standaard zien ze alleen de vraag")
        self.assertNotContains(response, 'value="conversations"')

    def test_alice_consents_to_two_parts_and_the_receiver_sees_only_those(self):
        self.propose()
        referral = Referral.objects.get()
        self.login(self.alice)
        response, entries = self.entries_for(
            "post",
            self.url(referral),
            self.consent_data(referral, parts=["story", "goals"], no_phone="on", until="2026-06-30"),
        )
        self.assertRedirects(response, self.url(referral), fetch_redirect_response=False)
        referral.refresh_from_db()
        self.assertEqual(
            (referral.status, referral.consent_parts, referral.consent_until, referral.no_phone, referral.consented_by),
            ("requested", ["story", "goals"], date(2026, 6, 30), True, self.alice),
        )
        self.assertEqual([(e.action, e.actor_id) for e in entries], [("share", self.alice.pk)])
        received = policy.received_referral(self.sanne, referral.pk)
        self.assertEqual(received.plan_access.visible_parts, [Part.STORY, Part.GOALS])
        # the team and the proposer are told
        self.assertTrue(Notification.objects.filter(user=self.sanne, kind="referral_received").exists())
        self.assertTrue(Notification.objects.filter(user=self.bob, kind="referral_changed").exists())
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Mijn verhaal, Doelen")
        self.assertContains(response, "Vandaag verstuurd naar Schuldhulp, wacht op antwoord")

    def test_conversations_are_refused_by_the_form_and_the_service(self):
        self.propose()
        referral = Referral.objects.get()
        self.login(self.alice)
        response = self.client.post(self.url(referral), self.consent_data(referral, parts=["conversations"]))
        self.assertContains(response, 'id="id_parts_error"')
        referral.refresh_from_db()
        self.assertEqual(referral.status, "awaiting_consent")
        ra = policy.plan_referral(policy.plan_access(self.alice, self.plan.pk), referral.pk)
        with self.assertRaises(ValueError):
            services.referral_consent(
                referral_access=ra,
                version=referral.version,
                parts=[Part.STORY, Part.CONVERSATIONS],
                until=None,
                contact_channel="email",
                no_phone=False,
            )
        referral.refresh_from_db()
        self.assertEqual(referral.status, "awaiting_consent")

    def test_bad_consent_input_is_kept(self):
        self.propose()
        referral = Referral.objects.get()
        self.login(self.alice)
        response = self.client.post(
            self.url(referral),
            self.consent_data(referral, parts=["story"], until="2026-03-01", contact_channel="phone", no_phone="on"),
        )
        self.assertContains(response, 'id="id_until_error"')
        self.assertContains(response, 'id="id_contact_channel_error"')
        self.assertContains(response, 'value="story" id="id_parts_0" checked', html=False)
        referral.refresh_from_db()
        self.assertEqual(referral.status, "awaiting_consent")

    def test_only_alice_or_a_full_representative_consents(self):
        self.propose()
        referral = Referral.objects.get()
        for user in (self.bob, self.carol, self.dave):
            self.login(user)
            response = self.client.post(self.url(referral), self.consent_data(referral))
            self.assertEqual(response.status_code, 404, user)
        partial = UserFactory(first_name="Paul", role=User.Role.NETWORK)
        membership = self.add_member(partial, Membership.Role.REPRESENTATIVE, {Part.AGREEMENTS: Level.VIEW})
        membership.represents = [Part.AGREEMENTS]
        membership.save()
        self.login(partial)
        self.assertNotContains(self.client.get(self.url(referral)), 'name="parts"')
        self.assertEqual(self.client.post(self.url(referral), self.consent_data(referral)).status_code, 404)
        membership.represents = []
        membership.save()
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Toestemming namens Alice")
        response = self.client.post(self.url(referral), self.consent_data(referral, parts=["goals"]))
        self.assertEqual(response.status_code, 302)
        referral.refresh_from_db()
        self.assertEqual(
            (referral.status, referral.consented_by, referral.consent_on_behalf), ("requested", partial, True)
        )

    def test_a_conflict_says_what_changed_and_keeps_the_choice(self):
        self.propose()
        referral = Referral.objects.get()
        self.login(self.alice)
        stale = self.consent_data(referral, parts=["story"], version=referral.version)
        # bob stops it meanwhile
        ra = policy.plan_referral(policy.plan_access(self.bob, self.plan.pk), referral.pk)
        services.referral_cancel(referral_access=ra, version=referral.version)
        response = self.client.post(self.url(referral), stale)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is intussen iets veranderd")
        self.assertContains(response, "Gestopt voordat het verstuurd was")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "cancelled")

    def test_an_old_version_is_a_conflict_and_the_form_keeps_the_input(self):
        self.propose()
        referral = Referral.objects.get()
        Referral.objects.filter(pk=referral.pk).update(version=5)
        self.login(self.alice)
        response = self.client.post(self.url(referral), self.consent_data(referral, parts=["story"], version=1))
        self.assertContains(response, "Er is intussen iets veranderd")
        self.assertContains(response, 'value="story" id="id_parts_0" checked', html=False)
        self.assertContains(response, 'name="version" value="5"', html=False)

    # Stopping and extending -------------------------------------------------------------

    def test_withdrawal_takes_effect_on_the_next_request(self):
        referral = self.sent(parts=[Part.STORY])
        received = policy.received_referral(self.sanne, referral.pk)
        services.referral_accept(referral_access=received, version=referral.version)
        referral.refresh_from_db()
        self.assertIn(Part.STORY, policy.plan_access(self.sanne, self.plan.pk).visible_parts)
        self.login(self.alice)
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Toestemming intrekken en stoppen")
        response, entries = self.entries_for(
            "post", self.url(referral), {"action": "cancel", "version": referral.version}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual([(e.action, e.actor_id) for e in entries], [("share", self.alice.pk)])
        with self.assertRaises(Http404):
            policy.plan_access(self.sanne, self.plan.pk)
        self.assertEqual(policy.received_referral(self.sanne, referral.pk).plan_access.visible_parts, [])
        self.assertTrue(Notification.objects.filter(user=self.sanne, kind="referral_changed").exists())

    def test_withdrawal_also_ends_an_extension(self):
        referral = self.sent(parts=[Part.STORY])
        services.referral_accept(
            referral_access=policy.received_referral(self.sanne, referral.pk), version=referral.version
        )
        referral.refresh_from_db()
        self.login(self.alice)
        response = self.client.post(self.url(referral), {"action": "extend", "version": referral.version})
        self.assertEqual(response.status_code, 302)
        referral.refresh_from_db()
        self.assertTrue(referral.extended)
        self.client.post(self.url(referral), {"action": "cancel", "version": referral.version})
        with self.assertRaises(Http404):
            policy.plan_access(self.sanne, self.plan.pk)

    def test_the_proposer_may_stop_and_others_may_not(self):
        self.propose()
        referral = Referral.objects.get()
        for user in (self.carol, self.dave):
            self.login(user)
            response = self.client.post(self.url(referral), {"action": "cancel", "version": referral.version})
            self.assertEqual(response.status_code, 404, user)
        self.login(self.bob)
        self.assertContains(self.client.get(self.url(referral)), "Verwijzing stoppen")
        self.client.post(self.url(referral), {"action": "cancel", "version": referral.version})
        referral.refresh_from_db()
        self.assertEqual(referral.status, "cancelled")
        self.assertTrue(Notification.objects.filter(user=self.alice, kind="referral_changed").exists())

    def test_alice_can_say_no_before_anything_is_sent(self):
        self.propose()
        referral = Referral.objects.get()
        self.login(self.alice)
        self.assertContains(self.client.get(self.url(referral)), "Nee, niet versturen")
        self.client.post(self.url(referral), {"action": "cancel", "version": referral.version})
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.consented_at), ("cancelled", None))
        self.assertFalse(Notification.objects.filter(user=self.sanne).exists())

    def test_extend_is_offered_to_alice_while_open(self):
        referral = self.sent()
        self.login(self.bob)
        self.assertNotContains(self.client.get(self.url(referral)), 'value="extend"')
        self.assertEqual(
            self.client.post(self.url(referral), {"action": "extend", "version": referral.version}).status_code, 404
        )
        self.login(self.alice)
        self.assertContains(self.client.get(self.url(referral)), "Schuldhulp mag na afloop blijven meekijken")
        _response, entries = self.entries_for(
            "post", self.url(referral), {"action": "extend", "version": referral.version}
        )
        self.assertEqual([(e.action, e.actor_id) for e in entries], [("share", self.alice.pk)])
        self.assertNotContains(self.client.get(self.url(referral)), 'value="extend"')

    def test_a_stale_button_is_a_conflict_not_an_error(self):
        referral = self.sent()
        self.login(self.alice)
        self.client.post(self.url(referral), {"action": "cancel", "version": referral.version})
        response = self.client.post(self.url(referral), {"action": "cancel", "version": referral.version})
        self.assertContains(response, "Er is intussen iets veranderd")

    def test_a_broken_post_is_refused_with_a_message(self):
        referral = self.sent()
        self.login(self.alice)
        response = self.client.post(self.url(referral), {"action": "cancel"}, follow=True)
        self.assertContains(response, "Dat lukte niet")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "requested")

    def test_the_history_says_who_did_what(self):
        referral = self.sent(parts=[Part.STORY])
        self.login(self.alice)
        response = self.client.get(self.url(referral))
        self.assertContains(response, "<td>Voorgesteld</td>", html=True)
        self.assertContains(response, "<td>Bob Bakker</td>", html=True)
        self.assertContains(response, "<td>Toestemming gegeven en verstuurd</td>", html=True)
        self.assertContains(response, "<td>Jij</td>", html=True)

    def test_the_referral_page_is_audited_as_a_view_of_the_agreements(self):
        referral = self.sent()
        self.login(self.dave)
        response, entries = self.entries_for("get", self.url(referral))
        self.assertEqual(response.status_code, 200)
        self.assertEqual([(e.action, e.actor_id, e.plan_id) for e in entries], [("view", self.dave.pk, self.plan.pk)])
        self.assertIn(Part.AGREEMENTS, entries[0].part_list)

    def test_a_referral_of_another_plan_is_404(self):
        other = ReferralFactory(service=self.budget)
        self.assert_not_found_for([self.alice], f"/plans/{self.plan.pk}/referrals/{other.pk}/")

    # Page hygiene -----------------------------------------------------------------------

    def test_the_pages_speak_to_alice_and_have_no_inline_script_or_style(self):
        now = timezone.now()
        referrals = [
            ReferralFactory(plan=self.plan, service=self.budget, status=status, consented_at=now, outcome=outcome)
            for status, outcome in (
                ("awaiting_consent", ""),
                ("requested", ""),
                ("completed", "withdrew"),
                ("in_progress", ""),
            )
        ]
        ReferralFactory(plan=self.plan, service=self.budget, on_behalf=True)
        urls = [self.list_url, self.new_url, f"{self.list_url}new/"] + [self.url(r) for r in referrals]
        for user in (self.alice, self.bob, self.dave):
            self.login(user)
            for url in urls:
                response = self.client.get(url)
                if user == self.dave and "new/" in url:
                    self.assertEqual(response.status_code, 404)
                    continue
                self.assertEqual(response.status_code, 200, url)
                page = response.content.decode()
                self.assertNotIn(" style=", page, url)
                self.assertIsNone(re.search(r"<script(?![^>]*\bsrc=)", page), url)
                if user == self.alice:
                    self.assertNotIn("inwoner", page.lower(), url)
        self.login(self.alice)
        self.assertContains(self.client.get(self.list_url), "Afgerond: je bent gestopt")
        self.login(self.bob)
        self.assertContains(self.client.get(self.list_url), "Afgerond: Alice is gestopt")

    def test_a_member_without_agreements_is_refused_and_that_is_logged(self):
        referral = ReferralFactory(plan=self.plan, service=self.budget)
        self.bob_membership.grants.filter(part=Part.AGREEMENTS).delete()
        self.login(self.bob)
        response, entries = self.entries_for("get", self.url(referral))
        self.assertEqual(response.status_code, 404)
        self.assertEqual([(e.actor_id, e.outcome) for e in entries], [(self.bob.pk, "denied")])
