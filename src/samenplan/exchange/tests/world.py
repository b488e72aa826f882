"""A small plan with every kind of thing the FHIR export maps, built with fixed ids (far
above what the database hands out by itself) so its Bundle is the same on every run and
on both databases. Build it inside a frozen clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.directory.models import Service
from samenplan.measuring.models import Answer, Instrument, LifeDomain, Measurement
from samenplan.plans.models import Agreement, Evaluation, Goal, GoalScore, Plan, StoryVersion
from samenplan.referrals.models import Referral
from samenplan.sharing.models import Grant, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part


@dataclass
class World:
    plan: Plan
    resident: User
    coordinator: User
    friend: User


def build() -> World:
    now = timezone.now()
    wijk = Wijk.objects.create(pk=7201, name="Helmstad-Oost", code="fhir-oost")
    team = Organisation.objects.create(pk=7101, name="Sociaal Team Oost", kind=Organisation.Kind.SOCIAL_TEAM)
    debt = Organisation.objects.create(pk=7102, name="Schuldhulp Oost", kind=Organisation.Kind.DEBT)
    resident = User.objects.create(pk=7001, username="fhir-fatima", first_name="Fatima", last_name="El Amrani")
    coordinator = User.objects.create(
        pk=7002,
        username="fhir-sanne",
        first_name="Sanne",
        last_name="de Vries",
        role=User.Role.PROFESSIONAL,
        organisation=team,
    )
    friend = User.objects.create(
        pk=7003, username="fhir-kees", first_name="Kees", last_name="Jansen", role=User.Role.NETWORK
    )
    plan = Plan.objects.create(pk=7301, owner=resident, wijk=wijk, status=Plan.Status.ACTIVE, created_by=coordinator)
    StoryVersion.objects.create(
        pk=7401, plan=plan, number=1, text="MARKER-STORY Ik wil rust in mijn geldzaken.", written_by=resident
    )

    sanne = Membership.objects.create(
        pk=7501,
        plan=plan,
        user=coordinator,
        role=Membership.Role.COORDINATOR,
        relation=Membership.Relation.PROFESSIONAL,
        organisation=team,
        job_title="Wijkcoach",
        added_by=resident,
    )
    kees = Membership.objects.create(
        pk=7502,
        plan=plan,
        user=friend,
        role=Membership.Role.NETWORK,
        relation=Membership.Relation.FRIEND,
        phone="06-12345678",
        helps_with="Boodschappen",
        added_by=resident,
    )
    Membership.objects.create(
        pk=7503,
        plan=plan,
        name="MARKER-NETWORK Oma Els",
        role=Membership.Role.NETWORK,
        relation=Membership.Relation.FAMILY,
        added_by=resident,
    )
    until = timezone.localdate() + timedelta(days=90)
    for offset, part in enumerate(Part):
        Grant.objects.create(pk=7601 + offset, membership=sanne, part=part, level=Level.CONTRIBUTE, granted_by=resident)
    Grant.objects.create(pk=7620, membership=kees, part=Part.GOALS, level=Level.VIEW, granted_by=resident)
    Grant.objects.create(
        pk=7621, membership=kees, part=Part.AGREEMENTS, level=Level.CONTRIBUTE, valid_until=until, granted_by=resident
    )
    SharingDecision.objects.create(
        pk=7701,
        plan=plan,
        decided_by=resident,
        context=SharingDecision.Context.INTAKE,
        grants=[
            {"member": sanne.pk, "name": "Sanne de Vries", "part": part.value, "level": 2, "until": None}
            for part in Part
        ],
    )
    SharingDecision.objects.create(
        pk=7702,
        plan=plan,
        decided_by=resident,
        context=SharingDecision.Context.SETTINGS,
        grants=[
            {"member": kees.pk, "name": "Kees Jansen", "part": "goals", "level": 1, "until": None},
            {"member": kees.pk, "name": "Kees Jansen", "part": "agreements", "level": 2, "until": until.isoformat()},
            {"member": kees.pk, "name": "Kees Jansen", "part": "story", "level": 0, "until": None},
        ],
    )

    money = LifeDomain.objects.get(code="financien")
    rent = Goal.objects.create(
        pk=7801,
        plan=plan,
        text="Elke maand de huur op tijd betalen",
        domain=money,
        target_date=date(2026, 9, 1),
        status=Goal.Status.BUSY,
        helpers="Kees",
        created_by=resident,
    )
    walk = Goal.objects.create(
        pk=7802, plan=plan, text="Elke dag een rondje lopen", status=Goal.Status.REACHED, created_by=coordinator
    )
    Agreement.objects.create(
        pk=7901,
        plan=plan,
        goal=rent,
        what="Automatische overschrijving regelen",
        who_kind=Agreement.Who.RESIDENT,
        due_date=date(2026, 4, 1),
        support=Agreement.Support.LIGHT,
        created_by=resident,
    )
    Agreement.objects.create(
        pk=7902,
        plan=plan,
        goal=rent,
        what="Samen de post openen",
        who_kind=Agreement.Who.NETWORK,
        who_name="Kees",
        assignee=friend,
        status=Agreement.Status.BUSY,
        support=Agreement.Support.LIGHT,
        created_by=resident,
    )
    evaluation = Evaluation.objects.create(
        pk=8001,
        plan=plan,
        scheduled_for=timezone.localdate() - timedelta(days=1),
        held_at=now - timedelta(days=1),
        held_by=coordinator,
        summary="MARKER-EVALUATION Het gaat beter.",
        created_by=coordinator,
    )
    GoalScore.objects.create(pk=8101, evaluation=evaluation, goal=rent, score=1, note="Twee keer op tijd")
    GoalScore.objects.create(pk=8102, evaluation=evaluation, goal=walk, score=0)

    instrument = Instrument.objects.get(code="zelfredzaamheid")
    measurement = Measurement.objects.create(
        pk=8201,
        plan=plan,
        instrument=instrument,
        perspective=Measurement.Perspective.RESIDENT,
        recorded_by=resident,
        note="MARKER-ASSESSMENT Geld blijft lastig.",
    )
    items = {item.code: item for item in instrument.items.all()}
    Answer.objects.create(pk=8301, measurement=measurement, item=items["financien"], value=2, wants_to_talk=True)
    Answer.objects.create(pk=8302, measurement=measurement, item=items["huisvesting"], value=4)

    service = Service.objects.create(
        pk=8401, organisation=debt, name="Schuldhulpverlening", description="Hulp bij schulden."
    )
    referral = Referral.objects.create(
        pk=8501,
        plan=plan,
        service=service,
        organisation=debt,
        question="Ik wil hulp bij mijn schulden.",
        status=Referral.Status.REQUESTED,
        consent_parts=[Part.GOALS],
        consented_by=resident,
        consented_at=now,
        proposed_by=coordinator,
    )
    referral.goals.set([rent])
    return World(plan=plan, resident=resident, coordinator=coordinator, friend=friend)
