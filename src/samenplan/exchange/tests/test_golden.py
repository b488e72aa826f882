"""The Bundle of a fixed plan, compared with the files in `golden/`. A change to the export
shows here as a diff to review. After a deliberate change, write the files anew with

    SAMENPLAN_REWRITE_GOLDEN=1 .venv/bin/python -m pytest -n 0 src/samenplan/exchange/tests/test_golden.py

and read the diff of `golden/` before committing it."""

import difflib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import time_machine
from django.test import TestCase, override_settings
from django.utils import translation

from samenplan.exchange.fhir import plan_bundle
from samenplan.sharing.policy import access_for

from . import world

GOLDEN = Path(__file__).parent / "golden"
REWRITE = os.environ.get("SAMENPLAN_REWRITE_GOLDEN") == "1"


@override_settings(BASE_URL="https://samenplan.example")
class GoldenTestCase(TestCase):
    def bundle_text(self, who: str) -> str:
        with time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), tick=False), translation.override("nl"):
            w = world.build()
            user = {"owner": w.resident, "member": w.friend}[who]
            bundle = plan_bundle(access=access_for(user, w.plan))
        return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"

    def assert_golden(self, name: str, text: str) -> None:
        path = GOLDEN / name
        if REWRITE:
            path.write_text(text, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8") if path.exists() else ""
        if text != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"golden/{name}",
                    tofile="the export now",
                )
            )
            self.fail(f"The FHIR export changed (SAMENPLAN_REWRITE_GOLDEN=1 writes it anew):\n{diff}")

    def test_it_matches_the_owners_golden_file(self):
        self.assert_golden("owner.json", self.bundle_text("owner"))

    def test_it_matches_the_members_golden_file(self):
        self.assert_golden("member.json", self.bundle_text("member"))

    def test_the_owners_file_holds_every_resource_type(self):
        bundle = json.loads((GOLDEN / "owner.json").read_text(encoding="utf-8"))
        types = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
        self.assertEqual(
            types,
            {
                "Patient",
                "CarePlan",
                "Goal",
                "CareTeam",
                "RelatedPerson",
                "Practitioner",
                "PractitionerRole",
                "Organization",
                "Consent",
                "Questionnaire",
                "QuestionnaireResponse",
                "ServiceRequest",
                "Task",
            },
        )

    def test_the_members_file_holds_nothing_they_may_not_see(self):
        # Kees may view the goals and add agreements, nothing else.
        text = (GOLDEN / "member.json").read_text(encoding="utf-8")
        bundle = json.loads(text)
        types = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
        self.assertEqual(types, {"Patient", "CarePlan", "Goal", "Organization", "ServiceRequest", "Task"})
        for marker in ("MARKER-STORY", "MARKER-NETWORK", "MARKER-ASSESSMENT", "MARKER-EVALUATION", "06-12345678"):
            self.assertNotIn(marker, text)

    def test_the_owners_file_holds_every_part_but_the_evaluation_records(self):
        text = (GOLDEN / "owner.json").read_text(encoding="utf-8")
        for marker in ("MARKER-STORY", "MARKER-NETWORK", "MARKER-ASSESSMENT", "06-12345678"):
            self.assertIn(marker, text)
        self.assertNotIn("MARKER-EVALUATION", text)
