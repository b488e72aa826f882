"""Walks every URL of the app, from the URL configuration, not from a hand-written list."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from samenplan.lib.testing import BaseTestCase
from samenplan.plans.tests.factories import AgreementFactory, EvaluationFactory, GoalFactory

# URLs that hold no plan data; every other URL must take a plan id.
WITHOUT_PLAN = {
    "",
    "accounts/login/",
    "accounts/logout/",
    "accounts/activate/<str:token>/",
    "caseload/",
    "intake/",
    "i18n/setlang/",
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def app_routes():
    return sorted(set(walk(get_resolver().url_patterns)))


class UrlWalkTestCase(BaseTestCase):
    def fill(self, route):
        goal = GoalFactory(plan=self.plan)
        values = {
            "<int:plan_id>": self.plan.pk,
            "<int:goal_id>": goal.pk,
            "<int:agreement_id>": AgreementFactory(plan=self.plan, goal=goal).pk,
            "<int:evaluation_id>": EvaluationFactory(plan=self.plan).pk,
            "<slug:code>": "zelfredzaamheid",
        }
        for key, value in values.items():
            route = route.replace(key, str(value))
        self.assertNotIn("<", route, f"the walk does not know how to fill {route}")
        return "/" + route

    def plan_routes(self):
        routes = [r for r in app_routes() if r not in WITHOUT_PLAN]
        for route in routes:
            self.assertIn("<int:plan_id>", route, f"{route} holds no plan id: add it to WITHOUT_PLAN if on purpose")
        return routes

    def test_every_plan_url_is_404_for_outsiders_whatever_the_method(self):
        for route in self.plan_routes():
            url = self.fill(route)
            self.assert_not_found_for(self.outsiders, url)
            self.assert_not_found_for(self.outsiders, url, method="post", data={"text": "x"})

    def test_every_plan_url_works_for_the_owner(self):
        self.login(self.alice)
        for route in self.plan_routes():
            url = self.fill(route)
            if route.endswith(("confirm/", "resend/")):
                continue  # POST-only actions
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_unknown_ids_in_every_plan_url_get_404(self):
        for route in self.plan_routes():
            url = self.fill(route)
            for key in ("plans/", "goals/", "agreements/", "evaluations/"):
                broken = re.sub(rf"{key}\d+/", f"{key}987654/", url)
                if broken != url:
                    self.assert_not_found_for([self.alice], broken)

    def test_pages_without_a_plan_do_not_show_plan_data_to_outsiders(self):
        GoalFactory(plan=self.plan, text="MARKER-GOAL")
        for user in self.outsiders:
            self.login(user)
            for route in ("", "caseload/", "intake/"):
                response = self.client.get("/" + route, follow=True)
                self.assertNotContains(response, "MARKER-GOAL", status_code=response.status_code)
                self.assertNotContains(response, "Alice", status_code=response.status_code)
