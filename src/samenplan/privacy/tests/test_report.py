import json

from django.apps import apps
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.plans.models import Plan, StoryVersion
from samenplan.privacy.selectors import NOT_IN_REPORT, SOURCES, source_model
from samenplan.sharing.models import Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, GoalFactory, UserFactory

from .helpers import listed_rows, models_about_people, paths_to_plan
from .world import fill_every_table

URL = reverse("my_data")
DOWNLOAD = reverse("my_data_download")


class RegistryTest(BaseTestCase):
    def test_it_decides_on_every_model_that_points_at_a_person_or_a_plan(self):
        decided = {s.label for s in SOURCES} | set(NOT_IN_REPORT)
        undecided = sorted(m._meta.label_lower for m in models_about_people() if m._meta.label_lower not in decided)
        self.assertEqual(
            undecided,
            [],
            "Add these models to privacy/selectors.py: SOURCES (how the report reaches them) "
            "or NOT_IN_REPORT (why not)",
        )
        # The proof finds enough to prove anything.
        self.assertGreater(len(models_about_people()), 30)

    def test_it_names_only_installed_models_and_real_paths(self):
        for source in SOURCES:
            model = source_model(source)
            self.assertEqual(model._meta.label_lower, source.label)
            found = paths_to_plan(model)
            for path in source.plan_paths:
                self.assertTrue(path == "id" or path in found, f"{source.label}: {path}")
            # A model inside a plan is reached through it.
            self.assertEqual(bool(found) or model is Plan, bool(source.plan_paths), source.label)
        installed = {m._meta.label_lower for m in apps.get_models()}
        self.assertEqual(set(NOT_IN_REPORT) - installed, set())


class ReportTest(BaseTestCase):
    def download(self, user):
        self.login(user)
        response = self.client.get(DOWNLOAD)
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content.decode("utf-8"))

    def test_it_lists_every_row_about_a_person_with_data_in_every_table(self):
        fill_every_table(self)
        alice = self.alice
        own_plans = list(Plan.objects.filter(owner=alice).values_list("pk", flat=True))
        expected = set()
        for source in SOURCES:
            model = source_model(source)
            about = Q(pk__in=[])
            for f in model._meta.get_fields():
                if f.is_relation and f.concrete and f.related_model is User:
                    about |= Q(**{f.name: alice})
            for path in paths_to_plan(model):
                about |= Q(**{f"{path}__in": own_plans})
            rows = set(model.objects.filter(about).values_list("pk", flat=True))
            self.assertTrue(rows, f"the world has no row in {source.label}")
            expected |= {(source.label, pk) for pk in rows}

        data = self.download(alice)
        self.assertEqual(expected - listed_rows(data), set())
        text = json.dumps(data, ensure_ascii=False)
        for marker in [
            "Alice's story, first version.",
            "MARK-priority",
            "MARK-strength",
            "MARK-goal",
            "MARK-evaluation",
            "MARK-goalscore",
            "MARK-agreement",
            "MARK-measurement",
            "MARK-questionevent",
            "MARK-signalevent",
            "MARK-upload.csv",
            "MARK-theme",
            "MARK-referralevent",
            "MARK-agenda",
            "MARK-minutes",
            "MARK-logentry",
            "MARK-correction",
            "Alice wants help with her debts.",
            "Alice's neighbour asks about rent.",
            "hello",
            "MARK-totp",
            "MARK-static",
        ]:
            self.assertIn(marker, text)
        # Secrets stay out, even for the person themself.
        self.assertNotIn("code_hash", text)
        self.assertNotIn("nonce", text)
        self.assertNotIn("SECRET-CODE", text)
        self.assertNotIn('"key"', text)

        # The page names every kind of row in the plan, with a link to where it is in full.
        response = self.client.get(URL)
        self.assertContains(response, "Alice Aarts")
        for name, link in [
            ("Doelen", reverse("goals", args=[self.plan.pk])),
            ("Casusoverleggen", reverse("plan_conferences", args=[self.plan.pk])),
            ("Verwijzingen", reverse("referrals", args=[self.plan.pk])),
            ("Noodtoegang", reverse("emergency", args=[self.plan.pk])),
            ("Vroegsignalering", reverse("plan_signals", args=[self.plan.pk])),
        ]:
            self.assertContains(response, f'<a href="{link}">{name}</a>', html=True)
        self.assertContains(response, "die jij hebt toegevoegd")
        self.assertContains(response, "MARK-correction")
        # Long texts stay on the plan pages.
        self.assertNotContains(response, "MARK-goal")

    def test_it_lists_memberships_and_what_a_professional_wrote_without_the_plan_content(self):
        goal = GoalFactory(plan=self.plan, text="MARK-goal-by-bob", created_by=self.bob)
        data = self.download(self.bob)
        self.assertEqual(data["account"]["organisation"], "Sociaal Team West")
        self.assertEqual(data["plans"], [])
        self.assertIn(("plans.goal", goal.pk), listed_rows(data))
        self.assertIn(("sharing.membership", self.bob_membership.pk), listed_rows(data))
        mine = data["yours"]["sharing.membership"][0]
        self.assertEqual((mine["role"], mine["plan_owner"]), ("coordinator", "Alice Aarts"))
        self.assertEqual(len([g for g in data["grants_to_you"] if g["membership"] == self.bob_membership.pk]), 9)
        text = json.dumps(data, ensure_ascii=False)
        self.assertNotIn("MARK-goal-by-bob", text)
        self.assertNotIn("Alice's story", text)

        response = self.client.get(URL)
        self.assertContains(response, "Plan van Alice Aarts")
        self.assertContains(response, "Doelen")
        self.assertNotContains(response, "MARK-goal-by-bob")

    def test_it_is_always_about_the_person_logged_in(self):
        StoryVersion.objects.create(plan=self.plan, number=2, text="MARK-alice-only", written_by=self.alice)
        for user in [self.carol, self.dave, self.charlie, self.ann, self.pam, self.wendy, self.brit]:
            self.login(user)
            page = self.client.get(URL)
            self.assertContains(page, user.username)
            self.assertNotContains(page, "MARK-alice-only")
            self.assertNotIn("MARK-alice-only", self.client.get(DOWNLOAD).content.decode())
        self.client.logout()
        self.assertRedirects(self.client.get(URL), f"{reverse('login')}?next={URL}", fetch_redirect_response=False)
        self.assertEqual(self.client.get(DOWNLOAD).status_code, 302)

    def test_a_representative_finds_their_own_data_not_the_residents(self):
        # Erin becomes alice's legal representative for every part: she uses alice's
        # rights through the plan (its download), her own Mijn gegevens stays hers.
        Membership.objects.filter(pk=self.erin_membership.pk).update(
            role=Membership.Role.REPRESENTATIVE, representation="mentor", represents=[]
        )
        StoryVersion.objects.create(plan=self.plan, number=2, text="MARK-alice-only", written_by=self.alice)
        data = self.download(self.erin)
        self.assertEqual(data["account"]["username"], "erin")
        self.assertEqual(data["plans"], [])
        self.assertNotIn("MARK-alice-only", json.dumps(data))
        self.assertEqual(self.client.get(reverse("plan_download", args=[self.plan.pk])).status_code, 200)

    def test_it_shows_who_looked_at_your_data_and_is_logged_itself(self):
        self.login(self.bob)
        self.client.get(reverse("story", args=[self.plan.pk]))
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertContains(response, "<strong>Bob Bakker</strong> bekeek je verhaal", html=False)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(
            (entry.actor_id, entry.subject_id, entry.action, entry.page),
            (self.alice.pk, self.alice.pk, "view", "my_data"),
        )

    def test_its_queries_do_not_grow_with_the_plans(self):
        resident = UserFactory(username="rosa", first_name="Rosa", last_name="Rens")

        def add_plan(status=Plan.Status.CLOSED):
            # One open plan per resident; the plans before it were closed.
            plan = Plan.objects.create(owner=resident, wijk=self.wijk, status=status, created_by=self.bob)
            StoryVersion.objects.create(plan=plan, number=1, text="story", written_by=self.bob)
            self.add_member(self.bob, "coordinator", {"story": 2}, plan=plan)
            self.add_member(self.carol, "network", {"goals": 1}, plan=plan)
            for _ in range(3):
                goal = GoalFactory(plan=plan, created_by=self.bob)
                AgreementFactory(plan=plan, goal=goal, assignee=self.carol)

        self.login(resident)

        def count(url):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        add_plan(Plan.Status.ACTIVE)
        # The first audit entry ever reads the chain's start once more; not counted.
        count(DOWNLOAD)
        one = count(URL), count(DOWNLOAD)
        for _ in range(4):
            add_plan()
        self.assertEqual((count(URL), count(DOWNLOAD)), one)
