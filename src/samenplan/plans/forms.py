from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Wijk
from samenplan.lib.forms import DateInput, not_in_past
from samenplan.measuring.models import LifeDomain
from samenplan.sharing.parts import Level, Part

from .models import SHORT_TEXT, STORY_MAX_LENGTH, Agreement, Goal, GoalScore, Strength

# What a coordinator usually needs; the resident may choose less at the intake.
INTAKE_DEFAULT_LEVELS = dict.fromkeys(Part, Level.CONTRIBUTE) | {Part.CONVERSATIONS: Level.VIEW}


class IntakeForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The resident gets a link at this address to open their plan."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    wijk = forms.ModelChoiceField(label=_("Neighbourhood"), queryset=Wijk.objects.all(), empty_label=_("Choose"))
    story = forms.CharField(
        label=_("The resident's story"),
        help_text=_("Write down what the resident tells, in their own words. They read and confirm it later."),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=STORY_MAX_LENGTH,
    )
    consent = forms.BooleanField(
        label=_("The resident agreed that I may see and work on the parts chosen above."),
        error_messages={"required": _("Ask the resident first, then tick this box.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(Level.CONTRIBUTE, _("View and add")), (Level.VIEW, _("Only view")), (Level.NONE, _("Nothing"))]
        # Insert the per-part choices before the consent box, in the order of the plan.
        consent = self.fields.pop("consent")
        for part in Part:
            self.fields[f"part_{part.value}"] = forms.TypedChoiceField(
                label=part.label,
                choices=choices,
                coerce=int,
                initial=INTAKE_DEFAULT_LEVELS[part],
                widget=forms.RadioSelect(attrs={"class": "inline"}),
            )
        self.fields["consent"] = consent

    def clean(self):
        cleaned = super().clean()
        parts = [f"part_{part.value}" for part in Part]
        if all(name in cleaned for name in parts) and not any(cleaned[name] for name in parts):
            self.add_error(
                parts[0],
                _("Choose at least one part you may see. Without any, you cannot coordinate the plan."),
            )
        return cleaned

    @property
    def part_fields(self):
        return [self[f"part_{part.value}"] for part in Part]

    def coordinator_levels(self) -> dict[str, int]:
        return {part: self.cleaned_data[f"part_{part.value}"] for part in Part}


class PlanCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the plan closed?"),
        help_text=_("For example: the goals are reached, or the resident moved. Everyone in the plan reads this."),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StoryForm(forms.Form):
    text = forms.CharField(
        label=_("My story"),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=STORY_MAX_LENGTH,
        help_text=_("In your own words: what is going on, and what do you want to change?"),
    )
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StrengthForm(forms.ModelForm):
    class Meta:
        model = Strength
        fields = ["text", "who"]
        labels = {"text": _("What can you do?"), "who": _("Who")}

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        if kind == Strength.Kind.SELF:
            del self.fields["who"]
        else:
            self.fields["text"].label = _("What can someone from your network do?")
            self.fields["who"].label = _("Who is that?")
            self.fields["who"].help_text = _("For example: my sister Samira, the neighbour.")


class VersionedModelForm(forms.ModelForm):
    """Carries the version the user started from, so a save on top of someone else's
    newer save is refused instead of silently overwriting it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1
        self.fields["version"].required = self.instance.pk is not None

    def changed_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


def domain_field() -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Area of life"), queryset=LifeDomain.objects.all(), required=False, empty_label=_("No area chosen")
    )
    field.label_from_instance = lambda domain: domain.label
    return field


class GoalForm(VersionedModelForm):
    class Meta:
        model = Goal
        fields = ["text", "domain", "target_date", "status", "helpers"]
        widgets = {"target_date": DateInput(), "status": forms.RadioSelect}
        labels = {"text": _("What do you want to reach?")}
        help_texts = {
            "text": _("In your own words. For example: “I pay my rent on time again.”"),
            "helpers": _("For example: my brother, the debt counsellor."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"] = domain_field()
        if self.instance.pk is None:
            del self.fields["status"]

    def clean_target_date(self):
        value = self.cleaned_data["target_date"]
        # An existing goal may keep a date that has passed; a new or moved date may not.
        if "target_date" in self.changed_data:
            not_in_past(value)
        return value


class AgreementForm(VersionedModelForm):
    class Meta:
        model = Agreement
        fields = ["what", "goal", "who_kind", "who_name", "assignee", "due_date", "support", "status"]
        widgets = {
            "due_date": DateInput(),
            "who_kind": forms.RadioSelect,
            "support": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        labels = {"what": _("What will be done?"), "who_name": _("Name of the person or organisation")}
        help_texts = {
            "support": _("Light: you or your own network. Heavy: a professional or specialist."),
            "who_name": _("For example: my neighbour Jan, the debt counsellor."),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        plan = access.plan
        # Only people this user may know are in the plan: everyone for who sees the
        # network; otherwise oneself, and whoever the agreement is given to already.
        members = get_user_model().objects.filter(memberships__plan=plan, memberships__ended_at__isnull=True)
        if not access.can_view(Part.NETWORK):
            members = members.filter(pk__in=[access.user.pk, self.instance.assignee_id])
        self.fields["assignee"].queryset = members
        self.fields["assignee"].label = _("Give this to someone in the plan")
        self.fields["assignee"].help_text = _("They see this agreement and can mark it as done.")
        self.fields["assignee"].empty_label = _("Nobody in particular")
        self.fields["assignee"].label_from_instance = lambda user: user.display_name
        if access.can_view(Part.GOALS):
            self.fields["goal"].queryset = plan.goals.all()
            self.fields["goal"].label_from_instance = lambda goal: goal.text
            self.fields["goal"].empty_label = _("Not for one goal")
        else:
            # Someone who may not see the goals does not see their texts in a list either.
            del self.fields["goal"]
        self.fields["support"].required = False
        self.fields["support"].help_text = self.Meta.help_texts["support"]
        if self.instance.pk is None:
            del self.fields["status"]

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if "due_date" in self.changed_data:
            not_in_past(value)
        return value

    def clean(self):
        cleaned = super().clean()
        # Unless chosen, the kind of support follows from who does it.
        if cleaned.get("assignee") and not cleaned.get("who_name"):
            cleaned["who_name"] = cleaned["assignee"].display_name
        if not cleaned.get("support") and cleaned.get("who_kind"):
            cleaned["support"] = (
                Agreement.Support.HEAVY
                if cleaned["who_kind"] == Agreement.Who.PROFESSIONAL
                else Agreement.Support.LIGHT
            )
        return cleaned


class AgreementStatusForm(forms.Form):
    """For members who may only update the status of an agreement assigned to them."""

    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices, widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EvaluationScheduleForm(forms.Form):
    scheduled_for = forms.DateField(label=_("Date of the evaluation"), widget=DateInput, validators=[not_in_past])


class EvaluationHoldForm(forms.Form):
    hide_optional = True

    summary = forms.CharField(
        label=_("What did we notice?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        summary = self.fields.pop("summary")
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=GoalScore.Score.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("How far did you get with this goal?"),
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Note about this goal"), max_length=300, required=False
            )
        self.fields["summary"] = summary

    def goal_rows(self):
        return [(goal, self[f"score_{goal.pk}"], self[f"note_{goal.pk}"]) for goal in self.goals]

    def scores(self) -> dict[int, tuple[int, str]]:
        result = {}
        for goal in self.goals:
            score = self.cleaned_data.get(f"score_{goal.pk}")
            if score not in (None, ""):
                result[goal.pk] = (score, self.cleaned_data.get(f"note_{goal.pk}", ""))
        return result
