"""The stateful proof of the sharing rules: people *act* through the real views, and after
every step the rules must still hold.

A hypothesis state machine starts a plan the way the app does (a professional's intake,
the resident activating it), then lets every kind of person try every action the app
offers anyone: add people to the map, invite them (with and without making them a legal
representative), accept an invitation (also someone else's), change "who sees what"
(also from a stale second tab), end a membership, write in every part, ask and end
emergency access, post messages, evaluate, measure, close and reopen the plan. Every
field a user writes carries a unique marker: text, and dates too (a unique far-future
date, looked for in each way the app prints a date).

What each person may see is computed here, from the resident's own choices as the test
made them (`Model`), never by asking the policy under test. After every step:

- the grants and roles in the database are exactly the resident's choices: nobody but the
  resident or a representative for every part changed who sees what;
- every change left an audit entry by the person who made it, and every refusal a denied one;
- on the pages touched by the step, every person sees only markers the model allows.

When an example ends, every person walks every page the example can reach (the URL
configuration filled with the ids that exist), the download and "view as" included: no
marker outside what the model allows, and the resident sees every marker that still
exists (nothing in a plan is hidden from its owner).
"""

from __future__ import annotations

import inspect
import itertools
import os
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.db import transaction
from django.test import Client
from django.utils import formats, translation
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from samenplan.accounts.models import User
from samenplan.accounts.services import activation_token_make
from samenplan.audit.models import AuditEntry
from samenplan.measuring.models import Instrument, LifeDomain
from samenplan.plans.models import Agreement, Evaluation, Goal, Plan, StoryVersion
from samenplan.sharing.models import EmergencyAccess, Grant, Invitation, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.services import invitation_url
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory
from samenplan.testing.urlwalk import fill, plan_routes

PARTS = [part.value for part in Part]
LEVELS = [Level.NONE, Level.VIEW, Level.CONTRIBUTE]
# People who may get into the plan, and people who never should.
CANDIDATES = ["pro1", "pro2", "fam1", "fam2", "fam3"]
OUTSIDERS = ["stranger", "analyst", "platform_admin", "org_admin"]
ACTORS = ["owner", "coord", *CANDIDATES, *OUTSIDERS]
# Who tries an action: everyone, the people in the plan (and the resident most) more often;
# for the actions that decide who sees what, the people who should not be able to most.
anyone = st.sampled_from(["owner"] * 4 + ["coord"] * 2 + CANDIDATES * 2 + OUTSIDERS)
someone_inside = st.sampled_from(["owner"] * 2 + ["coord"] * 3 + CANDIDATES * 2 + OUTSIDERS)
a_professional = st.sampled_from(["coord", "coord", "pro1", "pro2", "fam1", "stranger", "owner"])
some_grants = st.dictionaries(st.sampled_from(PARTS), st.sampled_from(LEVELS), max_size=5)
# No representative (most often), one for every part, or one for a few parts.
a_representation = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["mentor", "curator", "bewindvoerder"]), st.just([])),
    st.tuples(
        st.sampled_from(["mentor", "curator", "bewindvoerder"]),
        st.lists(st.sampled_from(PARTS), unique=True, min_size=1, max_size=3),
    ),
)
CHANGES = {"create", "update", "delete", "share", "emergency"}
# Examples per run: each one starts a plan, takes up to STEPS steps and then walks every
# page as every person, so far fewer than the plain property tests.
EXAMPLES = {"dev": 4, "ci": 14, "ci-postgresql": 6}[os.environ.get("HYPOTHESIS_PROFILE", "dev")]
STEPS = 16
counter = itertools.count(1)


def marker_text(kind: str) -> str:
    return f"MK{next(counter)}x{kind}"


def marker_date() -> date:
    # Far in the future (nothing else is printed there) and with a two-digit day, so one
    # printed date is never part of another ("3 maart" inside "13 maart").
    number = next(counter)
    month = number // 19
    return date(2040 + month // 12, 1 + month % 12, 10 + number % 19)


def printed(day: date) -> list[str]:
    """Each way the app prints a date: in a form field, as data, and in Dutch text."""
    with translation.override("nl"):
        return [day.isoformat(), formats.date_format(day, "j F Y"), formats.date_format(day, "j M Y")]


@dataclass
class Marker:
    part: str  # a part, or a special kind: "contact", "thread", "score", "emergency", "closing", "assigned"
    about: int | None = None  # the thread, agreement, contact, or emergency it belongs to
    gone: bool = False  # replaced by a newer text: nobody should see it any more


@dataclass
class Member:
    actor: str
    membership_id: int
    role: str
    represents: list[str] | None = None  # None: no representative; []: every part
    levels: dict[str, int] = field(default_factory=dict)
    ended: bool = False
    emergencies: dict[int, str] = field(default_factory=dict)  # active emergency id -> part

    def represented(self) -> set[str]:
        if self.represents is None:
            return set()
        return set(self.represents) or set(PARTS)


@dataclass
class Contact:
    """Someone on the resident's map without an account, meant for one candidate."""

    membership_id: int
    candidate: str
    invitation_id: int | None = None
    invited_grants: dict[str, int] = field(default_factory=dict)
    representation: tuple[str, list[str]] | None = None


@dataclass
class Model:
    """The resident's choices and what followed from them, kept by the test itself."""

    closed: bool = False
    members: dict[int, Member] = field(default_factory=dict)  # membership id -> member, ended ones too
    contacts: dict[int, Contact] = field(default_factory=dict)
    markers: dict[str, Marker] = field(default_factory=dict)
    date_markers: dict[date, Marker] = field(default_factory=dict)
    threads: dict[int, set[str]] = field(default_factory=dict)  # thread -> participants
    agreements: dict[int, str | None] = field(default_factory=dict)  # agreement -> assignee
    emergencies: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (asker, part)

    def member(self, actor: str) -> Member | None:
        return next((m for m in self.members.values() if m.actor == actor and not m.ended), None)

    def professional(self, actor: str) -> bool:
        return actor in ("coord", "pro1", "pro2")

    def level(self, actor: str, part: str) -> int:
        if actor == "owner":
            return Level.VIEW if self.closed else Level.CONTRIBUTE
        member = self.member(actor)
        if member is None:
            return Level.NONE
        level = member.levels.get(part, Level.NONE)
        if part in member.represented():
            level = Level.CONTRIBUTE
        if level < Level.VIEW and part in member.emergencies.values() and self.may_ask_emergency(actor):
            level = Level.VIEW
        return min(level, Level.VIEW) if self.closed else level

    def may_ask_emergency(self, actor: str) -> bool:
        member = self.member(actor)
        return member is not None and self.professional(actor) and member.role in ("coordinator", "professional")

    def sees_plan(self, actor: str) -> bool:
        if actor == "owner":
            return True
        if self.member(actor) is None:
            return False
        return any(self.level(actor, part) for part in PARTS) or actor in self.agreements.values()

    def speaks_fully(self, actor: str) -> bool:
        member = self.member(actor)
        return actor == "owner" or (member is not None and member.represents == [])

    def manages(self, actor: str) -> bool:
        return self.speaks_fully(actor) and not self.closed and self.sees_plan(actor)

    def is_coordinator(self, actor: str) -> bool:
        member = self.member(actor)
        return member is not None and member.role == "coordinator"

    def watched(self, actor: str) -> set[str]:
        if actor == "owner":
            return set(PARTS)
        member = self.member(actor)
        return member.represented() if member is not None else set()

    def sees_conversations_list(self) -> list[str]:
        """Who may be chosen for a new conversation: grants and representation only."""
        people = ["owner"]
        for member in self.members.values():
            if member.ended:
                continue
            if member.levels.get(Part.CONVERSATIONS, 0) or Part.CONVERSATIONS.value in member.represented():
                people.append(member.actor)
        return people

    def allowed(self, actor: str, marker: Marker) -> bool:
        """May this person see this marker, by the resident's choices alone?"""
        if actor == "owner":
            return True
        if marker.part == "contact":
            contact = self.contacts.get(marker.about)
            if contact is not None and contact.invitation_id is not None and contact.candidate == actor:
                return True  # the invitation page tells the invitee what they are asked to help with
        if not self.sees_plan(actor):
            return False
        view = lambda part: self.level(actor, part) >= Level.VIEW  # noqa: E731
        if marker.part == "contact":
            return view(Part.NETWORK)
        if marker.part == "thread":
            member = self.member(actor)
            everything = Part.CONVERSATIONS.value in member.represented()
            return view(Part.CONVERSATIONS) and (everything or actor in self.threads[marker.about])
        if marker.part == "score":
            return view(Part.EVALUATIONS) and view(Part.GOALS)
        if marker.part == "assigned":
            return view(Part.AGREEMENTS) or self.agreements.get(marker.about) == actor
        if marker.part == "emergency":
            asker, part = self.emergencies[marker.about]
            return asker == actor or part in self.watched(actor)
        if marker.part == "closing":
            return True
        return view(marker.part)


class ActingMachine(RuleBasedStateMachine):
    """One plan, its people, and everything they try. See the module docstring."""

    case: BaseTestCase  # set by the test below
    # (rule, "done" | "refused" | "invalid") -> how often, over all examples.
    tally: dict = {}
    data: dict

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.model = Model()
        self.users = dict(self.case.people)
        self.clients = {}
        for actor, user in self.users.items():
            self.clients[actor] = Client()
            self.clients[actor].force_login(user)
        self.touched_pages: set[str] = set()

    def teardown(self):
        try:
            if getattr(self, "plan", None) is not None:
                self.walk_everything()
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # --- talking to the app -------------------------------------------------------

    def url(self, path: str = "") -> str:
        return f"/plans/{self.plan.pk}/{path}"

    def get(self, actor, url):
        return self.clients[actor].get(url)

    def post(self, actor, url, data, *, expect, action: set[str] = CHANGES):
        """POST as `actor`; `expect` is what the model says: success (a redirect, one audit
        entry of a change by this person), refusal (404, one denied entry), or "invalid"
        (the form comes back with a message, nothing changes)."""
        before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = self.clients[actor].post(url, data)
        entries = list(AuditEntry.objects.filter(id__gt=before))
        what = f"{actor} POST {url} {sorted(data)}"
        kind = "refused" if not expect else ("invalid" if expect == "invalid" else "done")
        name = inspect.stack()[1].function
        ActingMachine.tally[(name, kind)] = ActingMachine.tally.get((name, kind), 0) + 1
        if expect == "invalid":
            assert response.status_code == 200, f"{what}: expected the form back, got {response.status_code}"
            assert all(e.outcome == "permitted" for e in entries), what
        elif expect:
            assert response.status_code == 302, f"{what}: expected it to work, got {response.status_code}"
            assert len(entries) == 1, f"{what}: {len(entries)} audit entries for one change"
            entry = entries[0]
            assert (entry.actor_id, entry.outcome) == (self.users[actor].pk, "permitted"), what
            assert entry.action in action, f"{what}: logged as {entry.action}"
        else:
            assert response.status_code == 404, f"{what}: expected a refusal, got {response.status_code}"
            assert [e.outcome for e in entries] == ["denied"], f"{what}: {[e.outcome for e in entries]}"
        return response

    def new_marker(self, part: str, about=None) -> str:
        text = marker_text(part if part in PARTS else part[:4])
        self.model.markers[text] = Marker(part=part, about=about)
        return text

    def new_date(self, part: str, about=None) -> date:
        day = marker_date()
        self.model.date_markers[day] = Marker(part=part, about=about)
        return day

    def touch(self, *paths: str) -> None:
        self.touched_pages.update(self.url(path) for path in paths)

    # --- the start: an intake and the resident opening the plan ----------------------

    @initialize(
        levels=st.fixed_dictionaries({part: st.sampled_from(LEVELS) for part in PARTS}),
        people=st.lists(
            st.tuples(st.sampled_from(CANDIDATES), some_grants, a_representation),
            max_size=3,
            unique_by=lambda person: person[0],
        ),
        emergency=st.one_of(st.none(), st.sampled_from(PARTS)),
        evaluation=st.booleans(),
    )
    def start(self, levels, people, emergency, evaluation):
        """A professional's intake, the resident opening the plan, the people the resident
        brings in first, perhaps a first evaluation planned, and perhaps the coordinator
        opening a part in an emergency."""
        self.intake(levels)
        for candidate, grants, representation in people:
            self.bring_someone_in(candidate, grants, representation)
        if evaluation:
            self.plan_an_evaluation("owner")
        if emergency is not None:
            self.emergency_ask("coord", emergency)

    def intake(self, levels):
        if not any(levels.values()):
            levels[Part.GOALS.value] = Level.VIEW
        story = marker_text("story")
        data = {
            "first_name": "Ina",
            "last_name": f"Proef{next(counter)}",
            "email": f"ina{next(counter)}@example.org",
            "phone": "",
            "wijk": self.case.wijk.pk,
            "story": story,
            "consent": "on",
        } | {f"part_{part}": str(level) for part, level in levels.items()}
        response = self.clients["coord"].post("/intake/", data)
        assert response.status_code == 302, response.status_code
        self.plan = Plan.objects.select_related("owner").get(owner__email=data["email"])
        self.model.markers[story] = Marker(part=Part.STORY)
        membership = Membership.objects.get(plan=self.plan, user=self.users["coord"])
        self.model.members[membership.pk] = Member(
            "coord", membership.pk, "coordinator", levels={p: lv for p, lv in levels.items() if lv}
        )
        owner = self.plan.owner
        self.users["owner"] = owner
        self.clients["owner"] = Client()
        activation = f"/accounts/activate/{activation_token_make(user=owner)}/"
        response = self.clients["owner"].post(
            activation,
            {"new_password1": "een lange zin om te onthouden", "new_password2": "een lange zin om te onthouden"},
        )
        assert response.status_code == 302
        self.touch("")

    # --- the resident's map and invitations ------------------------------------------

    @rule(
        actor=someone_inside,
        candidate=st.sampled_from(CANDIDATES),
        grants=some_grants,
        representation=a_representation,
        forwarded_to=st.sampled_from([None, *ACTORS]),
    )
    def invite_someone(self, actor, candidate, grants, representation, forwarded_to):
        """Someone puts a person on the map (or finds them there) and invites them, with or
        without parts to share and with or without making them a legal representative; the
        link may be forwarded first, and then the invitee accepts."""
        contact = next((c for c in self.model.contacts.values() if c.candidate == candidate), None)
        if contact is None:
            contact = self.contact_add(actor, candidate) or self.contact_add("owner", candidate)
        if contact is None:
            return
        self.contact_invite(actor, contact, grants, representation)
        # (A link "forwarded" to the invitee themselves is no forwarding: they accept once.)
        if forwarded_to is not None and forwarded_to != candidate:
            self.invitation_accept(forwarded_to, contact)
        self.invitation_accept(candidate, contact)

    @rule(actor=anyone, candidate=st.sampled_from(CANDIDATES))
    def put_someone_on_the_map(self, actor, candidate):
        self.contact_add(actor, candidate)

    def bring_someone_in(self, candidate, grants, representation):
        """The resident puts someone on the map and invites them, and they accept."""
        contact = self.contact_add("owner", candidate)
        if contact is not None:
            self.contact_invite("owner", contact, grants, representation)
            self.invitation_accept(candidate, contact)

    def contact_add(self, actor, candidate) -> Contact | None:
        professional = self.model.professional(candidate)
        helps = self.new_marker("contact")
        data = {
            "name": f"Contact {next(counter)}",
            "relation": "professional" if professional else "friend",
            "organisation_name": "",
            "job_title": "",
            "helps_with": helps,
            "email": "",
            "phone": "",
        }
        expect = self.may_write(actor, Part.NETWORK)
        self.post(actor, self.url("network/"), data, expect=expect)
        self.touch("network/")
        if not expect:
            del self.model.markers[helps]
            return None
        membership = Membership.objects.filter(plan=self.plan, helps_with=helps).get()
        self.model.markers[helps].about = membership.pk
        contact = self.model.contacts[membership.pk] = Contact(membership.pk, candidate)
        return contact

    def contact_invite(self, actor, contact: Contact, grants, representation) -> None:
        model = self.model
        candidate = self.users[contact.candidate]
        data = {"email": candidate.email} | {f"part_{part}": str(grants.get(part, 0)) for part in PARTS}
        if representation is not None:
            data |= {"representative": "on", "representation": representation[0], "represents": representation[1]}
        may_invite = (model.manages(actor) or (model.is_coordinator(actor) and not model.closed)) and (
            model.level(actor, Part.NETWORK) >= Level.VIEW
        )
        self.post(actor, self.url(f"network/{contact.membership_id}/invite/"), data, expect=may_invite)
        self.touch("network/")
        if not may_invite:
            return
        contact.invitation_id = Invitation.objects.filter(membership_id=contact.membership_id).first().pk
        # Only the resident (or a full representative) shares parts or appoints a representative.
        contact.invited_grants = {p: lv for p, lv in grants.items() if lv} if model.manages(actor) else {}
        if representation is not None and model.manages(actor):
            contact.representation = representation

    def invitation_accept(self, actor, contact: Contact) -> None:
        if contact.invitation_id is None:
            return
        invitation = Invitation.objects.get(pk=contact.invitation_id)
        model = self.model
        professional_role = contact.representation is None and model.professional(contact.candidate)
        role_fits = self.users[actor].role == User.Role.PROFESSIONAL or not professional_role
        expect = (
            actor == contact.candidate
            and model.member(actor) is None
            and role_fits
            and not model.closed
            and invitation.status == "pending"
        )
        response = self.clients[actor].post(invitation_url(invitation), {"action": "accept"})
        membership = Membership.objects.get(pk=contact.membership_id)
        if not expect:
            assert membership.user_id is None, f"{actor} got in with an invitation for {contact.candidate}"
            return
        assert response.status_code == 302, response.status_code
        assert membership.user_id == self.users[actor].pk
        role = "representative" if contact.representation else membership.role
        represents = list(contact.representation[1]) if contact.representation else None
        model.members[membership.pk] = Member(actor, membership.pk, role, represents, dict(contact.invited_grants))
        del model.contacts[contact.membership_id]
        ActingMachine.tally[("invitation_accept", "done")] = (
            ActingMachine.tally.get(("invitation_accept", "done"), 0) + 1
        )

    # --- who sees what ------------------------------------------------------------------

    def members_with_accounts(self) -> list[Member]:
        return [m for m in self.model.members.values() if not m.ended]

    @precondition(lambda self: any(not m.ended for m in self.model.members.values()))
    @rule(
        actor=someone_inside,
        pick=st.integers(min_value=0),
        part=st.sampled_from(PARTS),
        level=st.sampled_from(LEVELS),
        page=st.sampled_from(["person", "everyone"]),
    )
    def change_who_sees_what(self, actor, pick, part, level, page="person"):
        """Someone changes one choice, on the person's own page or in the overview of
        everyone (the resident's browser sends the rest as drawn)."""
        members = self.members_with_accounts()
        target = members[pick % len(members)]
        url, data = self.sharing_page_as_drawn(page, target)
        data[self.level_field(page, target, part)] = str(level)
        expect = self.model.manages(actor)
        # Saving the page unchanged is only a look at it.
        unchanged = target.levels.get(part, Level.NONE) == level
        self.post(actor, url, data, expect=expect, action={"view"} if unchanged else CHANGES)
        if expect:
            self.set_level(target, part, level)
        self.touch("sharing/", f"sharing/{target.membership_id}/", "")

    @precondition(lambda self: any(not m.ended for m in self.model.members.values()))
    @rule(
        first=st.tuples(st.integers(min_value=0), st.sampled_from(PARTS), st.sampled_from(LEVELS)),
        second=st.tuples(st.integers(min_value=0), st.sampled_from(PARTS), st.sampled_from(LEVELS)),
        pages=st.tuples(st.sampled_from(["person", "everyone"]), st.sampled_from(["person", "everyone"])),
    )
    def save_a_stale_second_tab(self, first, second, pages):
        """The resident has "who sees what" open twice (a person's page or the overview of
        everyone), changes a choice in one tab, then saves a change in the other, older tab:
        only that change is saved, and a choice changed in the meantime is refused with both
        versions shown, never silently undone."""
        if not self.model.manages("owner"):
            return
        tabs = {m.membership_id: self.sharing_page_as_drawn(pages[1], m) for m in self.members_with_accounts()}
        drawn = {(m.membership_id, p): m.levels.get(p, 0) for m in self.members_with_accounts() for p in PARTS}
        self.change_who_sees_what("owner", *first, page=pages[0])
        members = [m for m in self.members_with_accounts() if (m.membership_id, second[1]) in drawn]
        target = members[second[0] % len(members)]
        part, level = second[1], second[2]
        if drawn[(target.membership_id, part)] == level:
            return
        url, tab = tabs[target.membership_id]
        tab[self.level_field(pages[1], target, part)] = str(level)
        before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = self.clients["owner"].post(url, tab)
        if target.levels.get(part, 0) != drawn[(target.membership_id, part)]:
            assert response.status_code == 200, "a stale choice was saved over a newer one"
            assert "Nu opgeslagen" in response.content.decode()
        else:
            assert response.status_code == 302, response.status_code
            entry = AuditEntry.objects.filter(id__gt=before).get()
            assert (entry.action, entry.actor_id) == ("share", self.users["owner"].pk)
            self.set_level(target, part, level)
        self.touch("sharing/", f"sharing/{target.membership_id}/")

    def level_field(self, page: str, member: Member, part: str) -> str:
        return f"level_{part}" if page == "person" else f"level_{member.membership_id}_{part}"

    def sharing_page_as_drawn(self, page: str, member: Member) -> tuple[str, dict]:
        """The address and what the owner's browser sends for a sharing page as it stands
        (unchanged): one person's page, or the overview of everyone."""
        if page == "everyone":
            return self.url("sharing/everyone/"), self.grid_as_drawn()
        grants = dict(Grant.objects.filter(membership_id=member.membership_id).values_list("part", "level"))
        data = {"action": "save", "until": "", "was_until": ""}
        for part in PARTS:
            data[f"level_{part}"] = data[f"was_{part}"] = str(grants.get(part, 0))
        return self.url(f"sharing/{member.membership_id}/"), data

    def set_level(self, member: Member, part: str, level: int) -> None:
        if level:
            member.levels[part] = level
        else:
            member.levels.pop(part, None)

    def grid_as_drawn(self) -> dict:
        """What the owner's browser sends for the overview of everyone as it stands (unchanged)."""
        data = {}
        for member in self.members_with_accounts():
            grants = dict(Grant.objects.filter(membership_id=member.membership_id).values_list("part", "level"))
            for part in PARTS:
                data[f"level_{member.membership_id}_{part}"] = data[f"was_{member.membership_id}_{part}"] = str(
                    grants.get(part, 0)
                )
            data[f"until_{member.membership_id}"] = data[f"was_until_{member.membership_id}"] = ""
        return data

    @precondition(lambda self: any(not m.ended for m in self.model.members.values()))
    @rule(actor=someone_inside, pick=st.integers(min_value=0))
    def end_a_membership(self, actor, pick):
        members = self.members_with_accounts()
        target = members[pick % len(members)]
        expect = self.model.manages(actor)
        self.post(actor, self.url(f"network/{target.membership_id}/remove/"), {}, expect=expect)
        if expect:
            target.ended = True
            target.emergencies.clear()
            for marker in self.model.markers.values():
                if marker.part == "contact" and marker.about == target.membership_id:
                    marker.gone = True  # off the map, with what they helped with
            for agreement, assignee in self.model.agreements.items():
                if assignee == target.actor:
                    self.model.agreements[agreement] = None
        self.touch("network/")

    @precondition(lambda self: any(not m.ended for m in self.model.members.values()))
    @rule(actor=a_professional, pick=st.integers(min_value=0))
    def hand_over_coordination(self, actor, pick):
        model = self.model
        members = self.members_with_accounts()
        target = members[pick % len(members)]
        allowed = model.is_coordinator(actor) and not model.closed and model.level(actor, "network") >= Level.VIEW
        fits = target.role == "professional" and model.professional(target.actor) and target.actor != actor
        expect = (True if fits else "invalid") if allowed else False
        self.post(actor, self.url("handover/"), {"membership": target.membership_id}, expect=expect, action={"share"})
        if expect is True:
            # The roles swap; what each of them sees stays as the resident granted it.
            model.member(actor).role = "professional"
            target.role = "coordinator"

    # --- emergency access ---------------------------------------------------------------

    @rule(actor=a_professional, data=st.data())
    def ask_emergency_access(self, actor, data):
        model = self.model
        # Mostly a part this person does not see (the point of emergency access), now and
        # then one they do.
        unseen = [p for p in PARTS if model.level(actor, p) < Level.VIEW]
        part = data.draw(st.sampled_from(unseen) if unseen and data.draw(st.integers(0, 4)) else st.sampled_from(PARTS))
        self.emergency_ask(actor, part)

    def emergency_ask(self, actor, part):
        model = self.model
        asks = model.may_ask_emergency(actor) and model.sees_plan(actor) and not model.closed
        hidden = [p for p in PARTS if model.level(actor, p) < Level.VIEW]
        expect = asks and part in hidden
        if asks and hidden and not expect:
            expect = "invalid"  # a part one already sees is not among the choices
        reason = self.new_marker("emergency")
        data = {"part": part, "reason": f"{reason} because the resident is in hospital now", "hours": "5"}
        self.post(actor, self.url("emergency/"), data, expect=expect)
        if expect is True:
            emergency = EmergencyAccess.objects.filter(reason__startswith=reason).get()
            model.emergencies[emergency.pk] = (actor, part)
            model.markers[reason].about = emergency.pk
            model.member(actor).emergencies[emergency.pk] = part
        else:
            del model.markers[reason]
        self.touch("emergency/", "")

    @precondition(lambda self: any(m.emergencies for m in self.model.members.values() if not m.ended))
    @rule(actor=anyone, pick=st.integers(min_value=0))
    def end_emergency_access(self, actor, pick):
        active = [(m, e, p) for m in self.members_with_accounts() for e, p in m.emergencies.items()]
        member, emergency, part = active[pick % len(active)]
        expect = part in self.model.watched(actor) and self.model.sees_plan(actor)
        self.post(actor, self.url(f"emergency/{emergency}/end/"), {}, expect=expect)
        if expect:
            del member.emergencies[emergency]

    # --- writing in the parts -------------------------------------------------------------

    def may_write(self, actor, part) -> bool:
        return self.model.level(actor, part) >= Level.CONTRIBUTE and self.model.sees_plan(actor)

    @rule(actor=anyone)
    def write_the_story(self, actor):
        text = self.new_marker(Part.STORY)
        latest = StoryVersion.objects.filter(plan=self.plan).order_by("-number").first()
        expect = self.may_write(actor, Part.STORY)
        self.post(actor, self.url("story/edit/"), {"text": text, "base_number": latest.number}, expect=expect)
        if not expect:
            del self.model.markers[text]
        self.touch("story/")

    @rule(actor=anyone)
    def say_what_matters(self, actor):
        chosen = set(self.plan.priorities.values_list("domain_id", flat=True))
        domain = LifeDomain.objects.exclude(pk__in=chosen).first() or LifeDomain.objects.first()
        expect = self.may_write(actor, Part.PRIORITIES)
        self.post(actor, self.url("priorities/"), {"action": f"add:{domain.pk}"}, expect=expect)
        note = self.new_marker(Part.PRIORITIES)
        self.post(actor, self.url("priorities/"), {"action": f"note:{domain.pk}", "note": note}, expect=expect)
        if expect:
            for marker in self.model.markers.values():
                if marker.part == Part.PRIORITIES and marker.about == domain.pk:
                    marker.gone = True
            self.model.markers[note].about = domain.pk
        else:
            del self.model.markers[note]
        self.touch("priorities/")

    @rule(actor=anyone)
    def say_what_i_can_do(self, actor):
        text = self.new_marker(Part.STRENGTHS)
        expect = self.may_write(actor, Part.STRENGTHS)
        self.post(actor, self.url("strengths/"), {"kind": "self", "self-text": text}, expect=expect)
        if not expect:
            del self.model.markers[text]
        self.touch("strengths/")

    @rule(actor=anyone, code=st.sampled_from(["zelfredzaamheid", "gezondheidsweb"]))
    def fill_in_how_it_is_going(self, actor, code):
        model = self.model
        instrument = self.case.instruments[code]
        note = self.new_marker(Part.ASSESSMENT)
        data = {"note": note} | {f"item_{item.pk}": str(instrument.min_value) for item in self.case.items[code]}
        member = model.member(actor)
        own_voice = actor == "owner" or (member is not None and Part.ASSESSMENT.value in member.represented())
        professional_view = member is not None and model.professional(actor) and member.represents is None
        expect = self.may_write(actor, Part.ASSESSMENT) and (own_voice or professional_view)
        self.post(actor, self.url(f"assessment/{code}/new/"), data, expect=expect)
        if not expect:
            del model.markers[note]
        self.touch("assessment/")

    @rule(actor=anyone)
    def add_a_goal(self, actor):
        text, helpers = self.new_marker(Part.GOALS), self.new_marker(Part.GOALS)
        target = self.new_date(Part.GOALS)
        data = {"text": text, "domain": "", "target_date": target.isoformat(), "helpers": helpers}
        expect = self.may_write(actor, Part.GOALS)
        self.post(actor, self.url("goals/"), data, expect=expect)
        if not expect:
            del self.model.markers[text], self.model.markers[helpers], self.model.date_markers[target]
        self.touch("goals/")

    @precondition(lambda self: Goal.objects.filter(plan=self.plan).exists())
    @rule(actor=anyone)
    def change_a_goal(self, actor):
        goal = Goal.objects.filter(plan=self.plan).order_by("id").last()
        text = self.new_marker(Part.GOALS)
        data = {"text": text, "domain": "", "target_date": "", "helpers": "", "status": "busy", "version": goal.version}
        expect = self.may_write(actor, Part.GOALS)
        self.post(actor, self.url(f"goals/{goal.pk}/"), data, expect=expect)
        if expect:
            for marker_text_, marker in self.model.markers.items():
                if marker.part == Part.GOALS and marker_text_ in (goal.text, goal.helpers):
                    marker.gone = True
            for day, marker in self.model.date_markers.items():
                if day == goal.target_date:
                    marker.gone = True
        else:
            del self.model.markers[text]
        self.touch("goals/")

    @rule(actor=anyone, assignee=st.sampled_from([None, *ACTORS]))
    def make_an_agreement(self, actor, assignee):
        model = self.model
        what, who = self.new_marker("assigned"), self.new_marker("assigned")
        due = self.new_date("assigned")
        goal = Goal.objects.filter(plan=self.plan).first()
        assignee_member = model.member(assignee) if assignee else None
        data = {
            "what": what,
            "goal": goal.pk if goal else "",
            "who_kind": "network",
            "who_name": who,
            "assignee": self.users[assignee].pk if assignee else "",
            "due_date": due.isoformat(),
            "support": "",
        }
        expect = self.may_write(actor, Part.AGREEMENTS)
        valid_assignee = assignee is None or (
            assignee_member is not None and (model.level(actor, Part.NETWORK) >= Level.VIEW or assignee == actor)
        )
        response = self.clients[actor].post(self.url("agreements/"), data) if expect and not valid_assignee else None
        if response is not None:
            # Naming someone one may not see (or who is not in the plan) is refused, kindly.
            assert response.status_code == 200 and 'id="id_assignee_error"' in response.content.decode()
            expect = False
        else:
            self.post(actor, self.url("agreements/"), data, expect=expect)
        if expect:
            agreement = Agreement.objects.get(plan=self.plan, what=what)
            model.agreements[agreement.pk] = assignee
            for key in (what, who):
                model.markers[key].about = agreement.pk
            model.date_markers[due].about = agreement.pk
        else:
            del model.markers[what], model.markers[who], model.date_markers[due]
        self.touch("agreements/", "")

    @precondition(lambda self: self.model.agreements)
    @rule(actor=anyone, pick=st.integers(min_value=0))
    def tick_off_an_agreement(self, actor, pick):
        agreements = sorted(self.model.agreements)
        agreement = Agreement.objects.get(pk=agreements[pick % len(agreements)])
        model = self.model
        own = model.agreements[agreement.pk] == actor and model.member(actor) is not None and not model.closed
        full = self.may_write(actor, Part.AGREEMENTS)
        if full:
            data = {
                "what": agreement.what,
                "goal": agreement.goal_id or "",
                "who_kind": agreement.who_kind,
                "who_name": agreement.who_name,
                "assignee": agreement.assignee_id or "",
                "due_date": agreement.due_date.isoformat() if agreement.due_date else "",
                "support": agreement.support,
                "status": "done",
                "version": agreement.version,
            }
        else:
            data = {"status": "done", "version": agreement.version}
        self.post(actor, self.url(f"agreements/{agreement.pk}/"), data, expect=full or own)
        self.touch("agreements/")

    @rule(actor=anyone)
    def plan_an_evaluation(self, actor):
        day = self.new_date(Part.EVALUATIONS)
        expect = self.may_write(actor, Part.EVALUATIONS)
        self.post(actor, self.url("evaluations/"), {"scheduled_for": day.isoformat()}, expect=expect)
        if not expect:
            del self.model.date_markers[day]
            return
        evaluation = Evaluation.objects.get(plan=self.plan, scheduled_for=day)
        # Also the page that fills in how it is going at that evaluation (it names the date).
        self.touch("evaluations/", "", f"assessment/zelfredzaamheid/new/?evaluation={evaluation.pk}")

    @precondition(lambda self: Evaluation.objects.filter(plan=self.plan, held_at__isnull=True).exists())
    @rule(actor=anyone)
    def hold_an_evaluation(self, actor):
        evaluation = Evaluation.objects.filter(plan=self.plan, held_at__isnull=True).first()
        goals = list(Goal.objects.filter(plan=self.plan).exclude(status="stopped"))
        summary = self.new_marker(Part.EVALUATIONS)
        data = {"summary": summary}
        notes = []
        for goal in goals:
            note = self.new_marker("score")
            notes.append(note)
            data |= {f"score_{goal.pk}": "1", f"note_{goal.pk}": note}
        model = self.model
        expect = self.may_write(actor, Part.EVALUATIONS) and model.level(actor, Part.GOALS) >= Level.VIEW
        self.post(actor, self.url(f"evaluations/{evaluation.pk}/"), data, expect=expect)
        if not expect:
            for key in (summary, *notes):
                del model.markers[key]
        self.touch(f"evaluations/{evaluation.pk}/", "evaluations/")

    @rule(actor=anyone, data=st.data())
    def start_a_conversation(self, actor, data):
        model = self.model
        choosable = [person for person in model.sees_conversations_list() if person != actor]
        chosen = data.draw(st.lists(st.sampled_from(choosable), unique=True, max_size=3)) if choosable else []
        subject, text = self.new_marker("thread"), self.new_marker("thread")
        form = {"subject": subject, "text": text, "participants": [str(self.users[p].pk) for p in chosen]}
        expect = self.may_write(actor, Part.CONVERSATIONS)
        if expect and not chosen:
            expect = "invalid"  # a conversation needs someone to talk with
        self.post(actor, self.url("conversations/"), form, expect=expect)
        if expect is True:
            thread = self.plan.threads.get(subject=subject)
            model.threads[thread.pk] = {actor, "owner", *chosen}
            model.markers[subject].about = model.markers[text].about = thread.pk
        else:
            del model.markers[subject], model.markers[text]
        self.touch("conversations/")

    @precondition(lambda self: self.model.threads)
    @rule(actor=anyone, pick=st.integers(min_value=0))
    def reply(self, actor, pick):
        model = self.model
        thread = sorted(model.threads)[pick % len(model.threads)]
        text = self.new_marker("thread", about=thread)
        member = model.member(actor)
        reads = actor == "owner" or (
            member is not None and (actor in model.threads[thread] or Part.CONVERSATIONS.value in member.represented())
        )
        expect = self.may_write(actor, Part.CONVERSATIONS) and reads
        self.post(actor, self.url(f"conversations/{thread}/"), {"text": text}, expect=expect)
        if not expect:
            del model.markers[text]
        self.touch(f"conversations/{thread}/")

    @rule(actor=anyone)
    def confirm_the_story(self, actor):
        member = self.model.member(actor)
        own_voice = actor == "owner" or (member is not None and Part.STORY.value in member.represented())
        expect = own_voice and not self.model.closed and self.model.sees_plan(actor)
        number = StoryVersion.objects.filter(plan=self.plan).order_by("-number").first().number
        response = self.clients[actor].post(self.url("story/confirm/"), {"number": number})
        if expect:
            assert response.status_code == 302
            assert StoryVersion.objects.filter(plan=self.plan, number=number, confirmed_at__isnull=False).exists()
        else:
            assert response.status_code == 404

    # --- closing and opening the plan -------------------------------------------------------

    @rule(actor=someone_inside)
    def close_or_reopen_the_plan(self, actor):
        model = self.model
        may = (model.speaks_fully(actor) or model.is_coordinator(actor)) and model.sees_plan(actor)
        if model.closed:
            self.post(actor, self.url("reopen/"), {}, expect=may)
            if may:
                model.closed = False
                for marker in model.markers.values():
                    if marker.part == "closing":
                        marker.gone = True
        else:
            reason = self.new_marker("closing")
            self.post(actor, self.url("close/"), {"reason": reason}, expect=may)
            if may:
                model.closed = True
            else:
                del model.markers[reason]
        self.touch("")

    # --- after every step ---------------------------------------------------------------------

    @invariant()
    def the_database_holds_only_the_residents_choices(self):
        if getattr(self, "plan", None) is None:
            return
        actual = {}
        for grant in Grant.objects.filter(membership__plan=self.plan):
            actual.setdefault(grant.membership_id, {})[grant.part] = grant.level
        memberships = {m.pk: m for m in Membership.objects.filter(plan=self.plan, user__isnull=False)}
        for member in self.model.members.values():
            membership = memberships.pop(member.membership_id)
            assert membership.user_id == self.users[member.actor].pk
            assert (membership.ended_at is not None) == member.ended, f"{member.actor}: ended differs"
            if member.ended:
                assert member.membership_id not in actual, f"{member.actor} kept grants after leaving"
                continue
            expected_role = "representative" if member.represents is not None else member.role
            assert membership.role == expected_role, f"{member.actor} is {membership.role}, not {expected_role}"
            assert (membership.represents if membership.role == "representative" else None) == member.represents
            assert actual.get(member.membership_id, {}) == member.levels, (
                f"{member.actor} has {actual.get(member.membership_id)} but the resident chose {member.levels}"
            )
        assert not memberships, f"people in the plan the resident did not let in: {list(memberships)}"
        plan = Plan.objects.get(pk=self.plan.pk)
        assert (plan.status == "closed") == self.model.closed

    @invariant()
    def the_pages_just_touched_show_only_what_is_allowed(self):
        if getattr(self, "plan", None) is None:
            return
        pages = self.touched_pages | {self.url(""), self.url("print/")}
        self.touched_pages = set()
        # Everyone who is or was in the plan, and one stranger; analysts and admins walk
        # every page when the example ends.
        people = {"owner", "stranger", *(member.actor for member in self.model.members.values())}
        for actor in sorted(people):
            self.check_pages(actor, pages)

    def check_pages(self, actor: str, urls) -> str:
        seen = []
        for url in urls:
            response = self.get(actor, url)
            if response.status_code == 200:
                seen.append(response.content.decode())
        text = "\n".join(seen)
        for marker, info in self.model.markers.items():
            if marker in text:
                assert self.model.allowed(actor, info), f"{marker} ({info.part}) leaked to {actor} on {list(urls)}"
        for day, info in self.model.date_markers.items():
            if any(shown in text for shown in printed(day)):
                assert self.model.allowed(actor, info), f"{day} ({info.part}) leaked to {actor}"
        return text

    def every_url(self) -> list[str]:
        plan = self.plan
        values = {
            "plan_id": [plan.pk],
            "goal_id": list(plan.goals.values_list("pk", flat=True)[:2]),
            "agreement_id": sorted(self.model.agreements)[:3],
            "evaluation_id": list(plan.evaluations.values_list("pk", flat=True)[:2]),
            "code": ["zelfredzaamheid"],
            "membership_id": list(plan.memberships.values_list("pk", flat=True)),
            "thread_id": sorted(self.model.threads)[:3],
            "invitation_id": list(plan.invitations.values_list("pk", flat=True)[:2]),
            "emergency_id": sorted(self.model.emergencies)[:2],
            "referral_id": list(plan.referrals.values_list("pk", flat=True)[:2]),
        }
        urls = []
        for route in plan_routes():
            names = [name for name in values if f"<int:{name}>" in route or f"<slug:{name}>" in route]
            for combination in itertools.product(*(values[name] for name in names)):
                url = fill(route, dict(zip(names, combination, strict=True)))
                if url is not None:
                    urls.append(url)
        urls += [f"{self.url('assessment/zelfredzaamheid/new/')}?evaluation={pk}" for pk in values["evaluation_id"]]
        return [*urls, "/", "/caseload/", "/notifications/", "/accounts/"]

    def walk_everything(self) -> None:
        urls = self.every_url()
        assert len(urls) >= 25, "the walk found too few pages to prove anything"
        for actor in ACTORS:
            pages = list(urls)
            pages += [
                invitation_url(invitation)
                for invitation in Invitation.objects.filter(plan=self.plan, accepted_at__isnull=True)
                if invitation.email == self.users[actor].email
            ]
            text = self.check_pages(actor, pages)
            if actor == "owner":
                for marker, info in self.model.markers.items():
                    if not info.gone:
                        assert marker in text, f"the resident does not see {marker} ({info.part})"
                for day, info in self.model.date_markers.items():
                    if not info.gone:
                        assert any(shown in text for shown in printed(day)), f"the resident misses {day} ({info.part})"


@pytest.mark.heavy
class ActingTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        housing = cls.woonbedrijf
        cls.people = {
            "coord": cls.bob,
            "pro1": UserFactory(username="pro1", role=User.Role.PROFESSIONAL, organisation=cls.debt_team),
            "pro2": UserFactory(username="pro2", role=User.Role.PROFESSIONAL, organisation=housing),
            "fam1": UserFactory(username="fam1", role=User.Role.NETWORK),
            "fam2": UserFactory(username="fam2", role=User.Role.NETWORK),
            "fam3": UserFactory(username="fam3", role=User.Role.NETWORK),
            "stranger": cls.charlie,
            "analyst": cls.ann,
            "platform_admin": cls.pam,
            "org_admin": UserFactory(username="orgadmin", role=User.Role.ORG_ADMIN, organisation=cls.debt_team),
        }
        cls.instruments = {i.code: i for i in Instrument.objects.all()}
        cls.items = {code: list(i.items.all()) for code, i in cls.instruments.items()}

    def test_whatever_people_do_the_resident_decides_who_sees_what(self):
        ActingMachine.case = self
        ActingMachine.tally = {}
        run_state_machine_as_test(
            ActingMachine,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.reuse, Phase.generate],
            ),
        )
        # The machine did act: a run where nothing but refusals happened proves little.
        done = {name for (name, outcome) in ActingMachine.tally if outcome == "done"}
        self.assertGreaterEqual(len(done), min(5, EXAMPLES), sorted(ActingMachine.tally.items()))
