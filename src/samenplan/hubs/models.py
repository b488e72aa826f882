"""Neighbourhood hubs (wijkpunten) and the questions residents bring there, with or without
an account, before there is a plan. Who sees a question is decided in `sharing/policy.py`:
the wijk team of its wijk, nobody else (see `docs/hubs-and-signals.md`)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUESTION_MAX_LENGTH = 2_000
NOTE_MAX_LENGTH = 1_000
# Letters and digits that cannot be mistaken for each other when read aloud or typed.
REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"


def new_reference() -> str:
    """A short code the asker can quote on the phone, e.g. "WK7-QD4M"."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))
    return f"{code[:3]}-{code[3:]}"


class Hub(models.Model):
    """A wijk's neighbourhood hub: the place where organisations sit together and where
    residents of that wijk can walk in with their questions (e.g. the Westwijzer)."""

    wijk = models.OneToOneField("accounts.Wijk", on_delete=models.CASCADE, related_name="hub", verbose_name=_("wijk"))
    name = models.CharField(_("name"), max_length=100)
    introduction = models.TextField(_("introduction"), max_length=1_000, blank=True)
    # Where and when it is open: a location on the social map, with its opening hours.
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("where"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood hub")
        verbose_name_plural = _("neighbourhood hubs")

    def __str__(self):
        return self.name


class Question(models.Model):
    """A question someone brought to the wijk team: online without an account, or at the
    desk with a team member. It is personal data outside any plan."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        DESK = "desk", _("At the desk")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Call me")
        EMAIL = "email", _("Email me")
        COME_BY = "come_by", _("I will come by the hub")
        VISIT = "visit", _("Visit me at home")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CLAIMED = "claimed", _("Being handled")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        ADVICE = "advice", _("Answered with advice")
        REFERRED = "referred", _("Referred to a service on the social map")
        BUDDY = "buddy", _("Buddy requested")
        PLAN = "plan", _("Plan started")
        NO_CONTACT = "no_contact", _("No contact after several attempts")

    reference = models.CharField(_("reference"), max_length=8, unique=True, default=new_reference, editable=False)
    wijk = models.ForeignKey("accounts.Wijk", on_delete=models.PROTECT, related_name="+", verbose_name=_("wijk"))
    source = models.CharField(_("how it came in"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    domains = models.ManyToManyField(
        "measuring.LifeDomain", blank=True, related_name="+", verbose_name=_("what it is about")
    )
    text = models.TextField(_("the question"), max_length=QUESTION_MAX_LENGTH)
    name = models.CharField(_("name"), max_length=150, blank=True)
    channel = models.CharField(_("how to reach them"), max_length=10, choices=Channel.choices)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    consent_at = models.DateTimeField(_("agreed on"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("arrived"), default=timezone.now)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    # One owner at a time; claiming is a conditional update, so two at once cannot both win.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("advice or note"), max_length=NOTE_MAX_LENGTH, blank=True)
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service"),
    )
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Raised on every change; a form sends the version it showed (no lost update).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["wijk", "status", "created_at"])]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.reference


class QuestionEvent(models.Model):
    """What happened to a question: claimed, a contact attempt (reached or not), closed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Arrived")
        CLAIMED = "claimed", _("Taken on")
        RELEASED = "released", _("Given back to the team")
        ATTEMPT = "attempt", _("Contact attempt")
        CLOSED = "closed", _("Closed")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        DESK = "desk", _("At the hub")
        VISIT = "visit", _("Home visit")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices, blank=True)
    reached = models.BooleanField(_("reached them"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
