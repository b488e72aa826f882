"""The wijk team's triage of questions: the queue, one question, claim, contact, close."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import CaseAccess, team_question, works_in_wijk_team

from .. import selectors
from ..forms.triage import QuestionAttemptForm, QuestionCloseForm, QuestionVersionForm
from ..models import Question
from ..services import triage

# The changes a question page may post, each with its form.
ACTIONS = {
    "claim": QuestionVersionForm,
    "release": QuestionVersionForm,
    "attempt": QuestionAttemptForm,
    "close": QuestionCloseForm,
}
# Only the one who took the question on does these.
OWNER_ACTIONS = {"release", "attempt", "close"}


@login_required
def queue(request):
    """The wijk team's queue: open questions oldest first (all, mine, or not taken on),
    with how long each has waited, and those closed lately."""
    if not works_in_wijk_team(request.user):
        raise Http404
    show = request.GET.get("show", selectors.Show.ALL)
    result = selectors.question_queue(user=request.user, show=show)
    filters = [
        (selectors.Show.ALL, _("All open questions"), result.open_count),
        (selectors.Show.FREE, _("Not taken on"), result.free_count),
        (selectors.Show.MINE, _("Mine"), result.mine_count),
    ]
    context = {"queue": result, "Show": selectors.Show, "filters": filters, "days": selectors.response_days()}
    return render(request, "hubs/queue.html", context)


def _allowed(access: CaseAccess, action: str) -> bool:
    return access.can_claim if action == "claim" else access.can_act


def _forms(access: CaseAccess, detail: selectors.QuestionDetail, data=None, action: str = "") -> dict:
    """The form of each change this user may make now; the posted one is bound to `data`."""
    forms = {}
    for name, form_class in ACTIONS.items():
        if not _allowed(access, name):
            continue
        kwargs = {"prefix": name}
        if name != "attempt":
            kwargs["initial"] = {"version": access.case.version}
        if name == "close":
            kwargs["services"] = selectors.services_to_refer(question=access.case)
            kwargs["attempts"] = detail.attempts
        forms[name] = form_class(data if name == action else None, **kwargs)
    return forms


def _change(access: CaseAccess, action: str, form) -> Question:
    data = form.cleaned_data
    if action == "claim":
        return triage.question_claim(access=access)
    if action == "release":
        return triage.question_release(access=access, version=data["version"])
    if action == "attempt":
        return triage.question_attempt(
            access=access, channel=data["channel"], reached=data["reached"], note=data["note"]
        )
    return triage.question_close(
        access=access,
        version=data["version"],
        outcome=data["outcome"],
        note=data["note"],
        service=data["service"],
    )


def _done_message(action: str, question: Question) -> str:
    if action == "attempt":
        return _("The contact attempt is recorded.")
    texts = {
        "claim": _("You took this question on. Contact them soon."),
        "release": _("The question is back with the team."),
        "close": _("The question is closed: %(outcome)s."),
    }
    return texts[action] % {"outcome": question.get_outcome_display()}


def _conflict_message(access: CaseAccess) -> str:
    """What happened meanwhile, said plainly; the page below shows the question as it is."""
    question = access.case
    if question.closed_at is not None:
        return _("This question was closed in the meantime. Nothing was saved.")
    if question.owner_id is None:
        return _("This question was given back to the team in the meantime. Nothing was saved.")
    if question.owner_id == access.user.pk:
        return _(
            "This question was changed in the meantime, perhaps in another window. Nothing was saved. "
            "Check what changed below and send it again."
        )
    return _("A colleague took this question on in the meantime (%(name)s). Nothing was saved.") % {
        "name": question.owner.display_name
    }


@login_required
def question(request, question_id):
    """One question in the team's queue: who asked, how to reach them, the question, what
    happened so far, and the changes the user may make: take it on; as its owner record
    each contact attempt, close it, give it back or start a plan."""
    access = team_question(request.user, question_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ACTIONS:
        raise BadRequest
    detail = selectors.question_detail(access=access)
    forms = _forms(access, detail, posted(request), action)
    if action:
        form = forms.get(action)
        if form is None:
            # Not (or no longer) possible: nobody has it yet, or it changed meanwhile.
            if action in OWNER_ACTIONS and access.can_claim:
                messages.error(request, _("Take the question on first. Nothing was saved."))
            else:
                messages.error(request, _conflict_message(access))
        elif form.is_valid():
            try:
                changed = _change(access, action, form)
            except triage.QuestionTaken as taken:
                messages.error(
                    request,
                    _("Someone else took this question on just now: %(name)s.") % {"name": taken.owner_name},
                )
            except triage.QuestionConflict:
                messages.error(request, _conflict_message(access))
            else:
                messages.success(request, _done_message(action, changed))
                return redirect("question", changed.pk)
            # The question as it is now. What was typed stays in the form, with the version
            # now shown, so it can be sent again after a look at what changed.
            detail = selectors.question_detail(access=access)
            forms = _forms(access, detail)
            if action in forms and action != "claim":
                _refill(forms[action], access, action, form.cleaned_data)
    return render(
        request,
        "hubs/question.html",
        {"detail": detail, "question": access.case, "access": access, "forms": forms},
    )


def _refill(form, access: CaseAccess, action: str, cleaned: dict) -> None:
    """Put what was typed into the fresh (unbound) form, at the question's current version."""
    initial = {**cleaned, "version": access.case.version}
    if action == "attempt":
        initial["reached"] = "yes" if cleaned["reached"] else "no"
    if action == "close":
        initial["service"] = cleaned["service"].pk if cleaned.get("service") else None
    form.initial = initial
