"""The buddy network. Who sees what is decided in `sharing/policy.py` (search "Buddy
network"): the volunteer coordinator sees volunteers and the requests of the wijken their
organisation serves, never the plan; the resident sees and decides everything about her
own request; the buddy joins her plan with no grants."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 1_000


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    BERBER = "ber", _("Berber (Tamazight)")
    POLISH = "pl", _("Polish")
    ENGLISH = "en", _("English")
    TIGRINYA = "ti", _("Tigrinya")
    UKRAINIAN = "uk", _("Ukrainian")
    PAPIAMENTO = "pap", _("Papiamento")
    SOMALI = "so", _("Somali")


class Interest(models.TextChoices):
    WALKING = "walking", _("Walking and being outside")
    COOKING = "cooking", _("Cooking and eating together")
    SPORT = "sport", _("Sport")
    MUSIC = "music", _("Music")
    LANGUAGE = "language", _("Practising Dutch")
    PAPERWORK = "paperwork", _("Help with letters and forms")
    CRAFTS = "crafts", _("Crafts and fixing things")
    GAMES = "games", _("Games and puzzles")
    CULTURE = "culture", _("Museums, library and culture")
    CHILDREN = "children", _("Doing things with children")


class Availability(models.TextChoices):
    MORNING = "morning", _("Weekday mornings")
    AFTERNOON = "afternoon", _("Weekday afternoons")
    EVENING = "evening", _("Weekday evenings")
    WEEKEND = "weekend", _("Weekends")


class Volunteer(models.Model):
    """Someone who signed up as a buddy with a volunteer organisation. Personal data outside
    any plan: the organisation's volunteer coordinator sees it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Not approved")
        STOPPED = "stopped", _("Stopped")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    # The account, made (or found by email address) when the coordinator approves.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteering"
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    wijk = models.ForeignKey("accounts.Wijk", on_delete=models.PROTECT, related_name="+", verbose_name=_("wijk"))
    languages = models.JSONField(_("languages"), default=list)
    interests = models.JSONField(_("interests"), default=list)
    availability = models.JSONField(_("when"), default=list)
    about = models.TextField(_("about you"), max_length=NOTE_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class BuddyRequest(models.Model):
    """A resident's wish for a buddy: from her own plan, from a professional in her plan
    (waits for her yes), or from a question at a hub. It carries only what the volunteer
    coordinator needs to find a match; the plan itself stays closed to them."""

    class Source(models.TextChoices):
        RESIDENT = "resident", _("The resident")
        PROFESSIONAL = "professional", _("A professional in the plan")
        HUB = "hub", _("A question at a hub")

    class Status(models.TextChoices):
        CONSENT = "consent", _("Waiting for the resident's yes")
        OPEN = "open", _("Looking for a buddy")
        PROPOSED = "proposed", _("Buddy proposed")
        MATCHED = "matched", _("Buddy found")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="buddy_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=15, choices=Source.choices)
    question = models.ForeignKey("hubs.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    wijk = models.ForeignKey("accounts.Wijk", on_delete=models.PROTECT, related_name="+", verbose_name=_("wijk"))
    languages = models.JSONField(_("languages"), default=list)
    interests = models.JSONField(_("interests"), default=list)
    availability = models.JSONField(_("when"), default=list)
    note = models.TextField(_("what kind of buddy"), max_length=NOTE_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    consented_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(closed_at__isnull=True), name="one_open_buddy_request"
            )
        ]

    @property
    def first_name(self) -> str:
        return self.plan.owner.first_name or self.plan.owner.display_name


class Match(models.Model):
    """A volunteer proposed for a request; it runs once the resident says yes, until it ends."""

    request = models.ForeignKey(BuddyRequest, on_delete=models.CASCADE, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    # The buddy's place in the resident's network while the match runs.
    membership = models.ForeignKey(
        "sharing.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-proposed_at", "-id"]

    @property
    def is_proposed(self) -> bool:
        return self.accepted_at is None and self.declined_at is None

    @property
    def is_running(self) -> bool:
        return self.accepted_at is not None and self.ended_on is None


class CheckIn(models.Model):
    """How the match is going, noted by the buddy or the volunteer coordinator."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    date = models.DateField(_("date"))
    note = models.TextField(_("how is it going"), max_length=NOTE_MAX_LENGTH)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
