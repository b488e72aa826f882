"""Test support for partner systems: a connection of an organisation with a token."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from samenplan.accounts.models import User, WijkPostcode
from samenplan.api.models import ApiClient
from samenplan.audit.models import AuditEntry
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory


class PartnerApiCase(BaseTestCase):
    """The personas of `BaseTestCase`, plus: Schuldhulp (dave's organisation) takes
    referrals and has a case system; Woonbedrijf (wendy's) sends signals from its own system."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        WijkPostcode.objects.get_or_create(postcode="5701", defaults={"wijk": cls.wijk})
        cls.referral = cls.referral_sent()
        cls.olga = UserFactory(
            username="olga", first_name="Olga", last_name="Oost", role=User.Role.ORG_ADMIN, organisation=cls.debt_team
        )

    def connect(self, organisation, scopes=("referrals",), name="Case system") -> tuple[ApiClient, str]:
        application = Application.objects.create(
            name=name,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret="s3cret-for-tests",
            hash_client_secret=True,
        )
        client = ApiClient.objects.create(
            organisation=organisation, name=name, scopes=" ".join(scopes), application=application
        )
        return client, self.token(client)

    @staticmethod
    def token(client, scopes=None, expires_in=timedelta(minutes=15)) -> str:
        token = AccessToken.objects.create(
            application=client.application,
            token=f"token-{client.pk}-{AccessToken.objects.count()}",
            expires=timezone.now() + expires_in,
            scope=" ".join(scopes if scopes is not None else sorted(client.scope_set)),
        )
        return token.token

    def call(self, method, url, token=None, body=None, raw=None, **headers):
        extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs = {"content_type": "application/json"} if data is not None else {}
        return (
            getattr(self.client, method)(url, data, **kwargs, **extra)
            if data is not None
            else getattr(self.client, method)(url, **extra)
        )

    @staticmethod
    def last_entry() -> AuditEntry:
        return AuditEntry.objects.order_by("-id").first()

    def assert_problem(self, response, status, field=None):
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        problem = response.json()
        self.assertEqual(problem["status"], status)
        if field is not None:
            names = [param["name"] for param in problem.get("invalidParams", [])]
            self.assertIn(field, names, problem)
        return problem
