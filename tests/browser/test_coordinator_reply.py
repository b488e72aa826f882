"""Journeys about talking with the coordinator and choosing who sees what, one person at a
time: the resident writes to her coordinator and reads the answer; a coordinator who may
only read is told why there is no reply box, and the resident changes that on the
coordinator's own page; the per-person page at a wide and a phone-sized window, with
"same as ..." filled in without JavaScript. Every page is scanned with axe and
photographed (see conftest.py)."""

import pytest

from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def start_a_conversation_with_bob(journey, personas, subject, text):
    page = journey.page
    journey.follow(journey.plan_link("Berichten"), "conversations")
    page.get_by_label("Onderwerp").fill(subject)
    page.get_by_role("checkbox", name=personas.bob.display_name).check()
    page.get_by_label("Bericht", exact=True).fill(text)
    journey.follow(page.get_by_role("button", name="Versturen"), "conversation started")
    assert text in page.locator(".messages-list").inner_text()
    return page.url


def test_the_resident_writes_to_her_coordinator_and_reads_the_answer(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")
    thread = start_a_conversation_with_bob(journey, personas, "De huur", "Kun jij de verhuurder bellen?")
    journey.logout()

    # The coordinator may add to conversations: he gets a reply box and answers.
    journey.login("bob", PASSWORD, "caseload")
    journey.goto(thread.removeprefix(journey.base_url), "the coordinator reads the message")
    assert "Kun jij de verhuurder bellen?" in page.locator(".messages-list").inner_text()
    page.get_by_label("Je bericht").fill("Ik heb gebeld. Hij wacht tot vrijdag.")
    journey.follow(page.get_by_role("button", name="Versturen"), "the coordinator answered")
    journey.logout()

    # The resident reads the answer.
    journey.login("alice", PASSWORD, "my plan")
    journey.follow(journey.plan_link("Berichten"), "conversations with an answer")
    journey.follow(page.get_by_role("link", name="De huur"), "the answer")
    assert "Ik heb gebeld. Hij wacht tot vrijdag." in page.locator(".messages-list").inner_text()
    journey.finish()


def test_a_coordinator_who_may_only_read_is_told_why_and_the_resident_changes_it(open_journey, personas):
    Grant.objects.filter(membership=personas.bob_membership, part=Part.CONVERSATIONS).update(level=Level.VIEW)
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")
    thread = start_a_conversation_with_bob(journey, personas, "De huur", "Kun jij de verhuurder bellen?")
    bob = personas.bob.display_name
    assert f"{bob} leest dit gesprek, maar kan je niet antwoorden" in page.locator("main").inner_text()
    journey.logout()

    # No reply box, and the page says why and who can change it.
    journey.login("bob", PASSWORD, "caseload")
    journey.goto(thread.removeprefix(journey.base_url), "the coordinator cannot answer")
    assert page.get_by_label("Je bericht").count() == 0
    assert (
        "Je kunt hier niet antwoorden: Alice heeft je berichten alleen laten bekijken. "
        "Alice kan dat veranderen bij Wie ziet wat." in page.locator("main").inner_text()
    )
    journey.logout()

    # Her sharing page tells the resident, and she changes it on Bob's own page.
    journey.login("alice", PASSWORD, "my plan")
    journey.follow(journey.plan_link("Wie ziet wat"), "who sees what, with a hint")
    assert f"{bob} is de regisseur en kan de berichten lezen, maar er niet op antwoorden." in (
        page.locator("main").inner_text()
    )
    journey.follow(page.get_by_role("link", name=f"Kies wat {bob} mag zien").first, "what Bob may see")
    page.get_by_role("group", name="Berichten").get_by_role("radio", name="Bekijken en aanvullen").check()
    journey.follow(page.get_by_role("button", name="Opslaan"), "saved")
    assert "kan de berichten lezen, maar er niet op antwoorden" not in page.locator("main").inner_text()
    journey.logout()

    journey.login("bob", PASSWORD, "caseload")
    journey.goto(thread.removeprefix(journey.base_url), "the coordinator can answer now")
    page.get_by_label("Je bericht").fill("Ik bel hem morgen.")
    journey.follow(page.get_by_role("button", name="Versturen"), "answered")
    journey.finish()


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["1280px", "390px"])
def test_choosing_what_one_person_sees_with_same_as(open_journey, personas, viewport):
    journey = open_journey(viewport=viewport)
    page = journey.page
    carol, dave = personas.carol.display_name, personas.dave.display_name
    journey.login("alice", PASSWORD, "my plan")
    journey.follow(journey.plan_link("Wie ziet wat"), "who sees what")
    summary = page.locator(f"#person-{personas.carol_membership.pk}").inner_text()
    assert "Ziet 2 van 9 delen: Doelen, Afspraken." in summary
    journey.follow(page.get_by_role("link", name=f"Kies wat {carol} mag zien"), "what Carol may see")
    # No horizontal scrolling: one short list of parts, at any width.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]

    # "Same as Dave" fills in Dave's choices; nothing is saved yet.
    page.get_by_label(f"Geef {carol} dezelfde keuzes als").select_option(label=dave)
    journey.follow(page.get_by_role("button", name="Invullen"), "Dave's choices filled in")
    assert "Er is nog niets opgeslagen" in page.locator("main").inner_text()
    assert page.get_by_role("group", name="Mijn verhaal").get_by_role("radio", name="Bekijken", exact=True).is_checked()
    assert not Grant.objects.filter(membership=personas.carol_membership, part=Part.STORY).exists()

    # She changes one more part herself, and saves.
    page.get_by_role("group", name="Berichten").get_by_role("radio", name="Bekijken en aanvullen").check()
    journey.follow(page.get_by_role("button", name="Opslaan"), "saved")
    levels = dict(Grant.objects.filter(membership=personas.carol_membership).values_list("part", "level"))
    assert levels == {"story": 1, "goals": 1, "agreements": 1, "conversations": 2}
    assert f"Opgeslagen. Wat {carol} mag zien, telt vanaf nu." in page.locator("main").inner_text()

    # The overview of everyone is still there for who wants it.
    journey.follow(page.get_by_role("link", name="Overzicht van iedereen"), "overview of everyone")
    journey.finish()
