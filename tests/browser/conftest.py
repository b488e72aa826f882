"""Browser journeys: pytest-django's live server, driven by Debian's Chromium through
Playwright, with every page scanned by axe-core for WCAG 2.1 A and AA.

Locally these tests skip with a message when no Chromium is found. CI sets
SAMENPLAN_REQUIRE_BROWSER=1, which turns a missing browser into a failure, so the
journeys can never pass by not running.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SAMENPLAN_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("SAMENPLAN_REQUIRE_BROWSER", "") == "1"
# Without the networking flags Chromium phones home, which floods a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
LIVE_SERVER_PORTS = range(8170, 8300)


def _free_port() -> int:
    # `make test` runs on every core: each pytest-xdist worker (gw0, gw1, ...) looks from its
    # own place in the range, so two workers starting together never pick the same port.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    start = worker * 10 % len(LIVE_SERVER_PORTS)
    for port in [*LIVE_SERVER_PORTS[start:], *LIVE_SERVER_PORTS[:start]]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port for the live server in {LIVE_SERVER_PORTS}")


# pytest-django starts the live server on this address; only the browser tests use it.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", f"127.0.0.1:{_free_port()}")


@pytest.fixture(scope="module")
def chromium():
    """A running Chromium, or a skip (a failure in CI) saying why there is none.

    Per module, so that the tests after the browser tests run without Playwright's
    event loop around (see `_playwright_running`)."""
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        problem = f"Playwright for Python is not installed ({error}); run `make install`"
    else:
        if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
            problem = (
                f"no Chromium at {CHROMIUM}: install the Debian package `chromium` "
                "(or point SAMENPLAN_CHROMIUM at a Chromium binary)"
            )
    if problem:
        if REQUIRED:
            pytest.fail(f"Browser tests cannot run: {problem}. SAMENPLAN_REQUIRE_BROWSER=1 requires them.")
        pytest.skip(f"Browser tests skipped: {problem}.")

    with _playwright_running(sync_playwright) as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def _playwright_running(sync_playwright):
    """Playwright's sync API keeps an asyncio loop marked as running on this thread while
    it is started. Django then (1) refuses ORM calls from the test ("async context"), and
    (2) looks up database connections in a per-context store instead of the thread's, so
    the test would get fresh connections that the test database setup never saw (no
    serialized rollback data, a second connection to the same database). The test code is
    plain synchronous code, so both are undone here: the check is switched off and the
    thread's own connections are put where Django now looks for them."""
    from django.db import connections

    own = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, connection in own.items():
            connections[alias] = connection
        yield playwright
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def personas(live_server):
    """The base test case's people and alice's plan, committed so the live server sees them."""
    from samenplan.testing.base import BaseTestCase

    class Personas(BaseTestCase):
        pass

    Personas.setUpTestData()
    return Personas


class AccessibilityViolations(AssertionError):
    """axe found WCAG 2.1 A/AA violations; the message lists each rule, element and fix."""


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"\n- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {' '.join(str(t) for t in node['target'])}")
            lines.append(f"     {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


class Journey:
    """One person's path through the site. Every page they land on is scanned with axe and
    photographed; leaving a page unscanned fails the test at the end."""

    def __init__(self, page, base_url: str, folder: Path, test_apps: bool = True):
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.test_apps = test_apps
        self.base_url = base_url
        self.folder = folder
        self.axe = Axe()
        self.steps = 0
        self.unscanned: list[str] = []
        self.errors: list[str] = []
        page.on("framenavigated", self._navigated)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.unscanned.append(frame.url)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def goto(self, path: str, step: str, status: int = 200):
        """Open a page; an error page (status 404, say) is checked like any other page."""
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == status, f"{path} answered {response and response.status}"
        # The browser reports the error status itself on the console; that is expected here.
        self.errors = [error for error in self.errors if f"status of {status}" not in error]
        self.check(step)

    def follow(self, locator, step: str):
        """Click a link or button that loads a new page, then check that page."""
        with self.page.expect_navigation():
            locator.click()
        self.check(step)

    def press(self, key: str, step: str):
        """Press a key that loads a new page (Enter on a focused link or button)."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.check(step)

    def check(self, step: str):
        """Scan the current page for WCAG 2.1 A/AA violations and save a screenshot."""
        page = self.page
        page.wait_for_load_state("load")
        self.steps += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        page.screenshot(path=str(self.folder / f"{self.steps:02d}-{name}.png"), full_page=True)
        results = self.axe.run(page, options=AXE_OPTIONS)
        violations = results.response["violations"]
        self.unscanned.clear()
        if violations:
            raise AccessibilityViolations(format_violations(page.url, violations))
        assert not self.errors, f"Browser console errors on {page.url}: {self.errors}"

    def finish(self):
        assert not self.unscanned, f"Pages visited without an accessibility scan: {self.unscanned}"

    def login(self, username: str, password: str, step: str = "logged in"):
        self.goto("/accounts/login/", "login page")
        self.sign_in(username, password, step)

    def sign_in(self, username: str, password: str, step: str):
        """Fill in the login form on the current page; staff then type the code of their
        test app (signin/twofactor.py), as every staff member does after the password."""
        device = self._test_app(username)
        self.page.get_by_label("Gebruikersnaam of e-mailadres").fill(username)
        self.page.get_by_label("Wachtwoord").fill(password)
        self.follow(self.page.get_by_role("button", name="Inloggen"), step)
        if device is not None and self.page.url.split("?")[0].endswith("/accounts/code/"):
            from samenplan.testing.twofactor import code_for

            self.page.get_by_label("Code", exact=True).fill(code_for(device))
            self.follow(self.page.get_by_role("button", name="Inloggen"), f"{step} with the code")

    def _test_app(self, username: str):
        """Staff get a confirmed test app with a known key (none in the journeys of the
        code step itself, marked `real_twofactor`)."""
        if not self.test_apps:
            return None
        from django.db.models import Q

        from samenplan.accounts.models import User
        from samenplan.signin.twofactor import requires_2fa
        from samenplan.testing.twofactor import give_test_app

        user = User.objects.filter(Q(username=username) | Q(email__iexact=username)).first()
        if user is None or not requires_2fa(user):
            return None
        return give_test_app(user)

    def plan_link(self, name: str):
        """A link in the plan's own menu."""
        return self.page.get_by_role("navigation", name="Delen van het plan").get_by_role("link", name=name, exact=True)

    def logout(self):
        self.follow(self.page.get_by_role("button", name="Uitloggen"), "logged out")


@pytest.fixture
def open_journey(chromium, live_server, request):
    """Open a browser window (`viewport`, `zoom`) and walk through the site in it."""
    contexts = []
    journeys = []
    folder = SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)

    def open_(viewport=(1280, 900), zoom: float = 1) -> Journey:
        width, height = viewport
        context = chromium.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=zoom, locale="nl-NL"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        journey = Journey(
            context.new_page(),
            live_server.url,
            folder,
            test_apps=request.node.get_closest_marker("real_twofactor") is None,
        )
        journeys.append(journey)
        return journey

    yield open_
    try:
        for journey in journeys:
            journey.finish()
    finally:
        for context in contexts:
            context.close()
