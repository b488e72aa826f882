from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.sharing.policy import can_manage_organisation
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import GoalFactory, UserFactory


class OrganisationPageTestCase(BaseTestCase):
    """An organisation admin manages their own organisation's details and staff, and sees
    no plan; everyone else gets a 404."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=cls.debt_team)
        cls.other_admin = UserFactory(
            username="otto", first_name="Otto", role=User.Role.ORG_ADMIN, organisation=cls.social_team
        )
        cls.dave.job_title = "Schuldhulpverlener"
        cls.dave.save()

    def entries(self):
        return list(AuditEntry.objects.order_by("id"))

    def test_it_shows_the_organisation_and_its_staff_to_its_admin(self):
        self.login(self.olga)
        response = self.client.get("/organisatie/")
        self.assertContains(response, "<h1>Schuldhulp</h1>", html=True)
        self.assertContains(response, escape(self.dave.display_name))
        self.assertContains(response, "Schuldhulpverlener")
        self.assertContains(response, self.dave.email)
        self.assertContains(response, "Kan inloggen")
        # Only this organisation's people; no residents, no other organisations.
        self.assertNotContains(response, escape(self.bob.display_name))
        self.assertNotContains(response, escape(self.alice.display_name))

    def test_it_shows_no_plan_content(self):
        GoalFactory(plan=self.plan, text="MARKER-GOAL")
        self.login(self.olga)
        for url in ("/organisatie/", "/organisatie/bewerken/", "/organisatie/medewerkers/nieuw/"):
            self.assertNotContains(self.client.get(url), "MARKER-GOAL")
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)

    def test_strangers_and_other_people_get_404(self):
        for url in ("/organisatie/", "/organisatie/bewerken/", "/organisatie/medewerkers/nieuw/"):
            self.assert_not_found_for([self.alice, self.bob, self.dave, self.charlie, self.ann, self.pam], url)
        # Another organisation's admin cannot touch this organisation's staff.
        self.assert_not_found_for(
            [self.other_admin, self.dave],
            f"/organisatie/medewerkers/{self.dave.pk}/toegang/",
            "post",
            {"access": "block"},
        )
        self.dave.refresh_from_db()
        self.assertTrue(self.dave.is_active)

    def test_the_policy_says_who_manages_what(self):
        self.assertTrue(can_manage_organisation(self.olga, self.debt_team))
        self.assertFalse(can_manage_organisation(self.olga, self.social_team))
        self.assertFalse(can_manage_organisation(self.other_admin, self.debt_team))
        self.assertFalse(can_manage_organisation(self.dave, self.debt_team))
        self.olga.is_active = False
        self.assertFalse(can_manage_organisation(self.olga, self.debt_team))

    def test_reading_the_staff_list_is_logged(self):
        self.login(self.olga)
        before = AuditEntry.objects.count()
        self.client.get("/organisatie/")
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(AuditEntry.objects.count(), before + 1)
        self.assertEqual((entry.actor_id, entry.action, entry.page), (self.olga.pk, "view", "organisation"))

    def test_the_staff_list_costs_the_same_queries_however_many_people(self):
        self.login(self.olga)
        self.client.get("/organisatie/")  # the first request of a session reads a little more
        with CaptureQueriesContext(connection) as few:
            self.client.get("/organisatie/")
        UserFactory.create_batch(5, role=User.Role.PROFESSIONAL, organisation=self.debt_team)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get("/organisatie/")
        self.assertEqual(len(few), len(many))
        staff = User.objects.filter(organisation=self.debt_team).count()
        self.assertGreaterEqual(staff, 7)
        self.assertEqual(response.content.decode().count('class="staff-list__person'), staff)


class OrganisationChangesTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=cls.debt_team)

    def setUp(self):
        self.login(self.olga)

    def last_entry(self):
        return AuditEntry.objects.order_by("-id").first()

    def test_it_changes_the_details_but_not_the_kind_or_intake_right(self):
        response = self.client.post(
            "/organisatie/bewerken/",
            {
                "name": "Schuldhulp Helmstad",
                "description": "Wij helpen bij geldzorgen.",
                "wijken": [self.wijk.pk],
                "kind": "social_team",
                "starts_plans": "on",
            },
        )
        self.assertRedirects(response, "/organisatie/", fetch_redirect_response=False)
        self.debt_team.refresh_from_db()
        self.assertEqual(self.debt_team.name, "Schuldhulp Helmstad")
        self.assertEqual(list(self.debt_team.wijken.all()), [self.wijk])
        self.assertEqual((self.debt_team.kind, self.debt_team.starts_plans), ("debt", False))
        entry = self.last_entry()
        self.assertEqual((entry.action, entry.actor_id), ("update", self.olga.pk))
        self.assertIn(f"accounts.organisation#{self.debt_team.pk}: changed name, description, wijken", entry.reason)
        page = self.client.get("/organisatie/")
        self.assertContains(page, "Wij helpen bij geldzorgen.")
        self.assertContains(page, "Helmstad-West")

    def test_a_taken_name_gets_a_clear_message_and_the_input_is_kept(self):
        response = self.client.post(
            "/organisatie/bewerken/", {"name": "Sociaal Team West", "description": "Mijn tekst"}
        )
        self.assertContains(response, "Een andere organisatie heeft deze naam al.")
        self.assertContains(response, "Mijn tekst")

    def test_it_adds_a_staff_member_who_gets_a_link_to_choose_a_password(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/organisatie/medewerkers/nieuw/",
                {
                    "first_name": "Sanne",
                    "last_name": "de Wit",
                    "email": "sanne@example.org",
                    "job_title": "Budgetcoach",
                },
            )
        self.assertRedirects(response, "/organisatie/", fetch_redirect_response=False)
        sanne = User.objects.get(email="sanne@example.org")
        self.assertEqual(
            (sanne.role, sanne.organisation, sanne.job_title), ("professional", self.debt_team, "Budgetcoach")
        )
        self.assertFalse(sanne.has_usable_password())
        self.assertEqual([m.to for m in mail.outbox], [["sanne@example.org"]])
        self.assertIn("/accounts/password/new/", mail.outbox[0].body)
        entry = self.last_entry()
        self.assertEqual((entry.action, entry.subject_id, entry.actor_id), ("create", sanne.pk, self.olga.pk))
        self.assertContains(self.client.get("/organisatie/"), "Sanne de Wit is toegevoegd")

    def test_adding_without_name_or_email_gets_clear_messages_and_keeps_the_input(self):
        response = self.client.post(
            "/organisatie/medewerkers/nieuw/", {"first_name": "", "last_name": "de Wit", "email": "geen-adres"}
        )
        self.assertContains(response, 'id="id_first_name_error"')
        self.assertContains(response, "Dit is geen e-mailadres")
        self.assertContains(response, 'value="de Wit"')
        self.assertFalse(User.objects.filter(last_name="de Wit").exists())
        self.assertEqual(mail.outbox, [])
        response = self.client.post(
            "/organisatie/medewerkers/nieuw/",
            {"first_name": "D", "last_name": "H", "email": self.dave.email.upper(), "job_title": "x"},
        )
        self.assertContains(response, "Er is al een account met dit e-mailadres.")

    def test_it_blocks_and_unblocks_a_staff_member_but_not_themselves(self):
        url = f"/organisatie/medewerkers/{self.dave.pk}/toegang/"
        self.assertRedirects(self.client.post(url, {"access": "block"}), "/organisatie/", fetch_redirect_response=False)
        self.dave.refresh_from_db()
        self.assertFalse(self.dave.is_active)
        self.assertEqual((self.last_entry().action, self.last_entry().subject_id), ("update", self.dave.pk))
        self.assertIn("blocked", self.last_entry().reason)
        page = self.client.get("/organisatie/")
        self.assertContains(page, "Geblokkeerd")
        # Blocked at once: Dave's own session no longer counts.
        dave = self.client_class()
        dave.force_login(self.dave)
        self.assertEqual(dave.get("/caseload/").status_code, 302)
        self.assertContains(page, escape(f"{self.dave.display_name} deblokkeren"))
        self.client.post(url, {"access": "unblock"})
        self.dave.refresh_from_db()
        self.assertTrue(self.dave.is_active)
        self.assertEqual(self.client.get(url).status_code, 405)
        own = f"/organisatie/medewerkers/{self.olga.pk}/toegang/"
        self.assertEqual(self.client.post(own, {"access": "block"}).status_code, 404)
        self.olga.refresh_from_db()
        self.assertTrue(self.olga.is_active)

    def test_the_home_page_sends_an_organisation_admin_to_the_page(self):
        self.assertContains(self.client.get("/"), 'href="/organisatie/"')
