from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from django.utils.translation import gettext_lazy as _

from .models import User
from .services import username_make


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username or email address")
        self.fields["password"].label = _("Password")
        self.error_messages["invalid_login"] = _(
            "That username or password is not right. Check them and try again. Capital letters matter in the password."
        )
        self.error_messages["inactive"] = _("This account is blocked. Contact your coordinator.")


class FirstPasswordFieldMixin:
    """What is wrong with a new password is said under the field where it was chosen, not
    under the confirmation (Django's default); only "not the same twice" goes there."""

    validated_field = "new_password1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A copy: the class's dict is shared with Django's own forms.
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("The two passwords are not the same. Type the same password in both fields."),
        }

    def validate_password_for_user(self, user, password_field_name=None, **kwargs):
        super().validate_password_for_user(user, self.validated_field)


class ActivationForm(FirstPasswordFieldMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Choose a password")
        self.fields["new_password2"].label = _("Type the same password again")
        self.fields["new_password1"].help_text = _(
            "At least 10 characters. Use a few words that you remember easily, for example: blue bike in the rain."
        )
        self.fields["new_password1"].widget = forms.PasswordInput(attrs={"autocomplete": "new-password"})


class OwnPasswordForm(ActivationForm, PasswordChangeForm):
    """Change one's own password: the current one first, then the new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        self.fields["new_password1"].label = _("Choose a new password")
        self.fields["new_password2"].label = _("Type the new password again")
        self.error_messages["password_incorrect"] = _("That is not your current password. Try again.")


class InvitedAccountForm(FirstPasswordFieldMixin, SetPasswordMixin, forms.Form):
    """A personal account for someone a resident invited (family, friends, neighbours)."""

    validated_field = "password1"

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Choose a password"), label2=_("Type the same password again")
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password1"].help_text = _(
            "At least 10 characters. Use a few words that you remember easily, for example: blue bike in the rain."
        )

    def clean(self):
        cleaned = super().clean()
        if User.objects.filter(email__iexact=self.email).exists():
            raise forms.ValidationError(
                _("There is already an account with this email address. Log in to accept the invitation."),
                code="taken",
            )
        self.validate_passwords()
        self.validate_password_for_user(self._user())
        return cleaned

    def _user(self) -> User:
        return User(
            username=username_make(
                first_name=self.cleaned_data.get("first_name", ""), last_name=self.cleaned_data.get("last_name", "")
            ),
            email=self.email,
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
            role=User.Role.NETWORK,
        )

    def save(self) -> User:
        return self.set_password_and_save(self._user())


class PasswordForgottenForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Your email address")
        self.fields["email"].help_text = _("We send a link to choose a new password to this address.")
