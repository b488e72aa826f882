"""Case conferences, consults and breakthrough requests in the demo town.

- Fatima's plan: a Brede Hoed conference today, which Fatima agreed to (her story, what
  matters to her, goals and agreements on the table; her sister Samira comes along), with
  Jolien (Schuldhulp), Mark (Woonbedrijf) and Tom (Werkbedrijf, not in her plan), an agenda
  point of her own, minutes in two versions, three decisions (one of Jolien's already past
  its date) and a breakthrough request waiting for the officer. Eva (GGZ) was proposed
  after Fatima agreed and waits for her yes.
- Maria's plan: a conference six weeks ago, closed, whose decisions Maria confirmed; one
  of Ahmed's decisions is past its date, the look-back is in a few days, and the
  breakthrough officer granted its request.
- Henk's plan: a conference Ahmed proposed, waiting for Henk's answer.
- Consults: Sanne's anonymous question to GGZ De Peel (answered), Ahmed's to Schuldhulp
  Helmstad (open), and Jolien's question about Fatima's self-assessment, waiting for
  Fatima's consent.

Everything goes through the services with what the policy hands each person, like the
referral stories; a plan that already has a conference is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.conferences.models import (
    BreakthroughRequest,
    Conference,
    Consult,
    Decision,
    MinutesVersion,
)
from samenplan.conferences.selectors.breakthrough import known_names
from samenplan.conferences.selectors.meeting import decision_assignees
from samenplan.conferences.services import breakthrough, consults, convening, meeting
from samenplan.lib.pii import scrub
from samenplan.measuring.models import LifeDomain
from samenplan.plans.models import Agreement, Plan
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for, conference_access, consult_for

from .builder import office_time, working_day


def _ca(user: User, conference: Conference):
    conference = Conference.objects.select_related("plan__owner", "plan__wijk").get(pk=conference.pk)
    return conference_access(user, conference)


def _convene_and_agree(plan: Plan, coordinator: User, professionals, *, stuck, tried, meets_at, place, parts, network):
    access = access_for(coordinator, plan)
    conference = convening.conference_convene(
        access=access, stuck=stuck, tried=tried, meets_at=meets_at, place=place, professionals=professionals
    )
    resident = _ca(plan.owner, conference)
    approve = list(conference.participants.all())
    members = list(Membership.objects.filter(plan=plan, user__username__in=network, ended_at__isnull=True))
    convening.conference_consent(ca=resident, approve=approve, network=members, parts=parts, version=conference.version)
    return conference


def _decide(conference: Conference, coordinator: User, what: str, who: str | None, days: int):
    """A decision for `who` (a username; None for the resident herself), due in `days`."""
    ca = _ca(coordinator, conference)
    people = decision_assignees(ca=ca)
    assignee = people[0] if who is None else next(p for p in people if p.user and p.user.username == who)
    due = working_day(timezone.localdate() + timedelta(days=days), forward=True)
    return meeting.decision_create(ca=ca, what=what, who=assignee, due_date=due)


def _file(conference: Conference, coordinator: User, **fields):
    ca = _ca(coordinator, conference)
    names = known_names(plan=conference.plan)
    return breakthrough.breakthrough_file(
        ca=ca,
        anonymous_obstacle=scrub(fields["obstacle"], names=names),
        anonymous_solution=scrub(fields["solution"], names=names),
        themes=[],
        **fields,
    )


def _fatima(users: dict[str, User]) -> None:
    plan = Plan.objects.get(owner=users["fatima"])
    sanne = users["sanne.wijkteam"]
    conference = _convene_and_agree(
        plan,
        sanne,
        [users["jolien.schuldhulp"], users["mark.woonbedrijf"], users["tom.werkbedrijf"]],
        stuck=(
            "De huurachterstand groeit terwijl de uitkering nog niet loopt. Woonbedrijf heeft een brief over "
            "ontruiming gestuurd. De schuldhulp kan pas starten als er een vast inkomen is."
        ),
        tried="Twee betalingsregelingen met Woonbedrijf; een aanvraag voor bijzondere bijstand (afgewezen).",
        meets_at=office_time(timezone.localdate(), 9, 30),
        place="Buurthuis De Westwijzer, spreekkamer 2",
        parts=[Part.STORY, Part.PRIORITIES, Part.GOALS, Part.AGREEMENTS],
        network=["samira"],
    )
    for user, text in (
        (sanne, "De brief van Woonbedrijf over ontruiming"),
        (sanne, "Werk: wat past bij Fatima en wanneer?"),
        (users["fatima"], "Ik wil ook praten over mijn hoofdpijn en dat ik slecht slaap"),
    ):
        convening.agenda_add(ca=_ca(user, conference), text=text)
    meeting.minutes_save(
        ca=_ca(sanne, conference),
        text=(
            "Aanwezig: Fatima, Samira, Jolien (Schuldhulp), Mark (Woonbedrijf), Tom (Werkbedrijf), Sanne.\n\n"
            "1. Woonbedrijf wacht met de ontruiming zolang er een regeling loopt.\n"
            "2. Tom ziet mogelijkheden voor een werkfit-traject in de ochtend, als de kinderen op school zijn."
        ),
        base_number=0,
    )
    meeting.minutes_save(
        ca=_ca(users["jolien.schuldhulp"], conference),
        text=(
            "Aanwezig: Fatima, Samira, Jolien (Schuldhulp), Mark (Woonbedrijf), Tom (Werkbedrijf), Sanne.\n\n"
            "1. Woonbedrijf wacht met de ontruiming zolang er een regeling loopt.\n"
            "2. Tom ziet mogelijkheden voor een werkfit-traject in de ochtend, als de kinderen op school zijn.\n"
            "3. De regels voor bijzondere bijstand staan een oplossing in de weg: we vragen een doorbraak aan."
        ),
        base_number=1,
    )
    _decide(conference, sanne, "Ontruimingsprocedure stilzetten zolang de regeling loopt", "mark.woonbedrijf", 5)
    _decide(conference, sanne, "Intakegesprek werkfit-traject plannen", "tom.werkbedrijf", 10)
    late = _decide(conference, sanne, "Alle brieven van de deurwaarder op een rij zetten", "jolien.schuldhulp", 7)
    Agreement.objects.filter(pk=late.agreement_id).update(
        due_date=working_day(timezone.localdate() - timedelta(days=2))
    )
    _file(
        conference,
        sanne,
        obstacle=(
            "Fatima krijgt geen bijzondere bijstand voor de huurachterstand, omdat er al een schuldhulptraject "
            "loopt. Zonder betaling start Woonbedrijf de ontruiming."
        ),
        solution=(
            "De gemeente betaalt de huurachterstand van drie maanden eenmalig uit het doorbraakbudget. Fatima "
            "lost het terug via de schuldregeling."
        ),
        cost_solution=2250,
        cost_nothing=28000,
        cost_note="Ontruiming, noodopvang voor een moeder met twee kinderen en jeugdhulp (schatting sociaal team).",
        resident_words="Ik wil gewoon in mijn huis blijven met de kinderen. Ik doe alles wat ze vragen.",
        new_theme="Bijzondere bijstand en schuldhulp sluiten niet op elkaar aan",
        domain=LifeDomain.objects.filter(code="huisvesting").first(),
    )
    # Proposed after Fatima agreed: Eva joins only once Fatima says yes.
    convening.conference_propose_people(ca=_ca(sanne, conference), professionals=[users["eva.ggz"]])


def _maria(users: dict[str, User]) -> None:
    plan = Plan.objects.get(owner=users["maria"])
    ahmed = users["ahmed.wijkteam"]
    conference = _convene_and_agree(
        plan,
        ahmed,
        [users["ilse.buddynetwerk"], users["peter.huisarts"]],
        stuck="Maria zorgt dag en nacht voor Bart en raakt uitgeput. De respijtzorg is op: het maximum is bereikt.",
        tried="Dagbesteding voor Bart op twee dagen; buurman Wim helpt op dinsdag en donderdag.",
        meets_at=office_time(timezone.localdate() - timedelta(days=42), 10, 0),
        place="Wijkpunt Noord",
        parts=[Part.STORY, Part.GOALS, Part.AGREEMENTS],
        network=["wim.buurman"],
    )
    meeting.minutes_save(
        ca=_ca(ahmed, conference),
        text="Maria heeft rust nodig. Peter ziet dat haar gezondheid achteruitgaat. Ilse zoekt een vrijwilliger.",
        base_number=0,
    )
    _decide(conference, ahmed, "Een vaste vrijwilliger voor de woensdagmiddag zoeken", "ilse.buddynetwerk", 14)
    late = _decide(conference, ahmed, "Extra respijtzorg aanvragen bij de gemeente", "ahmed.wijkteam", 7)
    request = _file(
        conference,
        ahmed,
        obstacle="De respijtzorg voor Maria is op: de regeling vergoedt niet meer dan acht uur per week.",
        solution="Vier uur extra respijtzorg per week, een halfjaar lang, betaald uit het doorbraakbudget.",
        cost_solution=3100,
        cost_nothing=41000,
        cost_note="Een opname van Bart in een verpleeghuis als Maria uitvalt, een halfjaar.",
        resident_words="Ik wil voor Bart blijven zorgen, maar ik moet ook een keer slapen.",
        new_theme="Mantelzorg zonder pauze",
        domain=LifeDomain.objects.filter(code="huiselijke-relaties").first(),
    )
    breakthrough.breakthrough_decide(
        user=users["doorbraak"],
        request=request,
        granted=True,
        note="Toegekend: vier uur extra respijtzorg per week tot het einde van het jaar.",
        version=request.version,
    )
    ca = _ca(ahmed, conference)
    convening.conference_close(
        ca=ca,
        follow_up_on=working_day(timezone.localdate() + timedelta(days=4), forward=True),
        version=ca.conference.version,
    )
    meeting.outcome_respond(
        ca=_ca(users["maria"], conference), confirmed=True, comment="Fijn dat ik weer naar het koor kan."
    )
    # It happened six weeks ago: the rows say so, and Ahmed's own decision is past its date.
    past = conference.meets_at
    Conference.objects.filter(pk=conference.pk).update(
        convened_at=past - timedelta(days=7),
        consented_at=past - timedelta(days=5),
        closed_at=past + timedelta(hours=2),
        outcome_confirmed_at=past + timedelta(days=1),
        outcome_responded_at=past + timedelta(days=1),
    )
    MinutesVersion.objects.filter(conference=conference).update(written_at=past + timedelta(hours=1))
    Decision.objects.filter(conference=conference).update(created_at=past + timedelta(hours=1))
    Agreement.objects.filter(conference_decision__conference=conference).update(created_at=past + timedelta(hours=1))
    Agreement.objects.filter(pk=late.agreement_id).update(
        due_date=working_day(timezone.localdate() - timedelta(days=10))
    )
    BreakthroughRequest.objects.filter(pk=request.pk).update(
        filed_at=past + timedelta(hours=3),
        decided_at=past + timedelta(days=6),
        decide_by=(past + timedelta(days=14)).date(),
    )


def _henk(users: dict[str, User]) -> None:
    plan = Plan.objects.get(owner=users["henk"])
    convening.conference_convene(
        access=access_for(users["ahmed.wijkteam"], plan),
        stuck="Henk komt de deur bijna niet meer uit. De fysiotherapie is gestopt omdat hij er niet heen kan.",
        tried="Een buddy die hem ophaalt voor de biljartmiddag.",
        meets_at=office_time(timezone.localdate() + timedelta(days=6), 14, 0),
        place="Wijkcentrum Brouwhof",
        professionals=[users["peter.huisarts"], users["ilse.buddynetwerk"]],
    )


def _consults(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    if Consult.objects.exists():
        return
    ggz, debts = organisations["GGZ De Peel"], organisations["Schuldhulp Helmstad"]
    health = LifeDomain.objects.get(code="geestelijke-gezondheid")
    money = LifeDomain.objects.get(code="financien")
    asked = consults.consult_ask(
        user=users["sanne.wijkteam"],
        to_organisation=ggz,
        domain=health,
        question=(
            "Hoe lang is de wachttijd voor een intake bij jullie voor iemand met slaapproblemen en stress door "
            "schulden? Is er iets voor de tussentijd?"
        ),
    )
    eva = users["eva.ggz"]
    ca = consult_for(eva, asked.pk)
    consults.consult_answer(
        ca=ca,
        version=asked.version,
        answer=(
            "De wachttijd is nu zes weken. In de tussentijd kan iemand bij ons inloopspreekuur op dinsdag terecht, "
            "zonder verwijzing. De POH-GGZ van de huisarts kan ook helpen."
        ),
    )
    consults.consult_ask(
        user=users["ahmed.wijkteam"],
        to_organisation=debts,
        domain=money,
        question="Kan iemand met een schuldregeling nog een betalingsregeling met de energieleverancier treffen?",
    )
    fatima = Plan.objects.get(owner=users["fatima"])
    consults.consult_ask(
        user=users["jolien.schuldhulp"],
        to_organisation=ggz,
        domain=health,
        question="Kan iemand van jullie meekijken of de slaapproblemen een schuldregeling in de weg staan?",
        access=access_for(users["jolien.schuldhulp"], fatima),
        part=Part.ASSESSMENT,
    )


def build_conferences(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    for resident, build in (("fatima", _fatima), ("maria", _maria), ("henk", _henk)):
        if not Conference.objects.filter(plan__owner=users[resident]).exists():
            build(users)
    _consults(users, organisations)
