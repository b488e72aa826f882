"""The wijk team's forms for one question: take it on, give it back, record a contact
attempt, close it with an outcome. Forms that change its state carry the version the page
showed, so a change made meanwhile is not overwritten."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.directory.forms import ServiceChoiceField

from ..models import NOTE_MAX_LENGTH, Question, QuestionEvent
from ..services.triage import CLOSE_OUTCOMES, NO_CONTACT_MIN_ATTEMPTS


class QuestionVersionForm(forms.Form):
    """Take on or give back: nothing to fill in but the version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class QuestionAttemptForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did you try?"),
        choices=QuestionEvent.Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you tried to reach them.")},
    )
    reached = forms.TypedChoiceField(
        label=_("Did you reach them?"),
        choices=[("yes", _("Yes, we spoke")), ("no", _("No, not reached"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you reached them.")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("For example: left a voicemail, will call again on Thursday."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuestionCloseForm(QuestionVersionForm):
    # The note and the service are needed for some outcomes only (the hints say which), so
    # "optional" next to them would mislead.
    hide_optional = True

    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it ended.")},
    )
    note = forms.CharField(
        label=_("Advice or note"),
        help_text=_("With advice: write down the advice you gave."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    service = ServiceChoiceField(
        label=_("Service on the social map"),
        help_text=_("Only when you referred them. Services they can sign up for themselves come first."),
        required=False,
        empty_label=_("Choose a service"),
    )

    def __init__(self, *args, services=(), attempts: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempts = attempts
        self.fields["outcome"].choices = [(value, Question.Outcome(value).label) for value in CLOSE_OUTCOMES]
        # The services come from the selector, loaded once with their organisation.
        self.fields["service"].set_services(services)

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == Question.Outcome.ADVICE and not cleaned.get("note", "").strip() and "note" not in self.errors:
            self.add_error("note", _("Write down the advice you gave."))
        if outcome == Question.Outcome.REFERRED and cleaned.get("service") is None and "service" not in self.errors:
            self.add_error("service", _("Choose the service you referred them to."))
        if outcome == Question.Outcome.NO_CONTACT and self.attempts < NO_CONTACT_MIN_ATTEMPTS:
            self.add_error(
                "outcome",
                _(
                    "“No contact” is possible after at least %(min)s contact attempts. "
                    "Recorded so far: %(count)s. Record each attempt first."
                )
                % {"min": NO_CONTACT_MIN_ATTEMPTS, "count": self.attempts},
            )
        return cleaned
