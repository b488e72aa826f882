"""The city programme: goals, actions with a lead organisation and a work group, progress
updates, and organisations asking to join an action or proposing a new one. Who sees and
does what is decided in `sharing/policy.py` (see `docs/learning.md`)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An action without a progress update for this long is "stalled" on the internal page.
STALLED_AFTER = timedelta(days=90)


class Theme(models.TextChoices):
    """The five Brede Welvaart themes the programme is monitored against."""

    HEALTH = "health", _("Health")
    INCOME = "income", _("Income security")
    HOUSING = "housing", _("Housing")
    SOCIAL = "social", _("Social cohesion")
    DEVELOPMENT = "development", _("Development and work")


class Programme(models.Model):
    """A municipality's programme ("Ruimte voor leven")."""

    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name


class Goal(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    # Theme values (Theme); a goal may serve several.
    themes = models.JSONField(default=list, blank=True)
    # Codes of insights measures that measure this goal; shown suppressed, read through
    # `insights.selectors` only.
    measures = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="programme_goal_number_once")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def theme_labels(self) -> list[str]:
        return [str(Theme(value).label) for value in self.themes if value in Theme.values]


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    # The "trekker": the organisation that leads the action.
    lead = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("lead organisation"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)
    # The date of the latest progress update (kept here so lists need no extra query).
    last_update_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["goal__number", "created_at", "id"]

    def __str__(self):
        return self.title

    @property
    def status_tag(self) -> str:
        """The existing tag colour for the status (site.css)."""
        return {"planned": "open", "running": "busy", "done": "done", "stopped": "stopped"}[self.status]

    def is_stalled(self, today=None) -> bool:
        """Still meant to run, but nothing reported for three months."""
        if self.status not in (self.Status.PLANNED, self.Status.RUNNING):
            return False
        today = today or timezone.localdate()
        since = self.last_update_on or timezone.localtime(self.created_at).date()
        return today - since > STALLED_AFTER


class WorkGroupMember(models.Model):
    """Someone in an action's work group: a person with an account, or just a name and role
    from an organisation (a volunteer of the sports club without an account)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="work_group")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role in the work group"), max_length=100, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "user"], condition=models.Q(user__isnull=False), name="programme_member_user_once"
            )
        ]


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]


class JoinRequest(models.Model):
    """An organisation asks to join an action, or proposes a new one. The programme
    coordinator accepts (joining the work group, or creating the action) or declines with a
    reason."""

    class Kind(models.TextChoices):
        JOIN = "join", _("Join an action")
        NEW = "new", _("New action")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    kind = models.CharField(max_length=5, choices=Kind.choices)
    # The municipality whose programme coordinator decides.
    municipality = models.ForeignKey("accounts.Municipality", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE, related_name="requests")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests")
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    # Where the proposal came from ("Leersessie 12 maart"), shown to the coordinator.
    source_label = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The action an accepted proposal became.
    created_action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation"],
                condition=models.Q(status="pending", kind="join"),
                name="programme_one_pending_join",
            )
        ]
