"""The organisation admin's form to add a connection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scope


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the connection"),
        help_text=_("For example the name of the system that connects, like “Case system”."),
        max_length=100,
        error_messages={"required": _("Give the connection a name.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may this system do?"),
        help_text=_("Choose only what the system needs."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing the system may do.")},
    )

    def __init__(self, *args, scopes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # Only the scopes the policy lets this organisation give.
        self.fields["scopes"].choices = [(value, label) for value, label in Scope.choices if value in scopes]
