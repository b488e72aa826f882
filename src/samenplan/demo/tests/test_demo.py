import json
import re
from datetime import datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.conversations.models import Message
from samenplan.measuring.models import Measurement
from samenplan.plans.models import Agreement, Evaluation, Plan, StoryVersion
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for, accessible_plan_ids


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
        self.assertIn("manage.py demo_code", out.getvalue())

    def test_staff_log_in_with_the_password_and_the_printed_code(self):
        self.run_demo()
        response = self.client.post("/accounts/login/", {"username": "sanne.wijkteam", "password": "samenplan-demo"})
        self.assertEqual(self.client.get(response["Location"])["Location"], "/accounts/code/?next=%2F")
        code = StringIO()
        call_command("demo_code", stdout=code)
        response = self.client.post("/accounts/code/", {"code": code.getvalue().strip(), "next": "/caseload/"})
        self.assertEqual(response["Location"], "/caseload/")
        self.assertContains(self.client.get("/caseload/"), "Fatima")
        # A resident needs no code.
        self.client.logout()
        login = {"username": "fatima", "password": "samenplan-demo"}
        response = self.client.post("/accounts/login/", login, follow=True)
        self.assertTrue(response.request["PATH_INFO"].startswith("/plans/"), response.redirect_chain)

    @override_settings(PRODUCTION=True)
    def test_the_demo_code_is_refused_in_production(self):
        with self.assertRaises(CommandError):
            call_command("demo_code", stdout=StringIO())

    def test_gerard_represents_yusuf_for_goals_and_agreements(self):
        self.run_demo()
        gerard = User.objects.get(username="gerard.bewind")
        membership = Membership.objects.get(user=gerard, ended_at__isnull=True)
        self.assertEqual(membership.plan.owner.username, "yusuf")
        self.assertEqual((membership.role, membership.representation), ("representative", "bewindvoerder"))
        self.assertEqual(set(membership.represents), {"goals", "agreements"})
        self.assertEqual(accessible_plan_ids(gerard), [membership.plan.pk])

    def test_coordinators_may_answer_the_messages_of_their_residents(self):
        self.run_demo()
        sanne = User.objects.get(username="sanne.wijkteam")
        plan = Plan.objects.get(owner__username="fatima", status="active")
        self.assertTrue(access_for(sanne, plan).can_contribute(Part.CONVERSATIONS))

    @override_settings(PRODUCTION=True)
    def test_it_refuses_to_run_in_production(self):
        with self.assertRaises(CommandError):
            call_command("demo", stdout=StringIO())
        self.assertFalse(User.objects.exists())


# Words that tie an agreement to an area of life; an agreement that uses them must sit under
# a goal of that area (no "Betalingsregeling huurachterstand" under "weer werk").
TOPICS = {
    "financien": ("schuld", "betaling", "huur", "brieven", "post ", "administratie", "vaste lasten"),
    "werk-opleiding": ("werk", "arbeid", "opleiding"),
    "lichamelijke-gezondheid": ("fysiotherap", "beweeg"),
    "huisvesting": ("woningzoekende", "urgentie"),
}
OPENS, CLOSES = time(8, 30), time(17, 30)


class DemoRealismTestCase(TestCase):
    """Demo data a municipality would recognise, whatever day the demo is loaded on."""

    def build_on(self, moment):
        with time_machine.travel(moment, tick=False):
            call_command("demo", "--json", stdout=StringIO())

    def assert_office_hours(self, label, moments):
        for moment in moments:
            local = timezone.localtime(moment)
            self.assertLess(local.weekday(), 5, f"{label} on a {local:%A}: {local}")
            self.assertTrue(OPENS <= local.time() <= CLOSES, f"{label} outside office hours: {local}")

    def assert_realistic(self):
        today = timezone.localdate()
        agreements = Agreement.objects.select_related("goal__domain")
        self.assertGreater(agreements.count(), 15)
        for agreement in agreements:
            text = agreement.what.lower() + " "
            for domain, words in TOPICS.items():
                if any(word in text for word in words) and agreement.goal is not None:
                    self.assertEqual(agreement.goal.domain.code, domain, f"{agreement.what} under {agreement.goal}")
        payment = Agreement.objects.get(what__startswith="Betalingsregeling huurachterstand")
        self.assertIn("huur", payment.goal.text)

        self.assert_office_hours("a plan started", Plan.objects.values_list("created_at", flat=True))
        closed = Plan.objects.exclude(closed_at=None).values_list("closed_at", flat=True)
        self.assert_office_hours("a plan closed", closed)
        self.assert_office_hours("a story written", StoryVersion.objects.values_list("written_at", flat=True))
        confirmed = StoryVersion.objects.exclude(confirmed_at=None).values_list("confirmed_at", flat=True)
        self.assert_office_hours("a story confirmed", confirmed)
        self.assert_office_hours("a message", Message.objects.values_list("created_at", flat=True))
        self.assert_office_hours("a measurement", Measurement.objects.values_list("recorded_at", flat=True))
        held = Evaluation.objects.exclude(held_at=None).values_list("held_at", flat=True)
        self.assert_office_hours("an evaluation held", held)
        for scheduled in Evaluation.objects.values_list("scheduled_for", flat=True):
            self.assertLess(scheduled.weekday(), 5, f"an evaluation planned on {scheduled:%A}")
        self.assertTrue(Evaluation.objects.filter(held_at=None, scheduled_for__gt=today).exists())
        for moment in Message.objects.values_list("created_at", flat=True):
            self.assertLess(moment, timezone.now(), "a message from the future")

        # The meeting the thread plans is the agreement's date in the list.
        meeting = Agreement.objects.get(what__startswith="Betalingsregeling huurachterstand").due_date
        months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september"]
        months += ["oktober", "november", "december"]
        said = Message.objects.get(text__startswith="Mark kan op").text
        self.assertIn(f"dinsdag {meeting.day} {months[meeting.month - 1]} om 10 uur", said)
        self.assertEqual(meeting.weekday(), 1)
        self.assertGreater(meeting, today)

    def test_it_is_realistic_when_loaded_on_a_sunday_night(self):
        self.build_on(datetime(2026, 3, 8, 22, 45, tzinfo=ZoneInfo("Europe/Amsterdam")))
        with time_machine.travel(datetime(2026, 3, 8, 22, 50, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
            self.assert_realistic()

    def test_it_is_realistic_when_loaded_early_on_a_monday(self):
        self.build_on(datetime(2026, 3, 9, 6, 30, tzinfo=ZoneInfo("Europe/Amsterdam")))
        with time_machine.travel(datetime(2026, 3, 9, 6, 35, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
            self.assert_realistic()

    def test_gerard_acts_for_yusuf_in_goals_and_agreements_only(self):
        self.build_on(datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
        gerard = User.objects.get(username="gerard.bewind")
        plan = Plan.objects.get(owner__username="yusuf")
        access = access_for(gerard, plan)
        self.assertTrue(access.acts_on_behalf)
        self.assertEqual({part for part in Part if access.can_contribute(part)}, {Part.GOALS, Part.AGREEMENTS})
        self.assertFalse(access.can_view(Part.STORY))
        arranged = Agreement.objects.get(plan=plan, created_by=gerard)
        self.assertTrue(arranged.on_behalf)
        self.assertEqual(arranged.goal.domain.code, "financien")
        self.client.force_login(gerard)
        page = self.client.get(f"/plans/{plan.pk}/agreements/")
        self.assertContains(page, "Vaste lasten automatisch betalen")

    @override_settings(BASE_URL="http://127.0.0.1:8123")
    def test_the_printed_activation_link_uses_the_address_the_demo_serves(self):
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("http://127.0.0.1:8123/accounts/activate/", out.getvalue())
        self.assertNotIn(":8000", out.getvalue())


class ReadmeTestCase(TestCase):
    def test_the_readme_lists_real_demo_logins_for_every_role(self):
        readme = (settings.BASE_DIR / "README.md").read_text()
        section = readme.split("## The demo", 1)[1].split("\n## ", 1)[0]
        listed = re.findall(r"^\| `([a-z.]+)` \|", section, re.MULTILINE)
        out = StringIO()
        call_command("demo", "--json", stdout=out)
        accounts = {account["username"]: account["role"] for account in json.loads(out.getvalue())}
        self.assertIn("orgbeheer", listed)
        self.assertEqual([name for name in listed if name not in accounts], [])
        self.assertEqual({accounts[name] for name in listed}, {role.value for role in User.Role})

    def test_make_demo_runs_without_debug_at_the_address_it_serves(self):
        makefile = (settings.BASE_DIR / "Makefile").read_text()
        target = makefile.split("\ndemo: install\n", 1)[1].split("\n\n", 1)[0]
        self.assertNotIn("SAMENPLAN_DEBUG", target)
        self.assertIn("runserver $(BIND)", target)
        self.assertIn("demo: export SAMENPLAN_BASE_URL ?= http://$(BIND)", makefile)
