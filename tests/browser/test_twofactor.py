"""A professional sets up logging in with a code, sees the recovery codes once, and logs in
again with the password and a code; every page axe-clean."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from samenplan.testing.base import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.real_twofactor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def code_from(secret: str, *, later: int = 0) -> str:
    """What an app with this secret shows (`later` seconds from now)."""
    key = "".join(secret.split())
    key += "=" * (-len(key) % 8)
    generator = TOTP(b32decode(key))
    generator.time = time.time() + later
    return f"{generator.token():06d}"


def test_a_professional_sets_up_the_app_and_logs_in_with_a_code(open_journey, personas):
    journey = open_journey()
    page = journey.page
    journey.goto("/caseload/", "login page")
    journey.sign_in("bob", PASSWORD, "set-up")
    assert "/accounts/code/instellen/" in page.url
    assert page.get_by_role("heading", name="Inloggen met een code op je telefoon").is_visible()
    assert page.get_by_role("img", name="QR-code om te scannen met de app op je telefoon").is_visible()
    secret = page.locator("#secret").inner_text()
    assert len("".join(secret.split())) == 32

    page.get_by_label("De code in de app").fill("123")
    journey.follow(page.get_by_role("button", name="Code controleren"), "a code too short")
    assert "Een code heeft 6 cijfers" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("De code in de app").input_value() == "123"

    page.get_by_label("De code in de app").fill(code_from(secret))
    journey.follow(page.get_by_role("button", name="Code controleren"), "recovery codes")
    assert page.get_by_role("heading", name="Je herstelcodes").is_visible()
    codes = page.locator("main li code").all_inner_texts()
    assert len(codes) == 10
    journey.follow(page.get_by_role("link", name="Ik heb de codes bewaard, verder"), "my work")
    assert page.url.endswith("/caseload/")

    journey.goto("/accounts/", "account")
    assert page.get_by_role("heading", name="Twee-staps-verificatie").is_visible()
    assert "Je hebt nog 10 herstelcodes." in page.locator("main").inner_text()

    journey.logout()
    journey.goto("/caseload/", "login again")
    journey.sign_in("bob", PASSWORD, "code step")
    assert "/accounts/code/" in page.url
    page.get_by_label("Code", exact=True).fill("000000")
    journey.follow(page.get_by_role("button", name="Inloggen"), "a wrong code")
    assert "Deze code klopt niet" in page.locator(".error-summary").inner_text()
    # After a wrong code the next try waits a second (django-otp's throttling), and the
    # code used for the set-up may not be used again: the app's next code.
    page.wait_for_timeout(1100)
    page.get_by_label("Code", exact=True).fill(code_from(secret, later=30))
    journey.follow(page.get_by_role("button", name="Inloggen"), "logged in with a code")
    assert page.url.endswith("/caseload/")
