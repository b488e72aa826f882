"""The programme's forms: a progress update, asking to join, proposing an action, the
coordinator's decision and the figures linked to a goal. Messages in plain words."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Action


class Checkboxes(forms.CheckboxSelectMultiple):
    """The error summary links to the first checkbox (Django gives the group no id)."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class UpdateForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Fill in the date of this update."),
            "invalid": _("Write the date like 15-03-2026."),
        },
    )
    text = forms.CharField(
        label=_("What happened"),
        help_text=_("What was done, and what comes next. Do not write about individual residents."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what happened.")},
    )
    status = forms.ChoiceField(label=_("Status of the action"), choices=Action.Status.choices, required=False)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class JoinForm(forms.Form):
    description = forms.CharField(
        label=_("What can your organisation add?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProposeForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=None,
        required=False,
        empty_label=_("I do not know yet"),
    )
    title = forms.CharField(
        label=_("Name of the action"),
        max_length=200,
        error_messages={"required": _("Give the action a short name.")},
    )
    description = forms.CharField(
        label=_("What do you want to do, and with whom?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the action in a few sentences.")},
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose accept or decline.")},
    )
    goal = forms.TypedChoiceField(label=_("Goal of the new action"), coerce=int, required=False, empty_value=None)
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The organisation sees this. Needed when you decline."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, join_request, goals, **kwargs):
        """`goals`: a list, read once for every form on the page."""
        kwargs.setdefault("prefix", f"r{join_request.pk}")
        super().__init__(*args, **kwargs)
        self.join_request = join_request
        self.goals = {goal.pk: goal for goal in goals}
        self.fields["goal"].choices = [("", "---------")] + [(goal.pk, str(goal)) for goal in goals]
        self.fields["goal"].initial = join_request.goal_id
        if join_request.kind != "new":
            del self.fields["goal"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Write why you decline. The organisation sees this."))
        if "goal" in self.fields:
            data["goal"] = self.goals.get(data.get("goal"))
            if data.get("decision") == "accept" and data["goal"] is None:
                self.add_error("goal", _("Choose the goal this action belongs to."))
        return data


class GoalFiguresForm(forms.Form):
    measures = forms.MultipleChoiceField(
        label=_("Figures that measure this goal"), choices=(), required=False, widget=Checkboxes
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = choices
