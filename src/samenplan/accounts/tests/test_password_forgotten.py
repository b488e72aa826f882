import re

from django.core import mail

from samenplan.testing.base import BaseTestCase


class PasswordForgottenTestCase(BaseTestCase):
    def test_a_resident_chooses_a_new_password_from_an_emailed_link(self):
        self.assertContains(self.client.get("/accounts/login/"), "Wachtwoord vergeten?")
        response = self.client.post("/accounts/password/forgotten/", {"email": "alice@example.org"})
        self.assertRedirects(response, "/accounts/password/forgotten/sent/", fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 1)
        body = mail.outbox[0].body
        self.assertNotIn("story", body)
        link = re.search(r"http://127\.0\.0\.1:8000(/accounts/password/new/\S+)", body).group(1)
        response = self.client.get(link, follow=True)
        self.assertContains(response, "Kies een nieuw wachtwoord")
        response = self.client.post(
            response.redirect_chain[-1][0],
            {"new_password1": "paarse paraplu in juni", "new_password2": "paarse paraplu in juni"},
        )
        self.assertRedirects(response, "/accounts/password/new/done/", fetch_redirect_response=False)
        self.assertTrue(self.client.login(username="alice", password="paarse paraplu in juni"))

    def test_an_unknown_address_gets_the_same_answer_and_no_email(self):
        response = self.client.post("/accounts/password/forgotten/", {"email": "nobody@example.org"})
        self.assertRedirects(response, "/accounts/password/forgotten/sent/", fetch_redirect_response=False)
        self.assertEqual(mail.outbox, [])

    def test_a_bad_address_gets_a_message_next_to_the_field(self):
        response = self.client.post("/accounts/password/forgotten/", {"email": "not an address"})
        self.assertContains(response, 'id="id_email_error"')
        self.assertContains(response, 'value="not an address"')
