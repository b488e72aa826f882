"""Referrals: a plan's question handed to a service on the social map, with the resident's
consent, closing back into the plan. The states follow the HL7 Gravity Task (see
`docs/network.md`); who sees what is decided in `sharing/policy.py`."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Referral(models.Model):
    class Status(models.TextChoices):
        # Proposed in the plan; nothing has left it until the resident consents.
        AWAITING_CONSENT = "awaiting_consent", _("Waiting for consent")
        REQUESTED = "requested", _("Sent, waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")
        IN_PROGRESS = "in_progress", _("Helping")
        COMPLETED = "completed", _("Finished")
        CANCELLED = "cancelled", _("Stopped")
        FAILED = "failed", _("Could not go ahead")

    class Priority(models.TextChoices):
        ROUTINE = "routine", _("Normal")
        URGENT = "urgent", _("Urgent")

    class Outcome(models.TextChoices):
        HELPED = "helped", _("Helped")
        PARTLY = "partly", _("Partly helped")
        NOT_HELPED = "not_helped", _("Not helped")
        WITHDREW = "withdrew", _("The resident stopped")

    class Channel(models.TextChoices):
        PHONE = "phone", _("By phone")
        EMAIL = "email", _("By email")
        LETTER = "letter", _("By letter")
        VIA_COORDINATOR = "via_coordinator", _("Through my coordinator")

    # While the referral is in one of these states the receiving organisation sees the
    # question and the consented parts.
    OPEN = (Status.REQUESTED, Status.ACCEPTED, Status.IN_PROGRESS)
    # A referral in one of these states is over; nothing changes it any more.
    CLOSED = (Status.REJECTED, Status.COMPLETED, Status.CANCELLED, Status.FAILED)

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="referrals")
    # The receiving organisation (the service's, when it was sent); its staff form the team queue.
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals")
    question = models.TextField(_("the question, in the resident's words"), max_length=2000)
    goals = models.ManyToManyField("plans.Goal", blank=True, related_name="referrals", verbose_name=_("goals"))
    priority = models.CharField(_("how urgent"), max_length=10, choices=Priority.choices, default=Priority.ROUTINE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_CONSENT)
    # What the receiving organisation may see besides the question: parts of the plan, view
    # only, until `consent_until` (empty: until the referral closes).
    consent_parts = models.JSONField(default=list, blank=True)
    consent_until = models.DateField(_("until"), null=True, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    consent_on_behalf = models.BooleanField(default=False)
    # After the referral closes the receiver keeps the consented parts only if the resident says so.
    extended = models.BooleanField(default=False)
    contact_channel = models.CharField(
        _("how they may contact me"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    no_phone = models.BooleanField(_("do not call me"), default=False)
    # The number, email address or address the receiving organisation may use, given with
    # the consent; shown to them only while the referral is open.
    contact_detail = models.CharField(_("where they can reach me"), max_length=150, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    on_behalf = models.BooleanField(default=False)
    # The professional of the receiving organisation who took it on; a plan member from then on.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_assigned"
    )
    membership = models.ForeignKey(
        "sharing.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    # What accepting added to that membership, so closing the referral takes back exactly
    # that and no grant the professional had before.
    granted_parts = models.JSONField(default=list, blank=True)
    created_membership = models.BooleanField(default=False)
    # The last day to accept or reject before the referral counts as overdue.
    respond_by = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    suggested_service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("what came of it"), blank=True, max_length=1000)
    status_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: a state change names the version it saw (two staff accepting at once).
    version = models.PositiveIntegerField(default=1)
    # One referral per form, however often it is submitted.
    submit_token = models.UUIDField(default=uuid.uuid4, unique=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["proposed_by", "status"]),
        ]

    def __str__(self):
        return f"{self.service} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class ReferralEvent(models.Model):
    """One change of a referral's state: when, by whom, and why (the referral's history)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=Referral.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField(default=False)
    note = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["at", "id"]
