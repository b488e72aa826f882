from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AgendaItem


class AgendaForm(forms.Form):
    """One agenda point, added from the conference page."""

    text = forms.CharField(
        label=_("Add an agenda point"),
        max_length=AgendaItem._meta.get_field("text").max_length,
        help_text=_("What do you want to talk about? One point at a time."),
    )
