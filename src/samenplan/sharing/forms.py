from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput, HiddenDateInput, not_in_past

from .models import Membership
from .parts import Level, Part
from .services import MemberChange

LEVEL_CHOICES = [
    (Level.NONE, _("Nothing")),
    (Level.VIEW, _("View")),
    (Level.CONTRIBUTE, _("View and add")),
]


class NetworkPersonForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["name", "relation", "organisation_name", "job_title", "helps_with", "email", "phone"]
        labels = {
            "name": _("Name"),
            "relation": _("Who is this for you?"),
            "organisation_name": _("Organisation (for professionals)"),
            "job_title": _("Role or job (for professionals)"),
            "helps_with": _("What does this person help with?"),
        }
        help_texts = {
            "helps_with": _("For example: post and letters, shopping, a listening ear."),
            "email": _("Only needed to invite this person into your plan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["relation"].choices = [("", _("Choose")), *Membership.Relation.choices]


class InviteForm(forms.Form):
    """Invite a person on the map. The resident may share parts straight away and may make
    the person their legal representative; the person sees nothing else until the resident
    says so. Someone inviting on the resident's behalf (the coordinator) gets neither."""

    email = forms.EmailField(label=_("Email address"))

    def __init__(self, *args, may_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_share = may_share
        if not may_share:
            return
        for part in Part:
            self.fields[f"part_{part.value}"] = forms.TypedChoiceField(
                label=part.label,
                choices=LEVEL_CHOICES,
                coerce=int,
                initial=Level.NONE,
                widget=forms.RadioSelect(attrs={"class": "inline"}),
            )
        self.fields["representative"] = forms.BooleanField(
            label=_("This person is a legal representative (mentor, curator, bewindvoerder or parent of a minor)"),
            required=False,
        )
        self.fields["representation"] = forms.ChoiceField(
            label=_("Kind of representation"),
            choices=[("", _("Choose")), *Membership.Representation.choices],
            required=False,
        )
        self.fields["represents"] = forms.MultipleChoiceField(
            label=_("For which parts does the representative act for the resident?"),
            help_text=_("Choose none to let them act for the resident in every part, including who sees what."),
            choices=Part.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    @property
    def part_fields(self):
        return [self[f"part_{part.value}"] for part in Part] if self.may_share else []

    @property
    def representative_fields(self):
        return [self[name] for name in ("representative", "representation", "represents")] if self.may_share else []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("representative") and not cleaned.get("representation"):
            self.add_error("representation", _("Choose the kind of representation."))
        return cleaned

    def grants(self) -> dict[str, int]:
        if not self.may_share:
            return {}
        return {part.value: self.cleaned_data[f"part_{part.value}"] for part in Part}

    def representation(self) -> tuple[str, list[str]] | None:
        """(kind, parts) when the person is to be the resident's legal representative."""
        if not self.may_share or not self.cleaned_data.get("representative"):
            return None
        return self.cleaned_data["representation"], list(self.cleaned_data["represents"])


class SharingForm(forms.Form):
    """The whole grid in one form: per member a level for each part and an end date. Each
    cell also carries, hidden, the value it had when the page was drawn, so only what the
    person changed is saved, and a change made meanwhile by someone else is never undone
    without them seeing it."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            member = row.membership
            # Not required: a row missing from what the browser sent (someone joined after
            # the page was drawn) is left as it is.
            for part in Part:
                self.fields[f"level_{member.pk}_{part.value}"] = forms.TypedChoiceField(
                    label=_("%(name)s: %(part)s") % {"name": member.display_name, "part": part.label},
                    choices=LEVEL_CHOICES,
                    coerce=int,
                    initial=row.levels[part.value],
                    required=False,
                    empty_value=None,
                )
                self.fields[f"was_{member.pk}_{part.value}"] = forms.TypedChoiceField(
                    choices=LEVEL_CHOICES,
                    coerce=int,
                    initial=row.levels[part.value],
                    widget=forms.HiddenInput,
                    required=False,
                    empty_value=None,
                )
            self.fields[f"until_{member.pk}"] = forms.DateField(
                label=_("%(name)s may see this until (optional)") % {"name": member.display_name},
                required=False,
                widget=DateInput,
                initial=row.until,
            )
            self.fields[f"was_until_{member.pk}"] = forms.DateField(
                required=False, initial=row.until, widget=HiddenDateInput
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            key = f"until_{row.membership.pk}"
            if cleaned.get(key) and cleaned.get(key) != cleaned.get(f"was_until_{row.membership.pk}"):
                try:
                    not_in_past(cleaned[key])
                except forms.ValidationError as error:
                    self.add_error(key, error)
        return cleaned

    def grid(self):
        """(row, [(bound level field, what is saved now if it was changed meanwhile) per
        part], (bound until field, the same)) for the template."""
        conflicts = getattr(self, "conflicts", {})

        def cell(name):
            conflict = conflicts.get(name)
            if conflict is None:
                return self[name], None
            if conflict.part is None:
                return self[name], formats.date_format(conflict.saved) if conflict.saved else _("no end date")
            return self[name], dict(LEVEL_CHOICES)[conflict.saved]

        return [
            (
                row,
                [cell(f"level_{row.membership.pk}_{part.value}") for part in Part],
                cell(f"until_{row.membership.pk}"),
            )
            for row in self.rows
        ]

    def changes(self) -> dict:
        """Per member only what this person changed on the page: {membership: MemberChange}."""
        result = {}
        for row in self.rows:
            pk = row.membership.pk
            levels = {}
            for part in Part:
                was, new = self.cleaned_data[f"was_{pk}_{part.value}"], self.cleaned_data[f"level_{pk}_{part.value}"]
                if was is not None and new is not None and was != new:
                    levels[part.value] = (was, new)
            sent = f"was_until_{pk}" in self.data
            was_until, until = self.cleaned_data[f"was_until_{pk}"], self.cleaned_data[f"until_{pk}"]
            change = MemberChange(levels=levels, until=(was_until, until) if sent and was_until != until else None)
            if change:
                result[row.membership] = change
        return result

    def conflict_lines(self) -> list[tuple[str, str, str, str]]:
        """(person, part or "until", what is saved now, what this person chose), to list
        above the grid after a conflict."""
        lines = []
        for conflict in getattr(self, "conflicts", {}).values():
            name = conflict.membership.display_name
            if conflict.part is None:
                what = _("end date")
                shown = [
                    formats.date_format(day) if day else _("no end date") for day in (conflict.saved, conflict.chosen)
                ]
            else:
                what = Part(conflict.part).label
                shown = [dict(LEVEL_CHOICES)[level] for level in (conflict.saved, conflict.chosen)]
            lines.append((name, what, *shown))
        return lines

    def show_saved(self, conflicts) -> None:
        """After a conflict: keep the person's own choices, take what is saved now as the
        starting point (a second save knowingly replaces it), and mark the cells in question."""
        data = self.data.copy()
        for conflict in conflicts:
            if conflict.part is None:
                data[f"was_until_{conflict.membership.pk}"] = conflict.saved.isoformat() if conflict.saved else ""
            else:
                data[f"was_{conflict.membership.pk}_{conflict.part}"] = str(int(conflict.saved))
        self.data = data
        self.conflicts = {
            (f"until_{c.membership.pk}" if c.part is None else f"level_{c.membership.pk}_{c.part}"): c
            for c in conflicts
        }
        self.full_clean()


# The plain choices of the per-person page, one radio group per part.
PERSON_LEVEL_CHOICES = [
    (Level.NONE, _("Not shared")),
    (Level.VIEW, _("View")),
    (Level.CONTRIBUTE, _("View and add")),
]


class PersonSharingForm(forms.Form):
    """What one member may see, part by part, and until when. Like the grid, every choice
    also carries, hidden, the value it had when the page was drawn: only what the person
    changed is saved, and a choice changed meanwhile by someone else is shown, not undone."""

    def __init__(self, *args, row, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        for part in Part:
            self.fields[f"level_{part.value}"] = forms.TypedChoiceField(
                label=labels[part.value],
                choices=PERSON_LEVEL_CHOICES,
                coerce=int,
                initial=row.levels[part.value],
                widget=forms.RadioSelect(attrs={"class": "inline"}),
            )
            self.fields[f"was_{part.value}"] = forms.TypedChoiceField(
                choices=LEVEL_CHOICES,
                coerce=int,
                initial=row.levels[part.value],
                widget=forms.HiddenInput,
                required=False,
                empty_value=None,
            )
        self.fields["until"] = forms.DateField(
            label=_("Until when?"),
            help_text=_("Leave empty to share until you change it. On this date it is shared for the last day."),
            required=False,
            widget=DateInput,
            initial=row.until,
        )
        self.fields["was_until"] = forms.DateField(required=False, initial=row.until, widget=HiddenDateInput)

    @classmethod
    def copied(cls, data, *, row, source, labels):
        """The form as drawn, with the choices of `source` filled in ("same as"): nothing
        is saved until the person saves it. What the page was drawn from stays the same."""
        filled = {key: value for key, value in data.items() if key.startswith("was_")}
        for part in Part:
            filled.setdefault(f"was_{part.value}", str(row.levels[part.value]))
            filled[f"level_{part.value}"] = str(int(source.copied_levels()[part.value]))
        filled.setdefault("was_until", row.until.isoformat() if row.until else "")
        filled["until"] = filled["was_until"]
        return cls(filled, row=row, labels=labels)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("until") and cleaned.get("until") != cleaned.get("was_until"):
            try:
                not_in_past(cleaned["until"])
            except forms.ValidationError as error:
                self.add_error("until", error)
        return cleaned

    def parts(self):
        """(part, bound radio group, what is saved now if it was changed meanwhile, whether
        the choice differs from what was saved when the page was drawn, whether the person
        represents the resident in it) per part."""
        conflicts = getattr(self, "conflicts", {})
        represented = set(self.row.membership.represented_parts())
        result = []
        for part in Part:
            field = self[f"level_{part.value}"]
            conflict = conflicts.get(part.value)
            saved = dict(PERSON_LEVEL_CHOICES)[conflict.saved] if conflict is not None else None
            was = self[f"was_{part.value}"].value()
            changed = self.is_bound and str(field.value()) != str(was) and was not in (None, "")
            result.append((part.value, field, saved, changed, part.value in represented))
        return result

    def drawn(self) -> list[tuple[str, str]]:
        """(name, value) of what the page was drawn from, for the "same as" form to carry."""
        values = []
        for name in [f"was_{part.value}" for part in Part] + ["was_until"]:
            field = self[name]
            values.append((name, field.field.widget.format_value(field.value()) or ""))
        return values

    @property
    def until_saved(self):
        conflict = getattr(self, "conflicts", {}).get("until")
        if conflict is None:
            return None
        return formats.date_format(conflict.saved) if conflict.saved else _("no end date")

    def changes(self) -> dict:
        """Only what this person changed on the page: {membership: MemberChange}, or {}."""
        levels = {}
        for part in Part:
            was, new = self.cleaned_data[f"was_{part.value}"], self.cleaned_data[f"level_{part.value}"]
            if was is not None and new is not None and was != new:
                levels[part.value] = (was, new)
        sent = "was_until" in self.data
        was_until, until = self.cleaned_data["was_until"], self.cleaned_data["until"]
        change = MemberChange(levels=levels, until=(was_until, until) if sent and was_until != until else None)
        return {self.row.membership: change} if change else {}

    def show_saved(self, conflicts) -> None:
        """After a conflict: keep the person's own choices, take what is saved now as the
        starting point (a second save knowingly replaces it), and mark the choices in question."""
        data = self.data.copy()
        for conflict in conflicts:
            if conflict.part is None:
                data["was_until"] = conflict.saved.isoformat() if conflict.saved else ""
            else:
                data[f"was_{conflict.part}"] = str(int(conflict.saved))
        self.data = data
        self.conflicts = {("until" if c.part is None else c.part): c for c in conflicts}
        self.full_clean()

    def conflict_lines(self) -> list[tuple[str, str, str]]:
        """(part or "end date", what is saved now, what this person chose), after a conflict."""
        lines = []
        for key, conflict in getattr(self, "conflicts", {}).items():
            if conflict.part is None:
                shown = [
                    formats.date_format(day) if day else _("no end date") for day in (conflict.saved, conflict.chosen)
                ]
                lines.append((_("end date"), *shown))
            else:
                label = self.fields[f"level_{key}"].label
                names = dict(PERSON_LEVEL_CHOICES)
                lines.append((label, names[conflict.saved], names[conflict.chosen]))
        return lines


class CopyChoicesForm(forms.Form):
    """ "Same as ...": pick another member whose choices fill in the form (not saved yet)."""

    copy_from = forms.TypedChoiceField(
        label=_("Same as"), coerce=int, widget=forms.Select(attrs={"aria-describedby": "copy-hint"})
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.others = {row.membership.pk: row for row in others}
        self.fields["copy_from"].choices = [("", _("Choose a person"))] + [
            (row.membership.pk, row.membership.display_name) for row in others
        ]
        self.fields["copy_from"].error_messages["required"] = _("Choose the person whose choices you want to copy.")

    def full_clean(self):
        super().full_clean()
        if self.errors.get("copy_from"):
            # The message under the list is read out with it.
            self.fields["copy_from"].widget.attrs["aria-describedby"] = f"copy-hint {self['copy_from'].auto_id}_error"

    @property
    def source(self):
        return self.others[self.cleaned_data["copy_from"]]


class InvitationCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The code from the email"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}),
    )


class EmergencyForm(forms.Form):
    part = forms.ChoiceField(label=_("Which part do you need to open?"))
    reason = forms.CharField(
        label=_("Why is this needed now?"),
        help_text=_("The resident reads this. Write it so they understand it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=1000,
    )
    hours = forms.IntegerField(
        label=_("For how many hours?"),
        min_value=1,
        max_value=72,
        initial=settings.EMERGENCY_ACCESS_HOURS,
        help_text=_("At most 72 hours. Access ends by itself."),
    )

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", _("Choose"))] + [(p.value, p.label) for p in parts]
