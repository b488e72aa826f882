"""What Samenplan holds about one person ("Mijn gegevens", AVG articles 15 and 20).

`SOURCES` names every model that holds data about a person and how the report reaches
it; `NOT_IN_REPORT` names the models that point at a person or a plan but are left out,
with the reason. `privacy/tests/test_report.py` walks every installed model: a model with
a foreign key to an account or a path to a plan that is in neither list fails the suite,
so a new table cannot be forgotten.

How a row is reached: through the person's own plans (every row of the plan, whoever
wrote it), or through any field that points at the person's account (written by them,
given to them, about them). Rows of other people's plans are listed by kind, id, date and
plan number only: their content belongs to that plan's resident, and the person reads it
there as long as their access holds.

Everything is read with a fixed number of queries (one or two per model), however many
plans and rows there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.audit.selectors import Line, fold
from samenplan.plans.models import Plan
from samenplan.sharing.models import Grant, Membership
from samenplan.sharing.policy import correctable_plans, sees_own_data

from .models import CorrectionRequest

FORMAT = "samenplan-my-data/1"
# The page folds at most this many audit entries about the person into lines; the
# download holds them all.
PAGE_AUDIT_ENTRIES = 300

# Never handed out, not even to the person: secrets and internal keys.
HIDDEN_FIELDS = {
    "password",
    "key",
    "salt",
    "code_hash",
    "lookup",
    "nonce",
    "submit_token",
    "hash",
    "prev_hash",
    "search_text",
    "version",
}


@dataclass(frozen=True)
class Source:
    """One model in the report. `plan_paths` lead from a row to its plan (empty when the
    model has none); the fields pointing at an account are found by themselves."""

    label: str
    name: object  # what the page calls it, translated
    plan_paths: tuple[str, ...] = ()
    # Fields that hold another person's contact details in the person's own plan.
    hidden: tuple[str, ...] = ()
    how: str = ""


SOURCES: tuple[Source, ...] = (
    Source("plans.plan", _("Plans"), ("id",), how="owner is you; or you started or closed it"),
    Source("plans.storyversion", _("Versions of the story"), ("plan",), how="in your plan, or written by you"),
    Source("plans.priority", _("What matters"), ("plan",), how="in your plan"),
    Source("plans.strength", _("What someone can do"), ("plan",), how="in your plan"),
    Source("plans.goal", _("Goals"), ("plan",), how="in your plan, or added by you"),
    Source("plans.agreement", _("Agreements"), ("plan",), how="in your plan, or added by you or given to you"),
    Source("plans.evaluation", _("Evaluations"), ("plan",), how="in your plan, or held or planned by you"),
    Source("plans.goalscore", _("Scores for goals"), ("evaluation__plan",), how="in an evaluation of your plan"),
    Source("plans.reminder", _("Reminders sent to you"), how="sent to you"),
    Source("accounts.activationcode", _("Codes to open a plan"), how="made for you, or by you"),
    Source(
        "sharing.membership",
        _("People in a plan"),
        ("plan",),
        hidden=("email", "phone"),
        how="in your plan; your own place in other plans; or added or ended by you",
    ),
    Source("sharing.grant", _("Who may see what"), ("membership__plan",), how="in your plan, or given by you"),
    Source("sharing.sharingdecision", _("Choices about who sees what"), ("plan",), how="in your plan, or by you"),
    Source(
        "sharing.invitation",
        _("Invitations"),
        ("plan",),
        hidden=("email",),
        how="in your plan, or sent or accepted by you",
    ),
    Source(
        "sharing.emergencyaccess", _("Emergency access"), ("membership__plan",), how="to your plan, or ended by you"
    ),
    Source("measuring.measurement", _("Self-assessments"), ("plan",), how="in your plan, or filled in by you"),
    Source("measuring.answer", _("Answers in a self-assessment"), ("measurement__plan",), how="in your plan"),
    Source(
        "conversations.thread", _("Conversations"), ("plan",), how="in your plan, or started by you or with you in it"
    ),
    Source("conversations.message", _("Messages"), ("thread__plan",), how="in your plan, or written by you"),
    Source("notifications.notification", _("Notifications"), how="sent to you"),
    Source("directory.service", _("Services on the social map you checked"), how="checked by you"),
    Source("referrals.referral", _("Referrals"), ("plan",), how="in your plan, or proposed, agreed or taken on by you"),
    Source("referrals.referralevent", _("Steps of a referral"), ("referral__plan",), how="in your plan, or by you"),
    Source("hubs.question", _("Questions at a wijkpunt"), ("plan",), how="joined to your plan, or handled by you"),
    Source("hubs.questionevent", _("Steps of a question"), ("question__plan",), how="joined to your plan, or by you"),
    Source("early_signals.signalupload", _("Signal lists you uploaded"), how="uploaded by you"),
    Source(
        "early_signals.signal",
        _("Early signals"),
        ("plan", "offered_plan"),
        how="about you (offered to or joined to your plan), or handled by you",
    ),
    Source(
        "early_signals.signalevent",
        _("Steps of an early signal"),
        ("signal__plan", "signal__offered_plan"),
        how="about you, or by you",
    ),
    Source("conferences.theme", _("Themes you added"), how="added by you"),
    Source("conferences.conference", _("Case conferences"), ("plan",), how="about your plan, or run by you"),
    Source(
        "conferences.participant",
        _("People at a case conference"),
        ("conference__plan",),
        how="at a conference about your plan, or you took part or proposed someone",
    ),
    Source("conferences.agendaitem", _("Agenda points"), ("conference__plan",), how="about your plan, or by you"),
    Source("conferences.minutesversion", _("Minutes"), ("conference__plan",), how="about your plan, or by you"),
    Source("conferences.decision", _("Decisions"), ("conference__plan",), how="about your plan, or by you"),
    Source("conferences.consult", _("Consults"), ("plan",), how="about your plan, or asked or answered by you"),
    Source(
        "conferences.breakthroughrequest",
        _("Breakthrough requests"),
        ("plan",),
        how="about your plan, or filed or decided by you",
    ),
    Source("privacy.correctionrequest", _("Requests to correct"), ("plan",), how="yours, or answered by you"),
    # Learning sessions (learning): a case from the resident's plan (only its pseudonymised
    # snapshot leaves the plan), the sessions one organised or took part in, what one wrote.
    Source("learning.case", _("Learning session cases"), ("plan",), how="from your plan, or proposed by you"),
    Source("learning.session", _("Learning sessions"), how="organised by you or with you in it"),
    Source(
        "learning.observation",
        _("Observations in a learning session"),
        ("case__plan",),
        how="about a case from your plan, or written by you",
    ),
    Source("learning.sessiontheme", _("Themes of a learning session"), how="added by you"),
    Source("learning.proposal", _("Proposals of a learning session"), how="written by you"),
    # The buddy network (buddies): a sign-up is about the volunteer; requests, matches and
    # check-ins belong to the resident's plan.
    Source("buddies.volunteer", _("Signing up as a buddy"), how="your sign-up, or decided by you"),
    Source("buddies.buddyrequest", _("Requests for a buddy"), ("plan",), how="for your plan, or asked by you"),
    Source("buddies.match", _("Buddy matches"), ("request__plan",), how="in your plan, or proposed by you"),
    Source("buddies.checkin", _("Buddy check-ins"), ("match__request__plan",), how="in your plan, or by you"),
    Source("admin.logentry", _("Changes in the admin site"), how="made by you"),
    # Two-step login (signin): which devices, never their secret.
    Source("otp_totp.totpdevice", _("Apps for the login code"), hidden=("key",), how="yours"),
    Source("otp_static.staticdevice", _("Sets of recovery codes"), how="yours"),
    # Mystery guests (mystery_guests): being a guest, one's reports and responses, touchpoints listed.
    Source("mystery_guests.mysteryguest", _("Being a mystery guest"), how="you, or added by you"),
    Source("mystery_guests.report", _("Mystery guest reports"), how="written by you"),
    Source("mystery_guests.response", _("Responses to mystery guest reports"), how="written by you"),
    Source("mystery_guests.touchpoint", _("Touchpoints for mystery guests"), how="listed by you"),
    # The city programme (programme): staff in work groups, their updates and requests.
    Source("programme.workgroupmember", _("Places in a work group of the programme"), how="you"),
    Source("programme.progressupdate", _("Progress updates in the programme"), how="written by you"),
    Source("programme.joinrequest", _("Requests in the programme"), how="asked or decided by you"),
)

# Models that point at an account or a plan but are not in the report, and why.
NOT_IN_REPORT: dict[str, str] = {
    # Login sessions: a random key and signed data, no content; they expire by themselves.
    "sessions.session": "login sessions hold no personal content and expire",
    # Django's permission tables: roles come from the account's role, shown in the report.
    "auth.group": "not used: the role on the account decides",
    "auth.permission": "configuration, about no person",
    # Recovery codes are secrets: the report shows the set (otp_static.staticdevice), not them.
    "otp_static.statictoken": "secret recovery codes; the set is shown, not the codes",
    # Login attempts (django-axes) are kept by username and address for the lockout and
    # expire by themselves (signin); a failed attempt under a username may be a stranger's
    # guess, so it is not handed out as this person's data.
    "axes.accessattempt": "lockout bookkeeping by username and address, expires",
    "axes.accessattemptexpiration": "lockout bookkeeping, expires",
    "axes.accessfailurelog": "lockout bookkeeping by username and address, expires",
    "axes.accesslog": "lockout bookkeeping by username and address, expires",
    # The API's connections for partner systems (api): an organisation's configuration;
    # who added or revoked one is in the audit log, which the report shows.
    "api.apiclient": "an organisation's connection for its system; who added it is in the audit log",
    "api.idempotencykey": "a key a partner's system sent with a signal, kept a day; the signal is not the sender's",
    # django-oauth-toolkit: Samenplan issues tokens only to systems (client credentials),
    # never to a person, so these rows name no one.
    "oauth2_provider.application": "a partner system's credentials (the secret hashed), no person",
    "oauth2_provider.accesstoken": "tokens of partner systems only, never of a person",
    "oauth2_provider.refreshtoken": "not issued (client credentials have none)",
    "oauth2_provider.idtoken": "not issued (no OpenID Connect provider here)",
    "oauth2_provider.grant": "not issued (no authorization-code grant here)",
    "oauth2_provider.devicegrant": "not issued (no device grant here)",
}

# Pointing at a plan only through these is not about the resident (the social map).
_SOURCE_BY_LABEL = {source.label: source for source in SOURCES}


def source_model(source: Source) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(source.label)


def user_fields(model) -> list[models.Field]:
    """Every field of the model that points at an account (foreign keys and many-to-many)."""
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation
        and f.concrete
        and f.related_model is User
        and (f.many_to_one or f.one_to_one or f.many_to_many)
    ]


def _when(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value


def _row(obj, source: Source) -> dict:
    """All of a row's fields: an account as its name, another row as its id."""
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or f.name in source.hidden:
            continue
        if f.is_relation:
            if f.related_model is User:
                person = getattr(obj, f.name)
                data[f.name] = person.display_name if person is not None else None
            else:
                data[f.name] = getattr(obj, f.attname)
        else:
            data[f.name] = _when(getattr(obj, f.attname))
    for f in obj._meta.many_to_many:
        related = getattr(obj, f.name).all()
        data[f.name] = [p.display_name for p in related] if f.related_model is User else [r.pk for r in related]
    return data


def _first_date(model) -> str | None:
    for f in model._meta.concrete_fields:
        if isinstance(f, models.DateTimeField):
            return f.name
    return None


@dataclass
class PlanData:
    plan: object
    # Rows per source label.
    rows: dict[str, list] = field(default_factory=dict)

    def count(self, label: str) -> int:
        return len(self.rows.get(label, []))


@dataclass
class Trace:
    """A row outside the person's own plans in which they appear."""

    source: Source
    obj: object
    as_fields: list[str]
    plan_id: int | None
    # Whether its content belongs to someone else (a row of another person's plan, or a
    # question or signal about another resident): then only kind, id, date and plan show.
    others: bool

    @property
    def at(self):
        name = _first_date(type(self.obj))
        return getattr(self.obj, name) if name else None


@dataclass
class MyData:
    user: User
    plans: list[PlanData]
    memberships: list[Membership]
    grants: dict[int, list[Grant]]
    traces: list[Trace]
    corrections: list[CorrectionRequest]
    audit_about: list[AuditEntry]
    audit_by: list[AuditEntry] | None
    correctable: list

    def traces_by_source(self) -> list[tuple[Source, int, object]]:
        """For the page: per kind, how many and the latest date."""
        summary: dict[str, list] = {}
        for trace in self.traces:
            item = summary.setdefault(trace.source.label, [trace.source, 0, None])
            item[1] += 1
            at = trace.at
            if at is not None and (item[2] is None or at > item[2]):
                item[2] = at
        order = [s.label for s in SOURCES]
        return [tuple(summary[label]) for label in sorted(summary, key=order.index)]


def _plan_q(source: Source, plan_ids: list[int]) -> Q:
    q = Q(pk__in=[])
    for path in source.plan_paths:
        key = "pk__in" if path == "id" else f"{path}__in"
        q |= Q(**{key: plan_ids})
    return q


def _plan_of(obj, source: Source, own: set[int]) -> int | None:
    """The plan a row belongs to (its own plan first), without another query."""
    found = None
    for path in source.plan_paths:
        if path == "id":
            return obj.pk
        target = obj
        for step in path.split("__")[:-1]:
            target = getattr(target, step, None) if target is not None else None
        pk = getattr(target, path.split("__")[-1] + "_id", None) if target is not None else None
        if pk in own:
            return pk
        found = found or pk
    return found


def _select(source: Source, model) -> list[str]:
    """What to join so that a row and its plan id read without further queries."""
    related = [f.name for f in user_fields(model) if not f.many_to_many]
    for path in source.plan_paths:
        parts = path.split("__")[:-1]
        if parts:
            related.append("__".join(parts))
    return related


def _queryset(source: Source, model):
    m2m = [f.name for f in model._meta.many_to_many]
    return model.objects.select_related(*_select(source, model)).prefetch_related(*m2m).order_by("pk")


def my_data(*, user: User, with_own_actions: bool = False) -> MyData:
    """Everything Samenplan holds about `user`, read for `user` only. With
    `with_own_actions`, also every audit entry of what they did (for the download)."""
    if not sees_own_data(user):
        raise PermissionError("only the person themself")
    plans = list(
        Plan.objects.filter(owner=user)
        .select_related("wijk", "owner", "created_by", "closed_by")
        .order_by("created_at", "pk")
    )
    plan_ids = [p.pk for p in plans]
    own = set(plan_ids)
    per_plan = {p.pk: PlanData(plan=p) for p in plans}
    traces: list[Trace] = []
    for source in SOURCES:
        model = source_model(source)
        people = user_fields(model)
        person_q = Q(pk__in=[])
        for f in people:
            person_q |= Q(**{f.name: user})
        if source.plan_paths and plan_ids and source.label != "plans.plan":
            for obj in _queryset(source, model).filter(_plan_q(source, plan_ids)).distinct():
                per_plan[_plan_of(obj, source, own)].rows.setdefault(source.label, []).append(obj)
        elsewhere = _queryset(source, model).filter(person_q)
        if source.plan_paths and plan_ids:
            elsewhere = elsewhere.exclude(_plan_q(source, plan_ids))
        for obj in elsewhere.distinct():
            as_fields = [
                f.name
                for f in people
                if (
                    user.pk in {p.pk for p in getattr(obj, f.name).all()}
                    if f.many_to_many
                    else getattr(obj, f.attname) == user.pk
                )
            ]
            plan_id = _plan_of(obj, source, own) if source.plan_paths else None
            others = bool(source.plan_paths)
            traces.append(Trace(source=source, obj=obj, as_fields=as_fields, plan_id=plan_id, others=others))
    memberships = list(
        Membership.objects.filter(user=user)
        .exclude(plan__owner=user)
        .select_related("plan__owner", "organisation")
        .order_by("-added_at", "-pk")
    )
    grants: dict[int, list[Grant]] = {}
    for grant in Grant.objects.filter(membership__in=memberships).order_by("part"):
        grants.setdefault(grant.membership_id, []).append(grant)
    corrections = list(
        CorrectionRequest.objects.filter(requester=user).select_related("plan", "answered_by").order_by("-created_at")
    )
    about = Q(subject_id=user.pk) | Q(on_behalf_of_id=user.pk)
    if plan_ids:
        about |= Q(plan_id__in=plan_ids)
        for pk in plan_ids:
            about |= Q(plan_id__isnull=True, plans__contains=f",{pk},")
    audit_about = AuditEntry.objects.filter(about).order_by("-at", "-id")
    audit_by = None
    if with_own_actions:
        audit_by = list(AuditEntry.objects.filter(actor_id=user.pk).exclude(about).order_by("-at", "-id"))
        audit_about = list(audit_about)
    else:
        audit_about = list(audit_about.exclude(actor_id=user.pk)[:PAGE_AUDIT_ENTRIES])
    return MyData(
        user=user,
        plans=list(per_plan.values()),
        memberships=memberships,
        grants=grants,
        traces=traces,
        corrections=corrections,
        audit_about=audit_about,
        audit_by=audit_by,
        correctable=list(correctable_plans(user).select_related("wijk")),
    )


def audit_lines(entries: list[AuditEntry]) -> list[Line]:
    """Entries folded into the resident's access-log lines: one per person, day and action."""
    return fold(entries)


def _account(user: User) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": user.phone,
        "job_title": user.job_title,
        "role": user.role,
        "organisation": user.organisation.name if user.organisation_id else None,
        "active": user.is_active,
        "joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
    }


def _audit_row(entry: AuditEntry, *, about: bool) -> dict:
    row = {"id": entry.pk, "at": _when(entry.at), "action": entry.action, "outcome": entry.outcome}
    if about:
        row.update(
            who=entry.actor_name,
            role=entry.actor_role,
            organisation=entry.actor_organisation,
            on_your_behalf=entry.on_behalf_of_id == entry.subject_id and entry.on_behalf_of_id is not None,
            plan=entry.plan_id,
            parts=entry.part_list,
            reason=entry.reason,
            page=entry.page,
        )
    else:
        row.update(plan=entry.plan_id, plans=[int(p) for p in entry.plans.strip(",").split(",") if p], page=entry.page)
    return row


def my_data_json(*, user: User) -> dict:
    """The download: everything in `my_data`, as plain data (shape in docs/privacy.md)."""
    data = my_data(user=user, with_own_actions=True)
    plan_source = _SOURCE_BY_LABEL["plans.plan"]
    return {
        "format": FORMAT,
        "exported_at": _when(timezone.now()),
        "account": _account(user),
        "plans": [
            {
                **_row(p.plan, plan_source),
                "rows": {label: [_row(obj, _SOURCE_BY_LABEL[label]) for obj in objs] for label, objs in p.rows.items()},
            }
            for p in data.plans
        ],
        "yours": _yours(data),
        "elsewhere": [
            {
                "model": t.source.label,
                "id": t.obj.pk,
                "at": _when(t.at),
                "plan": t.plan_id,
                "as": t.as_fields,
            }
            for t in data.traces
            if t.others
        ],
        "grants_to_you": [
            {**_row(g, _SOURCE_BY_LABEL["sharing.grant"]), "plan": g.membership.plan_id}
            for m in data.memberships
            for g in data.grants.get(m.pk, [])
        ],
        "audit": {
            "about_you": [_audit_row(e, about=True) for e in data.audit_about],
            "by_you": [_audit_row(e, about=False) for e in data.audit_by or []],
        },
    }


def _yours(data: MyData) -> dict:
    """Rows outside your own plans whose content is yours: your place in other plans,
    notifications, reminders, what you checked or uploaded."""
    result: dict[str, list] = {}
    owners = {m.pk: m.plan.owner.display_name for m in data.memberships}
    for trace in data.traces:
        if trace.others and trace.source.label != "sharing.membership":
            continue
        if trace.source.label == "sharing.membership" and trace.obj.user_id != data.user.pk:
            continue
        row = _row(trace.obj, Source(trace.source.label, "", hidden=()))
        if trace.source.label == "sharing.membership":
            row["plan_owner"] = owners.get(trace.obj.pk)
        result.setdefault(trace.source.label, []).append(row)
    return result
