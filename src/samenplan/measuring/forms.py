from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Instrument


class MeasurementForm(forms.Form):
    """One question per item, as a group of radio buttons (arrow keys move between the
    scores), each with a box to tick when the person wants to talk about it."""

    # Every question may be skipped; the introduction says so once instead of on each one.
    hide_optional = True

    def __init__(self, *args, instrument: Instrument, professional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.items = list(instrument.items.all())
        labels = {label.value: label for label in instrument.scale_labels.all()}
        choices = []
        for value in instrument.values:
            label = labels.get(value)
            choices.append((value, f"{value} – {label.text}" if label else str(value)))
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.TypedChoiceField(
                label=item.label if professional else item.question_text,
                help_text=item.help_text,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"talk_{item.pk}"] = forms.BooleanField(
                label=_("Worth discussing") if professional else _("I want to talk about this"),
                required=False,
            )

        self.fields["note"] = forms.CharField(
            label=_("Anything else you want to tell?"),
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=2000,
            required=False,
        )

    def item_rows(self):
        return [(item, self[f"item_{item.pk}"], self[f"talk_{item.pk}"]) for item in self.items]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"item_{item.pk}") not in (None, "") for item in self.items):
            raise forms.ValidationError(_("Choose an answer for at least one question."), code="empty")
        return cleaned

    def answers(self) -> dict[int, tuple[int, bool]]:
        result = {}
        for item in self.items:
            value = self.cleaned_data.get(f"item_{item.pk}")
            if value not in (None, ""):
                result[item.pk] = (value, bool(self.cleaned_data.get(f"talk_{item.pk}")))
        return result
