"""What goes into a snapshot: only the parts the resident chose and the proposer sees,
people as roles, dates relative to the start of the plan."""

from datetime import timedelta

from django.utils import timezone, translation

from samenplan.plans.models import Agreement, Evaluation, Goal
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for
from samenplan.testing.base import BaseTestCase

from ..snapshot import pseudonymise


class SnapshotTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan.created_at = timezone.now() - timedelta(days=20)
        cls.plan.save()
        Goal.objects.create(
            plan=cls.plan,
            text="Samen met Dave de post openen",
            target_date=timezone.localdate() + timedelta(days=2),
            created_by=cls.bob,
        )
        Agreement.objects.create(
            plan=cls.plan,
            what="Bob belt Woonbedrijf op 3 maart, bel 06-12345678",
            who_kind=Agreement.Who.PROFESSIONAL,
            support=Agreement.Support.HEAVY,
            created_by=cls.bob,
        )
        Evaluation.objects.create(
            plan=cls.plan,
            scheduled_for=timezone.localdate(),
            held_at=timezone.now(),
            summary="GEHEIM",
            created_by=cls.bob,
        )

    def snapshot(self, user, parts):
        with translation.override("nl"):
            return pseudonymise(access_for(user, self.plan), parts)

    def test_it_holds_only_parts_the_resident_chose_and_the_proposer_sees(self):
        # dave sees the story, goals and agreements, not the evaluations.
        snapshot = self.snapshot(self.dave, [Part.GOALS, Part.EVALUATIONS])
        self.assertEqual([s.part for s in snapshot.sections], [Part.GOALS])
        self.assertNotIn("GEHEIM", snapshot.text())

    def test_people_become_roles_and_dates_become_weeks(self):
        text = self.snapshot(self.bob, [Part.GOALS, Part.AGREEMENTS]).text()
        self.assertIn("Samen met professional (schuldhulp) de post openen", text)
        self.assertIn("coördinator (sociaal team) belt [organisatie] op [datum], bel [telefoonnummer]", text)
        self.assertIn("(streefdatum: week 4)", text)
        self.assertIn("de inwoner", text)
        for name in ("Dave", "Bob", "Woonbedrijf", "3 maart", "06-12345678"):
            self.assertNotIn(name, text)

    def test_the_proposer_reading_it_is_audited_per_part(self):
        access = access_for(self.dave, self.plan)
        pseudonymise(access, [Part.STORY, Part.GOALS])
        self.assertEqual(access.touched, {Part.STORY, Part.GOALS})
