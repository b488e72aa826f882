"""My story, what matters to me, what I can do."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.measuring.models import LifeDomain
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import plan_access

from .. import selectors, services
from ..forms import StoryForm, StrengthForm
from ..models import Priority, Strength
from ..shell import plan_context

RANK_ACTIONS = ("up", "down", "add", "remove", "note")


@login_required
def story(request, plan_id):
    access = plan_access(request.user, plan_id, part=Part.STORY)
    current = selectors.story_current(access=access)
    history = selectors.story_history(access=access)
    writer_role = selectors.story_writer_role(access=access, story=current)
    context = plan_context(access, Part.STORY.value, story=current, history=history, writer_role=writer_role)
    return render(request, "plans/story.html", context)


@login_required
def story_edit(request, plan_id):
    access = plan_access(request.user, plan_id, part=Part.STORY, level=Level.CONTRIBUTE)
    current = selectors.story_current(access=access)
    initial = {"text": current.text if current else "", "base_number": current.number if current else 0}
    form = StoryForm(posted(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.story_update(
                access=access, text=form.cleaned_data["text"], base_number=form.cleaned_data["base_number"]
            )
        except services.EditConflict as error:
            # Keep the user's text in the form; show the other version beside it, and let a
            # second save knowingly replace it.
            conflict = error.current
            form = StoryForm(initial={"text": form.cleaned_data["text"], "base_number": conflict.number})
        else:
            messages.success(request, _("Your changes to the story are saved."))
            return redirect("story", access.plan.pk)
    context = plan_context(access, Part.STORY.value, form=form, conflict=conflict)
    # The field is named in the writer's voice: "My story" for the resident, "Fatima's story" for others.
    form.fields["text"].label = context["part_labels"][Part.STORY.value]
    return render(request, "plans/story_edit.html", context)


@login_required
def story_confirm(request, plan_id):
    access = plan_access(request.user, plan_id, part=Part.STORY)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        number = int(request.POST.get("number", ""))
        services.story_confirm(access=access, number=number)
    except (ValueError, services.EditConflict):
        messages.error(request, _("The story was changed in the meantime. Read it again before you confirm it."))
    else:
        messages.success(request, _("Thank you. You confirmed: this is my story."))
    return redirect("story", access.plan.pk)


def _parse_action(value: str) -> tuple[str, int] | None:
    action, _sep, raw_id = value.partition(":")
    if action not in RANK_ACTIONS or not raw_id.isdigit():
        return None
    return action, int(raw_id)


def _typed_notes(post, ranked) -> tuple[dict[int, str], dict[int, str]]:
    """The notes on the page as typed, and those of them the user changed (a note carries
    the text it had when the page was drawn, so a note someone else saved meanwhile is not
    overwritten by a button press that did not touch it)."""
    typed, changed = {}, {}
    for priority in ranked:
        key = f"note-{priority.domain_id}"
        if key in post:
            typed[priority.domain_id] = post[key].strip()
            if typed[priority.domain_id] != post.get(f"{key}-was", "").strip():
                changed[priority.domain_id] = typed[priority.domain_id]
    return typed, changed


@login_required
def priorities(request, plan_id):
    """Rank life domains by importance with plain buttons: works without JavaScript and
    with the keyboard alone. Every button also saves the notes typed on the page."""
    access = plan_access(request.user, plan_id, part=Part.PRIORITIES)
    ranked = selectors.priority_list(access=access)
    typed: dict[int, str] = {}
    if request.method == "POST":
        access.require(Part.PRIORITIES, Level.CONTRIBUTE)
        typed, changed = _typed_notes(request.POST, ranked)
        if request.POST.get("action") == "notes" and all(len(t) <= Priority.NOTE_MAX_LENGTH for t in typed.values()):
            # Enter in a note: the form's first (unseen) button saves the notes only.
            services.priority_change(access=access, action="notes", domain_id=0, notes=changed)
            messages.success(request, _("Saved."))
            return redirect(request.path)
        parsed = _parse_action(request.POST.get("action", ""))
        note = ""
        if parsed and parsed[0] == "note":
            note = typed.get(parsed[1], request.POST.get("note", "").strip())
        too_long = any(len(text) > Priority.NOTE_MAX_LENGTH for text in [note, *typed.values()])
        if parsed and LifeDomain.objects.filter(pk=parsed[1]).exists() and not too_long:
            services.priority_change(access=access, action=parsed[0], domain_id=parsed[1], note=note, notes=changed)
            if parsed[0] == "note":
                messages.success(request, _("Saved."))
            return redirect(f"{request.path}#domain-{parsed[1]}")
        if too_long:
            messages.error(request, _("A note is too long. Keep each note under 300 characters."))
        else:
            messages.error(
                request, _("That did not work. Choose one of the buttons, and keep a note under 300 characters.")
            )
        # Drawn again, not redirected: what was typed stays in the notes.
        ranked = selectors.priority_list(access=access)
    for priority in ranked:
        priority.typed = typed.get(priority.domain_id, priority.note)
    chosen = {p.domain_id for p in ranked}
    others = [d for d in LifeDomain.objects.all() if d.pk not in chosen]
    return render(
        request, "plans/priorities.html", plan_context(access, Part.PRIORITIES.value, ranked=ranked, others=others)
    )


@login_required
def strengths(request, plan_id):
    """What I can do myself and what my network can do, each ranked."""
    access = plan_access(request.user, plan_id, part=Part.STRENGTHS)
    kind = request.POST.get("kind") if request.method == "POST" else None
    forms = {
        k: StrengthForm(request.POST if kind == k else None, kind=k)
        for k in (Strength.Kind.SELF, Strength.Kind.NETWORK)
    }
    if request.method == "POST":
        access.require(Part.STRENGTHS, Level.CONTRIBUTE)
        parsed = _parse_action(request.POST.get("action", ""))
        if parsed:
            services.strength_change(access=access, action=parsed[0], strength_id=parsed[1])
            return redirect(f"{request.path}#strength-{parsed[1]}")
        form = forms.get(kind)
        if form is not None and form.is_valid():
            strength = services.strength_add(
                access=access, kind=kind, text=form.cleaned_data["text"], who=form.cleaned_data.get("who", "")
            )
            messages.success(request, _("Added."))
            return redirect(f"{request.path}#strength-{strength.pk}")
    lists = selectors.strength_lists(access=access)
    sections = [
        (Strength.Kind.SELF, _("What I can do myself"), lists[Strength.Kind.SELF], forms[Strength.Kind.SELF]),
        (
            Strength.Kind.NETWORK,
            _("What my network can do"),
            lists[Strength.Kind.NETWORK],
            forms[Strength.Kind.NETWORK],
        ),
    ]
    return render(request, "plans/strengths.html", plan_context(access, Part.STRENGTHS.value, sections=sections))
