from samenplan.testing.base import PASSWORD, BaseTestCase


class PasswordChangeTestCase(BaseTestCase):
    def test_everyone_changes_their_own_password(self):
        for user in (self.alice, self.bob, self.carol, self.ann, self.pam):
            self.login(user)
            self.assertContains(self.client.get("/accounts/"), user.username)
            response = self.client.post(
                "/accounts/password/change/",
                {
                    "old_password": PASSWORD,
                    "new_password1": "een nieuwe lange zin",
                    "new_password2": "een nieuwe lange zin",
                },
            )
            self.assertRedirects(response, "/accounts/password/change/done/", fetch_redirect_response=False)
            self.client.logout()
            self.assertTrue(self.client.login(username=user.username, password="een nieuwe lange zin"))

    def test_the_current_password_is_needed(self):
        self.login(self.alice)
        response = self.client.post(
            "/accounts/password/change/",
            {"old_password": "wrong", "new_password1": "een nieuwe lange zin", "new_password2": "een nieuwe lange zin"},
        )
        self.assertContains(response, "Dat is niet je huidige wachtwoord")
