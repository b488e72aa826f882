"""A local OIDC provider for the DigiD and eHerkenning tests: oidc-provider-mock in a thread
on 127.0.0.1 and a random port, so the round trip runs end to end without any network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

import oidc_provider_mock
import requests
import werkzeug.serving

from samenplan.signin.oidc_settings import broker_from_environment


@contextmanager
def mock_provider(*, token_max_age: timedelta = timedelta(hours=1)) -> Iterator[str]:
    """Run the mock provider while the block runs; yields its base address."""
    app = oidc_provider_mock.app(require_nonce=True, access_token_max_age=token_max_age)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(2)


def oidc_settings(base_url: str, **extra_environment) -> dict:
    """SAMENPLAN_OIDC as settings.py builds it, both brokers at the mock provider."""
    environment = {
        "SAMENPLAN_DIGID_CLIENT_ID": "samenplan-digid",
        "SAMENPLAN_DIGID_CLIENT_SECRET": "digid-secret",
        "SAMENPLAN_DIGID_DISCOVERY_URL": f"{base_url}/.well-known/openid-configuration",
        "SAMENPLAN_EHERKENNING_CLIENT_ID": "samenplan-eherkenning",
        "SAMENPLAN_EHERKENNING_CLIENT_SECRET": "eherkenning-secret",
        "SAMENPLAN_EHERKENNING_DISCOVERY_URL": f"{base_url}/.well-known/openid-configuration",
        "SAMENPLAN_EHERKENNING_PERSON_CLAIM": "acting_subject",
        # The provider gives the email address only with this scope.
        "SAMENPLAN_EHERKENNING_SCOPES": "openid email",
        **extra_environment,
    }
    return {
        "digid": broker_from_environment("DIGID", environment),
        "eherkenning": broker_from_environment("EHERKENNING", environment),
    }


def person_set(base_url: str, sub: str, claims: dict) -> None:
    """The claims the provider gives for this subject (the person's DigiD or eHerkenning)."""
    requests.put(f"{base_url}/users/{sub}", json=claims, timeout=5).raise_for_status()


def authorize(location: str, sub: str) -> str:
    """What the person does at the broker: log in as `sub`. Returns the path and query the
    broker sends the browser back to (our callback, with code and state)."""
    response = requests.post(location, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text[:500]
    back = urlsplit(response.headers["Location"])
    return f"{back.path}?{back.query}"
