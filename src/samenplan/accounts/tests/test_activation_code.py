from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from samenplan.accounts.models import ActivationCode
from samenplan.accounts.services import (
    CODE_ALPHABET,
    CODE_TRIES,
    CODE_VALID,
    account_activate,
    activation_code_make,
    activation_code_user,
)
from samenplan.testing.factories import UserFactory


class ActivationCodeTestCase(TestCase):
    def setUp(self):
        cache.clear()
        self.resident = UserFactory(first_name="Nina", email="")
        self.resident.set_unusable_password()
        self.resident.save()
        self.coordinator = UserFactory(role="professional")

    def make(self):
        return activation_code_make(user=self.resident, created_by=self.coordinator)

    def test_it_makes_a_grouped_code_without_look_alikes_and_keeps_only_a_hash(self):
        code, expires_at = self.make()
        self.assertRegex(code, r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
        self.assertTrue(set(code.replace("-", "")) <= set(CODE_ALPHABET))
        self.assertFalse(set("0O1IL").intersection(CODE_ALPHABET))
        row = ActivationCode.objects.get(user=self.resident)
        self.assertNotIn(code.replace("-", "")[3:], row.code_hash)
        self.assertAlmostEqual(expires_at, timezone.now() + CODE_VALID, delta=timedelta(seconds=5))

    def test_it_forgives_small_letters_spaces_and_dashes(self):
        code, _ = self.make()
        plain = code.replace("-", "")
        for typed in (code, plain.lower(), f" {plain[:4]} {plain[4:]} ", f"{plain[:2]}-{plain[2:]}"):
            self.assertEqual(activation_code_user(code=typed), self.resident, typed)

    def test_a_new_letter_replaces_the_old_code(self):
        old, _ = self.make()
        new, _ = self.make()
        self.assertIsNone(activation_code_user(code=old))
        self.assertEqual(activation_code_user(code=new), self.resident)
        self.assertEqual(ActivationCode.objects.filter(user=self.resident).count(), 1)

    def test_the_code_works_once(self):
        code, _ = self.make()
        account_activate(user=self.resident, password="blauwe fiets in de regen")
        self.assertIsNone(activation_code_user(code=code))
        self.assertFalse(ActivationCode.objects.exists())

    def test_the_code_expires(self):
        code, _ = self.make()
        with time_machine.travel(timezone.now() + CODE_VALID + timedelta(minutes=1)):
            self.assertIsNone(activation_code_user(code=code))

    def test_wrong_tries_on_a_code_are_limited(self):
        code, _ = self.make()
        plain = code.replace("-", "")
        wrong = plain[:3] + "".join("A" if c != "A" else "C" for c in plain[3:])
        for _ in range(CODE_TRIES):
            self.assertIsNone(activation_code_user(code=wrong))
        self.assertIsNone(activation_code_user(code=code))

    def test_wrong_tries_from_one_client_are_limited(self):
        code, _ = self.make()
        for _ in range(20):
            self.assertIsNone(activation_code_user(code="XXXX-XXXX", client="10.0.0.1"))
        self.assertIsNone(activation_code_user(code=code, client="10.0.0.1"))
        self.assertEqual(activation_code_user(code=code, client="10.0.0.2"), self.resident)

    def test_no_code_for_an_account_that_is_open_already(self):
        self.resident.set_password("x-long-password-1")
        self.resident.save()
        with self.assertRaises(ValueError):
            self.make()
