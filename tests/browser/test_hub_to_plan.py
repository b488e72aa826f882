"""Help before there is a plan: someone without an account asks a question at the wijk's
hub, a wijk team member takes it on and starts a plan from it, and the resident opens the
plan and finds her question as the draft of her story, to confirm. Every page on the way is
checked with axe (see conftest.py)."""

import re

import pytest
from django.core import mail

from samenplan.hubs.models import Question
from samenplan.testing.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUESTION = "Ik heb een brief over een huurachterstand gekregen en durf de post niet meer open te maken."


def test_a_question_at_the_hub_becomes_the_residents_plan(open_journey, personas):
    journey = open_journey()
    page = journey.page

    # Someone without an account asks a question at the hub of Helmstad-West.
    journey.goto("/wijkpunten/west/", "the hub of the wijk")
    page.get_by_label("Geldzaken").check()
    page.locator("textarea[name=text]").fill(QUESTION)
    page.locator("input[name=channel][value=email]").check()
    page.locator("input[name=email]").fill("noor@example.org")
    page.locator("input[name=name]").fill("Noor van den Berg")
    page.locator("input[name=consent]").check()
    journey.follow(page.get_by_role("button", name="Verstuur mijn vraag"), "receipt")
    reference = page.locator(".letter-code").inner_text().strip()
    question = Question.objects.get()
    assert reference == question.reference
    assert "3 werkdagen" in page.locator("main").inner_text()

    # A member of the wijk team takes it on and starts a plan from it.
    journey.login("bob", PASSWORD, "bob's work")
    journey.follow(page.get_by_role("link", name="Vragen", exact=True), "the wijk team's questions")
    assert reference in page.locator("main").inner_text()
    journey.goto(f"/wijkteam/vragen/{question.pk}/", "the question")
    journey.follow(page.get_by_role("button", name="Deze vraag oppakken"), "question taken on")
    journey.follow(page.get_by_role("link", name="Start een plan"), "intake, pre-filled")
    assert page.get_by_label("Voornaam").input_value() == "Noor"
    assert page.get_by_label("Achternaam").input_value() == "van den Berg"
    assert page.get_by_label("Het verhaal van de inwoner").input_value() == QUESTION
    page.get_by_label("De inwoner is het ermee eens").check()
    journey.follow(page.get_by_role("button", name="Start het plan"), "plan started")
    assert page.get_by_role("heading", level=1).inner_text() == "Plan van Noor van den Berg"
    question.refresh_from_db()
    assert question.outcome == Question.Outcome.PLAN and question.plan is not None
    journey.logout()

    # The resident opens the plan with the link from the email ...
    activation = [message for message in mail.outbox if message.to == ["noor@example.org"]]
    assert len(activation) == 1
    link = re.search(r"https?://\S+(/accounts/activate/\S+/)", activation[0].body)
    journey.goto(link.group(1), "activation form")
    page.get_by_label("Kies een wachtwoord").fill("blauwe fiets in de regen")
    page.get_by_label("Typ hetzelfde wachtwoord nog een keer").fill("blauwe fiets in de regen")
    journey.follow(page.get_by_role("button", name="Wachtwoord opslaan en mijn plan openen"), "my plan, first time")

    # ... and finds her question as the draft of her story, to confirm.
    journey.follow(page.get_by_role("link", name="Mijn verhaal lezen"), "my story, a draft")
    assert QUESTION in page.locator(".story").inner_text()
    journey.follow(page.get_by_role("button", name="Dit klopt"), "story confirmed")
    assert "bevestigd dat dit jouw verhaal is" in page.locator("main").inner_text()
    journey.finish()
