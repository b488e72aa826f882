from django import forms
from django.utils.translation import gettext_lazy as _

from . import twofactor


def _code_widget(*, digits_only: bool) -> forms.TextInput:
    attrs = {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off", "size": 12}
    if digits_only:
        attrs["inputmode"] = "numeric"
    return forms.TextInput(attrs=attrs)


class SetupConfirmForm(forms.Form):
    """The first code from the app, which proves it was set up right."""

    code = forms.CharField(
        label=_("The code in the app"),
        help_text=_("6 digits. The app shows a new code every 30 seconds."),
        max_length=20,
        widget=_code_widget(digits_only=True),
        error_messages={"required": _("Type the 6 digits that the app shows.")},
    )

    def clean_code(self):
        code = twofactor.normalise(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("A code has 6 digits, for example 123456. Type the digits the app shows."))
        return code


class CodeForm(forms.Form):
    """The second step of logging in: a code from the app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6 digits in the app on your phone. No phone at hand? Type one of your recovery codes."),
        max_length=40,
        widget=_code_widget(digits_only=False),
        error_messages={"required": _("Type the 6 digits that the app shows.")},
    )

    def clean_code(self):
        code = twofactor.normalise(self.cleaned_data["code"])
        if code.isdigit() and len(code) != 6:
            raise forms.ValidationError(_("A code has 6 digits, for example 123456. Type the digits the app shows."))
        return code


class RemoveForm(forms.Form):
    """Turning the codes off asks for the password once more."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Capital letters matter."))
        return password
