"""The receiving organisation's answers to a referral. Each form carries the version of the
referral the page showed, so two colleagues answering at once cannot both win."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Referral


class ReferralAnswerForm(forms.Form):
    """Accept, or start: nothing to fill in but the version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReferralRejectForm(ReferralAnswerForm):
    reason = forms.CharField(
        label=_("Why can you not take this on?"),
        help_text=_("The resident and the person who sent it read this. Say it kindly and plainly."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why you cannot take this on.")},
    )
    suggested_service = forms.TypedChoiceField(
        label=_("Could another service help?"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The services come from the selector, loaded once with their organisation.
        self.services = {service.pk: service for service in services}
        self.fields["suggested_service"].choices = [("", _("No suggestion"))] + [
            (service.pk, f"{service.name} ({service.organisation.name})") for service in services
        ]

    def clean_suggested_service(self):
        pk = self.cleaned_data["suggested_service"]
        return self.services.get(pk) if pk is not None else None


class ReferralCompleteForm(ReferralAnswerForm):
    outcome = forms.ChoiceField(
        label=_("How did it go?"),
        choices=Referral.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it went.")},
    )
    note = forms.CharField(
        label=_("What came of it"),
        help_text=_("The resident and the person who sent it read this."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReferralFailForm(ReferralAnswerForm):
    reason = forms.CharField(
        label=_("Why could it not go ahead?"),
        help_text=_("For example: we could not reach them. The resident and the person who sent it read this."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why it could not go ahead.")},
    )
