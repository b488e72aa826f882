from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.services import activation_token_make, activation_user_for
from samenplan.plans.models import Plan
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory


class ActivateTestCase(BaseTestCase):
    def setUp(self):
        self.resident = UserFactory(username="newbie", first_name="Nina")
        self.resident.set_unusable_password()
        self.resident.save()
        self.new_plan = Plan.objects.create(owner=self.resident, wijk=self.wijk, created_by=self.bob)
        self.url = reverse("activate", args=[activation_token_make(user=self.resident)])

    def post(self, password="blauwe fiets in de regen", again=None):
        return self.client.post(self.url, {"new_password1": password, "new_password2": again or password})

    def test_it_shows_the_username_to_log_in_with(self):
        response = self.client.get(self.url)
        self.assertContains(response, "newbie")
        self.assertContains(response, "Kies een wachtwoord")

    def test_it_sets_the_password_logs_in_and_activates_the_plan(self):
        response = self.post()
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.resident.refresh_from_db()
        self.assertTrue(self.resident.check_password("blauwe fiets in de regen"))
        self.new_plan.refresh_from_db()
        self.assertEqual(self.new_plan.status, Plan.Status.ACTIVE)
        self.assertEqual(self.client.get("/").url, f"/plans/{self.new_plan.pk}/")

    def test_the_link_works_only_once(self):
        self.post()
        self.client.logout()
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "Deze link werkt niet meer", status_code=410)

    def test_an_expired_link_is_refused_with_a_clear_message(self):
        with time_machine.travel(timezone.now() + timedelta(days=15)):
            response = self.client.get(self.url)
        self.assertContains(response, "Deze link werkt niet meer", status_code=410)

    def test_a_tampered_link_is_refused(self):
        response = self.client.get(self.url.replace("/activate/", "/activate/x"))
        self.assertEqual(response.status_code, 410)
        self.assertIsNone(activation_user_for(token="not-a-token"))

    def test_a_weak_or_mismatched_password_gets_an_error_next_to_the_field(self):
        response = self.post("1234567890")
        # What is wrong with the password shows under the field where it was chosen.
        self.assertContains(response, 'id="id_new_password1_error"')
        self.assertContains(response, "Je wachtwoord heeft alleen cijfers")
        response = self.post("blauwe fiets in de regen", "iets anders")
        self.assertContains(response, 'id="id_new_password2_error"')
        self.assertFalse(get_user_model().objects.get(pk=self.resident.pk).has_usable_password())
