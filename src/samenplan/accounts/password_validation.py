"""Django's password rules with our own words. Django's Dutch catalogue lags behind its
English messages (a too-short password was shown in English) and speaks formally ("uw");
these subclasses keep Django's checks and say what is wrong, and what to do, in plain
language that our own catalogue translates."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Your password is too short. Use at least %(min_length)d character.",
            "Your password is too short. Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Use at least %(min_length)d character.", "Use at least %(min_length)d characters.", self.min_length
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        # Django fills in the field's name ("achternaam").
        return _("Your password looks too much like your %(verbose_name)s. Choose something else.")

    def get_help_text(self):
        return _("Do not use your name, username or email address.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Many people use this password, so it is easy to guess. Choose another one.")

    def get_help_text(self):
        return _("Do not use a password that many people use.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Your password has only numbers. Add letters or words.")

    def get_help_text(self):
        return _("Do not use only numbers.")
