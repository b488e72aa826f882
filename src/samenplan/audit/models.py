from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One read or change of personal data (one per request), in the spirit of NEN 7513.

    Rows are append-only (database triggers refuse UPDATE and DELETE) and hash-chained
    with a keyed hash, so `verify_audit` finds any entry that was altered, removed or
    inserted. People and plans are stored as plain ids and names, not foreign keys: the
    log must outlive the accounts and plans it is about.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Looked at")
        PRINT = "print", _("Printed")
        EXPORT = "export", _("Downloaded")
        LIST = "list", _("Saw in a list")
        CREATE = "create", _("Added")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Removed")
        SHARE = "share", _("Changed who sees what")
        EMERGENCY = "emergency", _("Used emergency access")
        NOTIFY = "notify", _("Sent a reminder")

    # The reason noted on a read that went through emergency access.
    EMERGENCY_READ = "emergency-read"

    class Outcome(models.TextChoices):
        PERMITTED = "permitted", _("Permitted")
        DENIED = "denied", _("Denied")

    at = models.DateTimeField(default=timezone.now)
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=30)
    actor_organisation = models.CharField(max_length=150, blank=True)
    # The resident a legal representative acted for ("namens").
    on_behalf_of_id = models.BigIntegerField(null=True)
    # The resident (the plan's owner) and the plan, when the request was about one plan.
    subject_id = models.BigIntegerField(null=True)
    plan_id = models.BigIntegerField(null=True)
    # Pages about several plans (the caseload) list them here: ",4,7,12,".
    plans = models.TextField(blank=True)
    # Personal data outside any plan that was read or changed (a question at a hub, an
    # early signal): ",question:12,signal:7,". Nullable, so adding it left the table as it was.
    records = models.TextField(null=True, blank=True)
    # The parts of the plan that were read or changed: ",story,goals,".
    parts = models.CharField(max_length=250, blank=True)
    action = models.CharField(max_length=12, choices=Action.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PERMITTED)
    reason = models.TextField(blank=True)
    page = models.CharField(max_length=100, blank=True)
    # Our own id of the request (`lib.middleware.RequestIdMiddleware`).
    request_id = models.CharField(max_length=64, blank=True)
    # The `X-Request-ID` a client or proxy sent, kept apart from ours: it can say anything.
    # Nullable, so adding it left the table (and its triggers) as they were.
    client_request_id = models.CharField(max_length=64, null=True, blank=True)
    # A keyed hash of the client's address: the same address gives the same value, but
    # the address itself cannot be read back.
    access_point = models.CharField(max_length=16, blank=True)
    # A random secret hashed into the chain with the entry (docs/decisions/0001). Erasing a
    # plan or a person removes it with their references (`redact`), so the kept hash can no
    # longer be used to test a guess of what was removed. Nullable: older entries have none.
    salt = models.CharField(max_length=32, null=True, blank=True)
    # Unique: no two entries can follow the same entry, so the chain cannot fork.
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["plan_id", "at"]),
            models.Index(fields=["actor_id", "at"]),
            models.Index(fields=["at"]),
        ]

    @property
    def part_list(self) -> list[str]:
        return [part for part in self.parts.split(",") if part]

    @property
    def plan_list(self) -> list[int]:
        return [int(plan) for plan in self.plans.split(",") if plan]


class AuditCheckpoint(models.Model):
    """Written when old entries are pruned: the hash of the last pruned entry, signed, so
    the rest of the chain can still be verified from there."""

    last_entry_id = models.BigIntegerField()
    last_hash = models.CharField(max_length=64)
    pruned = models.PositiveIntegerField()
    before = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]


class PruneWindow(models.Model):
    """Present only while `prune_audit` runs: the triggers let DELETE through for entries
    older than `before`, and nothing else."""

    before = models.DateTimeField()


class AuditRedaction(models.Model):
    """An entry whose references to an erased plan or person were removed (`redact`). The
    entry keeps its place and its hash in the chain; this signature, keyed like the chain,
    vouches for what is left of it, so `verify_audit` still checks every field."""

    entry_id = models.BigIntegerField(unique=True)
    # The erasure that caused it (`privacy.erasure`): a random reference, not a person.
    erasure = models.CharField(max_length=32)
    at = models.DateTimeField(default=timezone.now)
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]


class RedactionWindow(models.Model):
    """Present only while an erasure redacts entries: the triggers let an UPDATE through for
    these entries only, and only when it keeps their place in the chain."""

    entry_id = models.BigIntegerField(unique=True)
