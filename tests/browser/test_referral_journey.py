"""A referral from start to finish: the coordinator proposes help from the debt team, the
resident chooses what they may see and sends it, a debt counsellor accepts, sees exactly
what she shared, finishes with an outcome, and the resident reads it in "Wie helpt mij".
Every page on the way is checked with axe (see conftest.py)."""

import pytest

from samenplan.accounts.models import User
from samenplan.referrals.models import Referral
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import AgreementFactory, GoalFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_referral_closes_the_loop_in_the_plan(open_journey, personas):
    plan = personas.plan
    GoalFactory(plan=plan, text="Schulden op een rij")
    AgreementFactory(plan=plan, what="GEHEIME-AFSPRAAK met de huisbaas")
    service = ServiceFactory(organisation=personas.debt_team, name="Budgetcoaching")
    UserFactory(
        username="sanne",
        first_name="Sanne",
        last_name="de Vries",
        role=User.Role.PROFESSIONAL,
        organisation=personas.debt_team,
    )
    journey = open_journey()
    page = journey.page
    who_helps = f"/plans/{plan.pk}/referrals/"

    # The coordinator proposes a referral.
    journey.login("bob", PASSWORD, "caseload of the coordinator")
    journey.goto(who_helps, "who helps alice, for bob")
    assert page.get_by_role("heading", level=1).inner_text() == "Wie helpt Alice"
    map_link = page.get_by_role("link", name="Iemand zoeken op de sociale kaart")
    assert map_link.get_attribute("href") == f"/sociale-kaart/?plan={plan.pk}"
    journey.goto(f"{who_helps}new/?service={service.pk}", "propose a referral")
    page.get_by_label("Wat is de vraag?").fill("Alice krijgt steeds meer aanmaningen en weet niet waar te beginnen.")
    page.get_by_label("Schulden op een rij").check()
    journey.follow(page.get_by_role("button", name="Voorstellen"), "referral proposed")
    assert "Alice krijgt een bericht en beslist wat Schuldhulp mag zien" in page.locator("main").inner_text()
    journey.logout()

    # The resident chooses two parts and sends it.
    journey.login("alice", PASSWORD, "alice's plan")
    journey.follow(journey.plan_link("Wie helpt mij"), "who helps me, waiting for consent")
    assert "Wacht op jouw toestemming" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("link", name="Budgetcoaching"), "the referral, consent form")
    page.get_by_label("Mijn verhaal").check()
    page.get_by_label("Doelen").check()
    page.get_by_label("Per e-mail").check()
    page.get_by_label("Bel mij niet").check()
    assert "Pas als je op Versturen drukt, ziet Schuldhulp je vraag" in page.locator("main").inner_text()
    journey.follow(page.get_by_role("button", name="Versturen", exact=True), "referral sent")
    assert "verstuurd naar Schuldhulp" in page.locator(".notice").inner_text()
    journey.logout()

    # A debt counsellor accepts and sees exactly the two parts.
    referral = Referral.objects.get()
    journey.login("sanne", PASSWORD, "sanne's start page")
    journey.goto("/referrals/inbox/", "team queue")
    journey.goto(f"/referrals/inbox/{referral.pk}/", "received referral")
    journey.follow(page.locator("button[name=action][value=accept]"), "referral accepted")
    shared = page.locator("main").inner_text()
    assert "Alice's story, first version." in shared
    assert "Schulden op een rij" in shared
    assert "GEHEIME-AFSPRAAK" not in shared
    page.locator("summary").filter(has_text="Finish").or_(
        page.locator("summary").filter(has_text="Afronden")
    ).first.click()
    page.get_by_label("Geholpen", exact=True).check()
    page.locator("textarea[name=complete-note]").fill("Er is een betalingsregeling met alle schuldeisers.")
    journey.follow(page.locator("button[name=action][value=complete]"), "referral finished")
    journey.logout()

    # The loop closes in the plan.
    journey.login("alice", PASSWORD, "alice's plan again")
    journey.goto(who_helps, "who helps me, finished")
    text = page.locator("main").inner_text()
    assert "Afgerond: geholpen" in text
    assert "Er is een betalingsregeling met alle schuldeisers." in text


# The elements sticking out to the right at 320 px (WCAG 1.4.10 reflow).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.closest(".table-wrap, .visually-hidden, .skip-link"))
    .slice(0, 5)
    .map((el) => el.outerHTML.slice(0, 150));
}"""


def test_the_referral_pages_reflow_on_a_small_phone(open_journey, personas):
    plan = personas.plan
    GoalFactory(plan=plan, text="Schulden op een rij")
    service = ServiceFactory(organisation=personas.debt_team, name="Budgetcoaching voor huishoudens met schulden")
    referral = Referral.objects.create(
        plan=plan,
        service=service,
        organisation=personas.debt_team,
        question="Ik krijg steeds meer aanmaningen. " * 5,
        proposed_by=personas.bob,
    )
    journey = open_journey(viewport=(320, 640))
    page = journey.page
    journey.login("alice", PASSWORD, "alice on a phone")
    for path, step in (
        (f"/plans/{plan.pk}/referrals/", "who helps me on a phone"),
        (f"/plans/{plan.pk}/referrals/{referral.pk}/", "consent on a phone"),
        (f"/plans/{plan.pk}/referrals/new/?service={service.pk}", "propose on a phone"),
    ):
        journey.goto(path, step)
        assert page.evaluate(OVERFLOW) == [], path
