from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username or email address")
        self.fields["password"].label = _("Password")
        self.error_messages["invalid_login"] = _(
            "That username or password is not right. Check them and try again. Capital letters matter in the password."
        )
        self.error_messages["inactive"] = _("This account is blocked. Contact your coordinator.")


class ActivationForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Choose a password")
        self.fields["new_password2"].label = _("Type the same password again")
        self.fields["new_password1"].help_text = _(
            "At least 10 characters. Use a few words that you remember easily, for example: blue bike in the rain."
        )
        self.fields["new_password1"].widget = forms.PasswordInput(attrs={"autocomplete": "new-password"})
