"""Early signals (vroegsignalering): payment arrears that a housing corporation, energy or
water company or health insurer reports, as the Wet gemeentelijke schuldhulpverlening asks,
so the wijk team can offer help before debts grow. A signal is personal data outside any
plan; `sharing/policy.py` decides who sees it (see `docs/hubs-and-signals.md`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 1_000


class SignalUpload(models.Model):
    """One CSV file a partner sent; rows already known (same partner reference) are skipped."""

    partner = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    already_known = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]


class Signal(models.Model):
    class Kind(models.TextChoices):
        RENT = "rent", _("Rent")
        ENERGY = "energy", _("Energy")
        WATER = "water", _("Drinking water")
        HEALTH_INSURANCE = "health_insurance", _("Health insurance premium")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OUTREACH = "outreach", _("Outreach")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        # The codes municipalities use for the outcome of outreach.
        QUICK_FIX = "quick_fix", _("Solved quickly")
        ARRANGEMENT = "arrangement", _("Payment arrangement")
        DEBT_HELP = "debt_help", _("Referred to debt help")
        PLAN = "plan", _("Plan started")
        SOLVES_SELF = "solves_self", _("Resident solves it themselves")
        NO_HELP_WANTED = "no_help_wanted", _("Resident wants no help")
        NO_CONTACT = "no_contact", _("No contact reached")
        IN_CARE = "in_care", _("Already in care")

    # Outcomes where help followed: the partner sees "help accepted", and the signal is kept
    # beyond the retention period that applies when no help followed.
    HELP_ACCEPTED = (Outcome.QUICK_FIX, Outcome.ARRANGEMENT, Outcome.DEBT_HELP, Outcome.PLAN, Outcome.IN_CARE)

    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    partner_reference = models.CharField(_("partner's reference"), max_length=60)
    upload = models.ForeignKey(SignalUpload, null=True, blank=True, on_delete=models.SET_NULL, related_name="signals")
    name = models.CharField(_("name"), max_length=150)
    street = models.CharField(_("street and number"), max_length=150)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("town"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    kind = models.CharField(_("kind of arrears"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    months_in_arrears = models.PositiveSmallIntegerField(_("months in arrears"))
    last_reminder_on = models.DateField(_("partner's last reminder"))
    # The Besluit asks the partner to try personal contact, point to debt help and send a
    # written reminder before it reports; a signal without this confirmation is refused.
    collection_steps_confirmed = models.BooleanField(_("own collection steps taken"))
    # Where it lands: the wijk of the postcode; `household` groups the signals of one address.
    wijk = models.ForeignKey("accounts.Wijk", on_delete=models.PROTECT, related_name="+", verbose_name=_("wijk"))
    household = models.CharField(max_length=200, db_index=True)
    created_at = models.DateTimeField(_("arrived"), default=timezone.now)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A signal joins a plan only when its resident says yes: first offered, then joined.
    offered_plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    offered_at = models.DateTimeField(null=True, blank=True)
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="signals")
    joined_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A file sent twice creates no duplicates.
            models.UniqueConstraint(fields=["partner", "partner_reference"], name="signal_partner_reference_unique")
        ]
        indexes = [models.Index(fields=["wijk", "status", "created_at"])]
        verbose_name = _("early signal")
        verbose_name_plural = _("early signals")

    def __str__(self):
        return f"{self.partner_id}/{self.partner_reference}"

    @property
    def contact_made(self) -> bool:
        return self.first_contact_at is not None

    @property
    def help_accepted(self) -> bool:
        return self.outcome in self.HELP_ACCEPTED


class SignalEvent(models.Model):
    """What the team did: claimed, an outreach attempt (reached or not), closed, offered to
    the resident's plan, joined or declined by the resident."""

    class Kind(models.TextChoices):
        CLAIMED = "claimed", _("Taken on")
        RELEASED = "released", _("Given back to the team")
        ATTEMPT = "attempt", _("Outreach attempt")
        CLOSED = "closed", _("Closed")
        OFFERED = "offered", _("Offered to the resident's plan")
        JOINED = "joined", _("Added to the plan by the resident")
        DECLINED = "declined", _("Not added by the resident")

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")
        PHONE = "phone", _("Phone")
        SMS = "sms", _("Text message")
        VISIT = "visit", _("Home visit")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices, blank=True)
    reached = models.BooleanField(_("reached them"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
