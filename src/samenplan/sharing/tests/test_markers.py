"""Property test of the whole sharing model, through every page of the app.

For each generated plan we plant a unique marker string in every part, then walk every
plan URL of the app (read from the URL configuration), the API's plan endpoints included,
as the owner, as every generated member (removed ones included) and as a stranger, and
check: a marker shows up only for someone the generated grants allow, and every marker
shows up for the owner somewhere.

The expected visibility is computed here from the generated data, not by the policy
module under test.
"""

import contextlib
import itertools
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib import admin
from django.test import TestCase as DjangoTestCase
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import User
from samenplan.conversations.models import Message, Thread
from samenplan.insights.refresh import refresh
from samenplan.measuring.models import Instrument, LifeDomain, Measurement, WelfareTheme
from samenplan.plans.models import Agreement, Evaluation, Goal, GoalScore, Plan, Priority, StoryVersion, Strength
from samenplan.sharing.models import EmergencyAccess, Grant, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.factories import UserFactory, WijkFactory
from samenplan.testing.urlwalk import api_parameters, api_plan_routes, fill, plan_routes

PARTS = [part.value for part in Part]
counter = itertools.count()


@dataclass
class MemberSpec:
    professional: bool
    levels: dict[str, int]
    until_days: int | None  # None: no end date; negative: already ended
    removed: bool
    emergency_part: str | None
    in_thread: bool
    represents: list[str] | None  # None: not a representative; []: all parts
    user: User | None = None
    membership: Membership | None = None
    assigned_marker: str = ""

    def sees(self, part: str) -> bool:
        if self.removed:
            return False
        if self.represents is not None and (not self.represents or part in self.represents):
            return True
        if self.emergency_part == part and self.professional:
            return True
        granted = self.until_days is None or self.until_days >= 0
        return granted and self.levels.get(part, Level.NONE) >= Level.VIEW


@dataclass
class World:
    plan: Plan
    members: list[MemberSpec]
    markers: dict[str, str] = field(default_factory=dict)  # marker -> part
    values: dict[str, list] = field(default_factory=dict)

    def allowed(self, spec: MemberSpec | None, marker: str) -> bool:
        """May this person (None: the owner) see this marker?"""
        if spec is None:
            return True
        part = self.markers[marker]
        if part == "assigned":
            owner_of_marker = next(m for m in self.members if m.assigned_marker == marker)
            return not spec.removed and (owner_of_marker is spec or spec.sees(Part.AGREEMENTS))
        if part == Part.CONVERSATIONS:
            represents_all = spec.represents is not None and (
                not spec.represents or Part.CONVERSATIONS in spec.represents
            )
            return spec.sees(part) and (spec.in_thread or represents_all)
        if part == "evaluation-score":
            return spec.sees(Part.EVALUATIONS) and spec.sees(Part.GOALS)
        return spec.sees(part)


member_specs = st.builds(
    MemberSpec,
    professional=st.booleans(),
    levels=st.dictionaries(st.sampled_from(PARTS), st.sampled_from([Level.NONE, Level.VIEW, Level.CONTRIBUTE])),
    until_days=st.one_of(st.none(), st.integers(min_value=-2, max_value=2)),
    removed=st.booleans(),
    emergency_part=st.one_of(st.none(), st.sampled_from(PARTS)),
    in_thread=st.booleans(),
    represents=st.one_of(st.none(), st.none(), st.none(), st.lists(st.sampled_from(PARTS), unique=True, max_size=3)),
)


class MarkerWorldMixin:
    @classmethod
    def setUpTestData(cls):
        cls.wijk = WijkFactory()
        cls.owner = UserFactory(first_name="Owner")
        cls.stranger = UserFactory(role=User.Role.PROFESSIONAL)
        cls.pool = {
            True: [UserFactory(role=User.Role.PROFESSIONAL) for _ in range(4)],
            False: [UserFactory(role=User.Role.NETWORK) for _ in range(4)],
        }
        cls.instrument = Instrument.objects.get(code="gezondheidsweb")
        cls.domain = LifeDomain.objects.first()

    def build(self, specs: list[MemberSpec], closed: bool) -> World:
        today = timezone.localdate()
        tag = f"MK{next(counter)}x"
        plan = Plan.objects.create(
            owner=self.owner,
            wijk=self.wijk,
            created_by=self.owner,
            status=Plan.Status.CLOSED if closed else Plan.Status.ACTIVE,
        )
        world = World(plan=plan, members=specs)

        def mark(part: str, suffix: str = "") -> str:
            marker = f"{tag}{part.replace('-', '')}{suffix}"
            world.markers[marker] = part
            return marker

        StoryVersion.objects.create(plan=plan, number=1, text=mark(Part.STORY), written_by=self.owner)
        Priority.objects.create(plan=plan, domain=self.domain, rank=1, note=mark(Part.PRIORITIES))
        Strength.objects.create(plan=plan, kind="self", text=mark(Part.STRENGTHS), rank=1)
        measurement = Measurement.objects.create(
            plan=plan, instrument=self.instrument, perspective="resident", recorded_by=self.owner
        )
        Measurement.objects.filter(pk=measurement.pk).update(note=mark(Part.ASSESSMENT))
        goal = Goal.objects.create(plan=plan, text=mark(Part.GOALS), created_by=self.owner)
        agreement = Agreement.objects.create(
            plan=plan, what=mark(Part.AGREEMENTS), who_kind="resident", support="light", created_by=self.owner
        )
        evaluation = Evaluation.objects.create(
            plan=plan, scheduled_for=today, created_by=self.owner, summary=mark(Part.EVALUATIONS)
        )
        GoalScore.objects.create(evaluation=evaluation, goal=goal, score=1, note=mark("evaluation-score"))
        contact = Membership.objects.create(
            plan=plan,
            name="Contact",
            role="network",
            relation="neighbour",
            helps_with=mark(Part.NETWORK),
            added_by=self.owner,
        )
        thread = Thread.objects.create(plan=plan, subject="Thread", created_by=self.owner)
        Message.objects.create(thread=thread, author=self.owner, text=mark(Part.CONVERSATIONS))
        participants = [self.owner]

        used = {True: iter(self.pool[True]), False: iter(self.pool[False])}
        for number, spec in enumerate(specs):
            spec.user = next(used[spec.professional])
            spec.membership = Membership.objects.create(
                plan=plan,
                user=spec.user,
                role="representative"
                if spec.represents is not None
                else ("professional" if spec.professional else "network"),
                represents=spec.represents or [],
                relation="professional" if spec.professional else "friend",
                added_by=self.owner,
                ended_at=timezone.now() if spec.removed else None,
            )
            until = None if spec.until_days is None else today + timedelta(days=spec.until_days)
            Grant.objects.bulk_create(
                Grant(membership=spec.membership, part=part, level=level, valid_until=until, granted_by=self.owner)
                for part, level in spec.levels.items()
                if level
            )
            if spec.emergency_part:
                EmergencyAccess.objects.create(
                    membership=spec.membership,
                    part=spec.emergency_part,
                    reason="r" * 30,
                    ends_at=timezone.now() + timedelta(hours=2),
                )
            if spec.in_thread:
                participants.append(spec.user)
            spec.assigned_marker = mark("assigned", suffix=f"n{number}")
            Agreement.objects.create(
                plan=plan,
                what=spec.assigned_marker,
                who_kind="network",
                support="light",
                assignee=spec.user,
                created_by=self.owner,
            )
        thread.participants.set(participants)

        first_assigned = Agreement.objects.filter(plan=plan, assignee__isnull=False).first()
        world.values = {
            "plan_id": [plan.pk],
            "goal_id": [goal.pk],
            "agreement_id": [agreement.pk] + ([first_assigned.pk] if first_assigned else []),
            "evaluation_id": [evaluation.pk],
            "code": [self.instrument.code],
            "membership_id": [contact.pk] + [spec.membership.pk for spec in specs[:1]],
            "thread_id": [thread.pk],
            "invitation_id": [],
            "emergency_id": [e.pk for e in EmergencyAccess.objects.filter(membership__plan=plan)[:1]],
        }
        return world

    def urls(self, world: World):
        for route in plan_routes():
            names = [name for name in world.values if f"<int:{name}>" in route or f"<slug:{name}>" in route]
            for combination in itertools.product(*(world.values[name] for name in names)):
                url = fill(route, dict(zip(names, combination, strict=True)))
                if url is not None:
                    yield url
        # The API's plan endpoints: the plan read, its agreements, messages, referrals, the list
        # (its FHIR export is the same function as the page's, walked above).
        for route in api_plan_routes():
            if route.endswith("/fhir"):
                continue
            names = api_parameters(route)
            for combination in itertools.product(*(world.values.get(value, []) for value in names.values())):
                url = fill(route, dict(zip(names, combination, strict=True)))
                if url is not None:
                    yield url
        yield "/caseload/"
        yield "/notifications/"
        # "Mijn gegevens": a member's places in others' plans, never their content (its
        # download is the same report as data).
        yield "/mijn-gegevens/"

    def walk(self, world: World, user: User) -> str:
        self.client.force_login(user)
        seen = []
        for url in self.urls(world):
            response = self.client.get(url)
            if response.status_code == 200:
                seen.append(response.content.decode())
        return "\n".join(seen)


@pytest.mark.heavy
class MarkerWalkTestCase(MarkerWorldMixin, TestCase):
    @given(specs=st.lists(member_specs, min_size=1, max_size=3), closed=st.booleans())
    def test_a_marker_shows_only_for_those_granted_and_always_for_the_owner(self, specs, closed):
        world = self.build(specs, closed)

        owner_pages = self.walk(world, self.owner)
        for marker, part in world.markers.items():
            self.assertIn(marker, owner_pages, f"the owner does not see {part}")

        # Every generated member (removed ones included), and a stranger.
        walkers = [(spec, spec.user) for spec in specs] + [(None, self.stranger)]
        for spec, user in walkers:
            pages = self.walk(world, user)
            for marker, part in world.markers.items():
                if marker in pages:
                    self.assertTrue(
                        spec is not None and world.allowed(spec, marker),
                        f"{part} leaked to {'a stranger' if spec is None else spec}",
                    )


class WalkCoversTheApiTestCase(MarkerWorldMixin, DjangoTestCase):
    def test_the_walk_reaches_every_plan_endpoint_of_the_api(self):
        world = self.build([], closed=False)
        urls = set(self.urls(world))
        base = f"/api/v1/plans/{world.plan.pk}"
        expected = {"/api/v1/plans", base, f"{base}/agreements", f"{base}/messages", f"{base}/referrals"}
        self.assertLessEqual(expected, urls)
        self.client.force_login(self.owner)
        for url in expected:
            self.assertEqual(self.client.get(url).status_code, 200, url)


class AdminsAndAnalystsTestCase(MarkerWorldMixin, DjangoTestCase):
    """The platform admin and the policy analyst never see a marker, the admin site included."""

    def admin_urls(self):
        yield reverse("admin:index")
        for model, model_admin in admin.site._registry.items():
            info = (model._meta.app_label, model._meta.model_name)
            yield reverse("admin:app_list", args=[info[0]])
            yield reverse(f"admin:{info[0]}_{info[1]}_changelist")
            yield reverse(f"admin:{info[0]}_{info[1]}_changelist") + "?q=MK"
            if model_admin.has_add_permission(self.fake_request()):
                yield reverse(f"admin:{info[0]}_{info[1]}_add")
            for obj in model.objects.all()[:5]:
                yield reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk])
                yield reverse(f"admin:{info[0]}_{info[1]}_history", args=[obj.pk])

    def fake_request(self):
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = self.admin_user
        return request

    def test_admins_and_analysts_never_see_plan_content(self):
        self.admin_user = UserFactory(role=User.Role.PLATFORM_ADMIN, is_staff=True)
        analyst = UserFactory(role=User.Role.ANALYST)
        specs = [
            MemberSpec(
                professional=True,
                levels=dict.fromkeys(PARTS, Level.CONTRIBUTE),
                until_days=None,
                removed=False,
                emergency_part=None,
                in_thread=True,
                represents=None,
            ),
            MemberSpec(
                professional=False,
                levels={},
                until_days=None,
                removed=False,
                emergency_part=None,
                in_thread=False,
                represents=[],
            ),
        ]
        world = self.build(specs, closed=False)
        for user in (self.admin_user, analyst):
            self.client.force_login(user)
            for url in self.urls(world):
                response = self.client.get(url)
                if "/plans/" in url:
                    self.assertEqual(response.status_code, 404, url)
                for marker in world.markers:
                    self.assertNotContains(response, marker, status_code=response.status_code, msg_prefix=url)
            self.client.get("/")
        self.client.force_login(self.admin_user)
        visited = 0
        for url in self.admin_urls():
            response = self.client.get(url)
            self.assertIn(response.status_code, (200, 302), url)
            visited += 1
            for marker in world.markers:
                self.assertNotContains(response, marker, status_code=response.status_code, msg_prefix=url)
        self.assertGreater(visited, 20)
        self.client.force_login(analyst)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)

    def insights_urls(self, record):
        """Every insights page and CSV file with every value of every filter (one filter at
        a time, the others at their default): wijk, quarter, life domain or theme."""
        wijken = ["", *(str(pk) for pk in type(self.wijk).objects.values_list("pk", flat=True))]
        domains = ["", *(f"theme:{theme.value}" for theme in WelfareTheme)]
        domains += list(LifeDomain.objects.values_list("code", flat=True))
        names = [("insights", True), ("insights_csv", True), ("insights_pairs", False), ("insights_pairs_csv", False)]
        pages = []
        for name, with_domain in names:
            with contextlib.suppress(NoReverseMatch):
                pages.append((reverse(name), with_domain))
        for url, with_domain in pages:
            yield url
            for wijk in wijken:
                yield f"{url}?wijk={wijk}"
            for quarter in record.quarters:
                yield f"{url}?kwartaal={quarter}"
            if with_domain:
                for domain in domains:
                    yield f"{url}?domein={domain}"

    def test_the_analyst_sees_no_plan_content_on_the_insights_pages(self):
        analyst = UserFactory(role=User.Role.ANALYST)
        spec = MemberSpec(
            professional=True,
            levels=dict.fromkeys(PARTS, Level.CONTRIBUTE),
            until_days=None,
            removed=False,
            emergency_part=Part.STORY,
            in_thread=True,
            represents=None,
        )
        world = self.build([spec], closed=False)
        # A goal in a life domain and a closed plan too, so the figures have life domains.
        Goal.objects.filter(plan=world.plan).update(domain=self.domain)
        closed = self.build([], closed=True)
        markers = {**world.markers, **closed.markers}
        record = refresh()
        self.client.force_login(analyst)
        visited = 0
        for url in self.insights_urls(record):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            visited += 1
            for marker in markers:
                self.assertNotContains(response, marker, msg_prefix=url)
        self.assertGreater(visited, 40)
