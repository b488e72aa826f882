from django import forms
from django.utils.translation import gettext_lazy as _


class ThreadForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    participants = forms.MultipleChoiceField(
        label=_("With whom?"),
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, people, owner, for_owner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The resident always reads along; told to her as "you", to others by her first name.
        self.fields["participants"].help_text = (
            _("Only the people you choose read this conversation, and you.")
            if for_owner
            else _("Only the people you choose read this conversation, and %(name)s.") % {"name": owner.first_name}
        )
        self.fields["participants"].choices = [(str(user.pk), user.display_name) for user in people]


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
