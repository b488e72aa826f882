from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation, User


class OrganisationForm(forms.ModelForm):
    """What an organisation admin may change. What kind of organisation it is and whether it
    may start plans is the platform's choice, not the organisation's."""

    class Meta:
        model = Organisation
        fields = ["name", "description", "wijken"]
        labels = {
            "name": _("Name"),
            "description": _("What your organisation does"),
            "wijken": _("Neighbourhoods you work in"),
        }
        help_texts = {"description": _("Residents and partners read this. Keep it short and plain.")}
        widgets = {"wijken": forms.CheckboxSelectMultiple}
        error_messages = {"name": {"unique": _("Another organisation already has this name.")}}


class StaffMemberForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person gets a link at this address to choose their own password."),
        error_messages={"invalid": _("This is not an email address. Check it, for example: name@example.org.")},
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, help_text=_("For example: debt counsellor."))

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this email address."), code="taken")
        return email
