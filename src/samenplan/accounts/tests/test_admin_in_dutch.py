"""The admin speaks Dutch: Django's own words are not overridden by ours, sections have
Dutch names, and a new staff account needs a name and an address."""

from django.apps import apps
from django.core import mail
from django.utils import translation

from samenplan.accounts.forms import ActivationForm
from samenplan.accounts.models import User
from samenplan.testing.base import BaseTestCase


class AdminInDutchTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.pam)

    def test_it_says_wijzigen_not_verschil_on_every_row(self):
        for url in ("/admin/", "/admin/accounts/user/"):
            response = self.client.get(url)
            self.assertNotContains(response, "Verschil")
        self.assertContains(self.client.get("/admin/"), "Wijzigen")

    def test_our_own_change_column_keeps_its_meaning(self):
        with translation.override("nl"):
            self.assertEqual(translation.pgettext("difference between two measurements", "Change"), "Verschil")
            self.assertEqual(translation.gettext("Change"), "Wijzigen")

    def test_every_section_has_a_dutch_name(self):
        response = self.client.get("/admin/")
        self.assertContains(response, "Mensen en organisaties")
        self.assertContains(response, "Meten")
        self.assertNotContains(response, ">Accounts<")
        self.assertNotContains(response, ">Measuring<")
        with translation.override("nl"):
            names = {
                label: str(apps.get_app_config(label).verbose_name) for label in ("accounts", "measuring", "audit")
            }
        self.assertEqual(names, {"accounts": "Mensen en organisaties", "measuring": "Meten", "audit": "Logboek"})

    def test_the_add_user_page_is_dutch_and_asks_for_name_and_address(self):
        response = self.client.get("/admin/accounts/user/add/")
        self.assertContains(response, "Na het opslaan krijgt de persoon een e-mail met een link")
        self.assertNotContains(response, "After you")
        response = self.client.post(
            "/admin/accounts/user/add/", {"username": "nina", "role": "professional", "first_name": "", "email": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Dit veld is verplicht.", count=3)
        self.assertFalse(User.objects.filter(username="nina").exists())
        self.assertEqual(mail.outbox, [])

    def test_django_admin_texts_say_je_not_u(self):
        response = self.client.get(f"/admin/accounts/user/{self.bob.pk}/change/")
        self.assertContains(response, "Zet dit uit om iemand te blokkeren")
        self.assertNotContains(response, "U kunt")
        response = self.client.post(
            f"/admin/accounts/wijk/{self.wijk.pk}/change/",
            {"name": "Helmstad-West", "code": "west", "_continue": "1"},
            follow=True,
        )
        self.assertContains(response, "Je kunt het hieronder weer bewerken.")


class PasswordMessagesTestCase(BaseTestCase):
    """What is wrong with a new password: in Dutch, in plain words, under the field where
    the password was chosen."""

    def test_a_short_password_is_explained_in_dutch_under_the_first_field(self):
        self.login(self.alice)
        response = self.client.post(
            "/accounts/password/change/",
            {"old_password": "password-for-tests", "new_password1": "kort", "new_password2": "kort"},
        )
        form = response.context["form"]
        self.assertEqual(form.errors["new_password1"], ["Je wachtwoord is te kort. Gebruik minstens 10 tekens."])
        self.assertNotIn("new_password2", form.errors)
        self.assertContains(response, 'id="id_new_password1_error"')
        self.assertNotContains(response, "This password")

    def test_common_numeric_and_similar_passwords_get_plain_dutch_messages(self):
        self.login(self.alice)
        cases = {
            "1234567890": "Je wachtwoord heeft alleen cijfers. Zet er letters of woorden bij.",
            "password123": "Veel mensen gebruiken dit wachtwoord.",
        }
        for password, message in cases.items():
            response = self.client.post(
                "/accounts/password/change/",
                {"old_password": "password-for-tests", "new_password1": password, "new_password2": password},
            )
            errors = " ".join(response.context["form"].errors["new_password1"])
            self.assertIn(message, errors, password)

    def test_a_password_like_ones_name_says_so_under_the_first_field(self):
        user = User(username="fatima", first_name="Fatima", last_name="Elamrani", email="f@example.org")
        with translation.override("nl"):
            form = ActivationForm(user, {"new_password1": "elamrani12", "new_password2": "elamrani12"})
            self.assertFalse(form.is_valid())
            self.assertEqual(
                form.errors["new_password1"], ["Je wachtwoord lijkt te veel op je achternaam. Kies iets anders."]
            )

    def test_two_different_passwords_are_said_under_the_second_field(self):
        self.login(self.alice)
        response = self.client.post(
            "/accounts/password/change/",
            {"old_password": "password-for-tests", "new_password1": "blauwe fiets in de regen", "new_password2": "x"},
        )
        self.assertEqual(
            response.context["form"].errors["new_password2"],
            ["De twee wachtwoorden zijn niet hetzelfde. Typ in beide vakken hetzelfde wachtwoord."],
        )
