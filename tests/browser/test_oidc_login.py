"""DigiD on the login page, in a real browser against the local OIDC provider: a resident
whose DigiD is not linked yet reads what to do. Our pages are checked with axe (the
provider's own login form is not ours and is only passed through)."""

import re

import pytest

from samenplan.signin.tests.oidc_mock import mock_provider, oidc_settings, person_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def provider(settings):
    with mock_provider() as base_url:
        settings.SAMENPLAN_OIDC = oidc_settings(base_url)
        yield base_url


def test_a_resident_with_an_unlinked_digid_is_told_what_to_do(open_journey, provider):
    person_set(provider, "digid-unknown", {"bsn": "123456782"})
    journey = open_journey()
    page = journey.page
    # Nothing leaves the machine: the provider's page links a stylesheet on the internet.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())

    journey.goto("/accounts/login/", "login page with DigiD and eHerkenning")
    assert page.get_by_role("link", name="Inloggen met eHerkenning").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD").click()
    # At the broker (the local provider): log in as the person with that BSN.
    page.locator("input[name=sub]").first.fill("digid-unknown")
    # The stylesheet it could not load is the provider's console error, not ours.
    journey.errors.clear()
    journey.follow(page.get_by_role("button", name="Authorize"), "refused unknown DigiD")

    assert page.get_by_role("heading", level=1).inner_text() == "We kennen je DigiD nog niet"
    assert page.get_by_role("link", name="Terug naar inloggen").is_visible()
    journey.finish()
