"""A buddy match the resident accepts: the resident asks for a buddy from her plan, the
volunteer coordinator sees ranked suggestions and proposes one, the resident says yes, the
buddy appears in her network with no grants, and the buddy logs in and sees nothing of the
plan yet. Every page on the way is checked with axe (see conftest.py)."""

import pytest

from samenplan.accounts.models import Organisation, User
from samenplan.buddies.models import Match
from samenplan.sharing.models import Grant, Membership
from samenplan.testing.base import PASSWORD
from samenplan.testing.factories import OrganisationFactory, UserFactory, VolunteerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_buddy_match_the_resident_accepts(open_journey, personas):
    plan = personas.plan
    network_org = OrganisationFactory(name="Buddynetwerk", kind=Organisation.Kind.VOLUNTEER)
    network_org.wijken.add(personas.wijk)
    UserFactory(username="ilse", first_name="Ilse", role=User.Role.PROFESSIONAL, organisation=network_org)
    nadia = VolunteerFactory(
        organisation=network_org,
        first_name="Nadia",
        last_name="Haddad",
        wijk=personas.wijk,
        languages=["nl", "ar"],
        interests=["walking"],
        user=UserFactory(username="nadia", first_name="Nadia", last_name="Haddad", role=User.Role.NETWORK),
    )
    VolunteerFactory(organisation=network_org, first_name="Joost", wijk=personas.wijk, languages=["nl"])
    journey = open_journey()
    page = journey.page

    # The resident asks for a buddy from her plan.
    journey.login("alice", PASSWORD, "alice's plan")
    journey.goto(f"/plans/{plan.pk}/buddy/", "my buddy")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Wandelen en buiten zijn").check()
    page.get_by_label("Wat voor buddy").fill("Iemand om mee te wandelen en Arabisch te praten.")
    journey.follow(page.get_by_role("button", name="Een buddy vragen"), "request sent")
    journey.logout()

    # The volunteer coordinator sees ranked suggestions and proposes the best fit.
    journey.login("ilse", PASSWORD, "coordinator")
    journey.follow(page.get_by_role("link", name="Buddynetwerk", exact=True), "buddy network")
    journey.follow(page.get_by_role("link", name="Alice"), "the request with suggestions")
    first = page.locator("main ol li").first.inner_text()
    assert "Nadia" in first and "zelfde wijk" in first and "spreekt arabisch" in first
    journey.follow(page.get_by_role("button", name="Nadia voorstellen"), "proposed")
    journey.logout()

    # The resident says yes.
    journey.login("alice", PASSWORD, "alice's plan")
    journey.goto(f"/plans/{plan.pk}/buddy/", "the proposal")
    journey.follow(page.get_by_role("button", name="Ja, ik wil deze buddy"), "accepted")
    membership = Membership.objects.get(plan=plan, user=nadia.user, ended_at__isnull=True)
    assert membership.relation == Membership.Relation.BUDDY
    assert not Grant.objects.filter(membership=membership).exists()
    assert Match.objects.get().accepted_at is not None
    journey.goto(f"/plans/{plan.pk}/network/", "my network with the buddy")
    assert "Nadia Haddad" in page.locator("main").inner_text()
    journey.logout()

    # The buddy logs in: the plan shows nothing yet; the match page says so.
    journey.login("nadia", PASSWORD, "the buddy's start")
    assert "Je zit nog in geen enkel plan." in page.locator("main").inner_text()
    journey.goto(f"/plans/{plan.pk}/goals/", "the plan's goals, not shared", status=404)
    journey.goto("/buddys/", "my matches")
    journey.follow(page.get_by_role("link", name="Alice"), "the match")
    assert "Zolang er niets gedeeld is, zie je het plan niet." in page.locator("main").inner_text()
    journey.logout()
    journey.finish()
