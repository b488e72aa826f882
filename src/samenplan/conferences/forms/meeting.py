from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput, not_in_past
from samenplan.plans.models import Agreement, Goal

from ..models import MinutesVersion
from ..selectors.meeting import Assignee


class MinutesForm(forms.Form):
    """The whole minutes, with the version the writer started from."""

    text = forms.CharField(
        label=_("Minutes"),
        max_length=MinutesVersion._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("What was said and why. The decisions go in separately, each with who and by when."),
        error_messages={"required": _("Write the minutes before you save.")},
    )
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DecisionForm(forms.Form):
    """A decision of the conference: what, who, by when, and (for who sees goals) a goal."""

    what = forms.CharField(
        label=_("What will be done?"),
        max_length=Agreement._meta.get_field("what").max_length,
        error_messages={"required": _("Write what will be done.")},
    )
    who = forms.ChoiceField(
        label=_("Who does it?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who does it."),
            "invalid_choice": _("Choose who does it."),
        },
    )
    due_date = forms.DateField(
        label=_("By when?"),
        widget=DateInput(),
        validators=[not_in_past],
        error_messages={
            "required": _("Choose the date by which it is done."),
            "invalid": _("Enter a date, for example 15-06-2026."),
        },
    )
    goal = forms.ModelChoiceField(
        label=_("For goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Not for one goal"),
    )

    def __init__(self, *args, assignees: list[Assignee], goals: list[Goal] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignees = {person.key: person for person in assignees}
        self.fields["who"].choices = [(person.key, person.label) for person in assignees]
        if goals is None:
            # Someone who may not see the goals does not see their texts in a list either.
            del self.fields["goal"]
        else:
            self.fields["goal"].queryset = Goal.objects.filter(pk__in=[goal.pk for goal in goals])
            self.fields["goal"].label_from_instance = lambda goal: goal.text
            if not goals:
                del self.fields["goal"]

    def clean_who(self) -> Assignee:
        return self.assignees[self.cleaned_data["who"]]
