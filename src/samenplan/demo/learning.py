"""Demo data: a learning session. Sanne (social team) proposed Fatima's plan as a case;
Fatima said yes to her story, what matters to her, her goals and agreements; Sanne checked
the pseudonymised snapshot (leaving out her son's name, which the system does not know)
and shared it in "Leersessie schulden en wonen", with professionals of debt counselling,
the housing corporation and the employment service. Two observations, three themes and a
proposal sent to the programme."""

from datetime import timedelta

from django.utils import timezone

from samenplan.learning import services
from samenplan.learning.models import Proposal, Session
from samenplan.plans.models import Plan
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for

TITLE = "Leersessie schulden en wonen"


def build_learning(users, organisations, wijken) -> None:
    """One session with one shared case, observations, themes and a proposal."""
    if Session.objects.filter(title=TITLE).exists():
        return
    sanne = users["sanne.wijkteam"]
    plan = Plan.objects.select_related("owner", "wijk").get(owner=users["fatima"])
    proposer = access_for(sanne, plan)
    case = services.case_propose(
        access=proposer,
        reason="De huurachterstand en de schulden wachten op elkaar: niemand kan beginnen voordat de ander klaar is.",
    )
    services.case_decide(
        access=access_for(users["fatima"], plan),
        case_id=case.pk,
        parts=[Part.STORY, Part.PRIORITIES, Part.GOALS, Part.AGREEMENTS],
        agree=True,
    )
    case.refresh_from_db()
    services.case_leave_out(case=case, access=proposer, terms=["Amin"])
    session = services.session_create(
        user=sanne,
        title=TITLE,
        held_on=timezone.localdate() - timedelta(days=3),
        participants=[users["jolien.schuldhulp"], users["mark.woonbedrijf"], users["tom.werkbedrijf"]],
    )
    services.case_share(case=case, access=proposer, session=session)
    case.refresh_from_db()
    services.observation_add(
        user=users["jolien.schuldhulp"],
        session=session,
        case=case,
        text="Schuldhulp kan pas beginnen met een vast inkomen, maar de uitkering wacht op papieren van de verhuurder.",
    )
    services.observation_add(
        user=users["mark.woonbedrijf"],
        session=session,
        text="Bij drie van onze huurders ging het net zo: de ontruimingsbrief komt voordat iemand de schulden ziet.",
    )
    for name in ("Huurachterstand", "Wachten op elkaar", "Inkomen eerst"):
        services.theme_add(user=users["tom.werkbedrijf"], session=session, name=name)
    services.proposal_add(
        user=sanne,
        session=session,
        title="Eén startgesprek voor huur en schulden",
        text=(
            "Woonbedrijf, Schuldhulp en het Werkbedrijf voeren het eerste gesprek samen, zodat de huur, de "
            "schulden en het inkomen tegelijk beginnen in plaats van na elkaar."
        ),
        destination=Proposal.Destination.PROGRAMME,
    )
