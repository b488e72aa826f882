"""Mijn gegevens: the resident opens what Samenplan keeps about her from her account
page, downloads it, and asks to correct her story; her coordinator sees the request in
his list and answers it; she reads the answer. Every page is scanned with axe and
photographed (see conftest.py)."""

import json
import re
from pathlib import Path

import pytest

from samenplan.privacy.models import CorrectionRequest
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_resident_sees_downloads_and_corrects_her_data(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.login("alice", PASSWORD, "my plan")

    # From the account page to Mijn gegevens.
    journey.follow(page.locator("a.site-user"), "my account")
    journey.follow(page.get_by_role("link", name="Bekijk mijn gegevens"), "my data")
    main = page.locator("main").inner_text()
    assert "Plan in Helmstad-West" in main
    assert "Versies van het verhaal" in main
    assert "Je staat niet in het plan van iemand anders." in main

    # The download: one JSON file with everything.
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download al mijn gegevens").click()
    download = waiting.value
    assert download.suggested_filename.startswith("mijn-gegevens-samenplan-")
    data = json.loads(Path(download.path()).read_bytes().decode("utf-8"))
    assert data["account"]["username"] == "alice"
    assert "Alice's story, first version." in json.dumps(data)

    # Ask to correct the story; without a text the choice stays and the page says why.
    journey.follow(page.get_by_role("link", name="Vraag om iets te verbeteren"), "ask to correct")
    page.get_by_label("Wat klopt er niet?").select_option("story")
    journey.follow(page.get_by_role("button", name="Verstuur mijn verzoek"), "ask without a text")
    assert "Schrijf wat er moet veranderen." in page.locator("main").inner_text()
    assert page.get_by_label("Wat klopt er niet?").input_value() == "story"
    page.get_by_label("Hoe moet het wel?").fill("Ik heb drie kinderen, niet twee.")
    journey.follow(page.get_by_role("button", name="Verstuur mijn verzoek"), "request sent")
    assert "Je verzoek is verstuurd." in page.locator("main").inner_text()
    assert "Wacht op antwoord" in page.locator("#corrections").inner_text()
    journey.logout()

    # The coordinator finds it in his notifications and answers.
    journey.login("bob", PASSWORD, "caseload")
    journey.follow(page.get_by_role("link", name="Meldingen"), "notifications")
    request = page.get_by_role("button", name=re.compile("Een inwoner vraagt om iets te verbeteren"))
    journey.follow(request, "the request")
    assert "Ik heb drie kinderen, niet twee." in page.locator("main").inner_text()
    page.get_by_role("radio", name="Ik heb het niet veranderd").check()
    journey.follow(page.get_by_role("button", name="Verstuur mijn antwoord"), "answer without a reason")
    assert "Zeg waarom je het niet hebt veranderd." in page.locator("main").inner_text()
    page.get_by_role("radio", name="Ik heb het aangepast").check()
    page.get_by_label("Je antwoord aan de inwoner").fill("Klopt, ik heb het verhaal aangepast.")
    journey.follow(page.get_by_role("button", name="Verstuur mijn antwoord"), "the list of requests")
    assert "Je antwoord is naar de inwoner gestuurd." in page.locator("main").inner_text()
    assert CorrectionRequest.objects.get().status == CorrectionRequest.Status.DONE
    # His own data: his account, his place in Alice's plan, what he did there (no content).
    journey.goto("/mijn-gegevens/", "the coordinator's own data")
    main = page.locator("main").inner_text()
    assert "Plan van Alice Aarts" in main
    assert "Ik heb drie kinderen" not in main
    journey.logout()

    # The resident reads the answer on Mijn gegevens.
    journey.login("alice", PASSWORD, "my plan")
    journey.goto("/mijn-gegevens/", "my data with the answer")
    corrections = page.locator("#corrections").inner_text()
    assert "Aangepast" in corrections
    assert "Klopt, ik heb het verhaal aangepast." in corrections
    assert "Bob Bakker" in page.locator("main").inner_text()
    journey.finish()
