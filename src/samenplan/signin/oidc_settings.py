"""DigiD and eHerkenning through an OIDC broker, configured only by environment variables.

`settings.py` reads one block per broker with `broker_from_environment("DIGID")` and
`broker_from_environment("EHERKENNING")`. A broker is off (no button, its URLs answer 404)
until its client id and either its discovery address or its endpoints are set. This module
knows no Django app: settings import it before any app is loaded.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# The claims each broker delivers and what we read from them; the names differ per broker,
# so each one can be set (SAMENPLAN_DIGID_BSN_CLAIM, SAMENPLAN_EHERKENNING_KVK_CLAIM, ...).
DEFAULT_CLAIMS = {
    "DIGID": {"bsn": "bsn"},
    "EHERKENNING": {"kvk": "kvk", "person": "sub", "email": "email", "loa": "loa"},
}
# Discovery metadata names and the variables that set them by hand (without discovery).
ENDPOINTS = {
    "authorization_endpoint": "AUTHORIZATION_ENDPOINT",
    "token_endpoint": "TOKEN_ENDPOINT",
    "userinfo_endpoint": "USERINFO_ENDPOINT",
    "jwks_uri": "JWKS_ENDPOINT",
    "issuer": "ISSUER",
}


def broker_from_environment(prefix: str, environ: Mapping[str, str] = os.environ) -> dict:
    """The configuration of one broker from SAMENPLAN_<PREFIX>_* variables; `enabled` is
    False unless a client id and a discovery address or the endpoints are set."""

    def get(name: str, default: str = "") -> str:
        return environ.get(f"SAMENPLAN_{prefix}_{name}", default).strip()

    endpoints = {name: get(variable) for name, variable in ENDPOINTS.items()}
    discovery_url = get("DISCOVERY_URL")
    client_id = get("CLIENT_ID")
    has_endpoints = bool(endpoints["authorization_endpoint"] and endpoints["token_endpoint"])
    return {
        "enabled": bool(client_id and (discovery_url or has_endpoints)),
        "client_id": client_id,
        "client_secret": get("CLIENT_SECRET"),
        "discovery_url": discovery_url,
        "endpoints": {name: value for name, value in endpoints.items() if value},
        "scopes": get("SCOPES", "openid"),
        "sign_algo": get("SIGN_ALGO", "RS256"),
        # PKCE (S256) on unless the broker cannot handle it.
        "pkce": get("PKCE", "1").lower() not in {"0", "false", "no", "off"},
        "claims": {key: get(f"{key.upper()}_CLAIM", default) for key, default in DEFAULT_CLAIMS[prefix].items()},
        "timeout": int(get("TIMEOUT", "10")),
    }
