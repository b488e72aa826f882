from django.contrib.auth import get_user_model
from django.core import mail

from samenplan.accounts.models import User
from samenplan.plans.models import Plan
from samenplan.sharing.models import Grant, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase


class IntakeTestCase(BaseTestCase):
    def data(self, **overrides):
        data = {
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "email": "fatima@example.org",
            "phone": "",
            "wijk": self.wijk.pk,
            "story": "Ik ben mijn baan kwijt en heb een huurachterstand.",
            "consent": "on",
        }
        for part in Part:
            data[f"part_{part.value}"] = str(Level.CONTRIBUTE)
        data[f"part_{Part.CONVERSATIONS.value}"] = str(Level.NONE)
        data[f"part_{Part.STRENGTHS.value}"] = str(Level.VIEW)
        return data | overrides

    def test_it_starts_a_plan_owned_by_the_resident(self):
        self.login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/intake/", self.data())
        resident = get_user_model().objects.get(email="fatima@example.org")
        plan = Plan.objects.get(owner=resident)
        self.assertRedirects(response, f"/plans/{plan.pk}/", fetch_redirect_response=False)
        self.assertEqual(resident.role, User.Role.RESIDENT)
        self.assertFalse(resident.has_usable_password())
        self.assertEqual(plan.status, Plan.Status.INTAKE)
        story = plan.story_versions.get()
        self.assertEqual((story.number, story.written_by, story.confirmed_at), (1, self.bob, None))

    def test_the_professional_becomes_coordinator_with_the_agreed_access(self):
        self.login(self.bob)
        self.client.post("/intake/", self.data())
        plan = Plan.objects.get(owner__email="fatima@example.org")
        membership = Membership.objects.get(plan=plan, user=self.bob)
        self.assertEqual(membership.role, Membership.Role.COORDINATOR)
        levels = dict(Grant.objects.filter(membership=membership).values_list("part", "level"))
        self.assertEqual(levels[Part.STORY], Level.CONTRIBUTE)
        self.assertEqual(levels[Part.STRENGTHS], Level.VIEW)
        self.assertNotIn(Part.CONVERSATIONS, levels)
        decision = SharingDecision.objects.get(plan=plan)
        self.assertEqual(decision.context, SharingDecision.Context.INTAKE)
        recorded = {entry["part"]: entry["level"] for entry in decision.grants}
        self.assertEqual(len(recorded), len(Part))
        self.assertEqual(recorded[Part.CONVERSATIONS], Level.NONE)

    def test_it_emails_a_neutral_activation_link(self):
        self.login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/intake/", self.data())
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["fatima@example.org"])
        self.assertIn("/accounts/activate/", message.body)
        self.assertNotIn("huurachterstand", message.body)
        link = message.body.split("http://127.0.0.1:8000")[1].split()[0]
        self.client.logout()
        self.assertContains(self.client.get(link), "Kies een wachtwoord")

    def test_the_coordinator_can_send_the_link_again(self):
        self.login(self.bob)
        self.client.post("/intake/", self.data())
        plan = Plan.objects.get(owner__email="fatima@example.org")
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/plans/{plan.pk}/activation/resend/")
        self.assertRedirects(response, f"/plans/{plan.pk}/", fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 1)

    def test_only_the_coordinator_can_send_the_link_again(self):
        self.assert_not_found_for(
            [self.carol, self.dave, self.charlie], f"/plans/{self.plan.pk}/activation/resend/", method="post"
        )

    def test_it_requires_the_residents_consent_and_keeps_the_input(self):
        self.login(self.bob)
        response = self.client.post("/intake/", self.data(consent=""))
        self.assertContains(response, 'id="id_consent_error"')
        self.assertContains(response, "Ik ben mijn baan kwijt en heb een huurachterstand.")
        self.assertContains(response, 'value="fatima@example.org"')
        self.assertFalse(Plan.objects.filter(owner__email="fatima@example.org").exists())

    def test_it_never_tells_whether_an_address_has_an_account(self):
        self.login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            taken = self.client.post("/intake/", self.data(email="ALICE@example.org"), follow=True)
        with self.captureOnCommitCallbacks(execute=True):
            free = self.client.post("/intake/", self.data(email="nobody-yet@example.org", last_name="B"), follow=True)
        message = "Als het e-mailadres klopt, krijgt Fatima"
        self.assertContains(taken, message)
        self.assertContains(free, message)
        self.assertNotContains(taken, "al een account")
        # The new resident does not get the address; its owner gets a neutral note instead.
        resident = Plan.objects.exclude(pk=self.plan.pk).order_by("pk").first().owner
        self.assertEqual(resident.email, "")
        self.assertEqual(mail.outbox[0].to, ["ALICE@example.org"])
        self.assertNotIn("/accounts/activate/", mail.outbox[0].body)
        self.assertNotIn("Fatima", mail.outbox[0].body)
        self.assertIn("/accounts/activate/", mail.outbox[1].body)

    def test_empty_required_fields_get_an_error_each(self):
        self.login(self.bob)
        response = self.client.post("/intake/", {})
        for field in ("first_name", "last_name", "wijk", "story", "consent"):
            self.assertContains(response, f'id="id_{field}_error"')
        # No email address is fine: the coordinator prints a letter with a code instead.
        self.assertNotContains(response, 'id="id_email_error"')
        self.assertContains(response, 'class="error-summary"')

    def test_a_story_over_the_limit_is_refused_and_kept(self):
        self.login(self.bob)
        response = self.client.post("/intake/", self.data(story="x" * 20_001))
        self.assertContains(response, 'id="id_story_error"')
        self.assertFalse(Plan.objects.filter(owner__email="fatima@example.org").exists())

    def test_only_professionals_of_an_intake_organisation_may_start_one(self):
        self.assert_not_found_for([self.alice, self.carol, self.dave, self.ann], "/intake/")

    def test_the_coordinator_must_be_allowed_to_see_at_least_one_part(self):
        self.login(self.bob)
        response = self.client.post("/intake/", self.data(**{f"part_{part.value}": "0" for part in Part}))
        self.assertContains(response, "Kies minstens één deel")
        self.assertContains(response, "Ik ben mijn baan kwijt")
        self.assertEqual(Plan.objects.count(), 1)

    def test_it_suggests_view_and_add_everywhere_so_the_coordinator_can_answer_messages(self):
        self.login(self.bob)
        response = self.client.get("/intake/")
        for part in Part:
            self.assertContains(
                response,
                f'name="part_{part.value}" value="{Level.CONTRIBUTE}" class="inline" required '
                f'id="id_part_{part.value}_0" checked',
            )
        self.assertContains(response, "ook voor berichten")
        self.assertContains(response, "Om berichten in het plan te lezen en te beantwoorden.")
