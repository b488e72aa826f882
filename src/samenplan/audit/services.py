"""Writing, verifying and pruning the audit log.

Each entry carries the keyed hash (HMAC-SHA256) of its own fields and of the entry
before it. Only the app knows the key, so an entry altered, removed or inserted behind
its back breaks the chain at that point, and `verify_audit` names it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import AuditCheckpoint, AuditEntry, PruneWindow

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
    # Pruning and appending must not interleave. PostgreSQL: a transaction-scoped advisory
    # lock; SQLite: every transaction starts IMMEDIATE (settings), which already serialises
    # writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def _chain_head() -> str:
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    if last is not None:
        return last
    checkpoint = AuditCheckpoint.objects.order_by("-id").values_list("last_hash", flat=True).first()
    return checkpoint or GENESIS


def entry_write(**fields) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction if there is one.

    `prev_hash` is unique, so two writers that read the same head cannot both append: the
    second waits for the first to commit, fails, and tries again on the new head. The chain
    can never fork. The first try takes no lock (one read and one insert); a writer that
    lost a race takes the chain lock before trying again, so it cannot lose forever."""
    for attempt in range(50):
        try:
            with transaction.atomic():
                if attempt:
                    _lock_chain()
                entry = AuditEntry(at=timezone.now(), **fields)
                entry.prev_hash = _chain_head()
                entry.hash = entry_hash(entry.prev_hash, entry)
                entry.save(force_insert=True)
            return entry
        except IntegrityError:
            continue
    raise IntegrityError("could not append to the audit chain")


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
    for entry in AuditEntry.objects.filter(id__gt=after_id).order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            return Verification(
                False, checked, prev, f"entry {entry.pk}: the entry before it was removed or changed", entry.pk
            )
        if not hmac.compare_digest(entry.hash, entry_hash(prev, entry)):
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
