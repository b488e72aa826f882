"""Writes of the API app: the organisation admin adds and revokes connections, and a
partner's early signal arrives with an idempotency key."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal
from samenplan.early_signals.services.importing import COLUMNS, KINDS, signals_import
from samenplan.sharing.policy import can_manage_organisation, client_scopes_for

from .models import IDEMPOTENCY_HOURS, ApiClient, IdempotencyKey
from .selectors import managed_client


def _note(action: str, client: ApiClient, what: str) -> None:
    audit.note_admin(action, obj=client, description=f"api.apiclient#{client.pk}: {what} (organisation admin)")


@transaction.atomic
def api_client_create(*, user: User, organisation: Organisation, name: str, scopes: list[str]) -> tuple[ApiClient, str]:
    """A new connection with its own OAuth2 application (client credentials, confidential).
    Returns the client and its secret: shown once, stored only hashed."""
    if not can_manage_organisation(user, organisation):
        raise PermissionError("not an admin of this organisation")
    if not scopes or not set(scopes) <= set(client_scopes_for(organisation)):
        raise PermissionError("a scope this organisation may not give")
    Application = get_application_model()
    secret = generate_client_secret()
    application = Application.objects.create(
        name=f"{organisation.name}: {name}"[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        hash_client_secret=True,
        redirect_uris="",
    )
    client = ApiClient.objects.create(
        organisation=organisation, name=name, scopes=" ".join(sorted(scopes)), application=application, created_by=user
    )
    _note(AuditEntry.Action.CREATE, client, f"added connection with {client.scopes}")
    return client, secret


@transaction.atomic
def api_client_revoke(*, user: User, client_id: int) -> ApiClient:
    """Stop a connection at once: its OAuth2 application and every token go; the row stays
    to show who revoked it and when."""
    client = managed_client(user=user, client_id=client_id)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        return client
    if client.application_id is not None:
        get_application_model().objects.filter(pk=client.application_id).delete()
    client.application = None
    client.revoked_at = timezone.now()
    client.revoked_by = user
    client.save(update_fields=["application", "revoked_at", "revoked_by"])
    _note(AuditEntry.Action.UPDATE, client, "revoked connection")
    return client


# Early signals -------------------------------------------------------------------------

# The API's field for each column of the partner's file, so a refused row names the field.
FIELDS = {
    "referentie": "reference",
    "naam": "name",
    "straat": "street",
    "postcode": "postcode",
    "plaats": "city",
    "geboortedatum": "dateOfBirth",
    "soort": "kind",
    "bedrag": "amount",
    "maanden": "monthsInArrears",
    "laatste_herinnering": "lastReminderOn",
    "incassostappen_gezet": "collectionStepsConfirmed",
}
_KIND_WORDS = {kind: word for word, kind in KINDS.items()}


class IdempotencyConflict(Exception):
    """The key was used before with another body."""


class SignalRefused(Exception):
    """The signal breaks a rule of the partner's file (`problems`: field → reasons), or its
    reference was sent before (`already_sent`)."""

    def __init__(self, problems: dict[str, list[str]], *, already_sent: bool = False):
        super().__init__(problems)
        self.problems = problems
        self.already_sent = already_sent


def _as_file(values: dict) -> bytes:
    """One signal as the partner's CSV file, so the file's own checks and routing apply."""
    cells = {
        "referentie": values["reference"],
        "naam": values["name"],
        "straat": values["street"],
        "postcode": values["postcode"],
        "plaats": values.get("city") or "",
        "geboortedatum": values["date_of_birth"].isoformat() if values.get("date_of_birth") else "",
        "soort": _KIND_WORDS[values["kind"]],
        "bedrag": f"{values['amount']:.2f}".replace(".", ","),
        "maanden": str(values["months_in_arrears"]),
        "laatste_herinnering": values["last_reminder_on"].isoformat(),
        "incassostappen_gezet": "ja" if values["collection_steps_confirmed"] else "nee",
    }
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([cells[column] for column in COLUMNS])
    return out.getvalue().encode("utf-8")


@transaction.atomic
def signal_submit(
    *,
    partner: Organisation,
    key: str,
    request_hash: str,
    values: dict,
    client: ApiClient | None = None,
    user: User | None = None,
) -> tuple[Signal, bool]:
    """Create one early signal through the partner file's import (the same checks, the
    same routing to the wijk team by postcode), once per idempotency key. Returns the
    signal and whether it is new; the same key with the same body gives the first signal
    again; with another body `IdempotencyConflict`."""
    caller = {"client": client} if client is not None else {"user": user}
    cutoff = timezone.now() - timedelta(hours=IDEMPOTENCY_HOURS)
    IdempotencyKey.objects.filter(**caller, created_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            record = IdempotencyKey.objects.create(**caller, key=key, request_hash=request_hash)
    except IntegrityError:
        # The key is known (on PostgreSQL a concurrent first call is waited for here).
        record = IdempotencyKey.objects.select_related("signal").get(**caller, key=key)
        if record.request_hash != request_hash or record.signal is None:
            raise IdempotencyConflict from None
        audit.note_records("signal", [record.signal_id])
        return record.signal, False
    report = signals_import(
        partner=partner,
        content=_as_file(values),
        filename=f"API: {client.name}"[:200] if client is not None else "API",
        uploaded_by=user,
    )
    if report.file_problem:
        raise SignalRefused({"body": [report.file_problem]})
    if report.problems:
        problems: dict[str, list[str]] = {}
        for problem in report.problems:
            problems.setdefault(FIELDS.get(problem.column, "body"), []).append(problem.reason)
        raise SignalRefused(problems)
    if not report.created:
        raise SignalRefused({"reference": []}, already_sent=True)
    signal = Signal.objects.get(upload=report.upload)
    record.signal = signal
    record.save(update_fields=["signal"])
    audit.note_records("signal", [signal.pk])
    return signal, True
