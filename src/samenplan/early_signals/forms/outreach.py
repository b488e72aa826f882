"""The wijk team's forms on one early signal (each posted with its own prefix) and the
queue's filter. Closing carries the version of the signal the page showed, so a change
made meanwhile (in another tab, by a colleague) is not overwritten."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.directory.forms import ServiceChoiceField

from ..models import NOTE_MAX_LENGTH, Signal, SignalEvent
from ..selectors.outreach import SHOW_ALL, SHOW_FREE, SHOW_MINE
from ..services.outreach import MIN_ATTEMPTS_FOR_NO_CONTACT, close_problem

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[
            (SHOW_ALL, _("All open signals")),
            (SHOW_MINE, _("Households I took on")),
            (SHOW_FREE, _("Households with a signal nobody took on")),
        ],
        required=False,
    )
    hide_optional = True

    @property
    def show_value(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["show"] or SHOW_ALL
        return SHOW_ALL


class VersionForm(forms.Form):
    """Claim or give back: nothing to fill in."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class AttemptForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did you try to reach them?"),
        choices=SignalEvent.Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you tried to reach them.")},
    )
    reached = forms.ChoiceField(
        label=_("Did you reach them?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Only your wijk team reads this. Write only what is needed."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=Signal.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome.")},
    )
    service = ServiceChoiceField(
        label=_("Which debt help?"),
        help_text=_("Only when you referred them to debt help."),
        required=False,
        empty_label=_("Choose debt help"),
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Only your wijk team reads this. The partner sees only whether help was accepted."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, signal: Signal, attempts: int, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.signal = signal
        self.attempts = attempts
        self.fields["service"].set_services(services)

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if not outcome:
            return data
        problem = close_problem(
            signal=self.signal, outcome=outcome, service=data.get("service"), attempts=self.attempts
        )
        if problem == "too_few_attempts":
            self.add_error(
                "outcome",
                _(
                    "“No contact reached” needs at least %(n)s recorded attempts. "
                    "Record each letter, call, text message or visit first."
                )
                % {"n": MIN_ATTEMPTS_FOR_NO_CONTACT},
            )
        elif problem == "no_debt_service":
            self.add_error("service", _("Choose the debt help you referred them to."))
        elif problem == "no_plan":
            self.add_error(
                "outcome",
                _("“Plan started” needs the signal offered to the resident's plan first. Offer it below."),
            )
        return data


class OfferForm(forms.Form):
    plan = forms.TypedChoiceField(
        label=_("Which plan?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the resident's plan.")},
    )

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(a.plan.pk, _plan_label(a)) for a in plans]


def _plan_label(access) -> str:
    owner = access.plan.owner
    wijk = access.plan.wijk.name if access.plan.wijk_id else ""
    return f"{owner.display_name} ({wijk})" if wijk else owner.display_name


class AnswerForm(forms.Form):
    """The resident's yes or no to a signal joining her plan."""

    answer = forms.ChoiceField(choices=YES_NO)
