import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.plans.models import Plan
from samenplan.sharing.models import Membership
from samenplan.sharing.policy import accessible_plan_ids


class DemoTestCase(TestCase):
    def run_demo(self):
        out = StringIO()
        call_command("demo", "--json", stdout=out)
        return json.loads(out.getvalue())

    def test_it_builds_a_helmond_like_town_once(self):
        accounts = self.run_demo()
        counts = (Wijk.objects.count(), Organisation.objects.count(), Plan.objects.count(), User.objects.count())
        self.assertEqual(self.run_demo(), accounts)
        self.assertEqual(
            (Wijk.objects.count(), Organisation.objects.count(), Plan.objects.count(), User.objects.count()), counts
        )
        self.assertGreaterEqual(Wijk.objects.count(), 6)
        self.assertGreaterEqual(Organisation.objects.count(), 28)
        kinds = set(Organisation.objects.values_list("kind", flat=True))
        for kind in (
            "social_team",
            "debt",
            "housing",
            "mental_health",
            "employment",
            "school",
            "gp",
            "food_bank",
            "volunteer",
            "sport",
        ):
            self.assertIn(kind, kinds)

    def test_residents_have_plans_in_every_stage(self):
        self.run_demo()
        self.assertGreaterEqual(Plan.objects.values("owner").distinct().count(), 8)
        statuses = set(Plan.objects.values_list("status", flat=True))
        self.assertEqual(statuses, {"intake", "active", "closed"})
        self.assertTrue(Plan.objects.filter(evaluations__held_at__isnull=False).exists())
        self.assertTrue(Plan.objects.filter(memberships__role="network").exists())

    def test_the_json_lists_accounts_that_can_log_in_with_their_plans(self):
        accounts = self.run_demo()
        roles = {account["role"] for account in accounts}
        self.assertEqual(roles, {r.value for r in User.Role})
        for account in accounts:
            self.assertEqual(set(account) >= {"username", "password", "role", "plans"}, True)
            self.assertTrue(self.client.login(username=account["username"], password=account["password"]))
            user = User.objects.get(username=account["username"])
            self.assertEqual(account["plans"], accessible_plan_ids(user))
            for plan_id in account["plans"]:
                self.assertEqual(self.client.get(f"/plans/{plan_id}/").status_code, 200)
            self.client.logout()
        residents = [a for a in accounts if a["role"] == "resident"]
        self.assertTrue(all(len(a["plans"]) == 1 for a in residents))
        analyst = next(a for a in accounts if a["role"] == "analyst")
        self.assertEqual(analyst["plans"], [])

    def test_the_text_output_prints_the_logins(self):
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("samenplan-demo", out.getvalue())
        self.assertIn("sanne.wijkteam", out.getvalue())
        self.assertIn("/accounts/activate/", out.getvalue())

    def test_gerard_represents_yusuf_for_goals_and_agreements(self):
        self.run_demo()
        gerard = User.objects.get(username="gerard.bewind")
        membership = Membership.objects.get(user=gerard, ended_at__isnull=True)
        self.assertEqual(membership.plan.owner.username, "yusuf")
        self.assertEqual((membership.role, membership.representation), ("representative", "bewindvoerder"))
        self.assertEqual(set(membership.represents), {"goals", "agreements"})
        self.assertEqual(accessible_plan_ids(gerard), [membership.plan.pk])

    @override_settings(PRODUCTION=True)
    def test_it_refuses_to_run_in_production(self):
        with self.assertRaises(CommandError):
            call_command("demo", stdout=StringIO())
        self.assertFalse(User.objects.exists())
