from django import forms
from django.utils.translation import gettext_lazy as _


class ThreadForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    participants = forms.MultipleChoiceField(
        label=_("With whom?"),
        help_text=_("Only the people you choose read this conversation, and the resident."),
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(str(user.pk), user.display_name) for user in people]


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
