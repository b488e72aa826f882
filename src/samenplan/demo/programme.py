"""Demo data: the city programme "Ruimte voor leven": twelve goals on the five Brede Welvaart
themes, actions led by the demo's organisations with work groups and progress updates
(some older than three months, so "stalled" shows), and two requests for the programme
coordinator (Petra, `programma`)."""

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import Municipality, User
from samenplan.programme.models import Action, Goal, JoinRequest, Programme, ProgressUpdate, WorkGroupMember

GOALS = [
    ("Iedereen kan rondkomen", ["income"], ["plannen_gestart"]),
    ("Schulden worden vroeg gezien", ["income"], ["signalen", "signalen_bereikt"]),
    ("Jongeren sporten mee", ["health", "social"], []),
    ("Iedereen heeft een dak boven het hoofd", ["housing"], []),
    ("Wie kan werken, vindt werk", ["development"], []),
    ("Iedereen kan lezen en schrijven", ["development"], []),
    ("Niemand staat er alleen voor", ["social"], ["casusoverleggen"]),
    ("Gezond opgroeien in elke wijk", ["health"], []),
    ("Hulp is dichtbij, in de wijk", ["social", "health"], ["vragen"]),
    ("Regels staan een oplossing niet in de weg", ["income"], ["doorbraken"]),
    ("Mantelzorgers houden het vol", ["health", "social"], []),
    ("Een veilige en schone buurt", ["housing", "social"], []),
]

# goal number, title, lead, status, work group (organisation, name, role), updates (days ago, text)
ACTIONS = [
    (
        1,
        "Geldcafé in de bibliotheek",
        "Bibliotheek Helmstad",
        "running",
        [("Schuldhulp Helmstad", "Jolien Verbeek", "vrijwilligers"), ("Humanitas Thuisadministratie", "", "")],
        [(12, "Derde geldcafé gehouden, 14 bezoekers."), (60, "Tweede avond, met uitleg over toeslagen.")],
    ),
    (
        1,
        "Toeslagenspreekuur in de wijkpunten",
        "Gemeente Helmstad",
        "running",
        [("Welzijn Helmstad", "Mirjam van Bree", "spreekuur")],
        [(30, "Spreekuur loopt in West en Noord.")],
    ),
    (
        2,
        "Vroegsignalering met woningcorporaties",
        "Schuldhulp Helmstad",
        "running",
        [("Woonbedrijf Helmstad", "Mark Hendriks", "signalen"), ("Wooncorporatie Peelrand", "", "")],
        [(20, "Afspraken met Peelrand getekend.")],
    ),
    (
        3,
        "Gratis sporten voor jongeren met een krappe beurs",
        "Basketbal Peel Suns",
        "running",
        [("Sportclub HSV Helmstad", "", "trainers"), ("Jeugd en Gezin Helmstad", "Noor Bosman", "aanmelden")],
        [(130, "Eerste twintig jongeren ingeschreven.")],
    ),
    (4, "Voorrang bij urgentie na een huisuitzetting", "Woonbedrijf Helmstad", "planned", [], []),
    (
        5,
        "Werkervaringsplekken bij lokale werkgevers",
        "Werkbedrijf Peelland",
        "running",
        [("Welzijn Helmstad", "", "")],
        [(45, "Zes werkgevers doen mee.")],
    ),
    (
        6,
        "Taalcafé en digitale hulp",
        "Bibliotheek Helmstad",
        "running",
        [("Vrijwilligerscentrale Helmstad", "", "taalvrijwilligers")],
        [(150, "Taalcafé draait op dinsdag.")],
    ),
    (
        7,
        "Buddy's voor wie er alleen voor staat",
        "Buddynetwerk Ruimte voor Leven",
        "running",
        [("Vrijwilligerscentrale Helmstad", "", "")],
        [(8, "Twaalf koppels gestart.")],
    ),
    (
        8,
        "Gezonde school in West",
        "Basisschool De Regenboog",
        "done",
        [("Huisartsenpraktijk De Brug", "Peter Swinkels", "")],
        [(200, "Afgerond: fruit en bewegen elke dag.")],
    ),
    (9, "Wijkpunt Noord elke dag open", "Sociaal Team Noord", "running", [], [(15, "Nu ook op zaterdag open.")]),
    (
        10,
        "Doorbraakbudget voor vastgelopen situaties",
        "Gemeente Helmstad",
        "running",
        [],
        [(40, "Drie doorbraken toegekend.")],
    ),
    (11, "Respijtzorg dichtbij", "Welzijn Helmstad", "planned", [], []),
    (
        12,
        "Buurtpreventie in Brouwhof",
        "Buurthuis De Westwijzer",
        "stopped",
        [],
        [(120, "Gestopt: te weinig vrijwilligers.")],
    ),
]


def build_programme(users, organisations, wijken) -> None:
    from .builder import _user

    users["programma"] = _user(
        "programma",
        "Petra",
        "van der Heijden",
        User.Role.PROGRAMME_COORDINATOR,
        organisation=organisations["Gemeente Helmstad"],
        job_title="Programmacoördinator Ruimte voor leven",
    )
    if Programme.objects.exists():
        return
    today = timezone.localdate()
    programme = Programme.objects.create(
        municipality=Municipality.objects.deployment(),
        name="Ruimte voor leven",
        description=(
            "Samen met inwoners en organisaties werkt Helmstad aan twaalf doelen: genoeg geld, een dak "
            "boven je hoofd, gezond leven, meedoen en hulp dichtbij."
        ),
    )
    goals = {
        number: Goal.objects.create(programme=programme, number=number, title=title, themes=themes, measures=measures)
        for number, (title, themes, measures) in enumerate(GOALS, start=1)
    }
    people = {user.display_name: user for user in users.values()}
    for number, title, lead, status, group, updates in ACTIONS:
        action = Action.objects.create(
            goal=goals[number],
            title=title,
            lead=organisations[lead],
            status=status,
            created_at=timezone.now() - timedelta(days=240),
        )
        for organisation, name, role in group:
            WorkGroupMember.objects.create(
                action=action, organisation=organisations[organisation], user=people.get(name), name=name, role=role
            )
        for days_ago, text in updates:
            ProgressUpdate.objects.create(
                action=action, date=today - timedelta(days=days_ago), text=text, organisation=organisations[lead]
            )
        if updates:
            action.last_update_on = today - timedelta(days=min(days for days, _text in updates))
            action.save(update_fields=["last_update_on"])
    cafe = Action.objects.get(title="Geldcafé in de bibliotheek")
    JoinRequest.objects.create(
        kind=JoinRequest.Kind.JOIN,
        municipality=programme.municipality,
        organisation=organisations["Werkbedrijf Peelland"],
        requested_by=users["tom.werkbedrijf"],
        action=cafe,
        goal=cafe.goal,
        description="Wij kunnen een werkcoach meesturen voor vragen over werk en inkomen.",
    )
    JoinRequest.objects.create(
        kind=JoinRequest.Kind.NEW,
        municipality=programme.municipality,
        organisation=organisations["Basketbal Peel Suns"],
        goal=goals[3],
        title="Basketbal op vrijdagavond in Noord",
        description="Een vrije training voor jongeren uit Noord, met een buddy als ze dat willen.",
        source_label="Leersessie jongeren en schulden",
    )
