from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STORY_MAX_LENGTH = 20_000
SHORT_TEXT = 300
NOTE_MAX_LENGTH = 2_000


class Plan(models.Model):
    """The resident's support plan. The owner is the resident from the first moment, also
    while a professional is still writing the intake down."""

    class Status(models.TextChoices):
        INTAKE = "intake", _("Intake")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plans_owned")
    wijk = models.ForeignKey("accounts.Wijk", verbose_name=_("neighbourhood"), on_delete=models.PROTECT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INTAKE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("started on"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_reason = models.CharField(_("why the plan was closed"), max_length=SHORT_TEXT, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            # A resident owns one plan; a closed plan may be followed by a new one.
            models.UniqueConstraint(
                fields=["owner"], condition=~models.Q(status="closed"), name="one_open_plan_per_owner"
            )
        ]
        indexes = [models.Index(fields=["wijk", "status"])]

    def __str__(self):
        return _("Plan of %(name)s") % {"name": self.owner.display_name}


class StoryVersion(models.Model):
    """One version of "my story". A new version is added on every change; old ones stay
    readable for the owner, with who wrote them."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="story_versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("my story"), max_length=STORY_MAX_LENGTH)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Written by a legal representative on behalf of the resident ("namens").
    on_behalf = models.BooleanField(default=False)
    written_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="story_version_unique")]


class Priority(models.Model):
    """A life domain the resident finds important, at its place in their own ranking."""

    NOTE_MAX_LENGTH = SHORT_TEXT

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    domain = models.ForeignKey("measuring.LifeDomain", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    note = models.CharField(_("why this matters to me"), max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "domain"], name="priority_unique")]


class Strength(models.Model):
    """Something the resident can do themselves, or that their own network can do, ranked."""

    class Kind(models.TextChoices):
        SELF = "self", _("What I can do myself")
        NETWORK = "network", _("What my network can do")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strengths")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(_("what"), max_length=SHORT_TEXT)
    who = models.CharField(_("who"), max_length=100, blank=True)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["kind", "rank", "id"]


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        BUSY = "busy", _("Working on it")
        REACHED = "reached", _("Reached")
        STOPPED = "stopped", _("Stopped")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=SHORT_TEXT)
    domain = models.ForeignKey(
        "measuring.LifeDomain",
        verbose_name=_("area of life"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    helpers = models.CharField(_("who helps"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised on every save; a form carries the version it started from (no lost updates).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.text


class Agreement(models.Model):
    """Who does what by when. Light support comes from the resident or their own network,
    heavy support from professionals; the plan keeps that balance visible."""

    class Who(models.TextChoices):
        RESIDENT = "resident", _("I do it myself")
        NETWORK = "network", _("Someone from my network")
        PROFESSIONAL = "professional", _("A professional")

    class Support(models.TextChoices):
        LIGHT = "light", _("Light support")
        HEAVY = "heavy", _("Heavy support")

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        BUSY = "busy", _("Busy")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.BUSY)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    goal = models.ForeignKey(
        Goal, verbose_name=_("for goal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="agreements"
    )
    what = models.CharField(_("what"), max_length=SHORT_TEXT)
    who_kind = models.CharField(_("who does it"), max_length=15, choices=Who.choices)
    who_name = models.CharField(_("name"), max_length=100, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("plan member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_agreements",
    )
    due_date = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    support = models.CharField(_("kind of support"), max_length=10, choices=Support.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # The professional it was assigned to left their organisation; the coordinator hands it on.
    assignee_left = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]
        # Led by the plan: queries always ask about certain plans (a plan page, a caseload).
        indexes = [models.Index(fields=["plan", "status", "due_date"])]

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_date is not None and self.due_date < timezone.localdate()


# How long the author of an evaluation may still correct it: long enough to fix a typo or
# add what was agreed after talking it over at home, short enough that the record the
# resident and the others read (and the results built on its scores) settles.
EVALUATION_CORRECTION_WINDOW = timedelta(days=14)


class Evaluation(models.Model):
    """A planned moment to look back: each goal gets an attainment score and the
    self-assessment is filled in again."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    scheduled_for = models.DateField(_("planned for"))
    held_at = models.DateTimeField(_("held on"), null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf = models.BooleanField(default=False)
    summary = models.TextField(_("what we noticed"), max_length=NOTE_MAX_LENGTH, blank=True)
    attendees = models.CharField(_("who was there"), max_length=SHORT_TEXT, blank=True)
    decisions = models.TextField(_("what we decided"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when the author corrected the record after holding it (shown on the record).
    corrected_at = models.DateTimeField(_("corrected on"), null=True, blank=True)
    # Raised on every save; a form carries the version it started from (no lost updates).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [models.Index(fields=["plan", "held_at", "scheduled_for"])]


class GoalScore(models.Model):
    """Goal attainment scaling: -2 (much less than expected) to +2 (much more)."""

    class Score(models.IntegerChoices):
        MUCH_LESS = -2, _("Much less than expected")
        LESS = -1, _("Less than expected")
        AS_EXPECTED = 0, _("As expected")
        MORE = 1, _("More than expected")
        MUCH_MORE = 2, _("Much more than expected")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="scores")
    score = models.SmallIntegerField(_("result"), choices=Score.choices)
    note = models.CharField(_("note"), max_length=SHORT_TEXT, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="goal_score_unique"),
            models.CheckConstraint(condition=models.Q(score__gte=-2, score__lte=2), name="goal_score_range"),
        ]


class Reminder(models.Model):
    """A reminder that was emailed; the unique key makes `send_reminders` idempotent."""

    class Kind(models.TextChoices):
        EVALUATION_DUE = "evaluation_due", _("Evaluation due")
        AGREEMENT_OVERDUE = "agreement_overdue", _("Agreement overdue")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The evaluation or agreement the reminder was about.
    subject_id = models.BigIntegerField()
    # The date it was about: moving an evaluation or a deadline earns a new reminder.
    about_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "subject_id", "about_date"], name="reminder_once")
        ]
