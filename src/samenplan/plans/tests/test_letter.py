import re

from django.core import mail
from django.core.cache import cache

from samenplan.accounts.models import ActivationCode, User
from samenplan.audit.models import AuditEntry
from samenplan.plans.models import Plan
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase


class LetterTestCase(BaseTestCase):
    """A resident without email opens the plan with the code on a printed letter."""

    def setUp(self):
        cache.clear()
        self.login(self.bob)
        data = {
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "email": "",
            "phone": "0612345678",
            "wijk": self.wijk.pk,
            "story": "Ik ben mijn baan kwijt.",
            "consent": "on",
        } | {f"part_{part.value}": str(Level.CONTRIBUTE) for part in Part}
        with self.captureOnCommitCallbacks(execute=True):
            self.intake = self.client.post("/intake/", data)
        self.new_plan = Plan.objects.get(owner__first_name="Fatima")
        self.resident = self.new_plan.owner
        self.letter_url = f"/plans/{self.new_plan.pk}/activation/letter/"
        self.client.logout()

    def print_letter(self):
        self.login(self.bob)
        response = self.client.post(self.letter_url)
        code = re.search(r'class="letter-code"[^>]*>([A-Z0-9-]+)<', response.content.decode()).group(1)
        self.client.logout()
        return response, code

    def test_an_intake_without_email_sends_no_mail_and_leads_to_the_letter(self):
        self.assertEqual(self.resident.email, "")
        self.assertEqual(mail.outbox, [])
        plan_url = f"/plans/{self.new_plan.pk}/"
        self.assertRedirects(self.intake, plan_url, fetch_redirect_response=False)
        self.login(self.bob)
        response = self.client.get(plan_url)
        self.assertContains(response, "Druk een brief met een code af en geef die aan Fatima.")
        self.assertContains(response, f'action="{self.letter_url}"')
        self.assertFalse(ActivationCode.objects.exists())  # only the button makes a code

    def test_the_letter_is_made_only_by_a_post(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.letter_url).status_code, 405)
        self.assertFalse(ActivationCode.objects.exists())

    def test_the_plan_page_offers_the_letter_to_the_coordinator(self):
        self.login(self.bob)
        self.assertContains(self.client.get(f"/plans/{self.new_plan.pk}/"), self.letter_url)

    def test_the_letter_has_the_name_address_code_expiry_and_a_qr_code(self):
        response, code = self.print_letter()
        self.assertContains(response, "Hallo Fatima,")
        self.assertContains(response, "http://testserver/activeren/")
        self.assertRegex(code, r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
        self.assertContains(response, "Deze code werkt één keer, tot en met")
        self.assertContains(response, '<svg role="img"')
        self.assertNotContains(response, "style=")
        self.assertContains(response, self.resident.username)
        row = ActivationCode.objects.get(user=self.resident)
        self.assertNotIn(code.replace("-", "")[3:], row.code_hash)

    def test_printing_the_letter_is_audited(self):
        self.print_letter()
        entry = AuditEntry.objects.filter(plan_id=self.new_plan.pk, action=AuditEntry.Action.PRINT).last()
        self.assertIsNotNone(entry)
        self.assertEqual((entry.actor_id, entry.subject_id), (self.bob.pk, self.resident.pk))

    def test_only_the_coordinator_may_print_a_letter(self):
        self.assert_not_found_for([self.carol, self.dave, self.charlie, self.ann], self.letter_url, method="post")
        self.assertFalse(ActivationCode.objects.exists())

    def test_the_resident_types_the_code_and_chooses_a_password(self):
        _, code = self.print_letter()
        self.assertContains(self.client.get("/accounts/login/"), "/activeren/")
        page = self.client.post("/activeren/", {"code": code.lower().replace("-", " ")})
        self.assertContains(page, "Kies een wachtwoord")
        self.assertContains(page, self.resident.username)
        response = self.client.post(
            "/activeren/", {"new_password1": "blauwe fiets in de regen", "new_password2": "blauwe fiets in de regen"}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/").url, f"/plans/{self.new_plan.pk}/")
        self.resident.refresh_from_db()
        self.assertTrue(self.resident.check_password("blauwe fiets in de regen"))
        self.new_plan.refresh_from_db()
        self.assertEqual(self.new_plan.status, Plan.Status.ACTIVE)
        entry = AuditEntry.objects.filter(subject_id=self.resident.pk, action=AuditEntry.Action.UPDATE).last()
        self.assertIsNotNone(entry)
        # Once used, the code opens nothing any more.
        self.client.logout()
        self.assertContains(self.client.post("/activeren/", {"code": code}), "Deze code werkt niet")

    def test_a_wrong_code_gets_a_clear_message_and_is_kept(self):
        self.print_letter()
        response = self.client.post("/activeren/", {"code": "ACDE-FG34"})
        self.assertContains(response, 'id="id_code_error"')
        self.assertContains(response, 'value="ACDE-FG34"')
        self.assertNotContains(response, "Fatima")

    def test_a_weak_password_is_refused_and_the_code_still_works(self):
        _, code = self.print_letter()
        self.client.post("/activeren/", {"code": code})
        response = self.client.post("/activeren/", {"new_password1": "kort", "new_password2": "kort"})
        self.assertContains(response, 'class="error-summary"')
        self.assertFalse(User.objects.get(pk=self.resident.pk).has_usable_password())
        response = self.client.post(
            "/activeren/", {"new_password1": "blauwe fiets in de regen", "new_password2": "blauwe fiets in de regen"}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_the_qr_code_link_fills_in_the_code(self):
        response = self.client.get("/activeren/?code=ACDE-FG34")
        self.assertContains(response, 'value="ACDE-FG34"')

    def test_a_password_without_a_code_first_is_refused(self):
        response = self.client.post("/activeren/", {"new_password1": "blauwe fiets", "new_password2": "blauwe fiets"})
        self.assertContains(response, "Typ de code opnieuw")
        self.assertFalse(User.objects.get(pk=self.resident.pk).has_usable_password())

    def test_no_letter_once_the_resident_opened_the_plan(self):
        self.resident.set_password("x-long-password-1")
        self.resident.save()
        self.login(self.bob)
        response = self.client.post(self.letter_url, follow=True)
        self.assertContains(response, "heeft het plan al geopend")
        self.assertFalse(ActivationCode.objects.exists())
