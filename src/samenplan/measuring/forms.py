from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Instrument, InstrumentItem


class MeasurementForm(forms.Form):
    """One question per item, as a group of radio buttons (arrow keys move between the
    scores), each with a box to tick when the person wants to talk about it. The step-by-step
    self-assessment uses the same form for the items of one step (`items`), without the note."""

    # Every question may be skipped; the introduction says so once instead of on each one.
    hide_optional = True

    def __init__(
        self,
        *args,
        instrument: Instrument,
        professional: bool = False,
        items: list[InstrumentItem] | None = None,
        with_note: bool = True,
        yes_no: bool = True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        # Yes/no questions are answered yes or no, except by a professional (who judges how
        # serious it is) and in the whole form posted at once, which takes scores.
        self.yes_no = yes_no and not professional
        self.professional = professional
        self.with_note = with_note
        self.items = list(instrument.items.all()) if items is None else items
        self.scale = {label.value: label for label in instrument.scale_labels.all()}
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.TypedChoiceField(
                label=item.label if professional else item.question_text,
                help_text=item.help_text,
                choices=self.choices(item),
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"talk_{item.pk}"] = forms.BooleanField(
                label=_("Worth discussing") if professional else _("I want to talk about this"),
                required=False,
            )
        if with_note:
            self.fields["note"] = forms.CharField(
                label=_("Anything else you want to tell?"),
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=2000,
                required=False,
            )

    def choices(self, item: InstrumentItem) -> list[tuple[int, str]]:
        if item.is_yes_no and self.yes_no:
            return [(item.yes_value, _("Yes")), (item.no_value, _("No"))]
        choices = []
        for value in self.instrument.values:
            label = self.scale.get(value)
            choices.append((value, f"{value} – {label.text}" if label else str(value)))
        return choices

    def item_rows(self):
        return [(item, self[f"item_{item.pk}"], self[f"talk_{item.pk}"]) for item in self.items]

    def options(self, item: InstrumentItem):
        """The radio buttons of one question, each with the scale's explanation of its score
        (none for yes and no: the words say it all)."""
        field = self[f"item_{item.pk}"]
        explain = not (item.is_yes_no and self.yes_no)
        return [
            (
                option,
                self.scale[option.data["value"]].explanation if explain and option.data["value"] in self.scale else "",
            )
            for option in field
        ]

    def clean(self):
        cleaned = super().clean()
        # Filling in step by step, a step may be skipped; the whole form needs one answer.
        if self.with_note and not any(cleaned.get(f"item_{item.pk}") not in (None, "") for item in self.items):
            raise forms.ValidationError(_("Choose an answer for at least one question."), code="empty")
        return cleaned

    def answers(self) -> dict[int, tuple[int, bool]]:
        result = {}
        for item in self.items:
            value = self.cleaned_data.get(f"item_{item.pk}")
            if value not in (None, ""):
                result[item.pk] = (value, bool(self.cleaned_data.get(f"talk_{item.pk}")))
        return result


class FinishForm(forms.Form):
    """The last step of the self-assessment: anything to add, then done."""

    hide_optional = True

    note = forms.CharField(
        label=_("Anything else you want to tell?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
