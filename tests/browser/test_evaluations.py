"""No half records: an empty evaluation is refused with the input kept, a held one shows
who was there and what was decided and asks for the next one, and its author corrects
it. Agreements are ticked off with one click; a note on "what matters" survives moving.
Every page is scanned by axe."""

import pytest
from django.utils import timezone

from samenplan.measuring.models import LifeDomain
from samenplan.plans.models import Agreement, Evaluation, GoalScore
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, GoalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_evaluation_is_held_with_who_was_there_and_corrected_by_its_author(open_journey, personas):
    plan = personas.plan
    goal = GoalFactory(plan=plan, text="Ik betaal mijn huur weer op tijd")
    evaluation = EvaluationFactory(plan=plan, scheduled_for=timezone.localdate())
    journey = open_journey()
    page = journey.page
    journey.login("bob", PASSWORD)
    journey.goto(f"/plans/{plan.pk}/evaluations/{evaluation.pk}/", "evaluation to hold")

    page.get_by_label("Wie waren er bij?").fill("Alice, haar zus Carol en ik")
    journey.follow(page.get_by_role("button", name="Evaluatie opslaan"), "empty evaluation refused")
    assert page.get_by_role("alert").filter(has_text="Er is nog niets ingevuld").is_visible()
    assert page.get_by_label("Wie waren er bij?").input_value() == "Alice, haar zus Carol en ik"
    evaluation.refresh_from_db()
    assert evaluation.held_at is None

    page.get_by_role("group", name=goal.text).get_by_label("Meer dan verwacht", exact=True).check()
    page.get_by_label("Wat viel ons op?").fill("De huur gaat goed, de post blijft lastig.")
    page.get_by_label("Wat hebben we besloten?").fill("Carol helpt elke maandag met de post.")
    journey.follow(page.get_by_role("button", name="Evaluatie opslaan"), "evaluation held")
    assert page.get_by_text("Carol helpt elke maandag met de post.").is_visible()
    assert page.get_by_text("Alice, haar zus Carol en ik").is_visible()
    assert page.get_by_role("heading", name="Plan de volgende evaluatie").is_visible()

    journey.follow(page.get_by_role("link", name="Verslag verbeteren"), "correcting the record")
    page.get_by_label("Wie waren er bij?").fill("Alice, haar zus Carol, Dave en ik")
    journey.follow(page.get_by_role("button", name="Verbetering opslaan"), "record corrected")
    assert page.get_by_text("Alice, haar zus Carol, Dave en ik").is_visible()
    assert page.get_by_text("Verbeterd op").is_visible()
    evaluation.refresh_from_db()
    assert GoalScore.objects.get(evaluation=evaluation).score == 1

    journey.follow(page.get_by_role("button", name="Evaluatie plannen"), "next evaluation planned")
    assert Evaluation.objects.filter(plan=plan, held_at__isnull=True).count() == 1


def test_a_family_member_ticks_off_an_agreement_with_one_click(open_journey, personas):
    agreement = AgreementFactory(plan=personas.plan, what="Brieven in één map doen", who_kind="network")
    journey = open_journey()
    page = journey.page
    journey.login("carol", PASSWORD)
    journey.goto(f"/plans/{personas.plan.pk}/agreements/", "agreements of alice")
    assert page.get_by_text("---------").count() == 0
    journey.follow(page.locator(f"#agreement-{agreement.pk}").get_by_role("button", name="Klaar"), "agreement done")
    assert page.get_by_text("De afspraak is afgevinkt").is_visible()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DONE


def test_a_typed_note_survives_moving_a_priority(open_journey, personas):
    money, home = LifeDomain.objects.get(code="financien"), LifeDomain.objects.get(code="huisvesting")
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD)
    journey.goto(f"/plans/{personas.plan.pk}/priorities/", "what matters")
    journey.follow(page.locator(f"#domain-{money.pk}").get_by_role("button", name="Toevoegen"), "money added")
    journey.follow(page.locator(f"#domain-{home.pk}").get_by_role("button", name="Toevoegen"), "home added")
    page.locator(f"#note-{home.pk}").fill("Ik wil hier blijven wonen")
    journey.follow(
        page.locator(f"#domain-{home.pk}").get_by_role("button", name="Omhoog"), "home moved up with its note"
    )
    assert page.locator(f"#note-{home.pk}").input_value() == "Ik wil hier blijven wonen"
    page.locator(f"#note-{money.pk}").fill("Eerst de schulden")
    page.locator(f"#note-{money.pk}").focus()
    journey.press("Enter", "note saved with Enter")
    ranking = list(personas.plan.priorities.values_list("domain__code", "note"))
    assert ranking == [("huisvesting", "Ik wil hier blijven wonen"), ("financien", "Eerst de schulden")]
