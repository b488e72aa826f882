"""DigiD for residents and eHerkenning for professionals, through an OIDC broker.

Built on mozilla-django-oidc (the stack of Open Inwoner and Open Forms): one backend per
broker (`BrokerBackend`) exchanges the code, checks the id token (signature, expiry, nonce,
issuer, audience) and fetches the claims. Our own views start the round trip (state, nonce
and PKCE kept in the session by mozilla-django-oidc's helper, bound to the broker and to
what the round trip is for) and decide what the claims mean:

- DigiD gives a BSN. We keep only its keyed hash (`bsn_hash`) on a resident's account, set
  when the resident links DigiD on "My account". A BSN we do not know is refused; no
  account is ever made from DigiD, and only resident accounts can be reached by it.
- eHerkenning gives the company's KvK number and the acting person. The person must have
  been added by their organisation's admin (found by the broker's person identifier, or at
  the first login by email address) and the KvK number must be their organisation's.

Every login, refusal, link and unlink leaves an audit entry (through `audit.context`).
See docs/security.md, "DigiD and eHerkenning".
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import add_state_and_verifier_and_nonce_to_session, generate_code_challenge

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry

logger = logging.getLogger(__name__)

DIGID = "digid"
EHERKENNING = "eherkenning"
LOGIN = "login"
LINK = "link"
# What the session says about how this login happened; two-factor authentication reads
# SESSION_MFA ("eherkenning") as a second factor already given.
SESSION_METHOD = "signin_method"
SESSION_MFA = "signin_mfa"


def works_for_an_organisation(user: User) -> bool:
    """Whom eHerkenning may log in: staff (`User.has_staff_role`, so a role added later is
    covered), except the platform admin, who runs the platform and works for no company."""
    return user.has_staff_role and user.role != User.Role.PLATFORM_ADMIN


# --- configuration --------------------------------------------------------------------

_discovered: dict[str, dict] = {}


@dataclass(frozen=True)
class Broker:
    name: str
    config: dict

    @property
    def claims(self) -> dict:
        return self.config["claims"]

    def endpoint(self, name: str) -> str:
        """An endpoint set by hand, else from the broker's discovery document (fetched
        once per process, on first use: never at start-up)."""
        if value := self.config["endpoints"].get(name):
            return value
        url = self.config["discovery_url"]
        if not url:
            return ""
        if url not in _discovered:
            response = requests.get(url, timeout=self.config["timeout"])
            response.raise_for_status()
            _discovered[url] = response.json()
        return _discovered[url].get(name, "")


def broker_get(name: str) -> Broker | None:
    """The broker when it is configured, else None (its pages then answer 404)."""
    config = getattr(settings, "SAMENPLAN_OIDC", {}).get(name)
    if not config or not config.get("enabled"):
        return None
    return Broker(name=name, config=config)


def _broker_or_404(name: str) -> Broker:
    if (broker := broker_get(name)) is None:
        raise Http404
    return broker


def bsn_hash(bsn: str) -> str:
    """The keyed hash by which an account knows its BSN; the BSN itself is never kept."""
    digits = re.sub(r"\D", "", bsn).zfill(9)
    return hmac.new(settings.BSN_HASH_KEY.encode(), f"bsn|{digits}".encode(), hashlib.sha256).hexdigest()


def assurance_level(value) -> int:
    """The eHerkenning/eIDAS level of assurance a claim names, as 1..4 (EH3 and eIDAS
    "substantial" are 3; EH2+ counts as 2). Unknown values count as 1."""
    text = str(value or "").lower()
    if "high" in text or "hoog" in text:
        return 4
    if "substantial" in text or "substantieel" in text:
        return 3
    if match := re.search(r"(?:loa|eh|level)[^0-9]*([1-4])", text):
        return int(match.group(1))
    if re.fullmatch(r"[1-4]", text):
        return int(text)
    return 1


class BrokerBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, reading one broker's configuration instead of the
    global OIDC_* settings, and checking the id token's issuer and audience as well."""

    def __init__(self, broker: Broker):
        self.broker = broker
        super().__init__()

    def get_settings(self, attr, *args):
        config = self.broker.config
        values = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": lambda: self.broker.endpoint("authorization_endpoint"),
            "OIDC_OP_TOKEN_ENDPOINT": lambda: self.broker.endpoint("token_endpoint"),
            "OIDC_OP_USER_ENDPOINT": lambda: self.broker.endpoint("userinfo_endpoint"),
            "OIDC_OP_JWKS_ENDPOINT": lambda: self.broker.endpoint("jwks_uri") or None,
            "OIDC_RP_CLIENT_ID": lambda: config["client_id"],
            "OIDC_RP_CLIENT_SECRET": lambda: config["client_secret"],
            "OIDC_RP_SIGN_ALGO": lambda: config["sign_algo"],
            "OIDC_RP_SCOPES": lambda: config["scopes"],
            "OIDC_USE_NONCE": lambda: True,
            "OIDC_USE_PKCE": lambda: config["pkce"],
            "OIDC_TIMEOUT": lambda: config["timeout"],
            "OIDC_CREATE_USER": lambda: False,
            "OIDC_STORE_ACCESS_TOKEN": lambda: False,
            "OIDC_STORE_ID_TOKEN": lambda: False,
            "OIDC_ALLOW_UNSECURED_JWT": lambda: False,
            "OIDC_AUTHENTICATION_CALLBACK_URL": lambda: f"oidc_{self.broker.name}_callback",
        }
        if attr in values:
            return values[attr]()
        return super().get_settings(attr, *args)

    def retrieve_matching_jwk(self, token):
        """The broker's signing key; by key id when the token names one, else the one key
        of the token's algorithm (some brokers and the test provider name none)."""
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=self.broker.config["timeout"])
        response.raise_for_status()
        algorithm = jwt.get_unverified_header(token).get("alg")
        keys = [key for key in response.json().get("keys", []) if key.get("alg", algorithm) == algorithm]
        if len(keys) != 1:
            raise SuspiciousOperation("no single signing key without a key id")
        return jwt.PyJWK(keys[0])

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id token for another client")
        issuer = self.broker.endpoint("issuer")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("id token from another issuer")
        return payload

    def claims_for(self, request, *, code: str, nonce: str, code_verifier: str | None) -> dict:
        """Exchange the code and return the verified claims: the id token's, with the
        userinfo's added when the broker has that endpoint (the id token's win)."""
        self.request = request
        payload = {
            "client_id": self.OIDC_RP_CLIENT_ID,
            "client_secret": self.OIDC_RP_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": request.build_absolute_uri(reverse(f"oidc_{self.broker.name}_callback")),
        }
        if code_verifier is not None:
            payload["code_verifier"] = code_verifier
        token_info = self.get_token(payload)
        claims = self.verify_token(token_info.get("id_token"), nonce=nonce)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(token_info.get("access_token"), token_info.get("id_token"), claims)
            if userinfo.get("sub") != claims.get("sub"):
                raise SuspiciousOperation("userinfo about another subject")
            claims = {**userinfo, **claims}
        return claims


# --- the round trip -------------------------------------------------------------------


def _start(request, broker: Broker, *, intent: str, next_url: str = "") -> HttpResponseRedirect:
    """Send the browser to the broker, with a fresh state and nonce (and PKCE)."""
    backend = BrokerBackend(broker)
    state = get_random_string(32)
    params = {
        "response_type": "code",
        "scope": broker.config["scopes"],
        "client_id": broker.config["client_id"],
        "redirect_uri": request.build_absolute_uri(reverse(f"oidc_{broker.name}_callback")),
        "state": state,
        "nonce": get_random_string(32),
    }
    code_verifier = None
    if broker.config["pkce"]:
        code_verifier = get_random_string(64)
        params["code_challenge"] = generate_code_challenge(code_verifier, "S256")
        params["code_challenge_method"] = "S256"
    add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier)
    # The state is good for this broker and this purpose only (and a link for this user).
    request.session["oidc_states"][state].update(
        {
            "broker": broker.name,
            "intent": intent,
            "user_id": request.user.pk if intent == LINK else None,
            "next": next_url,
        }
    )
    request.session.modified = True
    return HttpResponseRedirect(f"{backend.get_settings('OIDC_OP_AUTHORIZATION_ENDPOINT')}?{urlencode(params)}")


def _safe_next(request, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else ""


@require_GET
def login_start(request, broker_name: str):
    """The button on the login page: off to DigiD or eHerkenning."""
    broker = _broker_or_404(broker_name)
    try:
        return _start(request, broker, intent=LOGIN, next_url=_safe_next(request, request.GET.get("next", "")))
    except requests.RequestException as error:
        logger.warning("%s broker unreachable: %s", broker.name, error)
        return _refuse(request, broker, "failed", intent=LOGIN)


@require_POST
@login_required
def digid_link_start(request):
    """A resident links DigiD to their account: one round trip to DigiD."""
    broker = _broker_or_404(DIGID)
    if request.user.role != User.Role.RESIDENT:
        raise Http404
    try:
        return _start(request, broker, intent=LINK)
    except requests.RequestException as error:
        logger.warning("%s broker unreachable: %s", broker.name, error)
        return _refuse(request, broker, "failed", intent=LINK)


@require_POST
@login_required
def digid_unlink(request):
    """A resident removes the link with DigiD; logging in with a password still works."""
    _broker_or_404(DIGID)
    user = request.user
    if user.role != User.Role.RESIDENT:
        raise Http404
    if user.bsn_hash:
        user.bsn_hash = None
        user.save(update_fields=["bsn_hash"])
        _note(user, AuditEntry.Action.UPDATE, "digid unlinked")
        messages.success(request, _("DigiD is no longer linked to your account."))
    return redirect("account")


@require_GET
def callback(request, broker_name: str):
    """The broker sends the browser back here with a code and our state."""
    broker = _broker_or_404(broker_name)
    state = request.GET.get("state", "")
    states = request.session.get("oidc_states")
    entry = states.pop(state, None) if isinstance(states, dict) and state else None
    request.session.modified = True
    if entry is None or entry.get("broker") != broker.name:
        # Forged, replayed, from another browser or for the other broker: never logged in.
        return _refuse(request, broker, "state", intent=LOGIN)
    intent = entry.get("intent", LOGIN)
    if request.GET.get("error"):
        return _refuse(request, broker, "cancelled", intent=intent)
    if intent == LINK and (not request.user.is_authenticated or request.user.pk != entry.get("user_id")):
        return _refuse(request, broker, "state", intent=LOGIN)
    try:
        claims = BrokerBackend(broker).claims_for(
            request, code=request.GET.get("code", ""), nonce=entry["nonce"], code_verifier=entry.get("code_verifier")
        )
    except jwt.ExpiredSignatureError:
        return _refuse(request, broker, "expired", intent=intent)
    except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError) as error:
        logger.warning("%s login failed at the broker: %s", broker.name, error)
        return _refuse(request, broker, "failed", intent=intent)
    if broker.name == DIGID:
        return _digid(request, broker, claims, intent=intent, next_url=entry.get("next", ""))
    return _eherkenning(request, broker, claims, next_url=entry.get("next", ""))


def _digid(request, broker: Broker, claims: dict, *, intent: str, next_url: str):
    bsn = str(claims.get(broker.claims["bsn"]) or "")
    if not re.fullmatch(r"\d{8,9}", bsn):
        return _refuse(request, broker, "failed", intent=intent)
    digest = bsn_hash(bsn)
    if intent == LINK:
        user = request.user
        if User.objects.filter(bsn_hash=digest).exclude(pk=user.pk).exists():
            return _refuse(request, broker, "bsn_taken", intent=intent, subject=user)
        user.bsn_hash = digest
        user.save(update_fields=["bsn_hash"])
        _note(user, AuditEntry.Action.UPDATE, "digid linked")
        messages.success(request, _("DigiD is now linked to your account. Next time you can log in with DigiD."))
        return redirect("account")
    # Only a resident's account can be reached with DigiD, whatever else shares the hash.
    user = User.objects.filter(bsn_hash=digest, role=User.Role.RESIDENT, is_active=True).first()
    if user is None:
        return _refuse(request, broker, "unknown_bsn", intent=intent)
    return _login(request, user, broker, next_url=next_url)


def _eherkenning(request, broker: Broker, claims: dict, *, next_url: str):
    kvk = re.sub(r"\D", "", str(claims.get(broker.claims["kvk"]) or ""))
    person = str(claims.get(broker.claims["person"]) or "")[:200]
    email = str(claims.get(broker.claims["email"]) or "").strip()
    if len(kvk) != 8 or not person:
        return _refuse(request, broker, "failed", intent=LOGIN)
    # The person the organisation admin added: known by the broker's identifier, or at the
    # first eHerkenning login by their email address (then the identifier is kept).
    people = User.objects.select_related("organisation")
    user = people.filter(eherkenning_id=person).first()
    if user is None and email:
        user = people.filter(eherkenning_id__isnull=True, email__iexact=email).first()
    if user is None or not works_for_an_organisation(user) or not user.is_active:
        return _refuse(request, broker, "unknown_person", intent=LOGIN)
    if user.organisation is None or user.organisation.kvk_number != kvk:
        return _refuse(request, broker, "wrong_company", intent=LOGIN, subject=user)
    if user.eherkenning_id != person:
        user.eherkenning_id = person
        user.save(update_fields=["eherkenning_id"])
    response = _login(request, user, broker, next_url=next_url)
    if assurance_level(claims.get(broker.claims["loa"])) >= 3:
        # EH3 or higher is itself multi-factor: the two-factor check takes it as given.
        request.session[SESSION_MFA] = EHERKENNING
    return response


def _login(request, user: User, broker: Broker, *, next_url: str):
    # The accounts backend loads the user on every request after this (active users only).
    backend = "samenplan.accounts.backends.UsernameOrEmailBackend"
    if backend not in settings.AUTHENTICATION_BACKENDS:
        backend = settings.AUTHENTICATION_BACKENDS[-1]
    auth.login(request, user, backend=backend)
    request.session[SESSION_METHOD] = broker.name
    _note(user, AuditEntry.Action.VIEW, f"login with {broker.name}")
    return HttpResponseRedirect(next_url or reverse(settings.LOGIN_REDIRECT_URL))


def _note(user: User, action: str, reason: str) -> None:
    audit.note_subject(user)
    audit.note_action(action, reason=reason)


def _refuse(request, broker: Broker, reason: str, *, intent: str, subject: User | None = None):
    """A plain page that says what went wrong and what to do; an audit entry says the same."""
    if subject is None and intent == LINK and request.user.is_authenticated:
        subject = request.user
    if subject is not None:
        audit.note_subject(subject)
    else:
        # Nobody to name: the entry is about this sign-in attempt only.
        audit.note_records("signin", [broker.name])
    audit.note_action(AuditEntry.Action.VIEW, reason=f"{broker.name} {intent} refused: {reason}")
    context = {
        "broker": broker.name,
        "broker_label": "DigiD" if broker.name == DIGID else "eHerkenning",
        "reason": reason,
        "intent": intent,
    }
    return render(request, "signin/oidc/refused.html", context)
