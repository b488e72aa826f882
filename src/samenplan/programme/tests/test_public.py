from datetime import timedelta

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .base import ProgrammeTestCase


class PublicPageTestCase(ProgrammeTestCase):
    def test_it_shows_goals_actions_leads_and_status_without_login(self):
        response = self.client.get("/programma/")
        self.assertContains(response, "Ruimte voor leven")
        self.assertContains(response, "Iedereen kan rondkomen")
        self.assertContains(response, "Geldcafé in de bibliotheek")
        self.assertContains(response, "Schuldhulp")
        self.assertContains(response, "Loopt")

    def test_it_names_no_person(self):
        for url in ("/programma/", f"/programma/{self.goal.pk}/"):
            response = self.client.get(url)
            self.assertNotContains(response, "Dave")
            self.assertNotContains(response, "Dekker")
            self.assertNotContains(response, "Eerste avond")

    def test_the_footer_links_to_it(self):
        self.assertContains(self.client.get("/wijkpunten/"), 'href="/programma/"')

    def test_the_goal_page_shows_its_actions(self):
        response = self.client.get(f"/programma/{self.goal.pk}/")
        self.assertContains(response, "Doel 1: Iedereen kan rondkomen")
        self.assertContains(response, "Geldcafé in de bibliotheek")
        self.assertContains(response, "Bestaanszekerheid")

    def test_an_unknown_goal_is_404(self):
        self.assertEqual(self.client.get("/programma/987654/").status_code, 404)

    def test_the_public_page_costs_the_same_queries_however_many_actions(self):
        self.client.get("/programma/")
        with CaptureQueriesContext(connection) as first:
            self.client.get("/programma/")
        for n in range(5):
            self.action.pk = None
            self.action.title = f"Extra {n}"
            self.action.save()
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get("/programma/")


class GoalFiguresTestCase(ProgrammeTestCase):
    def setUp(self):
        # The tests write figures as a refresh would; the app itself never imports them.
        Figure = apps.get_model("insights", "Figure")
        refresh = apps.get_model("insights", "Refresh").objects.create(
            finished_at=timezone.now(), quarters=["2026-07-01"]
        )
        Figure.objects.create(
            refresh=refresh,
            measure="plannen_gestart",
            quarter="2026-07-01",
            area="all",
            node="all",
            people=42,
            units=42,
            value=42,
        )
        Figure.objects.create(
            refresh=refresh,
            measure="doorbraken",
            quarter="2026-07-01",
            area="all",
            node="all",
            people=3,
            units=3,
            value=3,
        )
        self.goal.measures = ["plannen_gestart", "doorbraken"]
        self.goal.save()

    def test_the_goal_shows_its_figure_and_hides_one_about_few_people(self):
        response = self.client.get(f"/programma/{self.goal.pk}/")
        self.assertContains(response, "Plannen gestart (bereik)")
        self.assertContains(response, "<dd>42</dd>", html=False)
        self.assertContains(response, "te weinig mensen")
        self.assertNotContains(response, "<dd>3</dd>")

    def test_the_coordinator_links_figures_to_a_goal(self):
        self.login(self.petra)
        url = f"/programma/beheer/doelen/{self.goal.pk}/cijfers/"
        self.assertContains(self.client.get(url), "Plannen open in het kwartaal")
        response = self.client.post(url, {"measures": ["plannen_open"]})
        self.assertRedirects(response, f"/programma/{self.goal.pk}/", fetch_redirect_response=False)
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.measures, ["plannen_open"])

    def test_nobody_else_links_figures(self):
        url = f"/programma/beheer/doelen/{self.goal.pk}/cijfers/"
        self.assert_not_found_for([self.ann, self.dave, self.sem, self.charlie, self.alice], url)
        self.assert_not_found_for([self.ann, self.dave], url, method="post", data={"measures": ["plannen_open"]})
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.measures, ["plannen_gestart", "doorbraken"])

    def test_stale_dates_do_not_matter_for_stalled(self):
        self.action.last_update_on = timezone.localdate() - timedelta(days=91)
        self.assertTrue(self.action.is_stalled())
        self.action.status = "done"
        self.assertFalse(self.action.is_stalled())
