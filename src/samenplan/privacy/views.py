"""'Mijn gegevens': what Samenplan holds about the person logged in, the download, and
requests to correct, with the coordinator's list to answer them. Always about
request.user: no page here takes a person's id."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import (
    answers_corrections,
    correctable_plans,
    correction_queue_filter,
    correction_to_answer,
    sees_own_data,
)

from . import services
from .forms import AnswerForm, CorrectionForm
from .models import CorrectionRequest
from .selectors import PAGE_AUDIT_ENTRIES, SOURCES, audit_lines, my_data, my_data_json

# Where a kind of row is seen in full: the plan page that shows it.
PLAN_PAGES = {
    "plans.storyversion": "story",
    "plans.priority": "priorities",
    "plans.strength": "strengths",
    "measuring.measurement": "assessment",
    "measuring.answer": "assessment",
    "plans.goal": "goals",
    "plans.agreement": "agreements",
    "plans.evaluation": "evaluations",
    "plans.goalscore": "evaluations",
    "sharing.membership": "network",
    "sharing.invitation": "network",
    "sharing.grant": "sharing",
    "sharing.sharingdecision": "sharing",
    "sharing.emergencyaccess": "emergency",
    "conversations.thread": "conversations",
    "conversations.message": "conversations",
    "referrals.referral": "referrals",
    "referrals.referralevent": "referrals",
    "early_signals.signal": "plan_signals",
    "early_signals.signalevent": "plan_signals",
    "conferences.conference": "plan_conferences",
    "conferences.participant": "plan_conferences",
    "conferences.agendaitem": "plan_conferences",
    "conferences.minutesversion": "plan_conferences",
    "conferences.decision": "plan_conferences",
    "conferences.consult": "plan_conferences",
    "conferences.breakthroughrequest": "plan_conferences",
    "hubs.question": "plan",
    "hubs.questionevent": "plan",
}


def _own(request):
    if not sees_own_data(request.user):
        raise Http404
    # The entry says whose data was shown: the person's own.
    audit.note_subject(request.user)


def _plan_rows(plan_data) -> list[dict]:
    rows = []
    for source in SOURCES:
        count = plan_data.count(source.label)
        if not count:
            continue
        page = PLAN_PAGES.get(source.label)
        url = reverse(page, args=[plan_data.plan.pk]) if page else "#corrections"
        rows.append({"name": source.name, "count": count, "url": url})
    return rows


@login_required
def my_data_view(request):
    """Everything Samenplan holds about you, in words, with links to where it is in full."""
    _own(request)
    data = my_data(user=request.user)
    lines = sorted(audit_lines(data.audit_about), key=lambda line: line.last_at, reverse=True)
    notifications = [t.obj for t in data.traces if t.source.label == "notifications.notification"]
    elsewhere = [row for row in data.traces_by_source() if row[0].label not in _SHOWN_APART]
    return render(
        request,
        "privacy/my_data.html",
        {
            "data": data,
            "plans": [{"plan": p.plan, "rows": _plan_rows(p)} for p in data.plans],
            "memberships": [
                {"membership": m, "parts": [Part(g.part).label for g in data.grants.get(m.pk, [])]}
                for m in data.memberships
            ],
            "elsewhere": elsewhere,
            "notifications": notifications[:10],
            "notification_count": len(notifications),
            "audit_lines": lines,
            "audit_more": len(data.audit_about) >= PAGE_AUDIT_ENTRIES,
        },
    )


# Shown in their own section of the page, not among "what you did elsewhere".
_SHOWN_APART = {"notifications.notification", "privacy.correctionrequest"}


@login_required
def my_data_download(request):
    """All of it as one JSON file (UTF-8), to keep or take elsewhere."""
    _own(request)
    audit.note_action(AuditEntry.Action.EXPORT)
    data = my_data_json(user=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-samenplan-{stamp}.json"'
    return response


@login_required
def correction_new(request):
    """Ask to correct something in your plan or your account."""
    _own(request)
    plans = list(correctable_plans(request.user).select_related("wijk").order_by("created_at"))
    if not plans:
        raise Http404
    form = CorrectionForm(request.POST or None, plans=plans, initial={"about": request.GET.get("about", "")})
    if request.method == "POST" and form.is_valid():
        services.correction_create(
            user=request.user,
            plan=form.cleaned_data["plan"],
            about=form.cleaned_data["about"],
            text=form.cleaned_data["text"],
        )
        messages.success(request, _("Your request was sent. Your coordinator will answer it."))
        return redirect(reverse("my_data") + "#corrections")
    return render(request, "privacy/correction_new.html", {"form": form})


@login_required
def corrections(request):
    """The coordinator's list: requests to correct about the plans they coordinate."""
    if not answers_corrections(request.user):
        raise Http404
    queue = correction_queue_filter(request.user)
    items = list(
        CorrectionRequest.objects.filter(queue).select_related("plan__owner", "plan__wijk", "requester", "answered_by")
    )
    audit.note_records("correction", [c.pk for c in items])
    open_items = [c for c in items if c.is_open]
    return render(
        request,
        "privacy/corrections.html",
        {"open_items": open_items, "answered": [c for c in items if not c.is_open]},
    )


@login_required
def correction_answer(request, correction_id):
    """Read one request and answer it."""
    correction = correction_to_answer(request.user, correction_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not correction.is_open:
            raise Http404
        if form.is_valid():
            services.correction_answer(
                correction=correction,
                user=request.user,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
            )
            messages.success(request, _("Your answer was sent to the resident."))
            return redirect("corrections")
    part_url = reverse(correction.about, args=[correction.plan_id]) if correction.about in Part.values else None
    return render(
        request,
        "privacy/correction_answer.html",
        {"correction": correction, "form": form, "part_url": part_url},
    )
