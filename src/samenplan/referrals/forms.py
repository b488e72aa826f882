"""Forms of the plan's side of a referral: proposing one and the resident's consent. (The
receiving organisation's forms are in `forms_inbox.py`.)"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput, not_in_past
from samenplan.sharing.parts import Part, part_label

from .models import Referral

# Conversations are between their participants: a receiving organisation never reads them
# through a referral (`services.referral_consent` refuses it too).
CONSENTABLE_PARTS = [part for part in Part if part != Part.CONVERSATIONS]


class ReferralProposeForm(forms.Form):
    question = forms.CharField(
        label=_("What is the question?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Which goals does it help with?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgent = forms.BooleanField(label=_("It is urgent"), required=False)
    # Made when the form is drawn: the same form submitted twice makes one referral.
    submit_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, goals=None, owner_name: str | None = None):
        super().__init__(data, initial={"submit_token": uuid.uuid4()})
        if owner_name is None:
            self.fields["question"].help_text = _("Write it in your own words: what do you need help with?")
        else:
            self.fields["question"].help_text = _(
                "Write it in %(name)s's own words: what does %(name)s need help with?"
            ) % {"name": owner_name}
        if goals is None:
            del self.fields["goals"]
        else:
            self.fields["goals"].queryset = goals
            self.fields["goals"].label_from_instance = lambda goal: goal.text
            if not goals.exists():
                del self.fields["goals"]

    @property
    def priority(self) -> str:
        return Referral.Priority.URGENT if self.cleaned_data["urgent"] else Referral.Priority.ROUTINE


class ReferralConsentForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("What may they see besides the question?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing and they see only the question. That is the default."),
    )
    until = forms.DateField(
        label=_("Until when?"),
        required=False,
        widget=DateInput,
        validators=[not_in_past],
        help_text=_("Empty: until the help ends."),
    )
    contact_channel = forms.ChoiceField(
        label=_("How may they contact you?"),
        choices=Referral.Channel.choices,
        initial=Referral.Channel.PHONE,
        widget=forms.RadioSelect,
    )
    no_phone = forms.BooleanField(label=_("Do not call me"), required=False)
    contact_detail = forms.CharField(
        label=_("Where can they reach you?"),
        max_length=150,
        required=False,
        help_text=_("A phone number, email address or address. Empty: they ask your coordinator."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, *, owner_name: str | None, version: int, organisation: str, contact_detail: str = ""):
        super().__init__(data, initial={"version": version, "contact_detail": contact_detail})
        self.fields["parts"].choices = [
            (part.value, part_label(part, owner_name=owner_name)) for part in CONSENTABLE_PARTS
        ]
        self.fields["parts"].label = _("What may %(organisation)s see besides the question?") % {
            "organisation": organisation
        }
        if owner_name is not None:
            self.fields["contact_channel"].label = _("How may they contact %(name)s?") % {"name": owner_name}
            self.fields["no_phone"].label = _("Do not call %(name)s") % {"name": owner_name}
            self.fields["contact_detail"].label = _("Where can they reach %(name)s?") % {"name": owner_name}
            self.fields["contact_detail"].help_text = _(
                "A phone number, email address or address. Empty: they ask %(name)s's coordinator."
            ) % {"name": owner_name}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("no_phone") and cleaned.get("contact_channel") == Referral.Channel.PHONE:
            self.add_error(
                "contact_channel",
                _("You chose “By phone” and also “Do not call”. Choose another way to be contacted."),
            )
        return cleaned


class ReferralActionForm(forms.Form):
    """A button on the referral's page (stop, extend): it names the version it saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
