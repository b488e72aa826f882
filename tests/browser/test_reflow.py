"""The pages at 320 CSS pixels wide (a small phone, WCAG 1.4.10 reflow) and at 200% zoom
(WCAG 1.4.4; a 1280-pixel window at 200% lays out like 640 CSS pixels at twice the
density): nothing may need scrolling sideways, and axe finds nothing at either size."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.plans.models import Agreement, Evaluation, GoalScore, Priority, StoryVersion, Strength
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, GoalFactory
from samenplan.testing.urlwalk import COORDINATOR_ONLY, POST_ONLY, fill, plan_routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SIZES = {
    "320px": {"viewport": (320, 640), "zoom": 1},
    "zoom200": {"viewport": (640, 400), "zoom": 2},
}
# Pages that are not HTML pages to look at (POST-only actions, the data downloads), and the
# coordinator's own pages, which the coordinator visits below.
NOT_PAGES = (*POST_ONLY, *COORDINATOR_ONLY, "download/", "fhir/")
# Routes that show a person without an account (an invitation is for them).
CONTACT_ROUTES = ("invite/",)


def resident_pages(personas):
    """Every page of the plan the resident can open, from the URL configuration."""
    values = personas.url_values(personas)
    for route in plan_routes():
        if route.endswith(NOT_PAGES):
            continue
        route_values = values | ({"membership_id": values["contact_id"]} if route.endswith(CONTACT_ROUTES) else {})
        yield fill(route, route_values)


# The elements sticking out to the right, to say what breaks the layout.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.closest(".table-wrap, .visually-hidden, .skip-link"))
    .slice(0, 5)
    .map((el) => el.outerHTML.slice(0, 150));
}"""


def fill_the_plan(personas):
    """Alice's plan with something in every part, long words included."""
    plan, alice, bob = personas.plan, personas.alice, personas.bob
    StoryVersion.objects.create(
        plan=plan,
        number=2,
        text="Ik woon sinds kort in de Arbeidsongeschiktheidsverzekeringswet-wijk. " * 6,
        written_by=alice,
    )
    Priority.objects.bulk_create(
        Priority(plan=plan, domain_id=domain_id, rank=rank) for rank, domain_id in [(1, 1), (2, 4)]
    )
    Strength.objects.create(plan=plan, kind="self", text="Ik kan goed koken", rank=1)
    Strength.objects.create(plan=plan, kind="network", text="Boodschappen doen", who="mijn zus", rank=1)
    goals = [GoalFactory(plan=plan, text=f"Doel nummer {n} met een wat langere omschrijving") for n in range(3)]
    for n, goal in enumerate(goals):
        AgreementFactory(
            plan=plan, goal=goal, what=f"Afspraak {n}", due_date=timezone.localdate() + timedelta(days=n - 1)
        )
    AgreementFactory(plan=plan, what="Afgerond", status=Agreement.Status.DONE, who_kind="professional", support="heavy")
    held = EvaluationFactory(plan=plan, scheduled_for=timezone.localdate() - timedelta(days=7))
    Evaluation.objects.filter(pk=held.pk).update(held_at=timezone.now(), held_by=bob, summary="Het gaat beter.")
    GoalScore.objects.bulk_create(GoalScore(evaluation=held, goal=goal, score=1) for goal in goals)
    EvaluationFactory(plan=plan)
    for instrument in Instrument.objects.all():
        for perspective, by, value in (("resident", alice, 2), ("resident", alice, 4), ("professional", bob, 3)):
            measurement = Measurement.objects.create(
                plan=plan, instrument=instrument, perspective=perspective, recorded_by=by
            )
            Answer.objects.bulk_create(
                Answer(measurement=measurement, item=item, value=value) for item in instrument.items.all()
            )


@pytest.mark.parametrize("size", SIZES)
def test_pages_reflow_without_sideways_scrolling(open_journey, personas, size):
    fill_the_plan(personas)
    journey = open_journey(**SIZES[size])
    page = journey.page

    def visit(path, step):
        journey.goto(path, step)
        assert page.evaluate(OVERFLOW) == [], f"{path} scrolls sideways at {size}"

    visit("/accounts/login/", "login")
    journey.sign_in("alice", PASSWORD, "plan after login")
    for url in resident_pages(personas):
        visit(url, url.split(f"/plans/{personas.plan.pk}/")[1] or "plan")
    conference = personas.conference_planned()
    for route in ("", "toestemming/"):
        visit(f"/overleg/{conference.pk}/{route}", f"case conference {route}")
    journey.logout()
    journey.sign_in("bob", PASSWORD, "caseload after login")
    visit("/caseload/", "caseload")
    visit("/intake/", "intake")
    held = personas.plan.evaluations.filter(held_at__isnull=False).get()
    visit(f"/plans/{personas.plan.pk}/evaluations/{held.pk}/", "held evaluation")
    upcoming = personas.plan.evaluations.filter(held_at__isnull=True).first()
    visit(f"/plans/{personas.plan.pk}/evaluations/{upcoming.pk}/", "evaluation form")
    visit(f"/plans/{personas.plan.pk}/overleg/nieuw/", "convene a case conference")
    for route in ("verslag/", "besluit/", "doorbraak/", "afsluiten/"):
        visit(f"/overleg/{conference.pk}/{route}", f"case conference {route}")
