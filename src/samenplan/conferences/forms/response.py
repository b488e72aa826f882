from django import forms
from django.utils.translation import gettext_lazy as _


class ResponseForm(forms.Form):
    """The resident's answer to "Wat we hebben afgesproken": it is right, or a comment."""

    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Is something missing or not right? Write it here."),
    )
