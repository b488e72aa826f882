"""Each kind of log line has its own plain sentence."""

from datetime import datetime

from django.test import SimpleTestCase
from django.utils import translation

from samenplan.audit.phrases import describe, page_kind
from samenplan.audit.selectors import Line


def line(action="view", outcome="permitted", name="Sanne", page="", parts=()):
    at = datetime(2026, 5, 1, 10, 0)
    made = Line(
        day=at.date(),
        actor_id=1 if name else None,
        actor_name=name,
        actor_role="professional",
        actor_organisation="",
        action=action,
        outcome=outcome,
        first_at=at,
        last_at=at,
        kind=page_kind(page),
    )
    made.parts.update(parts)
    return made


class PhrasesTestCase(SimpleTestCase):
    def say(self, made, owner_name=None):
        with translation.override("nl"):
            return str(describe(made, owner_name=owner_name))

    def test_it_says_each_kind_of_line_plainly(self):
        cases = [
            (line(parts=["goals"]), "<strong>Sanne</strong> bekeek je doelen"),
            (line(action="update", parts=["story"]), "<strong>Sanne</strong> veranderde iets in je verhaal"),
            (
                line(action="update", outcome="denied", parts=["story"]),
                "<strong>Sanne</strong> probeerde iets te veranderen in je verhaal, maar mocht dat niet",
            ),
            (line(action="share"), "<strong>Sanne</strong> veranderde wie je plan mag zien"),
            (
                line(action="print", page="activation_letter"),
                "<strong>Sanne</strong> maakte een brief met een code om je plan te openen",
            ),
            (line(name="", page="activate"), "Iemand opende de link om je plan te gaan gebruiken"),
            (line(name="", page="invitation"), "Iemand opende de link van een uitnodiging voor je plan"),
            (
                line(action="list", parts=["agreements"]),
                "<strong>Sanne</strong> zag je afspraken in een overzicht van plannen",
            ),
        ]
        for made, sentence in cases:
            self.assertEqual(self.say(made), sentence)

    def test_it_speaks_about_the_resident_by_first_name_to_others(self):
        self.assertEqual(
            self.say(line(parts=["story", "strengths"]), owner_name="Kees"),
            "<strong>Sanne</strong> bekeek Kees&#x27; verhaal en wat Kees zelf kan",
        )

    def test_a_name_cannot_inject_markup(self):
        self.assertIn("&lt;script&gt;", self.say(line(name="<script>")))
