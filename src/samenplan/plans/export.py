"""The plan as data, for the resident to download and take elsewhere (AVG article 20).
Built from the same selectors as the pages, so it holds exactly what the person may see."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.conversations.selectors import thread_list
from samenplan.measuring.selectors import measurement_history
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess

from . import selectors


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _name(user) -> str | None:
    return user.display_name if user is not None else None


def plan_export(*, access: PlanAccess) -> dict:
    """Everything this person may take along, for the resident or a representative."""
    if not access.can_export:
        raise Http404
    audit.note_action(AuditEntry.Action.EXPORT)
    plan = access.plan
    data: dict = {
        "format": "samenplan-plan-export/1",
        "exported_at": _when(timezone.now()),
        "plan": {
            "id": plan.pk,
            "resident": plan.owner.display_name,
            "neighbourhood": plan.wijk.name,
            "status": plan.status,
            "started": _when(plan.created_at),
        },
    }
    if access.can_view(Part.STORY):
        versions = selectors.story_history(access=access) or [selectors.story_current(access=access)]
        data["story"] = [
            {
                "version": v.number,
                "text": v.text,
                "written_by": _name(v.written_by),
                "on_behalf_of_resident": v.on_behalf,
                "written_at": _when(v.written_at),
                "confirmed_at": _when(v.confirmed_at),
            }
            for v in versions
            if v is not None
        ]
    if access.can_view(Part.PRIORITIES):
        data["what_matters"] = [
            {"rank": p.rank, "area_of_life": p.domain.name, "why": p.note}
            for p in selectors.priority_list(access=access)
        ]
    if access.can_view(Part.STRENGTHS):
        lists = selectors.strength_lists(access=access)
        data["what_i_can_do"] = {
            kind: [{"rank": s.rank, "what": s.text, "who": s.who} for s in items] for kind, items in lists.items()
        }
    if access.can_view(Part.ASSESSMENT):
        data["how_it_is_going"] = [
            {
                "instrument": m.instrument.name,
                "recorded_at": _when(m.recorded_at),
                "perspective": m.perspective,
                "by": _name(m.recorded_by),
                "on_behalf_of_resident": m.on_behalf,
                "finished": not m.is_draft,
                "note": m.note,
                "answers": [
                    {"item": a.item.name, "score": a.value, "wants_to_talk": a.wants_to_talk} for a in m.answers.all()
                ],
            }
            for m in measurement_history(access=access)
        ]
    if access.can_view(Part.GOALS):
        data["goals"] = [
            {
                "id": g.pk,
                "goal": g.text,
                "area_of_life": g.domain.name if g.domain else None,
                "target_date": _when(g.target_date),
                "status": g.status,
                "who_helps": g.helpers,
            }
            for g in selectors.goal_list(access=access)
        ]
    agreements = selectors.agreement_list(access=access)
    if agreements or access.can_view(Part.AGREEMENTS):
        data["agreements"] = [
            {
                "what": a.what,
                "who": a.who_kind,
                "name": a.who_name,
                "by_when": _when(a.due_date),
                "status": a.status,
                "support": a.support,
                "for_goal": a.goal_id if access.can_view(Part.GOALS) else None,
            }
            for a in agreements
        ]
    if access.can_view(Part.EVALUATIONS):
        data["evaluations"] = [
            {
                "planned_for": _when(e.scheduled_for),
                "held_at": _when(e.held_at),
                "held_by": _name(e.held_by),
                "who_was_there": e.attendees,
                "what_we_noticed": e.summary,
                "what_we_decided": e.decisions,
                "corrected_at": _when(e.corrected_at),
                "scores": [{"goal": s.goal_id, "score": s.score, "note": s.note} for s in e.scores.all()]
                if access.can_view(Part.GOALS)
                else [],
            }
            for e in selectors.evaluation_list(access=access)
        ]
    if access.can_view(Part.NETWORK):
        data["network"] = [
            {
                "name": m.display_name,
                "relation": m.relation,
                "role": m.role,
                "organisation": m.organisation_label,
                "helps_with": m.helps_with,
                "phone": m.phone,
            }
            for m in selectors.member_list(access=access)
        ]
    if access.can_view(Part.CONVERSATIONS):
        data["conversations"] = [
            {
                "subject": t.subject,
                "messages": [
                    {"from": _name(m.author), "at": _when(m.created_at), "text": m.text} for m in t.messages.all()
                ],
            }
            for t in thread_list(access=access, with_messages=True)
        ]
    return data
