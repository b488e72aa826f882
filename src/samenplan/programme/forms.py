"""The programme's forms: a progress update, asking to join, proposing an action, the
coordinator's decision and the figures linked to a goal. Messages in plain words."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Action, Theme


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


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the programme"),
        max_length=150,
        error_messages={"required": _("Give the programme a name.")},
    )
    description = forms.CharField(
        label=_("What the programme is about"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GoalForm(forms.Form):
    number = forms.IntegerField(
        label=_("Goal number"),
        min_value=1,
        max_value=999,
        error_messages={
            "required": _("Give the goal a number."),
            "invalid": _("The number must be a whole number, like 3."),
            "min_value": _("The number must be 1 or more."),
            "max_value": _("The number must be 999 or less."),
        },
    )
    title = forms.CharField(
        label=_("Goal"), max_length=200, error_messages={"required": _("Write the goal in a few words.")}
    )
    description = forms.CharField(
        label=_("Explanation"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.MultipleChoiceField(
        label=_("Brede Welvaart themes"),
        help_text=_("Choose every theme this goal works on."),
        choices=Theme.choices,
        widget=Checkboxes,
        error_messages={"required": _("Choose at least one theme.")},
    )

    def __init__(self, *args, programme, goal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.goal = goal

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = self.programme.goals.filter(number=number)
        if self.goal is not None:
            taken = taken.exclude(pk=self.goal.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Goal %(number)s already exists. Choose another number.") % {"number": number}
            )
        return number


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the action"),
        max_length=200,
        error_messages={"required": _("Give the action a short name.")},
    )
    description = forms.CharField(
        label=_("What the action does"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"),
        help_text=_("The organisation that leads the action."),
        queryset=None,
        error_messages={
            "required": _("Choose the organisation that leads the action."),
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.organisation.name})"


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        error_messages={
            "required": _("Choose the organisation that joins the work group."),
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    person = PersonChoiceField(
        label=_("Person"),
        help_text=_("Someone with an account at that organisation. Leave empty to add only the organisation."),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    role = forms.CharField(label=_("Role in the work group"), max_length=100, required=False)

    def __init__(self, *args, action, organisations, people, **kwargs):
        kwargs.setdefault("prefix", "member")
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["organisation"].queryset = organisations
        self.fields["person"].queryset = people

    def clean(self):
        data = super().clean()
        organisation, person = data.get("organisation"), data.get("person")
        if organisation is None:
            return data
        if person is not None:
            if person.organisation_id != organisation.pk:
                self.add_error("person", _("This person does not work at the organisation you chose."))
            elif self.action.work_group.filter(user=person).exists():
                self.add_error("person", _("This person is already in the work group."))
        elif self.action.work_group.filter(organisation=organisation, user__isnull=True).exists():
            self.add_error("organisation", _("This organisation is already in the work group."))
        return data
