"""DigiD and eHerkenning end to end against a local OIDC provider (oidc_mock.py): the browser's
part is played by the test client (our pages) and requests (the broker's login form)."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import SESSION_KEY
from django.template import Context, Template
from django.test import RequestFactory, TestCase, override_settings

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.signin.oidc import bsn_hash
from samenplan.testing.factories import OrganisationFactory, UserFactory

from .oidc_mock import authorize, mock_provider, oidc_settings, person_set

BSN = "999993653"


def account_section(user) -> str:
    """The DigiD section of "My account" as that page includes it."""
    request = RequestFactory().get("/accounts/")
    request.user = user
    return Template("{% load oidc_tags %}{% oidc_account_section %}").render(Context({"request": request}))


class OidcTestCase(TestCase):
    token_max_age = timedelta(hours=1)

    @classmethod
    def setUpClass(cls):
        cls._provider = mock_provider(token_max_age=cls.token_max_age)
        cls.provider = cls._provider.__enter__()
        cls._settings = override_settings(SAMENPLAN_OIDC=oidc_settings(cls.provider))
        cls._settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._settings.disable()
        cls._provider.__exit__(None, None, None)

    @classmethod
    def setUpTestData(cls):
        cls.alice = UserFactory(username="alice", first_name="Alice", last_name="Aarts")
        cls.company = OrganisationFactory(name="Schuldhulp Helmstad", kvk_number="12345678")
        cls.dave = UserFactory(
            username="dave",
            email="dave@schuldhulp.example",
            role=User.Role.PROFESSIONAL,
            organisation=cls.company,
        )

    def round_trip(self, start_url: str, sub: str, *, method: str = "get"):
        """Start at our page, log in at the broker as `sub`, come back: our callback's response."""
        started = getattr(self.client, method)(start_url)
        self.assertEqual(started.status_code, 302)
        location = started["Location"]
        self.assertTrue(location.startswith(self.provider), location)
        return self.client.get(authorize(location, sub))

    def logged_in_as(self):
        return self.client.session.get(SESSION_KEY)

    def entries(self, reason_starts: str):
        return AuditEntry.objects.filter(reason__startswith=reason_starts)


class DigidLoginTests(OidcTestCase):
    def test_it_links_digid_on_the_account_page_then_logs_in_with_it(self):
        person_set(self.provider, "digid-alice", {"bsn": BSN})
        self.client.force_login(self.alice)
        self.assertIn("DigiD koppelen", account_section(self.alice))

        response = self.round_trip("/accounts/digid/link/", "digid-alice", method="post")

        self.assertRedirects(response, "/accounts/", fetch_redirect_response=False)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.bsn_hash, bsn_hash(BSN))
        self.assertNotIn(BSN, self.alice.bsn_hash)
        self.assertIn("DigiD ontkoppelen", account_section(self.alice))
        self.assertEqual(self.entries("digid linked").get().subject_id, self.alice.pk)

        self.client.logout()
        response = self.round_trip("/accounts/login/digid/?next=/accounts/", "digid-alice")

        self.assertRedirects(response, "/accounts/", fetch_redirect_response=False)
        self.assertEqual(int(self.logged_in_as()), self.alice.pk)
        self.assertEqual(self.client.session["signin_method"], "digid")
        entry = self.entries("login with digid").get()
        self.assertEqual((entry.actor_id, entry.subject_id), (self.alice.pk, self.alice.pk))

    def test_it_refuses_a_bsn_it_does_not_know_and_makes_no_account(self):
        person_set(self.provider, "digid-stranger", {"bsn": "123456782"})
        users = User.objects.count()

        response = self.round_trip("/accounts/login/digid/", "digid-stranger")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "We kennen je DigiD nog niet")
        self.assertContains(response, "Mijn account")
        self.assertIsNone(self.logged_in_as())
        self.assertEqual(User.objects.count(), users)
        self.assertEqual(self.entries("digid login refused: unknown_bsn").count(), 1)

    def test_it_never_reaches_a_professional_account_with_digid(self):
        User.objects.filter(pk=self.dave.pk).update(bsn_hash=bsn_hash(BSN))
        person_set(self.provider, "digid-dave", {"bsn": BSN})

        response = self.round_trip("/accounts/login/digid/", "digid-dave")

        self.assertContains(response, "We kennen je DigiD nog niet")
        self.assertIsNone(self.logged_in_as())

    def test_it_refuses_to_link_a_digid_that_belongs_to_another_account(self):
        UserFactory(username="other", bsn_hash=bsn_hash(BSN))
        person_set(self.provider, "digid-alice", {"bsn": BSN})
        self.client.force_login(self.alice)

        response = self.round_trip("/accounts/digid/link/", "digid-alice", method="post")

        self.assertContains(response, "Deze DigiD hoort al bij een ander account")
        self.alice.refresh_from_db()
        self.assertIsNone(self.alice.bsn_hash)

    def test_it_unlinks_digid(self):
        User.objects.filter(pk=self.alice.pk).update(bsn_hash=bsn_hash(BSN))
        self.client.force_login(self.alice)

        response = self.client.post("/accounts/digid/unlink/")

        self.assertRedirects(response, "/accounts/", fetch_redirect_response=False)
        self.alice.refresh_from_db()
        self.assertIsNone(self.alice.bsn_hash)
        self.assertEqual(self.entries("digid unlinked").get().subject_id, self.alice.pk)

    def test_only_a_resident_may_link_digid(self):
        carol = UserFactory(username="carol", role=User.Role.NETWORK)
        self.client.force_login(carol)
        self.assertNotIn("DigiD", account_section(carol))
        self.assertNotIn("DigiD", account_section(self.dave))
        self.assertEqual(self.client.post("/accounts/digid/link/").status_code, 404)

    def test_it_refuses_a_forged_state(self):
        person_set(self.provider, "digid-alice", {"bsn": BSN})
        User.objects.filter(pk=self.alice.pk).update(bsn_hash=bsn_hash(BSN))
        started = self.client.get("/accounts/login/digid/")
        back = authorize(started["Location"], "digid-alice")
        query = parse_qs(urlsplit(back).query)
        forged = f"/accounts/login/digid/callback/?code={query['code'][0]}&state=forged-state"

        response = self.client.get(forged)

        self.assertContains(response, "We konden dit inloggen niet controleren")
        self.assertIsNone(self.logged_in_as())
        self.assertEqual(self.entries("digid login refused: state").count(), 1)

    def test_a_state_works_once(self):
        person_set(self.provider, "digid-alice", {"bsn": BSN})
        User.objects.filter(pk=self.alice.pk).update(bsn_hash=bsn_hash(BSN))
        started = self.client.get("/accounts/login/digid/")
        back = authorize(started["Location"], "digid-alice")
        self.assertEqual(self.client.get(back).status_code, 302)
        self.client.logout()

        response = self.client.get(back)

        self.assertContains(response, "We konden dit inloggen niet controleren")
        self.assertIsNone(self.logged_in_as())

    def test_it_refuses_a_state_made_for_the_other_broker(self):
        started = self.client.get("/accounts/login/eherkenning/")
        state = parse_qs(urlsplit(started["Location"]).query)["state"][0]

        response = self.client.get(f"/accounts/login/digid/callback/?code=x&state={state}")

        self.assertContains(response, "We konden dit inloggen niet controleren")

    def test_it_says_so_when_the_person_stops_at_the_broker(self):
        started = self.client.get("/accounts/login/digid/")
        state = parse_qs(urlsplit(started["Location"]).query)["state"][0]

        response = self.client.get(f"/accounts/login/digid/callback/?error=access_denied&state={state}")

        self.assertContains(response, "Je bent gestopt met inloggen met DigiD")
        self.assertIsNone(self.logged_in_as())

    def test_it_asks_the_broker_with_state_nonce_and_pkce(self):
        started = self.client.get("/accounts/login/digid/")
        query = parse_qs(urlsplit(started["Location"]).query)

        self.assertEqual(query["client_id"], ["samenplan-digid"])
        self.assertEqual(query["code_challenge_method"], ["S256"])
        self.assertGreaterEqual(len(query["state"][0]), 32)
        self.assertGreaterEqual(len(query["nonce"][0]), 32)
        self.assertEqual(query["redirect_uri"], ["http://testserver/accounts/login/digid/callback/"])


class EherkenningLoginTests(OidcTestCase):
    def test_it_logs_in_an_invited_professional_and_counts_eh3_as_a_second_factor(self):
        person_set(
            self.provider,
            "eh-dave",
            {
                "kvk": "12345678",
                "acting_subject": "eh-person-dave",
                "email": "Dave@schuldhulp.example",
                "loa": "urn:etoegang:core:assurance-class:loa3",
            },
        )

        response = self.round_trip("/accounts/login/eherkenning/", "eh-dave")

        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(int(self.logged_in_as()), self.dave.pk)
        self.assertEqual(self.client.session["signin_mfa"], "eherkenning")
        self.dave.refresh_from_db()
        self.assertEqual(self.dave.eherkenning_id, "eh-person-dave")
        self.assertEqual(self.entries("login with eherkenning").get().actor_id, self.dave.pk)

    def test_a_lower_assurance_level_is_no_second_factor(self):
        User.objects.filter(pk=self.dave.pk).update(eherkenning_id="eh-person-dave")
        person_set(self.provider, "eh-dave", {"kvk": "12345678", "acting_subject": "eh-person-dave", "loa": "eh2"})

        self.round_trip("/accounts/login/eherkenning/", "eh-dave")

        self.assertEqual(int(self.logged_in_as()), self.dave.pk)
        self.assertNotIn("signin_mfa", self.client.session)

    def test_it_refuses_a_person_the_organisation_did_not_add(self):
        person_set(
            self.provider,
            "eh-stranger",
            {"kvk": "12345678", "acting_subject": "eh-person-x", "email": "x@schuldhulp.example"},
        )

        response = self.round_trip("/accounts/login/eherkenning/", "eh-stranger")

        self.assertContains(response, "We kennen je nog niet")
        self.assertContains(response, "beheerder van je organisatie")
        self.assertIsNone(self.logged_in_as())
        self.assertEqual(self.entries("eherkenning login refused: unknown_person").count(), 1)

    def test_it_refuses_a_company_that_is_not_the_persons_organisation(self):
        person_set(
            self.provider,
            "eh-dave",
            {"kvk": "87654321", "acting_subject": "eh-person-dave", "email": "dave@schuldhulp.example"},
        )

        response = self.round_trip("/accounts/login/eherkenning/", "eh-dave")

        self.assertContains(response, "Dit is niet je organisatie")
        self.assertIsNone(self.logged_in_as())
        entry = self.entries("eherkenning login refused: wrong_company").get()
        self.assertEqual(entry.subject_id, self.dave.pk)
        self.dave.refresh_from_db()
        self.assertIsNone(self.dave.eherkenning_id)

    def test_a_resident_account_is_never_reached_by_eherkenning(self):
        person_set(
            self.provider,
            "eh-alice",
            {"kvk": "12345678", "acting_subject": "eh-alice", "email": self.alice.email},
        )

        response = self.round_trip("/accounts/login/eherkenning/", "eh-alice")

        self.assertContains(response, "We kennen je nog niet")
        self.assertIsNone(self.logged_in_as())


class ExpiredTokenTests(OidcTestCase):
    # The provider signs id tokens that expired a minute before they were made.
    token_max_age = timedelta(seconds=-60)

    def test_it_refuses_an_expired_id_token(self):
        person_set(self.provider, "digid-alice", {"bsn": BSN})
        User.objects.filter(pk=self.alice.pk).update(bsn_hash=bsn_hash(BSN))

        response = self.round_trip("/accounts/login/digid/", "digid-alice")

        self.assertContains(response, "Inloggen duurde te lang")
        self.assertIsNone(self.logged_in_as())
        self.assertEqual(self.entries("digid login refused: expired").count(), 1)


class OffByDefaultTests(TestCase):
    @override_settings(
        SAMENPLAN_OIDC={"digid": {"enabled": False}, "eherkenning": {"enabled": False}},
    )
    def test_without_configuration_there_is_no_button_and_every_url_answers_404(self):
        page = self.client.get("/accounts/login/")
        self.assertNotContains(page, "DigiD")
        self.assertNotContains(page, "eHerkenning")
        for url in (
            "/accounts/login/digid/",
            "/accounts/login/eherkenning/",
            "/accounts/login/digid/callback/?code=a&state=b",
            "/accounts/login/eherkenning/callback/?code=a&state=b",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        resident = UserFactory()
        self.client.force_login(resident)
        self.assertNotIn("DigiD", account_section(resident))
        self.assertEqual(self.client.post("/accounts/digid/link/").status_code, 404)
        self.assertEqual(self.client.post("/accounts/digid/unlink/").status_code, 404)

    def test_settings_are_off_when_the_environment_names_no_broker(self):
        from samenplan.signin.oidc_settings import broker_from_environment

        self.assertFalse(broker_from_environment("DIGID", {})["enabled"])
        self.assertFalse(broker_from_environment("EHERKENNING", {"SAMENPLAN_EHERKENNING_CLIENT_ID": "x"})["enabled"])
        self.assertTrue(
            broker_from_environment(
                "DIGID",
                {
                    "SAMENPLAN_DIGID_CLIENT_ID": "x",
                    "SAMENPLAN_DIGID_DISCOVERY_URL": "https://broker.example/.well-known",
                },
            )["enabled"]
        )


class OidcPagesWithButtonsTests(OidcTestCase):
    def test_the_login_page_shows_both_buttons_when_configured(self):
        page = self.client.get("/accounts/login/?next=/accounts/")
        self.assertContains(page, "Inloggen met DigiD")
        self.assertContains(page, "Inloggen met eHerkenning")
        self.assertContains(page, 'href="/accounts/login/digid/?next=/accounts/"')
