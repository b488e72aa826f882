from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("You are invited to a plan")
        INVITATION_ACCEPTED = "invitation_accepted", _("Someone accepted an invitation to your plan")
        MESSAGE = "message", _("New message")
        AGREEMENT = "agreement", _("An agreement was given to you")
        ACCESS_GRANTED = "access_granted", _("You may see more of a plan")
        ACCESS_ENDED = "access_ended", _("Your access to a plan has ended")
        EMERGENCY = "emergency", _("Someone used emergency access to your plan")
        PLAN_CLOSED = "plan_closed", _("A plan was closed")
        PLAN_REOPENED = "plan_reopened", _("A plan was opened again")
        COORDINATOR_CHANGED = "coordinator_changed", _("A plan has a new coordinator")
        REFERRAL_CONSENT = "referral_consent", _("A referral waits for your consent")
        REFERRAL_RECEIVED = "referral_received", _("A new referral for your team")
        REFERRAL_CHANGED = "referral_changed", _("A referral has changed")
        REFERRAL_REMINDER = "referral_reminder", _("A referral is waiting for an answer")
        LISTING_STALE = "listing_stale", _("A listing on the social map needs checking")
        PROFESSIONAL_LEFT = "professional_left", _("A professional in a plan has left their organisation")
        QUESTION_NEW = "question_new", _("A new question for your wijk team")
        SIGNAL_OFFERED = "signal_offered", _("A signal about payment arrears waits for your answer")
        CONFERENCE_CONSENT = "conference_consent", _("A case conference about your plan waits for your answer")
        CONFERENCE_INVITED = "conference_invited", _("You are invited to a case conference")
        CONFERENCE_CHANGED = "conference_changed", _("A case conference has changed")
        CONFERENCE_DECISIONS = "conference_decisions", _("What was agreed at a case conference")
        CONSULT_CONSENT = "consult_consent", _("A question to another organisation waits for your consent")
        CONSULT_RECEIVED = "consult_received", _("A new question for your organisation")
        CONSULT_ANSWERED = "consult_answered", _("Your question was answered")
        BREAKTHROUGH_RECEIVED = "breakthrough_received", _("A new breakthrough request")
        BREAKTHROUGH_DECIDED = "breakthrough_decided", _("A breakthrough request was decided")
        CORRECTION_REQUESTED = "correction_requested", _("A resident asks to correct something")
        CORRECTION_ANSWERED = "correction_answered", _("Your request to correct something was answered")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=25, choices=Kind.choices)
    # A link inside the app; never text from the plan itself.
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
