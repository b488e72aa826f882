from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.lib.forms import DateInput, not_in_past
from samenplan.sharing.policy import MYSTERY_GUEST_ROLES

from .models import MysteryGuest, Report, Touchpoint

NOT_A_DATE = _("This is not a date. For example: 14-3-2027.")
REQUIRED_CHOICE = {"required": _("Choose one of the answers.")}
REACHED = [("yes", _("Yes")), ("no", _("No")), ("", _("Did not try"))]


class TouchpointForm(forms.ModelForm):
    class Meta:
        model = Touchpoint
        fields = ["organisation", "kind", "name", "description"]
        labels = {
            "organisation": _("Organisation"),
            "kind": _("Kind of touchpoint"),
            "name": _("Name"),
            "description": _("Description"),
        }
        help_texts = {
            "name": _("For example: the invitation letter for the first conversation."),
            "description": _("What a guest should know to try it out: where, when, how."),
        }
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Fill in a name.")},
            "kind": {"required": _("Choose what kind of touchpoint it is.")},
            "organisation": {"required": _("Choose an organisation.")},
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("Choose an organisation")
        choices = list(organisations)
        if len(choices) == 1:
            # An organisation admin lists their own organisation's touchpoints only.
            self.fields["organisation"].initial = choices[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()


class GuestForm(forms.Form):
    account = forms.CharField(
        label=_("Username or email address"),
        max_length=254,
        help_text=_("The person must already have an account in Samenplan."),
        error_messages={"required": _("Fill in a username or an email address.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of guest"),
        choices=MysteryGuest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=REQUIRED_CHOICE,
    )

    def clean_account(self):
        value = self.cleaned_data["account"].strip()
        account = (
            User.objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)
            .filter(role__in=MYSTERY_GUEST_ROLES)
            .first()
        )
        if account is None:
            raise forms.ValidationError(
                _(
                    "There is no active account of a professional, resident or network member "
                    "with this name or address."
                ),
                code="unknown",
            )
        return account


def _score_field(label, help_text):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=Report.Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=REQUIRED_CHOICE,
    )


def _reached_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=REACHED,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )


class ReportForm(forms.Form):
    """A guest's report. The fields follow the four themes of the findings."""

    touchpoint = forms.ModelChoiceField(
        label=_("What did you try out?"),
        queryset=Touchpoint.objects.none(),
        empty_label=_("Choose a touchpoint"),
        error_messages={"required": _("Choose what you tried out.")},
    )
    visited_on = forms.DateField(
        label=_("When?"),
        widget=DateInput,
        error_messages={"required": _("Fill in the date."), "invalid": NOT_A_DATE},
    )
    clear = _score_field(_("Was it clear?"), _("Plain language, easy to understand what to do."))
    respectful = _score_field(_("Was it respectful?"), _("Did you feel taken seriously?"))
    reachable = _score_field(_("Was it easy to reach?"), _("By phone, by email, at the desk."))
    accessible = _score_field(_("Was it accessible?"), _("Also with a disability, little money or little Dutch."))
    reachable_by_phone = _reached_field(_("Could you reach them by phone?"))
    reachable_by_email = _reached_field(_("Could you reach them by email?"))
    waiting_minutes = forms.IntegerField(
        label=_("Waiting time in minutes"),
        required=False,
        min_value=0,
        max_value=10000,
        error_messages={
            "invalid": _("Fill in a whole number of minutes, for example 15."),
            "min_value": _("Fill in 0 or more minutes."),
            "max_value": _("Fill in at most 10000 minutes."),
        },
    )
    felt_wrong = forms.CharField(
        label=_("What felt wrong?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    suggestions = forms.CharField(
        label=_("What could be better?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    letter_text = forms.CharField(
        label=_("The text of the letter"),
        help_text=_(
            "Did you try out a letter? Paste its text here. Remove names yourself first. "
            "Samenplan also removes addresses, numbers and dates of birth, and shows you the result."
        ),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, touchpoints, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["touchpoint"].queryset = touchpoints
        self.fields["touchpoint"].label_from_instance = lambda t: (
            f"{t.organisation.name}: {t.name} ({t.get_kind_display()})"
        )

    def clean_visited_on(self):
        visited_on = self.cleaned_data["visited_on"]
        if visited_on > timezone.localdate():
            message = _("This date is in the future. Choose today or an earlier date.")
            raise forms.ValidationError(message, code="future")
        return visited_on

    def report_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("touchpoint")
        return data


class ResponseForm(forms.Form):
    action = forms.CharField(
        label=_("What will your organisation do?"),
        help_text=_("Write what you change, so the guest and the programme can follow it."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what your organisation will do.")},
    )
    due_on = forms.DateField(
        label=_("Done by"),
        widget=DateInput,
        validators=[not_in_past],
        error_messages={"required": _("Fill in a date."), "invalid": NOT_A_DATE},
    )
