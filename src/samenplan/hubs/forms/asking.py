"""The question form, on a hub's public page (without an account) and at the walk-in desk
(a wijk team member types it with the resident present)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Wijk
from samenplan.measuring.models import LifeDomain

from ..models import QUESTION_MAX_LENGTH, Question

# Digits with the usual separators: "06 12345678", "+31 6 1234 5678", "(040) 123-45-67".
PHONE_RE = re.compile(r"^\+?[\d\s().-]+$")
PHONE_MIN_DIGITS = 9

# Which contact detail each way of being reached needs.
NEEDED_FOR = {
    Question.Channel.PHONE: "phone",
    Question.Channel.EMAIL: "email",
    Question.Channel.VISIT: "address",
}

# The same form speaks to the asker online and about the resident at the desk.
WORDS = {
    "public": {
        "text": _("Your question"),
        "text_help": _("In your own words. What is going on, and what would help you?"),
        "text_required": _("Write down your question."),
        "channel": _("How can we reach you?"),
        "channel_required": _("Choose how we can reach you."),
        "name": _("Your name"),
        "name_help": _("So we know who we talk to."),
        "phone_help": _("Needed if we may call you."),
        "email_help": _("Needed if we may email you."),
        "address_help": _("Street, house number and town. Needed if we may visit you."),
        "phone_missing": _("Fill in your phone number, or choose another way to reach you."),
        "email_missing": _("Fill in your email address, or choose another way to reach you."),
        "address_missing": _("Fill in your address, or choose another way to reach you."),
        "consent": _(
            "I agree that the wijk team keeps my question and my contact details to help me. "
            "They do not share them with others without asking me."
        ),
        "consent_required": _("Tick this box to send your question. Without your permission we may not keep it."),
    },
    "desk": {
        "text": _("The question"),
        "text_help": _("In the resident's own words."),
        "text_required": _("Write down the question."),
        "channel": _("How does the wijk team reach the resident?"),
        "channel_required": _("Choose how the wijk team reaches the resident."),
        "name": _("The resident's name"),
        "name_help": _("Empty if the resident does not want to give it."),
        "phone_help": _("Needed for “Call me”."),
        "email_help": _("Needed for “Email me”."),
        "address_help": _("Street, house number and town. Needed for a home visit."),
        "phone_missing": _("Fill in the phone number, or choose another way to reach the resident."),
        "email_missing": _("Fill in the email address, or choose another way to reach the resident."),
        "address_missing": _("Fill in the address, or choose another way to reach the resident."),
        "consent": _(
            "The resident agreed that the wijk team keeps this question and these contact details to help "
            "them, and does not share them with others without asking."
        ),
        "consent_required": _("Ask the resident first. Without their permission the question may not be kept."),
    },
}


class DomainCheckboxes(forms.CheckboxSelectMultiple):
    """Life domains in the resident's words, each with its short explanation."""

    option_template_name = "hubs/widgets/domain_option.html"


class QuestionForm(forms.Form):
    """Pass `desk_wijken` (the wijken of the member's team) for the walk-in desk; without it
    this is the public form, with a honeypot field that only robots fill in."""

    wijk = forms.ModelChoiceField(
        label=_("Which wijk does the resident live in?"),
        queryset=Wijk.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the resident's wijk."),
            "invalid_choice": _("Choose one of the wijken in the list."),
        },
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("What is it about?"),
        help_text=_("Tick what fits. Not sure? Then tick nothing."),
        queryset=LifeDomain.objects.all(),
        required=False,
        widget=DomainCheckboxes,
    )
    text = forms.CharField(max_length=QUESTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))
    channel = forms.ChoiceField(choices=Question.Channel.choices, widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("This is not an email address. Check it, for example name@example.nl.")},
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    name = forms.CharField(max_length=150, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    consent = forms.BooleanField()
    # The honeypot: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, data=None, *, desk_wijken=None):
        super().__init__(data)
        self.is_desk = desk_wijken is not None
        self.words = words = WORDS["desk" if self.is_desk else "public"]
        fields = self.fields
        fields["domains"].label_from_instance = lambda domain: domain.label
        fields["text"].label = words["text"]
        fields["text"].help_text = words["text_help"]
        fields["text"].error_messages["required"] = words["text_required"]
        fields["channel"].label = words["channel"]
        fields["channel"].error_messages["required"] = words["channel_required"]
        fields["name"].label = words["name"]
        fields["name"].help_text = words["name_help"]
        for field in NEEDED_FOR.values():
            fields[field].help_text = words[f"{field}_help"]
        fields["consent"].label = words["consent"]
        fields["consent"].error_messages["required"] = words["consent_required"]
        if self.is_desk:
            del fields["website"]
            wijken = list(desk_wijken)
            if len(wijken) > 1:
                fields["wijk"].queryset = Wijk.objects.filter(pk__in=[wijk.pk for wijk in wijken])
            else:
                # One wijk: nothing to choose.
                del fields["wijk"]
                self.only_wijk = wijken[0] if wijken else None
        else:
            del fields["wijk"]

    @property
    def is_spam(self) -> bool:
        """A robot filled in the field people never see."""
        return bool(self.cleaned_data.get("website"))

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and (not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < PHONE_MIN_DIGITS):
            raise forms.ValidationError(
                _("This is not a phone number. Use digits, for example 06 12345678."), code="invalid"
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        needed = NEEDED_FOR.get(cleaned.get("channel"))
        if needed and not cleaned.get(needed) and needed not in self.errors:
            self.add_error(needed, forms.ValidationError(self.words[f"{needed}_missing"], code="required"))
        return cleaned

    def chosen_wijk(self) -> Wijk | None:
        """At the desk: the wijk chosen, or the team's only wijk."""
        if "wijk" in self.fields:
            return self.cleaned_data.get("wijk")
        return getattr(self, "only_wijk", None)

    def question_fields(self) -> dict:
        """What `services.question_create` needs from the form (all but the wijk)."""
        data = self.cleaned_data
        return {
            "domains": list(data["domains"]),
            "text": data["text"],
            "name": data["name"],
            "channel": data["channel"],
            "phone": data["phone"],
            "email": data["email"],
            "address": data["address"],
        }
