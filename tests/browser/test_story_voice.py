"""The intake story: the coordinator wrote it down, the resident reads who did and when,
and confirms it ("Dit klopt") or corrects it ("Verbeteren"); the others then read it as
Alice's story, confirmed by her."""

import pytest

from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_resident_confirms_the_story_the_coordinator_wrote_down(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD)

    journey.follow(journey.plan_link("Mijn verhaal"), "the intake story, asked to confirm")
    check = page.get_by_role("region", name="Klopt je verhaal?")
    assert "Dit verhaal schreef Bob (regisseur) op" in check.inner_text()
    assert "tijdens het intakegesprek. Klopt het?" in check.inner_text()
    assert "zien de mensen met wie je je verhaal deelt dat het jouw verhaal is" in check.inner_text()
    assert check.get_by_role("link", name="Verbeteren").is_visible()
    assert "inwoner" not in page.content().lower()

    journey.follow(check.get_by_role("button", name="Dit klopt"), "story confirmed")
    assert page.get_by_text("Je hebt op ").is_visible()
    assert page.get_by_role("region", name="Klopt je verhaal?").count() == 0
    journey.logout()

    journey.login("dave", PASSWORD, "dave logged in")
    journey.goto(f"/plans/{personas.plan.pk}/", "dave opens alice's plan")
    journey.follow(journey.plan_link("Alice's verhaal"), "dave reads alice's story")
    assert page.get_by_role("heading", level=1).inner_text() == "Alice's verhaal"
    assert page.get_by_text("Bevestigd door Alice op").is_visible()
