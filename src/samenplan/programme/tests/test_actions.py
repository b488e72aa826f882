from datetime import timedelta

from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.programme.models import JoinRequest, ProgressUpdate
from samenplan.programme.services import action_propose

from .base import ProgrammeTestCase


class ActionPageTestCase(ProgrammeTestCase):
    def url(self):
        return f"/programma/acties/{self.action.pk}/"

    def test_staff_see_the_work_group_and_updates_and_it_is_logged(self):
        self.login(self.sem)
        response = self.client.get(self.url())
        self.assertContains(response, "Dave Dekker, trekker")
        self.assertContains(response, "Eerste avond gehouden.")
        self.assertContains(response, "Vragen om mee te doen")
        self.assertNotContains(response, "Nieuws toevoegen")
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.action), (self.sem.pk, "view"))
        self.assertIn(f"programme.action#{self.action.pk}", entry.reason)

    def test_people_who_are_not_staff_here_get_404(self):
        self.assert_not_found_for(
            [self.alice, self.carol, self.ann, self.pam, self.wendy, self.brit, self.otto], self.url()
        )

    def test_a_work_group_organisation_posts_an_update(self):
        self.login(self.dave)
        today = timezone.localdate()
        response = self.client.post(
            self.url(), {"date": today.isoformat(), "text": "Tweede avond.", "status": "running"}
        )
        self.assertRedirects(response, self.url(), fetch_redirect_response=False)
        self.action.refresh_from_db()
        self.assertEqual(self.action.last_update_on, today)
        self.assertTrue(
            ProgressUpdate.objects.filter(action=self.action, written_by=self.dave, text="Tweede avond.").exists()
        )
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.action), (self.dave.pk, "create"))

    def test_the_public_page_shows_the_latest_update_date_and_new_status(self):
        self.login(self.dave)
        self.client.post(self.url(), {"date": timezone.localdate().isoformat(), "text": "Klaar.", "status": "done"})
        self.client.logout()
        response = self.client.get("/programma/")
        self.assertContains(response, "Klaar")
        self.assertNotContains(response, "Klaar.")

    def test_a_bad_update_keeps_the_input(self):
        self.login(self.dave)
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = self.client.post(self.url(), {"date": tomorrow.isoformat(), "text": "Mijn tekst"})
        self.assertContains(response, "De datum kan niet in de toekomst liggen.", status_code=400)
        self.assertContains(response, "Mijn tekst", status_code=400)
        self.assertEqual(ProgressUpdate.objects.filter(action=self.action).count(), 1)

    def test_another_organisation_cannot_post_an_update(self):
        data = {"date": timezone.localdate().isoformat(), "text": "x"}
        self.assert_not_found_for([self.sem, self.bob, self.otto, self.ann], self.url(), method="post", data=data)
        self.assertEqual(ProgressUpdate.objects.filter(action=self.action).count(), 1)

    def test_the_coordinator_posts_an_update(self):
        self.login(self.petra)
        self.client.post(self.url(), {"date": timezone.localdate().isoformat(), "text": "Gesproken met trekker."})
        self.assertTrue(ProgressUpdate.objects.filter(written_by=self.petra).exists())


class JoinTestCase(ProgrammeTestCase):
    def url(self):
        return f"/programma/acties/{self.action.pk}/aansluiten/"

    def test_an_organisation_asks_to_join(self):
        self.login(self.sem)
        self.assertContains(self.client.get(self.url()), "Vragen om mee te doen: Geldcafé in de bibliotheek")
        response = self.client.post(self.url(), {"description": "Wij hebben een zaal."})
        self.assertRedirects(response, f"/programma/acties/{self.action.pk}/", fetch_redirect_response=False)
        join_request = JoinRequest.objects.get()
        self.assertEqual(
            (join_request.kind, join_request.organisation, join_request.requested_by, join_request.status),
            ("join", self.club, self.sem, "pending"),
        )
        self.client.post(self.url(), {"description": "Nog eens"})
        self.assertEqual(JoinRequest.objects.count(), 1)
        self.assertContains(
            self.client.get(f"/programma/acties/{self.action.pk}/"), "Jouw organisatie vroeg om mee te doen."
        )

    def test_an_organisation_already_in_it_or_outsiders_cannot_ask(self):
        self.assert_not_found_for([self.dave, self.ann, self.petra, self.otto, self.alice], self.url())
        self.assert_not_found_for([self.dave, self.ann, self.otto], self.url(), method="post", data={})
        self.assertFalse(JoinRequest.objects.exists())


class ProposeTestCase(ProgrammeTestCase):
    def test_staff_propose_an_action(self):
        self.login(self.sem)
        response = self.client.post(
            "/programma/voorstellen/", {"title": "Basketbal op vrijdag", "description": "Voor jongeren", "goal": ""}
        )
        self.assertRedirects(response, "/programma/acties/", fetch_redirect_response=False)
        proposal = JoinRequest.objects.get()
        self.assertEqual((proposal.kind, proposal.organisation, proposal.goal), ("new", self.club, None))
        self.assertContains(self.client.get("/programma/acties/"), "Basketbal op vrijdag")

    def test_a_proposal_without_a_name_keeps_the_input(self):
        self.login(self.sem)
        response = self.client.post("/programma/voorstellen/", {"title": "", "description": "Voor jongeren"})
        self.assertContains(response, "Geef de actie een korte naam.", status_code=400)
        self.assertContains(response, "Voor jongeren", status_code=400)
        self.assertFalse(JoinRequest.objects.exists())

    def test_people_without_an_organisation_cannot_propose(self):
        self.assert_not_found_for([self.alice, self.ann, self.petra, self.carol], "/programma/voorstellen/")
        self.assert_not_found_for(
            [self.ann, self.petra], "/programma/voorstellen/", method="post", data={"title": "x", "description": "y"}
        )
        self.assertFalse(JoinRequest.objects.exists())

    def test_the_service_for_other_apps_records_the_source(self):
        proposal = action_propose(
            user=self.dave,
            title="Schuldenspreekuur",
            description="Elke week",
            goal=self.goal,
            source_label="Leersessie 3",
        )
        self.assertEqual(
            (proposal.status, proposal.organisation, proposal.requested_by, proposal.source_label, proposal.goal),
            ("pending", self.debt_team, self.dave, "Leersessie 3", self.goal),
        )

    def test_the_service_refuses_the_analyst_and_a_goal_of_another_municipality(self):
        with self.assertRaises(PermissionError):
            action_propose(user=self.ann, title="x", description="y")
        with self.assertRaises(PermissionError):
            action_propose(user=self.otto, title="x", description="y", goal=self.goal)

    def test_the_staff_overview_is_404_for_others(self):
        self.assert_not_found_for([self.alice, self.ann, self.carol, self.pam], "/programma/acties/")
