"""Error pages speak the resident's language, keep the site around them and follow the
same strict rules as every other page."""

from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from samenplan.testing.base import BaseTestCase


class ErrorPagesTestCase(BaseTestCase):
    def test_a_plan_page_one_may_not_open_says_so_in_dutch_with_a_way_back(self):
        self.login(self.charlie)
        response = self.client.get(f"/plans/{self.plan.pk}/story/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Deze pagina kunnen we niet laten zien", status_code=404)
        self.assertContains(response, 'href="/"', status_code=404)
        self.assertContains(response, "Uitloggen", status_code=404)
        self.assertNotContains(response, "Alice", status_code=404)
        self.assertNotIn("unsafe-inline", response["Content-Security-Policy"])

    def test_a_missing_page_is_in_english_for_someone_who_chose_english(self):
        self.client.cookies["django_language"] = "en"
        response = self.client.get("/no-such-page/")
        self.assertContains(response, "We cannot show this page", status_code=404)

    def test_a_form_sent_from_a_stale_page_explains_what_to_do(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.alice)
        response = client.post(f"/plans/{self.plan.pk}/goals/", {"text": "Werk vinden"})
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Je formulier is niet verstuurd", status_code=403)
        self.assertContains(response, "terugknop", status_code=403)
        self.assertContains(response, "Alice", status_code=403)  # the site's own header, logged in
        self.assertNotContains(response, "<style", status_code=403)

    def test_a_server_error_page_needs_nothing_from_the_request(self):
        with translation.override("nl"):
            response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        html = response.content.decode()
        self.assertIn("Er ging iets mis bij ons", html)
        self.assertIn('<html lang="nl">', html)
        self.assertNotIn("<style", html)
