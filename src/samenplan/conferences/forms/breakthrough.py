"""Filing a breakthrough request (two steps: the request, then its anonymous copy) and the
breakthrough officer's decision."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.pii import findings
from samenplan.measuring.models import LifeDomain

from ..models import BreakthroughRequest, ObstacleRecord, Theme


def _euros(label, help_text):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Fill in an amount in whole euros. Write 0 if there are no costs."),
            "invalid": _("Write the amount in whole euros, without cents or a euro sign, like 1500."),
            "min_value": _("The amount cannot be below 0."),
            "max_value": _("This amount is too high. Write it in whole euros, like 1500."),
        },
    )


class ThemeCheckboxes(forms.CheckboxSelectMultiple):
    """The error summary links to the first checkbox (Django gives the group no id to link to)."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Shown as required: at least one theme is needed, but it may be a new one (the form
    checks that), so an empty choice is not an error here."""

    def clean(self, value):
        if not value:
            return self.queryset.none()
        return super().clean(value)


class BreakthroughForm(forms.Form):
    """Step 1: what blocks the best solution, the solution, both costs and the resident's own words."""

    obstacle = forms.CharField(
        label=_("What rule or budget blocks the best solution?"),
        help_text=_("Name the rule or the budget and what it prevents."),
        max_length=BreakthroughRequest._meta.get_field("obstacle").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what rule or budget blocks the best solution.")},
    )
    solution = forms.CharField(
        label=_("What is the best solution?"),
        max_length=BreakthroughRequest._meta.get_field("solution").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what the best solution is.")},
    )
    cost_solution = _euros(_("What does the solution cost (euro)?"), _("In whole euros, like 1500."))
    cost_nothing = _euros(
        _("What does doing nothing cost (euro)?"),
        _("For example eviction, shelter or debts that keep growing. In whole euros."),
    )
    cost_note = forms.CharField(
        label=_("How did you estimate these costs?"),
        required=False,
        max_length=BreakthroughRequest._meta.get_field("cost_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resident_words = forms.CharField(
        required=False,
        max_length=BreakthroughRequest._meta.get_field("resident_words").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    domain = forms.ModelChoiceField(
        label=_("Life domain"),
        queryset=LifeDomain.objects.all(),
        required=False,
        empty_label=_("No life domain"),
    )
    themes = ThemeChoiceField(
        label=_("Themes"),
        help_text=_("What kind of obstacle is this? The municipality uses this to see what keeps coming back."),
        queryset=Theme.objects.all(),
        widget=ThemeCheckboxes,
    )
    new_theme = forms.CharField(
        label=_("New theme"),
        help_text=_("Only if none of the themes above fits."),
        required=False,
        max_length=Theme._meta.get_field("name").max_length,
    )
    # The same request submitted twice (a double click, the back button) is filed once.
    submit_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owner_name: str, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submit_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["resident_words"].label = _("What %(name)s says about it themselves") % {"name": owner_name}
        self.fields["resident_words"].help_text = _(
            "In %(name)s's own words: written by %(name)s, or taken down as %(name)s said it."
        ) % {"name": owner_name}
        self.fields["domain"].label_from_instance = lambda domain: domain.localized("name")
        if not self.fields["themes"].queryset.exists():
            self.fields["themes"].help_text = _("There are no themes yet. Write a new theme below.")

    def clean_new_theme(self):
        return " ".join(self.cleaned_data["new_theme"].split())

    def clean(self):
        data = super().clean()
        if not data.get("themes") and not data.get("new_theme") and "themes" not in self.errors:
            self.add_error("themes", _("Choose at least one theme, or write a new theme."))
        return data


class AnonymousCopyForm(BreakthroughForm):
    """Step 2: the anonymous copy of what blocks and the solution, checked for personal data.
    Everything of step 1 comes along in hidden fields."""

    anonymous_obstacle = forms.CharField(
        label=_("What blocks the best solution (anonymous)"),
        max_length=ObstacleRecord._meta.get_field("obstacle").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what blocks the best solution, without names.")},
    )
    anonymous_solution = forms.CharField(
        label=_("The best solution (anonymous)"),
        max_length=ObstacleRecord._meta.get_field("solution").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the best solution, without names.")},
    )

    def __init__(self, *args, names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.names = list(names)

    def _check(self, field: str) -> str:
        text = self.cleaned_data[field]
        found = findings(text, names=self.names)
        if found:
            raise forms.ValidationError(
                _(
                    "This still contains something personal: %(found)s. Remove it or replace it with a word like "
                    "“[name]”."
                ),
                params={"found": ", ".join(f"“{f.text}”" for f in found)},
                code="personal",
            )
        return text

    def clean_anonymous_obstacle(self):
        return self._check("anonymous_obstacle")

    def clean_anonymous_solution(self):
        return self._check("anonymous_solution")


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class GrantForm(DecisionForm):
    note = forms.CharField(
        label=_("What is granted?"),
        help_text=_("The coordinator and the resident read this. Say plainly what may happen now."),
        max_length=BreakthroughRequest._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what is granted.")},
    )


class RefuseForm(DecisionForm):
    note = forms.CharField(
        label=_("Why is it refused?"),
        help_text=_("The coordinator and the resident read this. Say it kindly and plainly."),
        max_length=BreakthroughRequest._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write why the request is refused.")},
    )
