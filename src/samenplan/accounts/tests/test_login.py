from samenplan.testing.base import PASSWORD, BaseTestCase


class LoginTestCase(BaseTestCase):
    def test_it_logs_in_with_username(self):
        response = self.client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_it_logs_in_with_email_in_any_case(self):
        response = self.client.post("/accounts/login/", {"username": "ALICE@example.org", "password": PASSWORD})
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_it_explains_a_wrong_password_and_keeps_the_username(self):
        response = self.client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "gebruikersnaam of het wachtwoord klopt niet")
        self.assertContains(response, 'value="alice"')

    def test_it_sends_each_role_to_its_start_page(self):
        expected = {
            self.alice: f"/plans/{self.plan.pk}/",
            self.bob: "/caseload/",
            self.carol: "/caseload/",
            self.pam: "/admin/",
        }
        for user, url in expected.items():
            self.login(user)
            self.assertRedirects(self.client.get("/"), url, fetch_redirect_response=False)

    def test_it_tells_an_analyst_they_never_see_one_plan(self):
        self.login(self.ann)
        # The home page takes the analyst to the insights, which say so.
        response = self.client.get("/", follow=True)
        self.assertEqual(response.redirect_chain, [("/inzicht/", 302)])
        self.assertContains(response, "nooit het plan van één persoon")

    def test_anonymous_users_are_sent_to_login(self):
        response = self.client.get(f"/plans/{self.plan.pk}/")
        self.assertRedirects(response, f"/accounts/login/?next=/plans/{self.plan.pk}/", fetch_redirect_response=False)
