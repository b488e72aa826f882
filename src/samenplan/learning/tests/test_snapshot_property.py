"""The scrub's property: whatever names a plan's people, organisations and places have,
and however they are written into the plan's free text (capitals, possessives, with
punctuation), none of them survives into the pseudonymised snapshot."""

import os
import re
from datetime import timedelta

from django.utils import timezone, translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import Organisation, User
from samenplan.lib.pii import NAME_PLACEHOLDER, PATTERNS
from samenplan.measuring.models import LifeDomain
from samenplan.plans.models import Agreement, Evaluation, Goal, Plan, Priority, StoryVersion, Strength
from samenplan.sharing.models import Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import access_for
from samenplan.sharing.services import grants_decide, membership_create
from samenplan.testing.factories import OrganisationFactory, SignalFactory, UserFactory, WijkFactory

from ..models import CASE_PARTS
from ..snapshot import PARTICLES, pseudonymise

EXAMPLES = {"ci": 40, "ci-postgresql": 15, "dev": 15}.get(os.environ.get("HYPOTHESIS_PROFILE", "dev"), 15)

# The words the text around the names is made of, and the labels the snapshot itself
# writes: a generated "name" equal to one of them would be found for the wrong reason.
FILLER = "en wonen aan de bij met heeft schulden op in de brief van zegt dat het goed gaat"


def _vocabulary() -> set[str]:
    words = set(FILLER.split()) | PARTICLES
    labels = [NAME_PLACEHOLDER, *(placeholder for _kind, _regex, placeholder in PATTERNS)]
    for choices in (
        Part,
        Membership.Role,
        Membership.Relation,
        Membership.Representation,
        Organisation.Kind,
        Goal.Status,
        Agreement.Who,
        Agreement.Support,
        Agreement.Status,
        Strength.Kind,
    ):
        labels += [label for _value, label in choices.choices]
    for language in ("nl", "en"):
        with translation.override(language):
            texts = [str(label) for label in labels]
            texts += [
                "the resident",
                "a participant",
                "someone",
                "[organisation]",
                "[wijk]",
                "[address]",
                "[postcode]",
                "[town]",
                "before the start",
                "week",
                "target",
                "by",
                "who helps",
                "Evaluation in",
                "The story",
                "legal representative",
                "coordinator",
                "professional",
                "network member",
                "other",
            ]
            texts = [translation.gettext(t) for t in texts]
            texts += [str(d) for d in LifeDomain.objects.all()]
        for text in texts:
            words.update(w.lower() for w in re.findall(r"\w+", text))
    return words


LETTERS = "abcdefghijklmnopqrstuvwxyzéëïöüç"
word = st.text(alphabet=LETTERS, min_size=3, max_size=9).map(str.capitalize)
last_name = st.tuples(st.sampled_from(["", "van ", "de ", "van der "]), word, st.one_of(st.none(), word)).map(
    lambda t: t[0] + t[1] + (f"-{t[2]}" if t[2] else "")
)
# How a name appears in a sentence.
forms = st.sampled_from(["{}", "{}'s", "{}.", "({})", "{},", "{}!"])
case = st.sampled_from([str, str.lower, str.upper])


@st.composite
def world(draw):
    return {
        "resident": (draw(word), draw(last_name)),
        "sister": (draw(word), draw(last_name)),
        "friend": draw(word) + " " + draw(last_name),
        "professional": (draw(word), draw(last_name)),
        "organisation": "Stichting " + draw(word),
        "wijk": draw(word),
        "street": draw(word) + draw(st.sampled_from(["straat", "laan", "weg", "hof"])),
        "number": draw(st.integers(1, 250)),
        "postcode": f"{draw(st.integers(1000, 9999))} {draw(st.sampled_from(['AB', 'XY', 'KL']))}",
        "forms": draw(st.lists(st.tuples(forms, case), min_size=12, max_size=12)),
    }


class ScrubPropertyTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.vocabulary = _vocabulary()

    def _names(self, w) -> list[str]:
        """Every name in the world as the test looks for it afterwards."""
        names = []
        for first, last in (w["resident"], w["sister"], w["professional"]):
            names += [first, last, f"{first} {last}"]
        names += [w["friend"], w["organisation"], w["wijk"], w["street"], f"{w['street']} {w['number']}"]
        # Each part of a double or prefixed last name too ("van der Kovac-Zim": Kovac, Zim).
        parts = [p for n in list(names) for p in re.split(r"[\s\-]+", n) if p.lower() not in PARTICLES]
        return names + parts

    def _sentence(self, w, forms) -> str:
        things = [
            w["resident"][0],
            f"{w['resident'][0]} {w['resident'][1]}",
            w["resident"][1],
            w["sister"][0],
            f"{w['sister'][0]} {w['sister'][1]}",
            w["friend"],
            w["professional"][0],
            w["professional"][1],
            w["organisation"],
            w["wijk"],
            f"{w['street']} {w['number']}",
            w["postcode"],
        ]
        pieces = [form.format(how(thing)) for thing, (form, how) in zip(things, forms, strict=True)]
        return f"{pieces[0]} en {pieces[3]} wonen aan de {pieces[10]} {pieces[11]} in {pieces[9]}. " + " ".join(
            f"{p} heeft schulden op 12-03-2024 bij" for p in pieces
        )

    def _build(self, w):
        wijk = WijkFactory(name=w["wijk"])
        organisation = OrganisationFactory(name=w["organisation"], kind=Organisation.Kind.DEBT)
        resident = UserFactory(first_name=w["resident"][0], last_name=w["resident"][1])
        sister = UserFactory(first_name=w["sister"][0], last_name=w["sister"][1], role=User.Role.NETWORK)
        professional = UserFactory(
            first_name=w["professional"][0],
            last_name=w["professional"][1],
            role=User.Role.PROFESSIONAL,
            organisation=organisation,
        )
        plan = Plan.objects.create(
            owner=resident,
            wijk=wijk,
            status=Plan.Status.ACTIVE,
            created_by=professional,
            created_at=timezone.now() - timedelta(days=30),
        )
        member = membership_create(
            plan=plan,
            user=professional,
            role=Membership.Role.PROFESSIONAL,
            relation=Membership.Relation.PROFESSIONAL,
            added_by=resident,
        )
        membership_create(
            plan=plan, user=sister, role=Membership.Role.NETWORK, relation=Membership.Relation.FAMILY, added_by=resident
        )
        membership_create(
            plan=plan,
            user=None,
            name=w["friend"],
            role=Membership.Role.NETWORK,
            relation=Membership.Relation.FRIEND,
            added_by=resident,
        )
        grants_decide(
            plan=plan,
            decided_by=resident,
            context=SharingDecision.Context.SETTINGS,
            decisions={member: dict.fromkeys(CASE_PARTS, (Level.VIEW, None))},
        )
        SignalFactory(
            wijk=wijk,
            name=f"{w['resident'][0]} {w['resident'][1]}",
            street=f"{w['street']} {w['number']}",
            postcode=w["postcode"].replace(" ", ""),
            offered_plan=plan,
        )
        return plan, professional

    def _fill(self, w, plan, author, text):
        StoryVersion.objects.create(plan=plan, number=1, text=text + "\n\n" + text, written_by=author)
        Priority.objects.create(plan=plan, domain=LifeDomain.objects.order_by("pk").first(), rank=1, note=text[:200])
        Strength.objects.create(plan=plan, kind=Strength.Kind.NETWORK, text=text[:200], who=w["sister"][0], rank=1)
        Goal.objects.create(
            plan=plan,
            text=text[:200],
            helpers=text[:200],
            created_by=author,
            target_date=timezone.localdate() + timedelta(days=20),
        )
        Agreement.objects.create(
            plan=plan,
            what=text[:200],
            who_kind=Agreement.Who.NETWORK,
            who_name=w["friend"],
            support=Agreement.Support.LIGHT,
            created_by=author,
            due_date=timezone.localdate(),
        )
        Evaluation.objects.create(
            plan=plan,
            scheduled_for=timezone.localdate(),
            held_at=timezone.now(),
            held_by=author,
            summary=text,
            decisions=text,
            created_by=author,
        )

    @settings(max_examples=EXAMPLES, deadline=None)
    @given(w=world())
    def test_no_known_name_or_place_survives_the_scrub(self, w):
        names = self._names(w)
        assume(all(len(n) >= 3 and n.lower() not in self.vocabulary for n in names))
        plan, professional = self._build(w)
        text = self._sentence(w, w["forms"])
        self._fill(w, plan, professional, text)
        access = access_for(professional, Plan.objects.select_related("owner").get(pk=plan.pk))

        with translation.override("nl"):
            snapshot = pseudonymise(access, CASE_PARTS).text()
            self.assertIn(translation.gettext("the resident"), snapshot)
        for name in names:
            found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", snapshot, re.IGNORECASE)
            self.assertIsNone(found, f"{name!r} survived in:\n{snapshot}")
        postcode = w["postcode"]
        for variant in (postcode, postcode.replace(" ", ""), postcode.lower()):
            self.assertNotIn(variant.lower(), snapshot.lower())
        self.assertNotIn("12-03-2024", snapshot)
