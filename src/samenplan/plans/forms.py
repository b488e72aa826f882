from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Wijk
from samenplan.lib.forms import DateInput, not_in_past
from samenplan.measuring.models import LifeDomain
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part

from .models import NOTE_MAX_LENGTH, SHORT_TEXT, STORY_MAX_LENGTH, Agreement, Goal, GoalScore, Strength
from .selectors import CaseloadFilter

# What a coordinator usually needs to do the work: read and add to every part, and take
# part in conversations (replying needs "view and add"). The resident may choose less at
# the intake; `docs/consent-model.md` lists these defaults.
INTAKE_DEFAULT_LEVELS = dict.fromkeys(Part, Level.CONTRIBUTE)

# Why the coordinator usually needs each part, shown under its choice at the intake.
INTAKE_PART_HINTS = {
    Part.STORY: _("You write the story down now; later you add what changed."),
    Part.PRIORITIES: _("So the plan starts from what the resident finds important."),
    Part.STRENGTHS: _("So help starts from what the resident and their people can do."),
    Part.ASSESSMENT: _("To fill in how it is going together, and see it change."),
    Part.GOALS: _("To write goals together, in the resident's words."),
    Part.AGREEMENTS: _("To write down who does what, and follow it up."),
    Part.NETWORK: _("To invite helpers for the resident. The resident decides what they see."),
    Part.CONVERSATIONS: _("To read and answer messages in the plan."),
    Part.EVALUATIONS: _("To plan and hold the evaluations."),
}


def intake_initial(question) -> dict:
    """The intake filled in from a question at a neighbourhood hub: the name split as well
    as one can ("Jan van der Berg": "Jan", "van der Berg"), the contact details, the wijk,
    and the question as the first draft of the story."""
    first_name, _space, last_name = question.name.strip().partition(" ")
    return {
        "question": question.pk,
        "first_name": first_name,
        "last_name": last_name.strip(),
        "email": question.email,
        "phone": question.phone,
        "wijk": question.wijk_id,
        "story": question.text,
    }


class IntakeForm(forms.Form):
    # The neighbourhood hub question this plan starts from, if any (`intake_initial`).
    question = forms.IntegerField(widget=forms.HiddenInput, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_(
            "The resident gets a link at this address to open their plan. No email address? "
            "Leave it empty: you can print a letter with a code on the plan page."
        ),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    wijk = forms.ModelChoiceField(label=_("Neighbourhood"), queryset=Wijk.objects.none(), empty_label=_("Choose"))
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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The professional's own municipality's wijken (the installation's without a user).
        self.fields["wijk"].queryset = Wijk.objects.seen_by(user) if user else Wijk.objects.public()
        choices = [(Level.CONTRIBUTE, _("View and add")), (Level.VIEW, _("Only view")), (Level.NONE, _("Nothing"))]
        # Insert the per-part choices before the consent box, in the order of the plan.
        consent = self.fields.pop("consent")
        for part in Part:
            self.fields[f"part_{part.value}"] = forms.TypedChoiceField(
                label=part.label,
                choices=choices,
                coerce=int,
                initial=INTAKE_DEFAULT_LEVELS[part],
                help_text=INTAKE_PART_HINTS[part],
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


class ActivationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        help_text=_("8 letters and digits, for example ACDE-FG34. Capitals or small letters: both work."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class CaseloadFilterForm(forms.Form):
    """The caseload's search and filters: a GET form, so results can be bookmarked and
    the filter stays in the address."""

    # Every filter is optional; saying so on each would only be noise.
    hide_optional = True

    q = forms.CharField(label=_("Search by name"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("My role"), required=False)
    wijk = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Wijk.objects.none(), required=False, empty_label=_("All neighbourhoods")
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages")), ("intake", _("Intake: not opened yet")), ("active", _("Active"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name, coordinator first")),
            ("evaluation", _("Next evaluation")),
            ("overdue", _("Most agreements past their date")),
            ("started", _("Newest plan first")),
        ],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("All roles")), *Membership.Role.choices]
        self.fields["wijk"].queryset = Wijk.objects.seen_by(user) if user else Wijk.objects.public()

    def filters(self) -> CaseloadFilter:
        # A wrong value in the address is left out rather than refused: the list still shows.
        data = self.cleaned_data if self.is_valid() else {}
        wijk = data.get("wijk")
        return CaseloadFilter(
            q=data.get("q", ""),
            role=data.get("role", ""),
            wijk=wijk.pk if wijk else None,
            stage=data.get("stage", ""),
            sort=data.get("sort") or "name",
        )


class HandoverForm(forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Who becomes the coordinator?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the colleague who takes over.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in candidates])
        labels = {m.pk: f"{m.user.display_name} ({m.organisation_label})" for m in candidates}
        field.label_from_instance = lambda membership: labels.get(membership.pk, "")


class PlanCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the plan closed?"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, owner_name: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The resident is spoken to; everyone else hears the resident's first name.
        if owner_name:
            hint = _("For example: the goals are reached, or %(name)s moved. Everyone in the plan reads this.") % {
                "name": owner_name
            }
        else:
            hint = _("For example: your goals are reached, or you moved. Everyone in your plan reads this.")
        self.fields["reason"].help_text = hint


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
        # Radio buttons without the empty "---------" choice: who does it must be chosen
        # (nothing is chosen for the user), the kind of support may be left open.
        who = self.fields["who_kind"]
        who.choices = self._who_choices(access)
        who.error_messages["required"] = _("Choose who does it.")
        support = self.fields["support"]
        support.choices = Agreement.Support.choices
        support.required = False
        support.help_text = (
            _(
                "Light: you or your own network. Heavy: a professional or specialist. "
                "If you choose nothing, it follows from who does it."
            )
            if access.speaks_for_owner(Part.AGREEMENTS)
            else _(
                "Light: %(name)s or their own network. Heavy: a professional or specialist. "
                "If you choose nothing, it follows from who does it."
            )
            % {"name": plan.owner.first_name or plan.owner.display_name}
        )
        if self.instance.pk is None:
            del self.fields["status"]

    @staticmethod
    def _who_choices(access) -> list[tuple[str, str]]:
        """The resident reads "I do it myself"; everyone else reads the resident's name."""
        if access.speaks_for_owner(Part.AGREEMENTS):
            return list(Agreement.Who.choices)
        name = access.plan.owner.first_name or access.plan.owner.display_name
        return [
            (Agreement.Who.RESIDENT, _("%(name)s does it") % {"name": name}),
            (Agreement.Who.NETWORK, _("Someone from %(name)s's network") % {"name": name}),
            (Agreement.Who.PROFESSIONAL, Agreement.Who.PROFESSIONAL.label),
        ]

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


class AgreementMarkForm(forms.Form):
    """The one-click "Busy" or "Done" button on the list of agreements."""

    status = forms.ChoiceField(choices=[(Agreement.Status.BUSY, ""), (Agreement.Status.DONE, "")])
    version = forms.IntegerField(min_value=1)


class EvaluationScheduleForm(forms.Form):
    scheduled_for = forms.DateField(label=_("Date of the evaluation"), widget=DateInput, validators=[not_in_past])


class EvaluationHoldForm(forms.Form):
    """Hold an evaluation, or correct one: a result per goal, who was there, what was
    noticed and what was decided. A record with nothing in it is refused."""

    hide_optional = True

    attendees = forms.CharField(
        label=_("Who was there?"),
        max_length=SHORT_TEXT,
        required=False,
    )
    summary = forms.CharField(
        label=_("What did we notice?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )
    decisions = forms.CharField(
        label=_("What did we decide?"),
        help_text=_("For example: new agreements, a goal that stops, what happens before the next evaluation."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )
    # The version the form started from (no lost updates); the record itself is held only
    # once whatever a form without it says.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, goals, owner_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        if owner_name:
            example = _("For example: %(name)s, a sister or neighbour, the coordinator.")
            self.fields["attendees"].help_text = example % {"name": owner_name}
        else:
            self.fields["attendees"].help_text = _("For example: me, my sister, the coordinator.")
        # Who was there first, then a result per goal, then what was noticed and decided.
        tail = [self.fields.pop(name) for name in ("summary", "decisions", "version")]
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=GoalScore.Score.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("How far did %(name)s get with this goal?") % {"name": owner_name}
                if owner_name
                else _("How far did you get with this goal?"),
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Note about this goal"), max_length=SHORT_TEXT, required=False
            )
        for name, field in zip(("summary", "decisions", "version"), tail, strict=True):
            self.fields[name] = field

    def clean(self):
        cleaned = super().clean()
        for goal in self.goals:
            # A note without a result would be dropped; say so instead of losing it.
            if cleaned.get(f"note_{goal.pk}") and cleaned.get(f"score_{goal.pk}") in (None, ""):
                self.add_error(f"score_{goal.pk}", _("Choose a result for this goal, or leave the note empty."))
        if not self.errors and not self.scores() and not cleaned.get("summary") and not cleaned.get("decisions"):
            # An empty evaluation would count as held and drop out of what is coming up.
            self.add_error(
                "summary",
                _("Nothing is filled in yet. Choose a result for at least one goal, or write what you noticed."),
            )
        return cleaned

    def record(self) -> dict:
        """The fields of the evaluation itself, for the service."""
        return {name: self.cleaned_data[name] for name in ("attendees", "summary", "decisions")}

    def goal_rows(self):
        return [(goal, self[f"score_{goal.pk}"], self[f"note_{goal.pk}"]) for goal in self.goals]

    def scores(self) -> dict[int, tuple[int, str]]:
        result = {}
        for goal in self.goals:
            score = self.cleaned_data.get(f"score_{goal.pk}")
            if score not in (None, ""):
                result[goal.pk] = (score, self.cleaned_data.get(f"note_{goal.pk}", ""))
        return result
