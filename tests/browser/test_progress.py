"""The resident opens her own change over time from the plan's menu: her average each
time as a line (and a professional's, apart), her answers each time with the change, and
her goals per evaluation. Every page is scanned by axe; the page is photographed for a look."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.plans.models import GoalScore
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import EvaluationFactory, GoalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Also where a reviewer looks for it, outside the test artifacts.
SHOT = Path("/tmp/shots/progress.png")  # noqa: S108
PHONE = (390, 844)


def _measure(plan, instrument, when, scores, by, perspective="resident", draft=False):
    measurement = Measurement.objects.create(
        plan=plan,
        instrument=instrument,
        perspective=perspective,
        recorded_by=by,
        recorded_at=when,
        is_draft=draft,
    )
    Answer.objects.bulk_create(
        Answer(measurement=measurement, item=item, value=value)
        for item, value in zip(instrument.items.all(), scores, strict=True)
    )


def _alice_over_half_a_year(personas):
    plan = personas.plan
    instrument = Instrument.objects.get(code="zelfredzaamheid")
    count = instrument.items.count()
    first = [2, 3, 3, 2, 3, 2, 3, 4, 4, 3, 2, 3, 5][:count]
    middle = [3, 3, 3, 3, 3, 3, 3, 4, 4, 3, 3, 3, 5][:count]
    latest = [4, 3, 2, 4, 3, 3, 4, 4, 4, 4, 3, 4, 5][:count]
    _measure(plan, instrument, datetime(2026, 1, 12, 10, tzinfo=UTC), first, personas.alice)
    _measure(plan, instrument, datetime(2026, 1, 20, 10, tzinfo=UTC), [3] * count, personas.bob, "professional")
    _measure(plan, instrument, datetime(2026, 3, 16, 10, tzinfo=UTC), middle, personas.alice)
    _measure(plan, instrument, datetime(2026, 6, 15, 10, tzinfo=UTC), latest, personas.alice)
    _measure(plan, instrument, datetime(2026, 6, 22, 10, tzinfo=UTC), [1] * count, personas.alice, draft=True)
    rent = GoalFactory(plan=plan, text="Ik betaal mijn huur weer op tijd")
    job = GoalFactory(plan=plan, text="Ik heb een baan voor twee dagen per week")
    for when, scores in (
        (datetime(2026, 3, 20, 10, tzinfo=UTC), {rent: -1, job: 0}),
        (datetime(2026, 6, 19, 10, tzinfo=UTC), {rent: 1, job: 0}),
    ):
        evaluation = EvaluationFactory(plan=plan, scheduled_for=when.date(), held_at=when, held_by=personas.bob)
        GoalScore.objects.bulk_create(GoalScore(evaluation=evaluation, goal=g, score=s) for g, s in scores.items())
    return plan


def test_the_resident_opens_her_progress_from_the_plan_menu(open_journey, personas):
    plan = _alice_over_half_a_year(personas)
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")
    journey.follow(journey.plan_link("Mijn voortgang"), "my progress")

    assert page.get_by_role("heading", level=1).inner_text() == "Hoe het met je gaat, door de tijd"
    assert page.get_by_role("link", name="Mijn voortgang").get_attribute("aria-current") == "page"
    # The charts are pictures with a title; the tables beside them carry the same numbers.
    line = page.get_by_role("img", name="Lijngrafiek van Zelfredzaamheid: het gemiddelde per keer.", exact=False)
    assert line.is_visible()
    average = page.get_by_role("table", name="Zelfredzaamheid: het gemiddelde per keer")
    assert average.locator("tbody tr").count() == 4  # three times of hers, one of Bob's; no draft
    answers = page.get_by_role("table", name="Zelfredzaamheid, zoals jij het ziet", exact=False)
    first_row = " ".join(answers.locator("tbody tr").first.inner_text().split())
    assert first_row.startswith("Geldzaken 2 Het gaat slecht 3 Het gaat net 4 Het gaat goed +2"), first_row
    assert "22 jun. 2026" not in page.locator("main").inner_text()
    professional = page.get_by_role("table", name="Zelfredzaamheid, zoals een professional het ziet", exact=False)
    assert "Bob Bakker" in professional.inner_text()
    goals = page.get_by_role("table", name="Hoe ver ben je gekomen met elk doel?")
    assert "+1 Meer dan verwacht" in " ".join(goals.inner_text().split())

    # The first and latest time as bars, folded away under the table with the same numbers.
    bars = page.get_by_role("img", name="Staafgrafiek van Zelfredzaamheid", exact=False)
    assert not bars.is_visible()
    page.get_by_text("Bekijk je eerste en je laatste keer in een grafiek").click()
    assert bars.is_visible()

    SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOT), full_page=True)

    # From the overview of how it is going, the same page is one link away.
    journey.follow(journey.plan_link("Hoe gaat het nu"), "how it is going now")
    journey.follow(page.get_by_role("link", name="Bekijk hoe het verandert, door de tijd"), "progress again")
    assert page.url.endswith(f"/plans/{plan.pk}/assessment/voortgang/")


def test_on_a_phone_the_page_fits_and_the_tables_scroll_on_their_own(open_journey, personas):
    plan = _alice_over_half_a_year(personas)
    journey = open_journey(viewport=PHONE)
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")
    journey.goto(f"/plans/{plan.pk}/assessment/voortgang/", "my progress on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    # Too small to read there, the line gives way to the table with the same numbers.
    assert not page.locator("svg.linechart__svg").first.is_visible()
    assert page.get_by_role("table", name="Zelfredzaamheid: het gemiddelde per keer").is_visible()
    page.screenshot(path=str(SHOT.with_name("progress-phone.png")), full_page=True)
