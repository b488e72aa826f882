"""The whole self-assessment with the keyboard alone: Tab to move, arrow keys to choose a
score, Space to tick, Enter to follow a link or send the form. Every stop on the way
must show where the focus is."""

import pytest

from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.testing.base import PASSWORD

from .keyboard import Keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_whole_self_assessment_with_the_keyboard_alone(open_journey, personas):
    instrument = Instrument.objects.get(code="zelfredzaamheid")
    items = list(instrument.items.all())
    journey = open_journey()
    page = journey.page
    keys = Keyboard(page)

    journey.goto("/accounts/login/", "login")
    # The login form puts the focus in its first field by itself.
    keys.tab_to(lambda f: f["name"] == "username")
    page.keyboard.type("alice")
    keys.tab_to(lambda f: f["name"] == "password")
    page.keyboard.type(PASSWORD)
    journey.press("Enter", "my plan")

    keys.tab_to(lambda f: f["tag"] == "a" and f["text"] == "Hoe gaat het nu")
    journey.press("Enter", "assessment overview")
    keys.tab_to(lambda f: f["tag"] == "a" and f["text"] == "Invullen")
    journey.press("Enter", "assessment form")

    # One question per page: Tab into it, Space and the arrow keys choose, Enter goes on.
    expected = {}
    for index, item in enumerate(items):
        assert page.get_by_role("heading", level=1).inner_text() == item.label
        first = keys.tab_to(lambda f: f["tag"] == "input")
        assert (first["type"], first["name"]) == ("radio", f"item_{item.pk}"), first
        chosen = keys.press("Space")
        presses = (index % 2) if item.is_yes_no else index % 5
        for _ in range(presses):
            chosen = keys.press("ArrowRight")
        assert chosen["checked"], chosen
        talk = keys.press("Tab")
        assert (talk["type"], talk["name"]) == ("checkbox", f"talk_{item.pk}"), talk
        if index == 2:
            assert keys.press("Space")["checked"]
        expected[item.pk] = int(chosen["value"])
        keys.tab_to(lambda f: f["tag"] == "button" and f["text"] == "Volgende", limit=3)
        journey.press("Enter", f"after question {index + 1}")
    keys.tab_to(lambda f: f["tag"] == "button" and f["text"] == "Klaar")
    journey.press("Enter", "answers saved")

    assert "Je antwoorden zijn opgeslagen" in page.locator(".messages").inner_text()
    measurement = Measurement.objects.get(plan=personas.plan, instrument=instrument, perspective="resident")
    answers = {a.item_id: (a.value, a.wants_to_talk) for a in Answer.objects.filter(measurement=measurement)}
    assert answers == {pk: (score, pk == items[2].pk) for pk, score in expected.items()}
    rows = page.get_by_role("region", name="Zelfredzaamheid").locator("tbody tr")
    assert rows.count() == len(items)
    assert rows.nth(2).locator("td").first.inner_text() == "3"
