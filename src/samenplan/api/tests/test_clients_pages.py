"""The organisation admin's connection pages: add (the secret shown once), list, revoke."""

from oauth2_provider.models import Application

from samenplan.accounts.models import User
from samenplan.api.models import ApiClient
from samenplan.audit.models import AuditEntry
from samenplan.testing.factories import UserFactory

from .partners import PartnerApiCase

LIST = "/organisatie/koppelingen/"
ADD = "/organisatie/koppelingen/nieuw/"


class ClientPageTests(PartnerApiCase):
    def add(self, **data):
        self.login(self.olga)
        return self.client.post(ADD, {"name": "Case system", "scopes": ["referrals"], **data})

    def test_the_organisation_page_links_to_the_connections(self):
        self.login(self.olga)
        self.assertContains(self.client.get("/organisatie/"), f'href="{LIST}"')

    def test_adding_shows_the_client_id_and_secret_once(self):
        response = self.add()
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        client = ApiClient.objects.get()
        secret = response.context["secret"]
        self.assertContains(response, secret)
        self.assertContains(response, client.application.client_id)
        self.assertContains(response, "Bewaar het geheim nu")
        application = Application.objects.get()
        self.assertNotEqual(application.client_secret, secret)
        self.assertEqual(
            (application.client_type, application.authorization_grant_type), ("confidential", "client-credentials")
        )
        self.assertEqual(
            (client.organisation, client.scopes, client.created_by), (self.debt_team, "referrals", self.olga)
        )
        listing = self.client.get(LIST)
        self.assertContains(listing, "Case system")
        self.assertNotContains(listing, secret)
        entry = self.last_entry()
        self.assertEqual((entry.actor_id, entry.action), (self.olga.pk, AuditEntry.Action.CREATE))
        self.assertIn(f"api.apiclient#{client.pk}", entry.reason)

    def test_only_scopes_that_fit_the_organisation_are_offered(self):
        self.login(self.olga)
        form = self.client.get(ADD).context["form"]
        self.assertEqual([value for value, _label in form.fields["scopes"].choices], ["referrals"])
        response = self.add(scopes=["signals"])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["scopes"])
        self.assertFalse(ApiClient.objects.exists())
        self.assertFalse(Application.objects.exists())

    def test_a_name_is_needed(self):
        response = self.add(name="")
        self.assertContains(response, "Geef de koppeling een naam.")
        self.assertFalse(ApiClient.objects.exists())

    def test_revoking_asks_first_then_stops_the_token(self):
        self.add()
        client = ApiClient.objects.get()
        token = self.token(client)
        revoke = f"/organisatie/koppelingen/{client.pk}/intrekken/"
        self.assertContains(self.client.get(revoke), "Ja, intrekken")
        self.assertEqual(self.call("get", "/api/v1/referrals", token).status_code, 200)
        self.login(self.olga)
        self.assertRedirects(self.client.post(revoke), LIST)
        client.refresh_from_db()
        self.assertIsNotNone(client.revoked_at)
        self.assertFalse(Application.objects.exists())
        self.client.logout()
        self.assert_problem(self.call("get", "/api/v1/referrals", token), 401)
        self.login(self.olga)
        self.assertContains(self.client.get(LIST), "Ingetrokken")
        self.assertIn("revoked connection", AuditEntry.objects.filter(actor_id=self.olga.pk).order_by("-id")[0].reason)

    def test_nobody_else_manages_the_connections(self):
        self.add()
        client = ApiClient.objects.get()
        other_admin = UserFactory(role=User.Role.ORG_ADMIN, organisation=self.social_team)
        revoke = f"/organisatie/koppelingen/{client.pk}/intrekken/"
        for url in (LIST, ADD):
            self.assert_not_found_for([self.dave, self.pam, self.wendy], url)
        self.assert_not_found_for([other_admin, self.dave], revoke)
        self.assert_not_found_for([other_admin], revoke, method="post")
        client.refresh_from_db()
        self.assertIsNone(client.revoked_at)
        self.login(other_admin)
        self.assertNotContains(self.client.get(LIST), "Case system")


class AdminSiteTests(PartnerApiCase):
    def test_the_admin_site_does_not_show_oauth2_applications_or_tokens(self):
        from django.contrib import admin
        from oauth2_provider.models import AccessToken

        self.assertFalse(admin.site.is_registered(Application))
        self.assertFalse(admin.site.is_registered(AccessToken))
