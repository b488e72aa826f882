"""Two-factor authentication in tests: a confirmed app with a known key for staff, so the
suite logs them in the way production does (password, then a code) without each test
setting up an app (see the root conftest.py and tests/browser/conftest.py)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.signin.twofactor import requires_2fa

# The test app's secret (hex, 20 bytes). Known, so a test can compute its codes.
TEST_KEY = "3132333435363738393031323334353637383930"
TEST_DEVICE_NAME = "test app"


def give_test_app(user) -> TOTPDevice:
    """The user's confirmed test app, ready for a new code (no code used yet, no wrong tries)."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user,
        name=TEST_DEVICE_NAME,
        defaults={
            "key": TEST_KEY,
            "confirmed": True,
            "last_t": -1,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    return device


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the app shows now (or at Unix time `at`)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        generator.time = at
    return f"{generator.token():0{device.digits}d}"


def mark_verified(client, user) -> None:
    """After `client.login`/`force_login` of a staff member: the session is verified by
    their test app, as if they had typed its code."""
    if not requires_2fa(user):
        return
    device = give_test_app(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
