"""The plan as a FHIR R4B Bundle, for a personal health environment (PGO) or a care
provider's record to import (see `docs/exchange.md` for every field and what stays out).

The Bundle is a "collection": a set of resources to import, each standing on its own. A
"document" would need a Composition that someone attests as a clinical document at one
moment; this is a copy of a living plan made on request, attested by nobody.

It is built from the same selectors as the pages, through the policy's access, so it holds
exactly what the caller may see; a member's parts open only through emergency access stay
out (`policy.fhir_export_access`). References between resources are `urn:uuid:` full URLs
made from this installation's address and the model ids, so the same plan gives the same
Bundle. Every Bundle is parsed with the fhir.resources R4B models before it leaves: output
that is not valid FHIR fails loudly instead of reaching another system.
"""

from __future__ import annotations

from datetime import date

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.measuring.models import Measurement
from samenplan.measuring.selectors import instruments_in_use, measurement_history
from samenplan.plans import selectors as plans
from samenplan.plans.models import Agreement, Goal, GoalScore, Plan
from samenplan.referrals.models import Referral
from samenplan.referrals.selectors import who_helps
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import PlanAccess, fhir_export_access
from samenplan.sharing.selectors import sharing_decisions

from .fhir_base import (
    ACT_CODE,
    ACTIVITY_STATUS,
    CAREPLAN_STATUS,
    CONSENT_ACTION,
    GOAL_ACHIEVEMENT,
    GOAL_LIFECYCLE,
    NS,
    PROFESSIONAL_ROLES,
    RELATION_V3,
    SERVICE_REQUEST_STATUS,
    TASK_CODE,
    TASK_STATUS,
    V3_ROLE,
    BundleBuilder,
    coding,
    concept,
    id_system,
    identifier,
    system,
    when,
)


def plan_bundle(*, access: PlanAccess) -> dict:
    """The plan as a FHIR R4B Bundle of type collection: only what this user may see."""
    audit.note_action(AuditEntry.Action.EXPORT)
    access = fhir_export_access(access)
    bundle = BundleBuilder(access)
    plan = access.plan
    owner = plan.owner
    name = {"text": owner.display_name, "family": owner.last_name, "given": [owner.first_name]}
    bundle.add("Patient", owner.pk, {"name": [name]})

    care_team = _care_team(bundle) if access.can_view(Part.NETWORK) else None
    goals = plans.goal_list(access=access) if access.can_view(Part.GOALS) else []
    # Attainment comes from the evaluations' scores: only for who sees goals and evaluations.
    sees_scores = goals and access.can_view(Part.EVALUATIONS)
    evaluations = plans.evaluation_list(access=access) if sees_scores else []
    goal_refs = _goals(bundle, goals, evaluations)
    referral_refs = _referrals(bundle, goal_refs) if access.sees_referrals else []
    activities = _activities(bundle, plans.agreement_list(access=access), goal_refs)
    activities += [{"reference": ref} for ref in referral_refs]
    story = plans.story_current(access=access) if access.can_view(Part.STORY) else None
    bundle.add(
        "CarePlan",
        plan.pk,
        {
            "identifier": identifier("plan", plan.pk),
            "status": CAREPLAN_STATUS[plan.status],
            "intent": "plan",
            "title": _("Plan of %(name)s") % {"name": owner.display_name},
            "description": story.text if story else None,
            "subject": bundle.patient,
            "period": {"start": when(plan.created_at), "end": when(plan.closed_at)},
            "created": when(plan.created_at),
            "author": bundle.patient,
            "careTeam": [care_team] if care_team else [],
            "goal": list(goal_refs.values()),
            "activity": activities,
        },
    )
    if access.can_view(Part.ASSESSMENT):
        _measurements(bundle, measurement_history(access=access))
    if access.speaks_for_owner_fully:
        _consents(bundle, sharing_decisions(access=access, limit=None))

    now = timezone.now()
    data = {
        "resourceType": "Bundle",
        "id": bundle.url("Bundle", f"{plan.pk}/{now.isoformat()}").removeprefix("urn:uuid:"),
        "language": get_language(),
        "type": "collection",
        "timestamp": when(now),
        "entry": bundle.entries,
    }
    # Parsing with the R4B models is the check: a missing required element, an unknown one
    # or a malformed value raises here.
    return Bundle.model_validate(data).model_dump(mode="json", exclude_none=True)


def _care_team(bundle: BundleBuilder) -> dict:
    """The network: network members as RelatedPerson, professionals as PractitionerRole
    with their Practitioner and Organization."""
    participants = []
    for member in plans.member_list(access=bundle.access):
        role = concept(system("membership-role"), member.role, Membership.Role(member.role).label)
        if member.role in PROFESSIONAL_ROLES:
            ref, organisation = _professional(bundle, member)
            participants.append(
                {
                    "role": [role],
                    "member": ref,
                    "onBehalfOf": organisation,
                    "period": {"start": when(member.added_at)},
                }
            )
        else:
            ref = _related_person(bundle, member)
            participants.append({"role": [role], "member": ref, "period": {"start": when(member.added_at)}})
        bundle.by_membership[member.pk] = ref
        if member.user_id:
            bundle.by_user[member.user_id] = ref
    plan = bundle.plan
    return bundle.add(
        "CareTeam",
        plan.pk,
        {
            "identifier": identifier("plan", plan.pk),
            "status": "inactive" if plan.status == Plan.Status.CLOSED else "active",
            "name": _("Network of %(name)s") % {"name": plan.owner.display_name},
            "subject": bundle.patient,
            "participant": participants,
        },
    )


def _related_person(bundle: BundleBuilder, member: Membership) -> dict:
    relation = Membership.Relation(member.relation)
    relationship = [concept(system("relation"), relation.value, relation.label)]
    if relation in RELATION_V3:
        relationship[0]["coding"].append(coding(V3_ROLE, RELATION_V3[relation]))
    if member.is_representative and member.representation:
        kind = Membership.Representation(member.representation)
        relationship.append(concept(system("representation"), kind.value, kind.label))
    ref = bundle.add(
        "RelatedPerson",
        member.pk,
        {
            "identifier": identifier("membership", member.pk),
            "active": True,
            "patient": bundle.patient,
            "relationship": relationship,
            "name": [{"text": member.display_name}],
            "telecom": [{"system": "phone", "value": member.phone}] if member.phone else [],
            "period": {"start": when(member.added_at)},
        },
    )
    return {**ref, "display": member.display_name}


def _professional(bundle: BundleBuilder, member: Membership) -> tuple[dict, dict | None]:
    practitioner = bundle.add(
        "Practitioner",
        member.pk,
        {"identifier": identifier("membership", member.pk), "name": [{"text": member.display_name}]},
    )
    if member.organisation_id:
        organisation = bundle.organisation(member.organisation)
    elif member.organisation_name:
        organisation = bundle.add("Organization", f"membership-{member.pk}", {"name": member.organisation_name})
        organisation = {**organisation, "display": member.organisation_name}
    else:
        organisation = None
    ref = bundle.add(
        "PractitionerRole",
        member.pk,
        {
            "identifier": identifier("membership", member.pk),
            "active": True,
            "period": {"start": when(member.added_at)},
            "practitioner": {**practitioner, "display": member.display_name},
            "organization": organisation,
            "code": [
                concept(system("membership-role"), member.role, Membership.Role(member.role).label),
                {"text": member.job_title} if member.job_title else None,
            ],
        },
    )
    return {**ref, "display": member.display_name}, organisation


def _goals(bundle: BundleBuilder, goals: list[Goal], evaluations) -> dict[int, dict]:
    """Each goal, with its attainment from the evaluations' scores when those may be seen."""
    scores: dict[int, list[tuple]] = {}
    for evaluation in sorted(evaluations, key=lambda e: (e.held_at is None, e.held_at or e.scheduled_for, e.pk)):
        if evaluation.held_at is None:
            continue
        for score in evaluation.scores.all():
            scores.setdefault(score.goal_id, []).append((evaluation, score))
    refs = {}
    for goal in goals:
        notes = [{"text": _("Who helps: %(who)s") % {"who": goal.helpers}}] if goal.helpers else []
        for evaluation, score in scores.get(goal.pk, []):
            words = f"{score.score:+d} {GoalScore.Score(score.score).label}"
            notes.append({"time": when(evaluation.held_at), "text": f"{words}: {score.note}" if score.note else words})
        achievement = _achievement(goal, scores.get(goal.pk))
        refs[goal.pk] = bundle.add(
            "Goal",
            goal.pk,
            {
                "identifier": identifier("goal", goal.pk),
                "lifecycleStatus": GOAL_LIFECYCLE[goal.status],
                "achievementStatus": achievement,
                "category": [concept(system("life-domain"), goal.domain.code, goal.domain.name)] if goal.domain else [],
                "description": {"text": goal.text},
                "subject": bundle.patient,
                "startDate": when(timezone.localdate(goal.created_at)),
                "target": [{"dueDate": when(goal.target_date)}] if goal.target_date else [],
                "expressedBy": bundle.patient if goal.created_by_id == bundle.plan.owner_id or goal.on_behalf else None,
                "note": notes,
            },
        )
    return refs


def _achievement(goal: Goal, scores: list[tuple] | None) -> dict | None:
    """Reached or stopped says it; otherwise the latest goal-attainment score (-2..+2) does."""
    if goal.status == Goal.Status.REACHED:
        code = "achieved"
    elif goal.status == Goal.Status.STOPPED:
        code = "not-achieved"
    elif scores:
        latest = scores[-1][1].score
        code = "improving" if latest > 0 else "in-progress" if latest == 0 else "no-progress"
    elif goal.status == Goal.Status.BUSY:
        code = "in-progress"
    else:
        return None
    return {"coding": [coding(GOAL_ACHIEVEMENT, code)]}


def _activities(bundle: BundleBuilder, agreements: list[Agreement], goal_refs: dict[int, dict]) -> list[dict]:
    """The agreements, as the CarePlan's activities (who does what by when)."""
    activities = []
    # Dated ones first, in date order, on every database (they order empty dates apart).
    for agreement in sorted(agreements, key=lambda a: (a.due_date is None, a.due_date or date.max, a.pk)):
        # Named as the agreements page names them; a reference once the network is in.
        if agreement.who_kind == Agreement.Who.RESIDENT:
            performer = bundle.patient
        elif agreement.assignee_id in bundle.by_user:
            performer = bundle.by_user[agreement.assignee_id]
        else:
            performer = {"display": agreement.who_name or str(Agreement.Who(agreement.who_kind).label)}
        support = Agreement.Support(agreement.support)
        activities.append(
            {
                "detail": {
                    "kind": "Task",
                    "code": concept(system("agreement-support"), support.value, support.label),
                    "goal": [goal_refs[agreement.goal_id]] if agreement.goal_id in goal_refs else [],
                    "status": ACTIVITY_STATUS[agreement.status],
                    "scheduledPeriod": {"end": when(agreement.due_date)} if agreement.due_date else None,
                    "performer": [performer] if performer else [],
                    "description": agreement.what,
                }
            }
        )
    return activities


def _referrals(bundle: BundleBuilder, goal_refs: dict[int, dict]) -> list[dict]:
    """Each referral as the Gravity Project's pair: a ServiceRequest to the receiving
    organisation and the Task that follows it."""
    helps = who_helps(access=bundle.access)
    referrals = helps.open_referrals + helps.closed_referrals
    if goal_refs:
        prefetch_related_objects(referrals, "goals")
    refs = []
    for referral in sorted(referrals, key=lambda r: (r.proposed_at, r.pk)):
        organisation = bundle.organisation(referral.organisation)
        goals = [goal_refs[g.pk] for g in referral.goals.all() if g.pk in goal_refs] if goal_refs else []
        priority = Referral.Priority(referral.priority)
        request = bundle.add(
            "ServiceRequest",
            referral.pk,
            {
                "identifier": identifier("referral", referral.pk),
                "status": SERVICE_REQUEST_STATUS[referral.status],
                "intent": "order",
                "priority": priority.value,
                "code": {"text": referral.service.name},
                "subject": bundle.patient,
                "authoredOn": when(referral.proposed_at),
                "requester": bundle.person(referral.proposed_by),
                "performer": [organisation],
                "supportingInfo": goals,
                "note": [{"text": referral.question}],
            },
        )
        refs.append(request)
        owner = organisation
        if referral.membership_id in bundle.by_membership:
            owner = bundle.by_membership[referral.membership_id]
        elif referral.assigned_to_id:
            owner = {**organisation, "display": f"{referral.assigned_to.display_name} ({referral.organisation.name})"}
        outputs = []
        if referral.outcome:
            outcome = Referral.Outcome(referral.outcome)
            outputs.append(
                {
                    "type": concept(system("referral-output"), "outcome", _("Outcome")),
                    "valueCodeableConcept": concept(system("referral-outcome"), outcome.value, outcome.label),
                }
            )
        if referral.outcome_note and referral.status == Referral.Status.COMPLETED:
            outputs.append(
                {
                    "type": concept(system("referral-output"), "outcome-note", _("What came of it")),
                    "valueString": referral.outcome_note,
                }
            )
        bundle.add(
            "Task",
            referral.pk,
            {
                "identifier": identifier("referral", referral.pk),
                "basedOn": [request],
                "status": TASK_STATUS[referral.status],
                "statusReason": {"text": referral.reason} if referral.reason and referral.is_closed else None,
                "intent": "order",
                "priority": priority.value,
                "code": {"coding": [coding(TASK_CODE, "fulfill", "Fulfill the focal request")]},
                "focus": request,
                "for": bundle.patient,
                "authoredOn": when(referral.consented_at or referral.proposed_at),
                "lastModified": when(referral.status_changed_at),
                "requester": bundle.person(referral.proposed_by),
                "owner": owner,
                "output": outputs,
            },
        )
    return refs


def _measurements(bundle: BundleBuilder, measurements: list[Measurement]) -> None:
    """Each instrument used as a Questionnaire, each time it was filled in as a
    QuestionnaireResponse."""
    in_use = {instrument.pk: instrument for instrument in instruments_in_use()}
    questionnaires: dict[int, str] = {}
    for measurement in measurements:
        instrument = measurement.instrument
        if instrument.pk not in questionnaires:
            known = in_use.get(instrument.pk)
            items = (
                list(known.items.all())
                if known
                else sorted({a.item for a in measurement.answers.all()}, key=lambda i: (i.order, i.pk))
            )
            labels = {label.value: label.text for label in known.scale_labels.all()} if known else {}
            questionnaires[instrument.pk] = _questionnaire(bundle, known or instrument, items, labels)
        url = questionnaires[instrument.pk]
        resident = measurement.perspective == Measurement.Perspective.RESIDENT
        answers = sorted(measurement.answers.all(), key=lambda a: (a.item.order, a.item.pk))
        items = [
            {
                "linkId": answer.item.code,
                "text": answer.item.question_text,
                "answer": [
                    {
                        "valueCoding": coding(f"{url}/scale", answer.value),
                        "item": [{"linkId": f"{answer.item.code}.talk", "answer": [{"valueBoolean": True}]}]
                        if answer.wants_to_talk
                        else [],
                    }
                ],
            }
            for answer in answers
        ]
        if measurement.note:
            items.append({"linkId": "note", "answer": [{"valueString": measurement.note}]})
        author = bundle.person(measurement.recorded_by)
        bundle.add(
            "QuestionnaireResponse",
            measurement.pk,
            {
                "identifier": identifier("measurement", measurement.pk)[0],
                "questionnaire": url,
                "status": "in-progress" if measurement.is_draft else "completed",
                "subject": bundle.patient,
                "authored": when(measurement.recorded_at),
                "author": author,
                "source": bundle.patient if resident else author,
                "item": items,
            },
        )


def _questionnaire(bundle: BundleBuilder, instrument, items, labels: dict[int, str]) -> str:
    url = f"{NS}/Questionnaire/{instrument.code}"
    talk = _("I want to talk about this")
    bundle.add(
        "Questionnaire",
        instrument.code,
        {
            "url": url,
            "identifier": [{"system": id_system("instrument"), "value": instrument.code}],
            "name": "".join(part.capitalize() for part in instrument.code.replace("_", "-").split("-")),
            "title": instrument.label,
            "status": "active" if instrument.active else "retired",
            "subjectType": ["Patient"],
            "description": instrument.intro_text,
            "item": [
                *(
                    {
                        "linkId": item.code,
                        "code": [coding(system("life-domain"), item.domain.code, item.domain.name)]
                        if item.domain
                        else [],
                        "text": item.question_text,
                        "type": "choice",
                        "answerOption": [
                            {"valueCoding": coding(f"{url}/scale", value, labels.get(value, ""))}
                            for value in instrument.values
                        ],
                        "item": [{"linkId": f"{item.code}.talk", "text": talk, "type": "boolean"}],
                    }
                    for item in items
                ),
                {"linkId": "note", "text": _("Anything else you want to tell?"), "type": "text"},
            ],
        },
    )
    return url


def _consents(bundle: BundleBuilder, decisions) -> None:
    """Each sharing decision as a Consent: who may see which part, to view or to add, until
    when. It is active while one of its choices still holds (no later decision about that
    person and part, the person still in the plan, the end date not passed)."""
    today = timezone.localdate()
    members = set(bundle.by_membership) if bundle.access.can_view(Part.NETWORK) else None
    decided_later: set[tuple] = set()
    # Members taken out of the plan by a later decision (a removal names no part: all of them).
    removed_later: set[int] = set()
    consents = []
    for decision in decisions:  # newest first
        provisions, holds = [], False
        for grant in decision.grants:
            key = (grant["member"], grant["part"])
            until = date.fromisoformat(grant["until"]) if grant.get("until") else None
            later = key in decided_later or grant["member"] in removed_later
            if not later and (members is None or grant["member"] in members):
                holds = holds or until is None or until >= today or grant["level"] == Level.NONE
            if grant["part"] is None:
                removed_later.add(grant["member"])
            else:
                decided_later.add(key)
            actor = bundle.by_membership.get(grant["member"], {"display": grant["name"]})
            part = Part(grant["part"]) if grant["part"] is not None else None
            actions = [coding(CONSENT_ACTION, "access")]
            if grant["level"] >= Level.CONTRIBUTE:
                actions.append(coding(CONSENT_ACTION, "correct"))
            provisions.append(
                {
                    "type": "deny" if grant["level"] == Level.NONE else "permit",
                    "period": {"start": when(decision.decided_at), "end": when(until)},
                    "actor": [
                        {
                            "role": concept(
                                "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                "IRCP",
                                "information recipient",
                            ),
                            "reference": {**actor, "display": grant["name"]},
                        }
                    ],
                    "action": [{"coding": [action]} for action in actions],
                    # No part named: the whole plan (taken out of the plan).
                    **({"code": [concept(system("plan-part"), part.value, part.label)]} if part else {}),
                }
            )
        consents.append((decision, provisions, holds))
    for decision, provisions, holds in reversed(consents):
        context = decision.get_context_display()
        bundle.add(
            "Consent",
            decision.pk,
            {
                "identifier": identifier("sharing-decision", decision.pk),
                "status": "active" if holds else "inactive",
                "scope": concept(
                    "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"
                ),
                "category": [
                    concept("http://loinc.org", "59284-0", "Patient Consent"),
                    concept(system("sharing-context"), decision.context, context),
                ],
                "patient": bundle.patient,
                "dateTime": when(decision.decided_at),
                "performer": [bundle.person(decision.decided_by)],
                "policyRule": concept(ACT_CODE, "OPTIN", "opt-in"),
                "provision": {"type": "permit", "provision": provisions},
            },
        )
