"""Who calls: the token endpoint (client credentials) and refused tokens."""

import base64
from datetime import timedelta

from oauth2_provider.models import AccessToken

from samenplan.api import services

from .partners import PartnerApiCase

TOKEN = "/api/v1/oauth/token"


class TokenTests(PartnerApiCase):
    def setUp(self):
        self.system, _token = self.connect(self.debt_team, scopes=("referrals", "insights"))

    def ask(self, secret="s3cret-for-tests", **data):
        credentials = base64.b64encode(f"{self.system.application.client_id}:{secret}".encode()).decode()
        return self.client.post(
            TOKEN, {"grant_type": "client_credentials", **data}, HTTP_AUTHORIZATION=f"Basic {credentials}"
        )

    def test_the_right_secret_gets_a_token_with_the_clients_scopes(self):
        response = self.ask()
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(set(data["scope"].split()), {"referrals", "insights"})
        self.assertEqual(self.call("get", "/api/v1/referrals", data["access_token"]).status_code, 200)

    def test_a_narrower_token_may_be_asked_for(self):
        response = self.ask(scope="insights")
        self.assertEqual(response.json()["scope"], "insights")
        self.assert_problem(self.call("get", "/api/v1/referrals", response.json()["access_token"]), 403)

    def test_a_wrong_secret_gets_nothing(self):
        self.assertEqual(self.ask(secret="wrong").status_code, 401)
        self.assertFalse(
            AccessToken.objects.filter(scope__contains="insights").exclude(token__startswith="token-").exists()
        )

    def test_a_scope_not_given_is_refused(self):
        response = self.ask(scope="referrals signals")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "invalid_scope")

    def test_the_secret_is_stored_hashed(self):
        self.assertNotIn("s3cret-for-tests", self.system.application.client_secret)


class RefusedTokenTests(PartnerApiCase):
    def test_an_expired_token_is_401_with_a_challenge(self):
        system, _token = self.connect(self.debt_team)
        token = self.token(system, expires_in=timedelta(seconds=-1))
        response = self.call("get", "/api/v1/referrals", token)
        self.assert_problem(response, 401)
        self.assertIn("Bearer", response["WWW-Authenticate"])

    def test_an_unknown_token_is_401(self):
        self.assert_problem(self.call("get", "/api/v1/referrals", "no-such-token"), 401)

    def test_a_revoked_connection_stops_on_the_next_call(self):
        system, token = self.connect(self.debt_team)
        self.assertEqual(self.call("get", "/api/v1/referrals", token).status_code, 200)
        services.api_client_revoke(user=self.olga, client_id=system.pk)
        response = self.call("get", "/api/v1/referrals", token)
        self.assert_problem(response, 401)
        self.assertIn("Bearer", response["WWW-Authenticate"])
        system.refresh_from_db()
        self.assertEqual((system.revoked_by, system.application), (self.olga, None))
