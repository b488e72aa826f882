from django import forms
from django.utils.translation import gettext_lazy as _


class ResponseForm(forms.Form):
    """The resident's answer to "Wat we hebben afgesproken": it is right, or a comment.
    `confirmed`: she pressed "Ja, dit klopt"; otherwise she wants to say something, so the
    comment is needed."""

    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Is something missing or not right? Write it here."),
    )

    def __init__(self, *args, confirmed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirmed = confirmed

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not self.confirmed and not comment:
            raise forms.ValidationError(_("Write what you want to say."), code="required")
        return comment
