"""The committed contract (`openapi.yaml`) against the running app, property-based
(Schemathesis, in-process through WSGI, no network): for every operation and generated input,
no server error, every answer as the contract says (status, media type, headers, body), and
nobody without a right to it gets personal data.

Each generated case is sent twice: as generated, and with its ids replaced by those of a real
plan, referral and signal, so the refusals are tested on things that exist."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from oauth2_provider.models import AccessToken, Application, set_token_value
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection, positive_data_acceptance

from samenplan.accounts.models import Organisation, User
from samenplan.api.models import ApiClient
from samenplan.referrals.models import Referral
from samenplan.testing.factories import (
    AgreementFactory,
    GoalFactory,
    OrganisationFactory,
    PlanFactory,
    ReferralFactory,
    ServiceFactory,
    SignalFactory,
    StoryFactory,
    UserFactory,
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
EXAMPLES = {"ci": 6, "ci-postgresql": 3}.get(PROFILE, 4)
# The boundary cases are the same on every database: CI checks them once, on SQLite.
BOUNDARIES = PROFILE != "ci-postgresql"


def _contract(*, boundaries: bool):
    """The committed contract, run in-process. With `boundaries`, Schemathesis' coverage
    phase adds its deterministic cases (missing, empty, too long, wrong type: some forty per
    operation) to the random ones; without, only the random ones (`EXAMPLES`)."""
    loaded = schemathesis.openapi.from_path(Path(settings.BASE_DIR) / "openapi.yaml")
    loaded.app = get_wsgi_application()
    loaded.config.phases.coverage.enabled = boundaries
    # A query parameter an endpoint does not know is ignored, as HTTP APIs do (a body field
    # it does not know is an error): invalid cases are not made of unknown parameters alone.
    loaded.config.generation.allow_extra_parameters = False
    return loaded


schema = _contract(boundaries=BOUNDARIES)
random_only = _contract(boundaries=False)

# Text that only the plan's owner, and who was given it, may ever receive.
MARKERS = ("Zwaluwstaart", "Goal-Kiwi-7", "Agreement-Mango-3", "Story-Papaya-9", "Question-Quince-5", "SIG-Okapi-1")


@dataclass
class World:
    ids: dict[str, int]
    callers: dict[str, dict] = field(default_factory=dict)


def _session(user) -> dict:
    client = Client()
    client.force_login(user)
    return {"cookies": {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}}


def _token(organisation, scopes: str, name: str) -> dict:
    application = Application.objects.create(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
    )
    ApiClient.objects.create(organisation=organisation, name=name, scopes=scopes, application=application)
    token = AccessToken(application=application, scope=scopes, expires=timezone.now() + timedelta(hours=1))
    set_token_value(token, f"token-{name}")
    token.save()
    return {"headers": {"Authorization": f"Bearer token-{name}"}}


@pytest.fixture
def world(db):
    owner = UserFactory(first_name="Zwaluwstaart")
    plan = PlanFactory(owner=owner)
    StoryFactory(plan=plan, text="Story-Papaya-9")
    GoalFactory(plan=plan, text="Goal-Kiwi-7")
    AgreementFactory(plan=plan, what="Agreement-Mango-3")
    receiver = OrganisationFactory(name="Ontvanger")
    referral = ReferralFactory(
        plan=plan,
        service=ServiceFactory(organisation=receiver),
        question="Question-Quince-5",
        status=Referral.Status.REQUESTED,
    )
    signal = SignalFactory(partner_reference="SIG-Okapi-1")
    other = OrganisationFactory(name="Buitenstaander", kind=Organisation.Kind.HOUSING, delivers_signals=True)
    stranger = UserFactory(role=User.Role.RESIDENT)
    world = World(ids={"planId": plan.pk, "referralId": referral.pk, "signalId": signal.pk})
    world.callers = {
        "anonymous": {},
        "owner": _session(owner),
        "receiver": _token(receiver, "referrals insights", "ontvanger"),
        "stranger": _session(stranger),
        "other_organisation": _token(other, "referrals signals insights", "buiten"),
        "no_scopes": _token(receiver, "", "zonder"),
    }
    return world


@pytest.fixture
def wsgi_in_test_transaction():
    """Django closes the database connection after each WSGI request; inside a test's
    transaction that must not happen (the test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _real_ids(case, ids) -> None:
    for name in list(case.path_parameters or {}):
        if name in ids:
            case.path_parameters[name] = ids[name]


def _call(case, world, caller) -> list:
    """The case as generated, then with real ids; each answer checked against the contract."""
    kwargs = world.callers[caller]
    # A session is a cookie the contract names; Schemathesis' check that a call without
    # valid credentials is refused cannot take it away, so it runs for tokens only. And
    # whether every schema-valid request is accepted cannot hold: a postcode outside the
    # municipality or a referral in another state is refused for what it means, which no
    # schema can say (those answers are tested in the partners' and plans' tests).
    excluded = [positive_data_acceptance, *([ignored_auth] if "cookies" in kwargs else [])]
    responses = []
    for real in (False, True):
        if real:
            _real_ids(case, world.ids)
            # A case made invalid by its ids alone is valid once they are real ones.
            excluded.append(negative_data_rejection)
        response = case.call(**kwargs)
        case.validate_response(response, headers=kwargs.get("headers"), excluded_checks=excluded)
        responses.append(response)
    return responses


def _no_markers(case, caller, responses) -> None:
    for response in responses:
        leaked = [marker for marker in MARKERS if marker in response.text]
        assert not leaked, f"{case.method} {case.formatted_path} answered {caller} with {leaked}"


CHECKED = hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.heavy
@pytest.mark.parametrize("caller", ["other_organisation"])
@schema.parametrize()
@CHECKED
def test_another_organisations_system_gets_no_personal_data_at_any_boundary(
    case, caller, world, wsgi_in_test_transaction
):
    _no_markers(case, caller, _call(case, world, caller))


@pytest.mark.heavy
@pytest.mark.parametrize("caller", ["anonymous", "stranger", "no_scopes"])
@random_only.parametrize()
@CHECKED
def test_no_login_another_resident_or_no_scope_gets_no_personal_data(case, caller, world, wsgi_in_test_transaction):
    _no_markers(case, caller, _call(case, world, caller))


@pytest.mark.heavy
@pytest.mark.parametrize("caller", ["owner", "receiver"])
@random_only.parametrize()
@CHECKED
def test_those_with_a_right_get_answers_as_the_contract_says(case, caller, world, wsgi_in_test_transaction):
    """The plan's owner and the receiving organisation's system: real plans, referrals and
    signals come back, and each answer (2xx included) matches the contract."""
    _call(case, world, caller)


def test_the_callers_with_a_right_are_let_in(world, client):
    """Else the property tests above would pass on refusals alone."""
    owner = world.callers["owner"]
    client.cookies.load(owner["cookies"])
    plan = client.get(f"/api/v1/plans/{world.ids['planId']}")
    assert plan.status_code == 200 and "Goal-Kiwi-7" in plan.text
    client.cookies.clear()
    inbox = client.get("/api/v1/referrals", headers=world.callers["receiver"]["headers"])
    assert inbox.status_code == 200 and [row["id"] for row in inbox.json()["results"]] == [world.ids["referralId"]]
    question = client.get(f"/api/v1/referrals/{world.ids['referralId']}", headers=world.callers["receiver"]["headers"])
    assert question.status_code == 200 and "Question-Quince-5" in question.text
    stranger = client.get("/api/v1/referrals", headers=world.callers["other_organisation"]["headers"])
    assert stranger.status_code == 200 and "Question-Quince-5" not in stranger.text
