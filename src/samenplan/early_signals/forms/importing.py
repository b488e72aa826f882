"""The partner's upload form: one CSV file; `services/importing.py` checks what is in it."""

from django import forms
from django.utils.translation import gettext_lazy as _

# A 10,000-row file is about 1.5 MB; this leaves room without letting anyone fill the disk.
MAX_FILE_BYTES = 10 * 1024 * 1024


class SignalUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file with signals"),
        help_text=_("Saved as “CSV UTF-8”, with the columns of the example file. At most 10 MB."),
        error_messages={
            "required": _("Choose the CSV file with your signals."),
            "empty": _("The file is empty. Choose the CSV file with your signals."),
            "invalid": _("No file was sent. Choose the CSV file with your signals."),
        },
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("This file is larger than 10 MB. Send it in parts of at most 10,000 rows."), code="too_large"
            )
        return upload
