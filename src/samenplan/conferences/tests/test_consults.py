"""Consults about one part of a plan: asking, the resident's yes, no and withdrawal, what
the organisation asked sees while it is open and after, and the plan page's section."""

import uuid

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Consult
from samenplan.conferences.selectors.consults import plan_consults
from samenplan.notifications.models import Notification
from samenplan.plans.models import StoryVersion
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ConsultFactory, GoalFactory, UserFactory

QUESTION = "Alice wil weten of ze met haar schulden nog kan verhuizen."


class PlanConsultTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.domain = cls.plan_domain()
        StoryVersion.objects.create(plan=cls.plan, number=2, text="MARKER-STORY", written_by=cls.bob)
        GoalFactory(plan=cls.plan, text="MARKER-GOAL")

    def ask(self, part=Part.STORY, **extra):
        data = {
            "to_organisation": self.debt_team.pk,
            "domain": self.domain.pk,
            "part": part,
            "question": QUESTION,
            "submit_token": str(uuid.uuid4()),
            **extra,
        }
        return self.client.post(f"/consult/nieuw/?plan={self.plan.pk}", data)

    def consult(self, status=Consult.Status.AWAITING_CONSENT, **fields):
        values = {
            "asked_by": self.bob,
            "from_organisation": self.social_team,
            "to_organisation": self.debt_team,
            "domain": self.domain,
            "plan": self.plan,
            "part": Part.STORY,
            "question": QUESTION,
            "status": status,
        }
        if status != Consult.Status.AWAITING_CONSENT:
            values |= {"consented_by": self.alice, "consented_at": timezone.now()}
        return ConsultFactory(**(values | fields))

    def fresh(self, consult):
        return Consult.objects.get(pk=consult.pk)

    def plan_url(self, consult):
        return f"/plans/{self.plan.pk}/overleg/consult/{consult.pk}/"

    def post_resident(self, consult, action, version=None, user=None):
        self.login(user or self.alice)
        version = version or self.fresh(consult).version
        return self.client.post(self.plan_url(consult), {"action": action, "version": version})

    # Asking ----------------------------------------------------------------------------

    def test_a_professional_in_the_plan_asks_about_one_part_and_the_resident_is_asked(self):
        self.login(self.bob)
        page = self.client.get(f"/consult/nieuw/?plan={self.plan.pk}")
        self.assertContains(page, "Vraag een andere organisatie over het plan van Alice")
        self.assertContains(page, "Alice&#x27;s verhaal")
        self.assertNotContains(page, 'value="conversations"')
        response = self.ask()
        consult = Consult.objects.get()
        self.assertRedirects(response, f"/consult/{consult.pk}/", fetch_redirect_response=False)
        self.assertEqual(
            (consult.status, consult.plan, consult.part), (Consult.Status.AWAITING_CONSENT, self.plan, "story")
        )
        told = Notification.objects.get(kind=Notification.Kind.CONSULT_CONSENT)
        self.assertEqual((told.user, told.url), (self.alice, self.plan_url(consult)))
        self.assertFalse(Notification.objects.filter(kind=Notification.Kind.CONSULT_RECEIVED).exists())
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).latest("id")
        self.assertEqual((entry.plan_id, entry.records), (self.plan.pk, f",consult:{consult.pk},"))
        page = self.client.get(response.url)
        self.assertContains(page, "Alice krijgt een bericht en beslist eerst.")
        self.assertContains(page, "Alice beslist eerst. Schuldhulp ziet niets voordat Alice ja zegt.")

    def test_a_question_about_a_plan_may_name_the_resident(self):
        self.login(self.bob)
        self.ask()
        self.assertEqual(Consult.objects.get().question, QUESTION)

    def test_a_full_representative_is_asked_too(self):
        rita = UserFactory(username="rita", first_name="Rita", last_name="Roos")
        self.add_member(rita, Membership.Role.REPRESENTATIVE, {})
        self.login(self.bob)
        self.ask()
        told = Notification.objects.filter(kind=Notification.Kind.CONSULT_CONSENT)
        self.assertEqual({n.user for n in told}, {self.alice, rita})

    def test_only_parts_the_asker_sees_may_be_chosen(self):
        self.login(self.dave)
        page = self.client.get(f"/consult/nieuw/?plan={self.plan.pk}")
        self.assertContains(page, 'value="goals"')
        self.assertNotContains(page, 'value="network"')
        response = self.ask(part=Part.NETWORK)
        self.assertContains(response, "Selecteer een geldige keuze")
        self.assertContains(response, QUESTION)
        self.assertFalse(Consult.objects.exists())

    def test_who_is_not_a_professional_in_the_plan_cannot_ask_about_it(self):
        url = f"/consult/nieuw/?plan={self.plan.pk}"
        self.assert_not_found_for([self.charlie, self.alice, self.carol, self.erin, self.ann, self.pam, self.brit], url)
        self.assert_not_found_for([self.charlie, self.alice], url, method="post", data={"question": "x"})
        self.assert_not_found_for([self.bob], "/consult/nieuw/?plan=987654")
        self.assertFalse(Consult.objects.exists())

    def test_nobody_asks_about_a_closed_plan(self):
        self.plan.status = "closed"
        self.plan.save(update_fields=["status"])
        self.assert_not_found_for([self.bob], f"/consult/nieuw/?plan={self.plan.pk}")

    # The resident's side ---------------------------------------------------------------

    def test_the_resident_sees_who_asks_whom_about_what(self):
        consult = self.consult()
        self.login(self.alice)
        page = self.client.get(self.plan_url(consult))
        self.assertContains(page, "Vraag aan Schuldhulp")
        self.assertContains(page, "Bob Bakker, Sociaal Team West")
        self.assertContains(page, "Mijn verhaal")
        self.assertContains(page, QUESTION)
        self.assertContains(page, "Ja, dat mag")
        self.assertContains(page, "Nee")
        entry = AuditEntry.objects.latest("id")
        self.assertEqual((entry.plan_id, entry.records), (self.plan.pk, f",consult:{consult.pk},"))

    def test_only_the_resident_side_opens_the_plan_page_of_a_consult(self):
        consult = self.consult()
        others = [self.bob, self.carol, self.dave, self.erin, *self.outsiders]
        self.assert_not_found_for(others, self.plan_url(consult))
        self.assert_not_found_for(
            others, self.plan_url(consult), method="post", data={"action": "consent", "version": 1}
        )
        self.assertEqual(self.fresh(consult).status, Consult.Status.AWAITING_CONSENT)
        self.assert_not_found_for([self.alice], f"/plans/{self.plan.pk}/overleg/consult/987654/")

    def test_yes_sends_it_and_the_organisation_asked_is_told(self):
        consult = self.consult()
        response = self.post_resident(consult, "consent")
        self.assertRedirects(response, self.plan_url(consult), fetch_redirect_response=False)
        consult = self.fresh(consult)
        self.assertEqual((consult.status, consult.consented_by), (Consult.Status.OPEN, self.alice))
        self.assertFalse(consult.consent_on_behalf)
        told = Notification.objects.filter(kind=Notification.Kind.CONSULT_RECEIVED)
        self.assertEqual({n.user for n in told}, {self.dave})
        self.assertEqual({n.url for n in told}, {f"/consult/{consult.pk}/"})
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.SHARE).latest("id")
        self.assertEqual((entry.actor_id, entry.records), (self.alice.pk, f",consult:{consult.pk},"))
        page = self.client.get(self.plan_url(consult))
        self.assertContains(page, "Schuldhulp ziet nu de vraag en dit ene deel")
        self.assertContains(page, "Trek mijn toestemming in")

    def test_no_stops_it_and_the_organisation_asked_never_sees_it(self):
        consult = self.consult()
        self.post_resident(consult, "decline")
        self.assertEqual(self.fresh(consult).status, Consult.Status.CANCELLED)
        self.assertEqual(AuditEntry.objects.filter(action=AuditEntry.Action.SHARE).count(), 1)
        self.assert_not_found_for([self.dave], f"/consult/{consult.pk}/")
        self.login(self.dave)
        self.assertNotContains(self.client.get("/consult/"), f"/consult/{consult.pk}/")

    def test_withdrawing_while_open_closes_the_plan_to_the_organisation_asked(self):
        consult = self.consult(Consult.Status.OPEN)
        self.post_resident(consult, "cancel")
        self.assertEqual(self.fresh(consult).status, Consult.Status.CANCELLED)
        self.login(self.dave)
        page = self.client.get(f"/consult/{consult.pk}/")
        self.assertNotContains(page, "MARKER-STORY")
        self.assertNotContains(page, "Alice ·")
        self.assertNotContains(page, "Alice&#x27;s verhaal")
        self.assertContains(page, "je ziet niet meer over wie het ging")

    def test_a_stale_yes_is_refused_plainly(self):
        consult = self.consult()
        self.login(self.bob)
        self.client.post(f"/consult/{consult.pk}/", {"action": "cancel", "version": 1})
        response = self.post_resident(consult, "consent", version=1)
        self.assertEqual(self.fresh(consult).status, Consult.Status.CANCELLED)
        page = self.client.get(response.url)
        self.assertContains(page, "Er is intussen iets veranderd: deze vraag staat nu op “Gestopt”.")
        self.assertNotContains(page, "Ja, dat mag")

    def test_a_representative_for_all_parts_decides_on_her_behalf(self):
        rita = UserFactory(username="rita", first_name="Rita", last_name="Roos")
        self.add_member(rita, Membership.Role.REPRESENTATIVE, {})
        consult = self.consult()
        self.post_resident(consult, "consent", user=rita)
        consult = self.fresh(consult)
        self.assertEqual((consult.status, consult.consented_by), (Consult.Status.OPEN, rita))
        self.assertTrue(consult.consent_on_behalf)

    # The organisation asked ------------------------------------------------------------

    def test_while_open_the_organisation_asked_sees_the_first_name_and_only_the_consented_part(self):
        consult = self.consult(Consult.Status.OPEN)
        for user in (self.dave, UserFactory(username="dirk", role="professional", organisation=self.debt_team)):
            self.login(user)
            page = self.client.get(f"/consult/{consult.pk}/")
            self.assertContains(page, "Alice · Alice&#x27;s verhaal")
            self.assertContains(page, "MARKER-STORY")
            self.assertContains(page, QUESTION)
            self.assertNotContains(page, "MARKER-GOAL")
            self.assertNotContains(page, "Aarts")
        entry = AuditEntry.objects.latest("id")
        self.assertEqual(
            (entry.plan_id, entry.parts, entry.records), (self.plan.pk, ",story,", f",consult:{consult.pk},")
        )

    def test_before_the_resident_says_yes_the_organisation_asked_sees_nothing(self):
        consult = self.consult()
        self.assert_not_found_for([self.dave], f"/consult/{consult.pk}/")
        self.login(self.dave)
        self.assertNotContains(self.client.get("/consult/"), f"/consult/{consult.pk}/")

    def test_after_answering_no_name_and_no_part_only_the_question_and_answer(self):
        consult = self.consult(Consult.Status.OPEN)
        self.login(self.dave)
        self.client.post(
            f"/consult/{consult.pk}/", {"action": "answer", "answer": "Dat kan, met toestemming.", "version": 1}
        )
        self.assertEqual(self.fresh(consult).status, Consult.Status.ANSWERED)
        page = self.client.get(f"/consult/{consult.pk}/")
        self.assertContains(page, QUESTION)
        self.assertContains(page, "Dat kan, met toestemming.")
        self.assertNotContains(page, "MARKER-STORY")
        self.assertNotContains(page, "Alice&#x27;s verhaal")
        self.assertNotContains(page, "Alice ·")
        self.login(self.alice)
        page = self.client.get(self.plan_url(consult))
        self.assertContains(page, "Dat kan, met toestemming.")
        self.assertContains(page, "Ze zien niets meer van het plan.")

    def test_the_asker_sees_the_part_named_but_not_shown(self):
        consult = self.consult(Consult.Status.OPEN)
        self.login(self.bob)
        page = self.client.get(f"/consult/{consult.pk}/")
        self.assertContains(page, "Alice&#x27;s verhaal")
        self.assertNotContains(page, "MARKER-STORY")

    def test_a_closed_plan_shows_nothing_to_the_organisation_asked(self):
        consult = self.consult(Consult.Status.OPEN)
        self.plan.status = "closed"
        self.plan.save(update_fields=["status"])
        self.login(self.dave)
        page = self.client.get(f"/consult/{consult.pk}/")
        self.assertNotContains(page, "MARKER-STORY")

    # The plan page's section -----------------------------------------------------------

    def render_section(self, user):
        access = access_for(user, self.plan)
        request = RequestFactory().get("/")
        request.user = user
        return render_to_string(
            "conferences/_plan_consults.html",
            {"consults": plan_consults(access=access), "access": access, "plan": self.plan},
            request=request,
        )

    def test_the_plan_page_lists_the_consults_to_the_resident_and_offers_asking_to_professionals(self):
        consult = self.consult()
        html = self.render_section(self.alice)
        self.assertIn("Vragen aan andere organisaties", html)
        self.assertIn(self.plan_url(consult), html)
        self.assertIn("Wacht op de inwoner", html)
        self.assertNotIn("Vraag een andere organisatie om raad", html)
        html = self.render_section(self.bob)
        self.assertNotIn(self.plan_url(consult), html)
        self.assertIn(f"/consult/nieuw/?plan={self.plan.pk}", html)
        self.assertIn("Vraag een andere organisatie om raad", html)

    def test_the_section_is_left_out_when_there_is_nothing_to_show(self):
        self.assertEqual(self.render_section(self.carol).strip(), "")
        self.assertEqual(self.render_section(self.alice).strip(), "")
