"""Forms of the buddy network, with messages in plain language."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation, Wijk
from samenplan.lib.forms import DateInput

from .models import NOTE_MAX_LENGTH, Availability, Interest, Language


def _choices(label, help_text="", required=True, choices=()):
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


class SignUpForm(forms.Form):
    """The public sign-up; a honeypot field only robots fill in."""

    organisation = forms.ModelChoiceField(
        label=_("Volunteer organisation"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.VOLUNTEER),
        empty_label=None,
        error_messages={"required": _("Choose the organisation you want to volunteer with.")},
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, error_messages={"required": _("Fill in your first name.")}
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, error_messages={"required": _("Fill in your last name.")}
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Once you are approved, you get an email to choose your password."),
        error_messages={
            "required": _("Fill in your email address."),
            "invalid": _("This is not an email address. Check it, for example name@example.nl."),
        },
    )
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    wijk = forms.ModelChoiceField(
        label=_("The wijk you live in"),
        queryset=Wijk.objects.public(),
        error_messages={"required": _("Choose the wijk you live in.")},
    )
    languages = _choices(_("Languages you speak"), choices=Language.choices)
    interests = _choices(_("What you like to do"), required=False, choices=Interest.choices)
    availability = _choices(_("When you have time"), choices=Availability.choices)
    about = forms.CharField(
        label=_("About you"),
        help_text=_("Optional. What would you like to do as a buddy?"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the volunteer organisation keeps these details to find a resident who fits me. "
            "They do not share them with others without asking me."
        ),
        error_messages={
            "required": _("Tick this box to sign up. Without your permission we may not keep your details.")
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].error_messages["required"] = _("Choose at least one language.")
        self.fields["availability"].error_messages["required"] = _("Choose when you have time.")
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def volunteer_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("first_name", "last_name", "email", "phone", "wijk", "languages", "interests", "availability")
        } | {"about": data["about"]}


class RequestForm(forms.Form):
    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Wijk.objects.public(),
        help_text=_("A buddy from the same wijk can drop by more easily."),
        error_messages={"required": _("Choose a wijk.")},
    )
    languages = _choices(_("Languages"), choices=Language.choices)
    interests = _choices(_("Things to do together"), required=False, choices=Interest.choices)
    availability = _choices(_("When"), required=False, choices=Availability.choices)
    note = forms.CharField(
        label=_("What kind of buddy"),
        help_text=_(
            "Optional. The volunteer coordinator reads this, with the first name, the wijk and the choices above. "
            "Nothing else of the plan."
        ),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].error_messages["required"] = _("Choose at least one language.")


class CheckInForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={"required": _("Fill in the date."), "invalid": _("This is not a date.")},
    )
    note = forms.CharField(
        label=_("How is it going?"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write down how it is going.")},
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future. A check-in is about what happened."))
        return value


class EndForm(forms.Form):
    end_reason = forms.CharField(
        label=_("Why does the match end?"),
        max_length=300,
        required=False,
        help_text=_("Optional."),
    )
