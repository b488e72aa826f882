"""Case conferences around one plan (the Brede Hoed team), the light version (a consult of
one other organisation), and breakthrough requests to the municipality's breakthrough
officer. Who sees what is decided in `sharing/policy.py` (see `docs/conferences.md`)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.sharing.parts import Part


class Theme(models.Model):
    """A recurring theme ("rode draad"): a shared, growing list that anonymised
    breakthrough requests (and later learning sessions) are tagged with."""

    name = models.CharField(_("theme"), max_length=80, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Conference(models.Model):
    """A case conference about one plan: what is stuck, who joins, what they may see (the
    resident's consent, for the conference's duration only), the agenda, minutes and
    decisions that become agreements in the plan."""

    class Status(models.TextChoices):
        # Convened by the coordinator; nothing leaves the plan until the resident agrees.
        PROPOSED = "proposed", _("Waiting for the resident")
        # The resident agreed: the approved participants see the consented parts.
        PLANNED = "planned", _("Agreed")
        CLOSED = "closed", _("Closed")
        # The resident said no, or the coordinator called it off.
        CANCELLED = "cancelled", _("Not going ahead")

    OPEN = (Status.PROPOSED, Status.PLANNED)

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="conferences")
    convened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    convened_at = models.DateTimeField(default=timezone.now)
    stuck = models.TextField(_("what is stuck"), max_length=2000)
    tried = models.TextField(_("what was tried already"), max_length=2000, blank=True)
    meets_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=150)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    # What the participants may see besides the conference itself: parts of the plan, view
    # only, while the conference is planned. Closing it ends that by itself.
    consent_parts = models.JSONField(default=list, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    consent_on_behalf = models.BooleanField(default=False)
    # Why the resident said no, or why the coordinator called it off.
    cancel_reason = models.TextField(_("reason"), max_length=1000, blank=True)
    # When the conference looks back at its decisions.
    follow_up_on = models.DateField(_("evaluation date"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The resident's answer to "Wat we hebben afgesproken": confirmed, or a comment.
    outcome_confirmed_at = models.DateTimeField(null=True, blank=True)
    outcome_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    outcome_responded_at = models.DateTimeField(null=True, blank=True)
    outcome_responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_on_behalf = models.BooleanField(default=False)
    # Optimistic locking for state changes (consent, close, cancel).
    version = models.PositiveIntegerField(default=1)
    # One conference per form, however often it is submitted.
    submit_token = models.UUIDField(default=uuid.uuid4, unique=True)

    class Meta:
        ordering = ["-meets_at", "-id"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self):
        return f"{self.plan_id}: {self.meets_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def consent_part_labels(self) -> list[str]:
        return [str(Part(part).label) for part in self.consent_parts if part in Part.values]


# The members of the resident's network she may bring to the table (and give a decision to).
NETWORK_ROLES = ("network", "representative")


class Participant(models.Model):
    """Someone at the table besides the resident and the coordinator: a professional of any
    organisation (even one not in the plan), or a member of the resident's network she
    chose. A professional the coordinator proposed joins only once the resident approves."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        NETWORK = "network", _("Someone from the network")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    # Professionals always have an account; network members may be on the map without one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        "sharing.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The name as it was when they were added (the list reads the same after someone leaves).
    name = models.CharField(max_length=150)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    # The resident agreed that this person joins (network members she chose herself are
    # approved when she chooses them).
    approved_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "user"],
                condition=models.Q(user__isnull=False, removed_at__isnull=True),
                name="conference_participant_user_once",
            ),
            models.UniqueConstraint(
                fields=["conference", "membership"],
                condition=models.Q(membership__isnull=False, removed_at__isnull=True),
                name="conference_participant_member_once",
            ),
        ]

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None and self.removed_at is None


class AgendaItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    text = models.CharField(_("agenda point"), max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Put on the agenda by the resident (or on her behalf): shown as hers.
    by_resident = models.BooleanField(default=False)
    on_behalf = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]


class MinutesVersion(models.Model):
    """The minutes, versioned: a new version must follow the one the writer started from,
    so two people writing at once never overwrite each other."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="minutes")
    number = models.PositiveIntegerField()
    text = models.TextField(_("minutes"), max_length=20000)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["conference", "number"], name="one_minutes_version_number")]


class Decision(models.Model):
    """A decision of the conference: one agreement in the plan (who, what, by when)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="decisions")
    agreement = models.OneToOneField("plans.Agreement", on_delete=models.CASCADE, related_name="conference_decision")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class Consult(models.Model):
    """The light version: a professional asks one other organisation about a question in
    one life domain. Anonymous (no plan, no personal data at all) or about one part of a
    plan that the resident consented to."""

    class Status(models.TextChoices):
        AWAITING_CONSENT = "awaiting_consent", _("Waiting for the resident")
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        CANCELLED = "cancelled", _("Stopped")

    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consults_asked")
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="consults_asked"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="consults_received"
    )
    domain = models.ForeignKey(
        "measuring.LifeDomain", verbose_name=_("life domain"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("question"), max_length=2000)
    # Empty for an anonymous consult.
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="consults")
    part = models.CharField(_("part of the plan"), max_length=20, choices=Part.choices, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    consent_on_behalf = models.BooleanField(default=False)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    asked_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    submit_token = models.UUIDField(default=uuid.uuid4, unique=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["to_organisation", "status"]), models.Index(fields=["asked_by", "status"])]

    @property
    def is_anonymous(self) -> bool:
        return self.plan_id is None


class ObstacleRecord(models.Model):
    """The anonymised copy of a breakthrough request: no plan, no names, no personal data.
    It feeds the recurring themes and the city programme; it stays when the plan is erased."""

    themes = models.ManyToManyField(Theme, blank=True, related_name="obstacles", verbose_name=_("themes"))
    domain = models.ForeignKey(
        "measuring.LifeDomain",
        verbose_name=_("life domain"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wijk = models.ForeignKey("accounts.Wijk", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The first day of the month it was filed in: no exact date.
    filed_month = models.DateField()
    obstacle = models.TextField(_("what blocks the solution"), max_length=2000)
    solution = models.TextField(_("the proposed solution"), max_length=2000)
    cost_solution = models.PositiveIntegerField(_("cost of the solution (euro)"))
    cost_nothing = models.PositiveIntegerField(_("cost of doing nothing (euro)"))
    # Mirrors the request's status once the officer decided.
    outcome = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["-filed_month", "-id"]


class BreakthroughRequest(models.Model):
    """A rule or budget blocks the best solution: the conference asks the municipality's
    breakthrough officer to break through (the Doorbraakmethode)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for a decision")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="breakthroughs")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="breakthroughs")
    obstacle = models.TextField(_("what rule or budget blocks the best solution"), max_length=2000)
    solution = models.TextField(_("the best solution"), max_length=2000)
    cost_solution = models.PositiveIntegerField(_("what the solution costs (euro)"))
    cost_nothing = models.PositiveIntegerField(_("what doing nothing costs (euro)"))
    cost_note = models.TextField(_("how these costs were estimated"), max_length=1000, blank=True)
    # The resident's own words (written by her, or taken down as she said it).
    resident_words = models.TextField(_("in the resident's own words"), max_length=2000, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(default=timezone.now)
    # The last day for the officer's decision (`SAMENPLAN_BREAKTHROUGH_DECISION_DAYS` working days).
    decide_by = models.DateField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision and reason"), max_length=2000, blank=True)
    anonymous_copy = models.OneToOneField(
        ObstacleRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # One request per form, however often it is submitted.
    submit_token = models.UUIDField(default=uuid.uuid4, unique=True)

    class Meta:
        ordering = ["decide_by", "id"]
        indexes = [models.Index(fields=["status", "decide_by"])]

    @property
    def is_decided(self) -> bool:
        return self.status != self.Status.SUBMITTED
