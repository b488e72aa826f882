"""The self-assessment on a phone (390 CSS pixels wide) with the keyboard alone: one
question per page, Tab to move, Space to choose, Enter to go on. "Later verder" keeps the
answers; "Klaar" makes them the latest time. Every step is scanned by axe."""

import pytest

from samenplan.measuring.models import Instrument, Measurement
from samenplan.testing.base import PASSWORD

from .keyboard import Keyboard, button, link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = (390, 844)


def test_the_self_assessment_step_by_step_on_a_phone_with_the_keyboard(open_journey, personas):
    instrument = Instrument.objects.get(code="zelfredzaamheid")
    items = list(instrument.items.all())
    journey = open_journey(viewport=PHONE)
    page = journey.page
    keys = Keyboard(page)

    journey.goto("/accounts/login/", "login")
    keys.tab_to(lambda f: f["name"] == "username")
    page.keyboard.type("alice")
    keys.tab_to(lambda f: f["name"] == "password")
    page.keyboard.type(PASSWORD)
    journey.press("Enter", "my plan")
    keys.tab_to(link("Hoe gaat het nu"))
    journey.press("Enter", "assessment overview")
    keys.tab_to(link("Invullen"))
    journey.press("Enter", "step 1")

    def answer(index, presses):
        """Choose an answer: Tab into the question, Space picks the first option, each
        ArrowDown the next one. Returns the value chosen."""
        item = items[index]
        assert page.get_by_text(f"Stap {index + 1} van 13", exact=True).is_visible()
        assert page.get_by_role("heading", level=1).inner_text() == item.label
        keys.tab_to(lambda f: f["type"] == "radio" and f["name"] == f"item_{item.pk}")
        chosen = keys.press("Space")
        for _ in range(presses):
            chosen = keys.press("ArrowDown")
        assert chosen["checked"], chosen
        return int(chosen["value"])

    expected = {}
    # The first three questions, then "Later verder": back to the plan, nothing lost.
    for index in range(3):
        expected[items[index].pk] = answer(index, index + 1)
        if index == 0:
            # Nothing in the picture for a screen reader: it is decoration.
            assert page.locator(".step-question__picture").get_attribute("alt") == ""
        keys.tab_to(button("Volgende"))
        journey.press("Enter", f"step {index + 2}")
    keys.tab_to(button("Later verder"))
    journey.press("Enter", "back on the plan")
    assert "Je antwoorden zijn bewaard" in page.locator(".messages").inner_text()
    draft = Measurement.objects.get(is_draft=True)
    assert {a.item_id: a.value for a in draft.answers.all()} == expected

    # Going on: the overview says how far she got, and opens at step 4.
    keys.tab_to(link("Hoe gaat het nu"))
    journey.press("Enter", "overview with a draft")
    assert "3 van de 13 vragen beantwoord" in page.locator(".draft-notice").inner_text()
    assert page.locator("svg.spider").count() == 0
    keys.tab_to(link("Verder gaan waar je was"))
    journey.press("Enter", "step 4 again")

    # One step back and forward again: the answer is still chosen.
    keys.tab_to(button("Vorige"))
    journey.press("Enter", "back to step 3")
    assert page.locator(f'input[name="item_{items[2].pk}"][value="{expected[items[2].pk]}"]').is_checked()
    keys.tab_to(button("Volgende"))
    journey.press("Enter", "step 4")

    for index in range(3, len(items)):
        item = items[index]
        if item.is_yes_no:
            # A yes/no question: two answers, Ja and Nee. Choose "Nee".
            assert page.locator(f'input[name="item_{item.pk}"]').count() == 2
            expected[item.pk] = answer(index, 1)
            assert expected[item.pk] == item.no_value
        else:
            expected[item.pk] = answer(index, index % 5)
        if index == 3:
            page.screenshot(path=str(journey.folder / "step-on-a-phone.png"), full_page=False)
        keys.tab_to(button("Volgende"))
        journey.press("Enter", f"after step {index + 1}")

    # The last step shows every answer, then "Klaar".
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk je antwoorden na"
    assert "Je hebt 13 van de 13 vragen beantwoord." in page.locator("main").inner_text()
    keys.tab_to(button("Klaar"))
    journey.press("Enter", "result")
    assert "Je antwoorden zijn opgeslagen" in page.locator(".messages").inner_text()

    measurement = Measurement.objects.get(plan=personas.plan, instrument=instrument)
    assert not measurement.is_draft
    assert {a.item_id: a.value for a in measurement.answers.all()} == expected
    # On a phone a list takes the place of the spider web, which would be too small to read.
    section = page.locator("section", has=page.get_by_role("heading", name="Zelfredzaamheid"))
    assert not section.locator("svg.spider").is_visible()
    chart_list = section.locator(".chart-list")
    assert chart_list.is_visible()
    assert chart_list.locator("li").count() == len(items)
    first = " ".join(chart_list.locator("li").first.inner_text().split())
    assert "Geldzaken" in first and f"Jouw laatste keer: {expected[items[0].pk]} van 5" in first
    assert "laatste keer" in page.locator("table").inner_text().lower()
    section.screenshot(path=str(journey.folder / "result-on-a-phone.png"))

    # The health wheel's marks from 0 to 10 fit the phone as a grid of big buttons.
    journey.goto(f"/plans/{personas.plan.pk}/assessment/gezondheidsweb/new/", "health wheel step 1")
    assert page.locator('input[type="radio"]').count() == 11
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]


DRAWN_FONT_SIZE = "el => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a"
LABELS_INSIDE = """svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll("text")].every((text) => {
    const label = text.getBoundingClientRect();
    return label.left >= box.left && label.right <= box.right && label.top >= box.top && label.bottom <= box.bottom;
  });
}"""


def test_the_spider_web_labels_are_at_least_14_pixels_where_the_web_is_shown(open_journey, personas):
    for instrument in Instrument.objects.all():
        measurement = Measurement.objects.create(
            plan=personas.plan, instrument=instrument, perspective="resident", recorded_by=personas.alice
        )
        for item in instrument.items.all():
            measurement.answers.create(item=item, value=instrument.max_value - 1)
    for viewport in ((1280, 900), (768, 1024), (390, 844)):
        journey = open_journey(viewport=viewport)
        journey.login("alice", PASSWORD)
        journey.goto(f"/plans/{personas.plan.pk}/assessment/", f"overview at {viewport[0]}")
        webs = journey.page.locator("svg.spider")
        assert webs.count() == 2
        for web in webs.all():
            if web.is_visible():
                # The font size as drawn: the size in the web's units times the web's scale.
                sizes = [label.evaluate(DRAWN_FONT_SIZE) for label in web.locator("text.spider__label").all()]
                assert min(sizes) >= 14, (viewport, sizes)
                assert web.evaluate(LABELS_INSIDE), f"a label sticks out of the web at {viewport[0]} px"
            else:
                assert viewport[0] < 480, f"the web is hidden at {viewport[0]} px"
        lists = journey.page.locator(".chart-list")
        assert all(chart_list.is_visible() == (viewport[0] < 480) for chart_list in lists.all())
