"""Writing, verifying and pruning the audit log.

Each entry carries the keyed hash (HMAC-SHA256) of its own fields and of the entry
before it. Only the app knows the key, so an entry altered, removed or inserted behind
its back breaks the chain at that point, and `verify_audit` names it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from samenplan.lib.db import commit_durably

from .models import AuditCheckpoint, AuditEntry, AuditRedaction, PruneWindow, RedactionWindow

GENESIS = "0" * 64
HASHED_FIELDS = [
    "at",
    "actor_id",
    "actor_name",
    "actor_role",
    "actor_organisation",
    "on_behalf_of_id",
    "subject_id",
    "plan_id",
    "plans",
    "parts",
    "action",
    "outcome",
    "reason",
    "page",
    "request_id",
    "access_point",
]
# Hashed only when set, so entries from before these fields existed still verify.
OPTIONAL_HASHED_FIELDS = ["client_request_id", "records", "salt"]
# Any constant will do; it only has to be the same for every writer.
CHAIN_LOCK = 7513


def _key() -> bytes:
    return settings.AUDIT_KEY.encode()


def _canonical(entry: AuditEntry) -> str:
    values = []
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat(timespec="microseconds")
        values.append(value)
    values += [[name, getattr(entry, name)] for name in OPTIONAL_HASHED_FIELDS if getattr(entry, name)]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    message = f"{prev_hash}\n{_canonical(entry)}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def _sign(checkpoint: AuditCheckpoint) -> str:
    message = f"{checkpoint.last_entry_id}|{checkpoint.last_hash}|{checkpoint.pruned}|{checkpoint.before.isoformat()}"
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def access_point(address: str) -> str:
    """A keyed hash of a client address: comparable between entries, not readable back."""
    return hmac.new(_key(), f"access-point|{address}".encode(), hashlib.sha256).hexdigest()[:16]


def _lock_chain() -> None:
    # One writer at a time appends (or prunes). PostgreSQL: a transaction-scoped advisory
    # lock; SQLite: every transaction starts IMMEDIATE (settings), which already serialises
    # writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def _chain_head() -> str:
    # Plain SQL: this runs on every request, and the ORM would cost more than the query.
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608 (a fixed table name)
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    checkpoint = AuditCheckpoint.objects.order_by("-id").values_list("last_hash", flat=True).first()
    return checkpoint or GENESIS


def _insert(entry: AuditEntry) -> None:
    """One INSERT, in plain SQL for the same reason; the entry gets its id back."""
    names = [*HASHED_FIELDS, *OPTIONAL_HASHED_FIELDS, "prev_hash", "hash"]
    fields = [AuditEntry._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"INSERT INTO {quote(AuditEntry._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    values = [field.get_db_prep_save(getattr(entry, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(f"{sql} RETURNING id", values)
            entry.pk = cursor.fetchone()[0]
        else:
            cursor.execute(sql, values)
            entry.pk = cursor.lastrowid


def entry_write(**fields) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction if there is one.

    Writers take turns (the chain lock, held until their transaction ends), so each reads
    the newest head; `prev_hash` is unique as well, so even a writer that skipped the lock
    could never fork the chain: its insert would fail instead."""
    with transaction.atomic(savepoint=False):
        _lock_chain()
        entry = AuditEntry(at=timezone.now(), salt=secrets.token_hex(16), **fields)
        entry.prev_hash = _chain_head()
        entry.hash = entry_hash(entry.prev_hash, entry)
        _insert(entry)
    return entry


def entry_append(**fields) -> AuditEntry:
    """Append one entry after a request that only read (no transaction open): two
    statements, the head and the insert, which commits on its own. A writer that lost a
    race fails on the unique `prev_hash` without harm and tries again holding the lock."""
    if connection.in_atomic_block:
        return entry_write(**fields)
    entry = AuditEntry(at=timezone.now(), salt=secrets.token_hex(16), **fields)
    entry.prev_hash = _chain_head()
    entry.hash = entry_hash(entry.prev_hash, entry)
    try:
        _insert(entry)
    except IntegrityError:
        return entry_write(**fields)
    return entry


@dataclass
class Verification:
    ok: bool
    checked: int
    head: str
    problem: str = ""
    bad_entry_id: int | None = None


def verify(*, expect_head: str | None = None) -> Verification:
    """Walk the chain from the newest checkpoint (or the start) and check every link."""
    checkpoint = AuditCheckpoint.objects.order_by("-id").first()
    prev = GENESIS
    after_id = 0
    if checkpoint is not None:
        if not hmac.compare_digest(checkpoint.signature, _sign(checkpoint)):
            return Verification(False, 0, "", f"checkpoint {checkpoint.pk} has a wrong signature")
        prev, after_id = checkpoint.last_hash, checkpoint.last_entry_id
    if AuditEntry.objects.filter(id__lte=after_id).exists():
        first = AuditEntry.objects.filter(id__lte=after_id).order_by("id").first()
        return Verification(False, 0, "", f"entry {first.pk} lies before the pruning checkpoint", first.pk)
    checked, seen_head = 0, expect_head is None
    redacted = dict(AuditRedaction.objects.filter(entry_id__gt=after_id).values_list("entry_id", "pk"))
    for entry in AuditEntry.objects.filter(id__gt=after_id).order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            return Verification(
                False, checked, prev, f"entry {entry.pk}: the entry before it was removed or changed", entry.pk
            )
        if entry.pk in redacted:
            if not _redaction_holds(AuditRedaction.objects.get(pk=redacted[entry.pk]), entry):
                return Verification(False, checked, prev, f"entry {entry.pk} was altered after its redaction", entry.pk)
        elif not hmac.compare_digest(entry.hash, entry_hash(prev, entry)):
            return Verification(False, checked, prev, f"entry {entry.pk} was altered or inserted", entry.pk)
        prev = entry.hash
        checked += 1
        seen_head = seen_head or entry.hash == expect_head
    if not seen_head:
        return Verification(False, checked, prev, "the head recorded earlier is no longer in the chain")
    return Verification(True, checked, prev)


def prune(*, before: datetime) -> AuditCheckpoint | None:
    """Remove entries older than `before` and leave a signed checkpoint, so the rest of the
    chain stays verifiable."""
    with transaction.atomic():
        commit_durably()
        _lock_chain()
        old = AuditEntry.objects.filter(at__lt=before).order_by("-id")
        last = old.values("id", "hash").first()
        if last is None:
            return None
        # The chain is in id order, and ids and times rise together: pruning everything up
        # to the last old entry keeps the chain whole.
        count = AuditEntry.objects.filter(id__lte=last["id"]).count()
        checkpoint = AuditCheckpoint(
            last_entry_id=last["id"], last_hash=last["hash"], pruned=count, before=before, signature=""
        )
        checkpoint.signature = _sign(checkpoint)
        checkpoint.save()
        window = PruneWindow.objects.create(before=before)
        AuditEntry.objects.filter(id__lte=last["id"], at__lt=before).delete()
        window.delete()
        return checkpoint


def _redaction_signature(erasure: str, entry: AuditEntry) -> str:
    # The entry's place (id, its own hash, which the next entry links to) and everything
    # left in it, keyed like the chain.
    message = f"redaction|{entry.pk}|{entry.hash}|{erasure}\n{_canonical(entry)}"
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def _redaction_holds(redaction: AuditRedaction, entry: AuditEntry) -> bool:
    return hmac.compare_digest(redaction.signature, _redaction_signature(redaction.erasure, entry))


def _without(listed: str | None, remove: set[str]) -> str | None:
    if not listed:
        return listed
    kept = [value for value in listed.split(",") if value and value not in remove]
    return "," + ",".join(kept) + "," if kept else ""


def redact(entries, *, plans: set[int], people: set[int], records: set[str], erasure: str) -> int:
    """Remove from `entries` (a queryset of audit entries) every reference to the erased
    `plans`, `people` (account ids) and `records` ("question:12"), with the entry's salt,
    and sign what is left (docs/decisions/0001-audit-log-after-erasure.md).

    An entry keeps its id, time, action, outcome, parts, page and its hash, so the chain
    still links; a reference to anyone else stays. Entries already redacted are redacted
    again (a list page that showed two plans erased one after the other). Runs inside the
    caller's transaction, holding the chain lock; returns the number of entries changed."""
    plan_tokens = {str(pk) for pk in plans}
    changed = 0
    with transaction.atomic(savepoint=False):
        _lock_chain()
        for entry in entries.order_by("id"):
            about_plan = entry.plan_id in plans
            about_person = entry.subject_id in people or entry.on_behalf_of_id in people
            actor_erased = entry.actor_id is not None and entry.actor_id in people
            changes = {"salt": None, "plans": _without(entry.plans, plan_tokens)}
            changes["records"] = _without(entry.records, records)
            if about_plan:
                changes["plan_id"] = None
            if about_plan or entry.subject_id in people:
                changes["subject_id"] = None
            if about_plan or entry.on_behalf_of_id in people:
                changes["on_behalf_of_id"] = None
            if about_plan or about_person or actor_erased:
                # Free text (a closing reason, an emergency reason) can name the person.
                changes["reason"] = ""
            if actor_erased:
                changes.update(actor_id=None, actor_name="", access_point="", client_request_id=None)
            RedactionWindow.objects.create(entry_id=entry.pk)
            AuditEntry.objects.filter(pk=entry.pk).update(**changes)
            RedactionWindow.objects.filter(entry_id=entry.pk).delete()
            for name, value in changes.items():
                setattr(entry, name, value)
            AuditRedaction.objects.update_or_create(
                entry_id=entry.pk,
                defaults={"erasure": erasure, "at": timezone.now(), "signature": _redaction_signature(erasure, entry)},
            )
            changed += 1
    return changed
