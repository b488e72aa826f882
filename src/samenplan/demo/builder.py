"""Demo data for "Helmstad", a Helmond-like town: wijken, about thirty organisations,
professionals, residents with plans in every stage, and the people around them.

Everything is keyed on stable names, so building twice changes nothing. Dates are relative
to today, so a demo always has evaluations coming up and agreements running late. Like in a
real municipality, people write and meet on working days during office hours.
"""

from __future__ import annotations

import random
from base64 import b32encode
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.conversations.models import Message, Thread
from samenplan.measuring.models import Answer, Instrument, LifeDomain, Measurement
from samenplan.plans.forms import INTAKE_DEFAULT_LEVELS
from samenplan.plans.models import Agreement, Evaluation, Goal, GoalScore, Plan, Priority, StoryVersion, Strength
from samenplan.sharing.models import Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import accessible_plan_ids
from samenplan.sharing.services import grants_decide, membership_create

PASSWORD = "samenplan-demo"
# The key of the demo staff's two-factor app (hex, 20 bytes): known, like the password.
DEMO_APP_KEY = "73616d656e706c616e2d64656d6f2d6170702d31"

WIJKEN = [
    ("Helmstad-West", "west"),
    ("Noord", "noord"),
    ("Binnenstad", "binnenstad"),
    ("Brouwhof", "brouwhof"),
    ("Rijpelveld", "rijpelveld"),
    ("Stippelhout", "stippelhout"),
    ("Mierlo-Akker", "mierlo-akker"),
]

K = Organisation.Kind
ORGANISATIONS = [
    ("Sociaal Team Helmstad-West", K.SOCIAL_TEAM, ["west"], True),
    ("Sociaal Team Noord", K.SOCIAL_TEAM, ["noord", "brouwhof"], True),
    ("Sociaal Team Binnenstad", K.SOCIAL_TEAM, ["binnenstad", "stippelhout"], True),
    ("Sociaal Team Rijpelveld", K.SOCIAL_TEAM, ["rijpelveld", "mierlo-akker"], True),
    ("Schuldhulp Helmstad", K.DEBT, [], False),
    ("Kredietbank De Peel", K.DEBT, [], False),
    ("Woonbedrijf Helmstad", K.HOUSING, [], False),
    ("Wooncorporatie Peelrand", K.HOUSING, ["noord", "rijpelveld"], False),
    ("GGZ De Peel", K.MENTAL_HEALTH, [], False),
    ("Verslavingszorg Zuidoost", K.MENTAL_HEALTH, [], False),
    ("Werkbedrijf Peelland", K.EMPLOYMENT, [], False),
    ("Basisschool De Regenboog", K.SCHOOL, ["west"], False),
    ("Basisschool Het Palet", K.SCHOOL, ["noord"], False),
    ("Vakcollege Helmstad", K.SCHOOL, [], False),
    ("Huisartsenpraktijk De Brug", K.GP, ["west"], False),
    ("Gezondheidscentrum Noord", K.GP, ["noord", "brouwhof"], False),
    ("Huisartsen Binnenstad", K.GP, ["binnenstad"], False),
    ("Jeugd en Gezin Helmstad", K.YOUTH, [], False),
    ("Ouder- en Kindcoaches", K.YOUTH, [], False),
    ("Voedselbank Helmstad", K.FOOD_BANK, [], False),
    ("Vrijwilligerscentrale Helmstad", K.VOLUNTEER, [], False),
    ("Buddynetwerk Ruimte voor Leven", K.VOLUNTEER, [], False),
    ("Humanitas Thuisadministratie", K.VOLUNTEER, [], False),
    ("Sportclub HSV Helmstad", K.SPORT, [], False),
    ("Basketbal Peel Suns", K.SPORT, [], False),
    ("Welzijn Helmstad", K.WELFARE, [], False),
    ("Buurthuis De Westwijzer", K.WELFARE, ["west"], False),
    ("Bibliotheek Helmstad", K.WELFARE, [], False),
    ("Wijkverpleging Zorg Thuis", K.OTHER, [], False),
    ("Gemeente Helmstad", K.MUNICIPALITY, [], False),
]

# username, first, last, organisation, job title
PROFESSIONALS = [
    ("sanne.wijkteam", "Sanne", "de Groot", "Sociaal Team Helmstad-West", "Sociaal werker"),
    ("ahmed.wijkteam", "Ahmed", "Yilmaz", "Sociaal Team Noord", "Sociaal werker"),
    ("kees.wijkteam", "Kees", "van Dam", "Sociaal Team Binnenstad", "Sociaal werker"),
    ("jolien.schuldhulp", "Jolien", "Verbeek", "Schuldhulp Helmstad", "Schuldhulpverlener"),
    ("mark.woonbedrijf", "Mark", "Hendriks", "Woonbedrijf Helmstad", "Woonconsulent"),
    ("eva.ggz", "Eva", "Claassen", "GGZ De Peel", "Sociaal psychiatrisch verpleegkundige"),
    ("tom.werkbedrijf", "Tom", "Maas", "Werkbedrijf Peelland", "Werkcoach"),
    ("lisa.school", "Lisa", "Coppens", "Basisschool De Regenboog", "Intern begeleider"),
    ("peter.huisarts", "Peter", "Swinkels", "Huisartsenpraktijk De Brug", "Praktijkondersteuner"),
    ("noor.jeugd", "Noor", "Bosman", "Jeugd en Gezin Helmstad", "Jeugdconsulent"),
    # Who answers referrals at the organisations on the social map (`referral_stories.py`).
    ("fleur.voedselbank", "Fleur", "Raaijmakers", "Voedselbank Helmstad", "Intaker"),
    ("mirjam.welzijn", "Mirjam", "van Bree", "Welzijn Helmstad", "Maatschappelijk werker"),
    ("hanneke.ouderkind", "Hanneke", "Leenders", "Ouder- en Kindcoaches", "Ouder- en kindcoach"),
    ("ilse.buddynetwerk", "Ilse", "Coolen", "Buddynetwerk Ruimte voor Leven", "Coördinator buddy's"),
]

# username, first, last, role (resident/network), email
PEOPLE = [
    ("fatima", "Fatima", "El Amrani", User.Role.RESIDENT),
    ("johan", "Johan", "de Vries", User.Role.RESIDENT),
    ("maria", "Maria", "Jansen", User.Role.RESIDENT),
    ("kevin", "Kevin", "Bakker", User.Role.RESIDENT),
    ("anna", "Anna", "Smits", User.Role.RESIDENT),
    ("henk", "Henk", "Peters", User.Role.RESIDENT),
    ("yusuf", "Yusuf", "Demir", User.Role.RESIDENT),
    ("lotte", "Lotte", "Vermeulen", User.Role.RESIDENT),
    ("ricardo", "Ricardo", "Martens", User.Role.RESIDENT),
    ("samira", "Samira", "El Amrani", User.Role.NETWORK),
    ("wim.buurman", "Wim", "van Lieshout", User.Role.NETWORK),
    ("ineke.buddy", "Ineke", "Aarts", User.Role.NETWORK),
    ("bart", "Bart", "Jansen", User.Role.NETWORK),
    ("gerard.bewind", "Gerard", "Kuijpers", User.Role.NETWORK),
]

ALL = dict.fromkeys(Part, Level.CONTRIBUTE)
# What the intake suggests (and the resident in the demo agreed to): the coordinator may
# read and add to every part, so they can answer messages too.
COORDINATOR_DEFAULT = dict(INTAKE_DEFAULT_LEVELS)
FAMILY = {
    Part.GOALS: Level.VIEW,
    Part.AGREEMENTS: Level.CONTRIBUTE,
    Part.PRIORITIES: Level.VIEW,
    Part.STRENGTHS: Level.CONTRIBUTE,
}
SPECIALIST = {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE, Part.ASSESSMENT: Level.CONTRIBUTE}


@dataclass
class Scenario:
    """One resident's plan, as told in the demo."""

    resident: str
    wijk: str
    coordinator: str
    stage: str  # intake, activated, active, evaluated, closed
    story: str
    priorities: list[str] = field(default_factory=list)
    own: list[str] = field(default_factory=list)
    network: list[tuple[str, str]] = field(default_factory=list)
    goals: list[tuple[str, str, int, str, str]] = field(default_factory=list)  # text, domain, days, status, helpers
    # what, who, name, days, status, index of the goal it serves (None: no goal)
    agreements: list[tuple[str, str, str, int, str, int | None]] = field(default_factory=list)
    members: list[tuple[str, str, str, dict]] = field(default_factory=list)  # user, role, relation, grants
    # People on the resident's map without an account: name, relation, helps with.
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    helps: dict[str, str] = field(default_factory=dict)  # username -> what they help with
    representative: tuple[str, str, list] | None = None  # username, kind, parts
    # What the representative arranged on the resident's behalf: what, days, status, goal index.
    representative_agreements: list[tuple[str, int, str, int]] = field(default_factory=list)
    # subject, [(author, text)]; "{meeting}" in a text is the date of the agreement `meeting` points at.
    thread: tuple[str, list[tuple[str, str]]] | None = None
    # The agreement (index) the thread plans a meeting for: its due date is that meeting's day.
    meeting: int | None = None
    started_days_ago: int = 90


SCENARIOS = [
    Scenario(
        resident="fatima",
        wijk="west",
        coordinator="sanne.wijkteam",
        stage="active",
        started_days_ago=75,
        story=(
            "Ik ben Fatima, ik ben 38 en ik woon met mijn twee kinderen in Helmstad-West. Vorig jaar ben ik mijn "
            "baan bij de schoonmaak kwijtgeraakt. Sinds die tijd lukt het niet meer om alles te betalen. Ik heb een "
            "huurachterstand van drie maanden en er komen brieven van de deurwaarder.\n\n"
            "Ik slaap slecht en ik heb vaak hoofdpijn. Mijn zoon Amin (10) gaat niet graag naar school. Mijn zus "
            "Samira helpt me veel, maar zij heeft het ook druk.\n\n"
            "Wat ik wil: weer werk, rust in mijn hoofd, en dat de kinderen niets merken van de geldzorgen."
        ),
        priorities=["financien", "huisvesting", "huiselijke-relaties", "werk-opleiding", "geestelijke-gezondheid"],
        own=[
            "Ik kan goed plannen als ik rust heb",
            "Ik kook elke dag voor de kinderen",
            "Ik spreek Nederlands, Arabisch en Frans",
        ],
        network=[("Met de post en brieven helpen", "mijn zus Samira"), ("Op de kinderen passen", "buurvrouw Ria")],
        goals=[
            ("Ik betaal mijn huur weer elke maand op tijd", "financien", 60, "busy", "Jolien (schuldhulp), Samira"),
            ("Ik heb een overzicht van al mijn schulden", "financien", 20, "reached", "Jolien"),
            ("Ik heb binnen een half jaar weer werk, ook als het parttime is", "werk-opleiding", 180, "open", "Tom"),
            ("Amin gaat weer met plezier naar school", "huiselijke-relaties", 90, "busy", "juf Lisa"),
        ],
        agreements=[
            ("Alle brieven van schuldeisers verzamelen in één map", "resident", "", -10, "done", 1),
            ("Aanmelden bij Schuldhulp Helmstad", "professional", "Sanne (sociaal team)", -30, "done", 1),
            (
                "Betalingsregeling huurachterstand bespreken met Woonbedrijf",
                "professional",
                "Mark (Woonbedrijf)",
                0,  # the day of the meeting planned in the thread
                "busy",
                0,
            ),
            ("Samen de post openen, elke zaterdag", "network", "Samira", 14, "busy", 0),
            ("Gesprek met de intern begeleider over Amin", "resident", "", 7, "open", 3),
            ("Werkfit-traject starten bij het Werkbedrijf", "professional", "Tom (Werkbedrijf)", 30, "open", 2),
        ],
        members=[
            ("samira", Membership.Role.NETWORK, Membership.Relation.FAMILY, FAMILY),
            (
                "jolien.schuldhulp",
                Membership.Role.PROFESSIONAL,
                Membership.Relation.PROFESSIONAL,
                SPECIALIST | {Part.STORY: Level.VIEW},
            ),
            (
                "mark.woonbedrijf",
                Membership.Role.PROFESSIONAL,
                Membership.Relation.PROFESSIONAL,
                {Part.AGREEMENTS: Level.VIEW},
            ),
            ("lisa.school", Membership.Role.PROFESSIONAL, Membership.Relation.PROFESSIONAL, {}),
        ],
        contacts=[("Ria van den Heuvel", Membership.Relation.NEIGHBOUR, "Past op de kinderen als ik een afspraak heb")],
        helps={
            "samira": "Post en brieven, samen boodschappen doen",
            "jolien.schuldhulp": "Overzicht van de schulden en een regeling",
            "mark.woonbedrijf": "De huurachterstand",
            "lisa.school": "Hoe het met Amin gaat op school",
            "sanne.wijkteam": "Mijn vaste contactpersoon",
        },
        thread=(
            "Afspraak met Woonbedrijf",
            [
                ("sanne.wijkteam", "Mark kan op {meeting} om 10 uur. Past dat?"),
                ("fatima", "Ja, dat past. Samira gaat mee."),
            ],
        ),
        meeting=2,
    ),
    Scenario(
        resident="johan",
        wijk="noord",
        coordinator="ahmed.wijkteam",
        stage="intake",
        started_days_ago=2,
        story=(
            "Johan (54) kwam naar het buurthuis omdat zijn uitkering is gestopt. Hij woont alleen sinds zijn "
            "scheiding. Hij vertelt dat hij veel drinkt als hij piekert over geld. Hij wil graag weer iets omhanden "
            "hebben, hij was vroeger lasser. Hij heeft nog contact met zijn dochter, één keer per maand."
        ),
    ),
    Scenario(
        resident="maria",
        wijk="noord",
        coordinator="ahmed.wijkteam",
        stage="evaluated",
        started_days_ago=200,
        story=(
            "Ik ben Maria, 67 jaar. Sinds mijn man Bart een beroerte had, zorg ik alleen voor hem. Ik ben moe en ik "
            "kom nergens meer aan toe. De administratie deed Bart altijd, nu snap ik de brieven niet.\n\n"
            "Ik wil dat Bart thuis kan blijven wonen, en dat ik af en toe weer naar het koor kan."
        ),
        priorities=["huiselijke-relaties", "lichamelijke-gezondheid", "sociaal-netwerk", "financien"],
        own=["Ik ben sterk en ik geef niet op", "Ik kan goed met mensen praten"],
        network=[("Boodschappen doen", "buurman Wim"), ("Op zondag bij Bart zijn", "dochter Ellen")],
        goals=[
            ("Ik heb twee middagen per week tijd voor mezelf", "tijdsbesteding", 30, "reached", "Wim, Welzijn"),
            ("De administratie is op orde", "financien", 45, "busy", "Humanitas"),
            ("Bart kan thuis blijven wonen", "huisvesting", 120, "busy", "Wijkverpleging"),
        ],
        agreements=[
            ("Aanvraag dagbesteding voor Bart", "professional", "Ahmed (sociaal team)", -60, "done", 2),
            ("Vrijwilliger thuisadministratie regelen", "professional", "Ahmed (sociaal team)", -40, "done", 1),
            ("Op dinsdag en donderdag bij Bart zijn", "network", "Wim", 60, "busy", 0),
            ("Weer naar de repetitie van het koor", "resident", "", -5, "open", 0),
        ],
        members=[
            (
                "wim.buurman",
                Membership.Role.NETWORK,
                Membership.Relation.NEIGHBOUR,
                {Part.AGREEMENTS: Level.CONTRIBUTE},
            ),
            ("bart", Membership.Role.NETWORK, Membership.Relation.PARTNER, ALL | {Part.CONVERSATIONS: Level.VIEW}),
        ],
    ),
    Scenario(
        resident="kevin",
        wijk="binnenstad",
        coordinator="sanne.wijkteam",
        stage="closed",
        started_days_ago=400,
        story=(
            "Ik ben Kevin, 24. Ik sliep bij vrienden op de bank nadat ik uit huis was gezet. Ik had schulden bij "
            "de zorgverzekering en een boete van het openbaar vervoer."
        ),
        priorities=["huisvesting", "financien", "werk-opleiding"],
        own=["Ik ben handig met fietsen repareren"],
        goals=[
            ("Ik heb een eigen kamer", "huisvesting", -100, "reached", "Woonbedrijf"),
            ("Ik heb werk", "werk-opleiding", -60, "reached", "Werkbedrijf"),
        ],
        agreements=[("Inschrijven als woningzoekende", "resident", "", -300, "done", 0)],
    ),
    Scenario(
        resident="anna",
        wijk="west",
        coordinator="sanne.wijkteam",
        stage="active",
        started_days_ago=40,
        story=(
            "Ik ben Anna, 29, en moeder van Daan (6) en Mila (3). Mijn ex-vriend en ik hebben veel ruzie over de "
            "kinderen. Daan is op school erg onrustig. Ik wil graag een opleiding tot doktersassistente doen."
        ),
        priorities=["huiselijke-relaties", "werk-opleiding", "geestelijke-gezondheid"],
        own=["Ik ben een goede moeder", "Ik kan goed organiseren"],
        network=[("Mila ophalen van de opvang", "mijn moeder")],
        goals=[
            ("Duidelijke afspraken met mijn ex over de kinderen", "huiselijke-relaties", 60, "busy", "Noor"),
            ("Ik begin binnen een half jaar met de opleiding", "werk-opleiding", 150, "open", ""),
        ],
        agreements=[
            ("Gesprek met ouder-en-kindcoach plannen", "professional", "Noor (Jeugd en Gezin)", 10, "open", 0),
            ("Open dag van de opleiding bezoeken", "resident", "", 25, "open", 1),
        ],
        members=[
            (
                "noor.jeugd",
                Membership.Role.PROFESSIONAL,
                Membership.Relation.PROFESSIONAL,
                {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE, Part.STORY: Level.VIEW},
            ),
            (
                "lisa.school",
                Membership.Role.PROFESSIONAL,
                Membership.Relation.PROFESSIONAL,
                {Part.AGREEMENTS: Level.VIEW},
            ),
        ],
    ),
    Scenario(
        resident="henk",
        wijk="brouwhof",
        coordinator="ahmed.wijkteam",
        stage="active",
        started_days_ago=120,
        story=(
            "Ik ben Henk, 78. Mijn vrouw is twee jaar geleden overleden. Ik zie bijna niemand meer. Mijn knie is "
            "slecht, dus ik kom de deur weinig uit. Vroeger speelde ik biljart bij de club."
        ),
        priorities=["sociaal-netwerk", "lichamelijke-gezondheid", "tijdsbesteding"],
        own=["Ik kan goed verhalen vertellen", "Ik weet veel van duiven"],
        network=[("Een keer per week langskomen voor koffie", "Ineke (buddy)")],
        goals=[
            ("Ik ga één keer per week naar het buurthuis", "maatschappelijke-participatie", 45, "busy", "Ineke"),
            ("Ik kan weer een stuk wandelen", "lichamelijke-gezondheid", 90, "open", "fysiotherapeut"),
        ],
        agreements=[
            ("Elke woensdag ophalen voor de biljartmiddag", "network", "Ineke (buddy)", 3, "busy", 0),
            ("Afspraak maken bij de fysiotherapeut", "resident", "", -12, "open", 1),
        ],
        members=[
            (
                "ineke.buddy",
                Membership.Role.NETWORK,
                Membership.Relation.BUDDY,
                {Part.AGREEMENTS: Level.CONTRIBUTE, Part.GOALS: Level.VIEW, Part.NETWORK: Level.VIEW},
            ),
            ("peter.huisarts", Membership.Role.PROFESSIONAL, Membership.Relation.PROFESSIONAL, SPECIALIST),
        ],
    ),
    Scenario(
        resident="yusuf",
        wijk="west",
        coordinator="sanne.wijkteam",
        stage="evaluated",
        started_days_ago=160,
        story=(
            "Ik ben Yusuf, 45. Door rugklachten kon ik mijn werk als chauffeur niet meer doen. Er zijn schulden "
            "ontstaan. Door de stress krijg ik ook meer pijn. Ik wil leren omgaan met mijn rug en weer rondkomen."
        ),
        priorities=["financien", "lichamelijke-gezondheid", "werk-opleiding", "geestelijke-gezondheid"],
        own=["Ik ben gemotiveerd", "Ik kan goed rekenen"],
        network=[("Meedenken over werk", "mijn neef Emre")],
        goals=[
            ("Ik heb een schuldregeling", "financien", 40, "busy", "Jolien"),
            ("Ik heb minder pijn door bewegen met begeleiding", "lichamelijke-gezondheid", 70, "busy", "Peter"),
            ("Ik weet welk werk ik met mijn rug kan doen", "werk-opleiding", -5, "open", "Tom"),
        ],
        agreements=[
            ("Schuldenoverzicht maken", "professional", "Jolien (schuldhulp)", -50, "done", 0),
            ("Beweegprogramma bij de fysiotherapeut", "professional", "Peter (huisarts)", -20, "busy", 1),
            ("Gesprek arbeidsdeskundige", "professional", "Tom (Werkbedrijf)", -8, "open", 2),
        ],
        members=[
            ("jolien.schuldhulp", Membership.Role.PROFESSIONAL, Membership.Relation.PROFESSIONAL, SPECIALIST),
            ("peter.huisarts", Membership.Role.PROFESSIONAL, Membership.Relation.PROFESSIONAL, SPECIALIST),
            (
                "tom.werkbedrijf",
                Membership.Role.PROFESSIONAL,
                Membership.Relation.PROFESSIONAL,
                {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE},
            ),
        ],
        representative=("gerard.bewind", Membership.Representation.BEWINDVOERDER, [Part.GOALS, Part.AGREEMENTS]),
        representative_agreements=[("Vaste lasten automatisch betalen vanaf de beheerrekening", -25, "done", 0)],
    ),
    Scenario(
        resident="lotte",
        wijk="rijpelveld",
        coordinator="sanne.wijkteam",
        stage="activated",
        started_days_ago=6,
        story=(
            "Lotte (19) woont sinds kort zelfstandig. Ze is gestopt met haar opleiding en weet niet goed wat ze "
            "wil. Ze vindt het moeilijk om post te openen en rekeningen te betalen."
        ),
    ),
    Scenario(
        resident="ricardo",
        wijk="stippelhout",
        coordinator="ahmed.wijkteam",
        stage="active",
        started_days_ago=95,
        story=(
            "Ik ben Ricardo, 33. Ik ben net vrij na een korte straf. Ik heb geen woning en geen werk. Ik wil een "
            "nieuwe start maken en mijn zoontje weer zien."
        ),
        priorities=["huisvesting", "justitie", "huiselijke-relaties", "werk-opleiding"],
        own=["Ik ben sterk en kan hard werken"],
        goals=[
            ("Ik heb een vaste woonplek", "huisvesting", 60, "busy", "Woonbedrijf"),
            ("Ik zie mijn zoon elke twee weken", "huiselijke-relaties", 90, "open", ""),
        ],
        agreements=[
            ("Afspraak reclassering nakomen", "resident", "", -2, "open", None),
            ("Urgentie aanvragen bij Woonbedrijf", "professional", "Mark (Woonbedrijf)", -15, "busy", 0),
        ],
        members=[
            (
                "mark.woonbedrijf",
                Membership.Role.PROFESSIONAL,
                Membership.Relation.PROFESSIONAL,
                {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE},
            ),
        ],
    ),
]


# Office hours: what professionals write and every meeting falls between these times.
OFFICE_OPENS, OFFICE_CLOSES = time(8, 30), time(17, 30)
DUTCH_DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def working_day(day: date, *, forward: bool = False) -> date:
    """The day itself on a weekday; else the Friday before (or the Monday after)."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if forward else -1)
    return day


def office_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in office hours on the working day on or before `day` (so the past stays past)."""
    moment = time(hour, minute)
    assert OFFICE_OPENS <= moment <= OFFICE_CLOSES, moment
    return timezone.make_aware(datetime.combine(working_day(day), moment))


def dutch_day(day: date) -> str:
    """ "dinsdag 10 maart", as people write a date in a message."""
    return f"{DUTCH_DAYS[day.weekday()]} {day.day} {DUTCH_MONTHS[day.month - 1]}"


def demo_app_code(at: float | None = None) -> str:
    """The code the demo staff's app shows now (`manage.py demo_code`)."""
    generator = TOTP(bytes.fromhex(DEMO_APP_KEY))
    if at is not None:
        generator.time = at
    return f"{generator.token():06d}"


def demo_app_secret() -> str:
    """The demo app's secret as an authenticator app asks for it."""
    return b32encode(bytes.fromhex(DEMO_APP_KEY)).decode()


def _user(username: str, first: str, last: str, role: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "role": role,
            "email": f"{username}@demo.samenplan.example",
            **extra,
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    if user.has_staff_role:
        # Staff log in with a code after the password; in the demo every staff account has
        # the same, printed app key (the demo refuses production, like its password).
        TOTPDevice.objects.get_or_create(user=user, defaults={"name": "app", "key": DEMO_APP_KEY, "confirmed": True})
    return user


def _measure(
    plan: Plan, instrument: Instrument, perspective: str, by: User, when, rng: random.Random, base: int, evaluation=None
):
    measurement = Measurement.objects.create(
        plan=plan, instrument=instrument, perspective=perspective, recorded_by=by, evaluation=evaluation
    )
    Measurement.objects.filter(pk=measurement.pk).update(recorded_at=when)
    step = 1 if instrument.max_value <= 5 else 2
    answers = []
    for item in instrument.items.all():
        value = max(instrument.min_value, min(instrument.max_value, base + rng.choice([-step, 0, step])))
        answers.append(Answer(measurement=measurement, item=item, value=value, wants_to_talk=rng.random() < 0.15))
    Answer.objects.bulk_create(answers)


def _build_plan(scenario: Scenario, users: dict[str, User], wijken: dict[str, Wijk], rng: random.Random) -> None:
    resident = users[scenario.resident]
    coordinator = users[scenario.coordinator]
    today = timezone.localdate()
    started = office_time(today - timedelta(days=scenario.started_days_ago), 10)
    start_day = started.date()
    # The conversation took place two days ago; the meeting it plans is on Tuesday of the next week.
    talked = working_day(today - timedelta(days=2))
    meeting = talked + timedelta(days=8 - talked.weekday())
    status = {"intake": Plan.Status.INTAKE, "closed": Plan.Status.CLOSED}.get(scenario.stage, Plan.Status.ACTIVE)
    plan = Plan.objects.create(
        owner=resident,
        wijk=wijken[scenario.wijk],
        status=status,
        created_by=coordinator,
        created_at=started,
        closed_at=office_time(today - timedelta(days=20), 16) if status == Plan.Status.CLOSED else None,
    )
    if scenario.stage == "intake":
        resident.set_unusable_password()
        resident.save(update_fields=["password"])
    StoryVersion.objects.create(plan=plan, number=1, text=scenario.story, written_by=coordinator, written_at=started)
    if scenario.stage not in ("intake", "activated"):
        # The resident rewrote a sentence in their own words, then confirmed it.
        version2 = StoryVersion.objects.create(
            plan=plan,
            number=2,
            text=scenario.story + "\n\nDit is mijn verhaal.",
            written_by=resident,
            written_at=office_time(start_day + timedelta(days=3), 14),
        )
        version2.confirmed_at = office_time(start_day + timedelta(days=3), 14, 20)
        version2.save(update_fields=["confirmed_at"])
    # Just activated ("activated"): the story the coordinator wrote down at the intake waits
    # for the resident to say "Dit klopt" or to correct it.

    coordinator_membership = membership_create(
        plan=plan,
        user=coordinator,
        role=Membership.Role.COORDINATOR,
        relation=Membership.Relation.PROFESSIONAL,
        added_by=coordinator,
        helps_with=scenario.helps.get(scenario.coordinator, ""),
    )
    Membership.objects.filter(pk=coordinator_membership.pk).update(added_at=started)
    grants_decide(
        plan=plan,
        decided_by=coordinator,
        context=SharingDecision.Context.INTAKE,
        decisions={coordinator_membership: {p: (lvl, None) for p, lvl in COORDINATOR_DEFAULT.items()}},
    )
    SharingDecision.objects.filter(plan=plan).update(decided_at=started)

    domains = {d.code: d for d in LifeDomain.objects.all()}
    Priority.objects.bulk_create(
        Priority(plan=plan, domain=domains[code], rank=rank) for rank, code in enumerate(scenario.priorities, 1)
    )
    Strength.objects.bulk_create(
        [
            Strength(plan=plan, kind=Strength.Kind.SELF, text=text, rank=rank)
            for rank, text in enumerate(scenario.own, 1)
        ]
        + [
            Strength(plan=plan, kind=Strength.Kind.NETWORK, text=text, who=who, rank=rank)
            for rank, (text, who) in enumerate(scenario.network, 1)
        ]
    )
    goals = [
        Goal.objects.create(
            plan=plan,
            text=text,
            domain=domains[domain],
            target_date=today + timedelta(days=days),
            status=status_,
            helpers=helpers,
            created_by=coordinator,
            created_at=started,
        )
        for text, domain, days, status_, helpers in scenario.goals
    ]
    for index, (what, who, name, days, status_, goal) in enumerate(scenario.agreements):
        Agreement.objects.create(
            plan=plan,
            # Each agreement sits under the goal it serves.
            goal=goals[goal] if goal is not None else None,
            what=what,
            who_kind=who,
            who_name=name,
            due_date=meeting if index == scenario.meeting else today + timedelta(days=days),
            status=status_,
            support=Agreement.Support.HEAVY if who == "professional" else Agreement.Support.LIGHT,
            created_by=coordinator,
            created_at=started,
        )

    decisions = {}
    for username, role, relation, levels in scenario.members:
        member = membership_create(
            plan=plan,
            user=users[username],
            role=role,
            relation=relation,
            added_by=resident,
            helps_with=scenario.helps.get(username, ""),
        )
        decisions[member] = {p: (lvl, None) for p, lvl in levels.items()}
    if decisions:
        grants_decide(plan=plan, decided_by=resident, context=SharingDecision.Context.SETTINGS, decisions=decisions)
    for name, relation, helps_with in scenario.contacts:
        membership_create(
            plan=plan,
            user=None,
            name=name,
            role=Membership.Role.NETWORK,
            relation=relation,
            added_by=resident,
            helps_with=helps_with,
        )
    if scenario.representative:
        username, kind, parts = scenario.representative
        membership_create(
            plan=plan,
            user=users[username],
            role=Membership.Role.REPRESENTATIVE,
            relation=Membership.Relation.PROFESSIONAL,
            representation=kind,
            represents=[str(p) for p in parts],
            added_by=resident,
            helps_with="Beheert het geld (beschermingsbewind)",
        )
        # What the bewindvoerder arranged is recorded as done on the resident's behalf ("namens").
        for what, days, status_, goal in scenario.representative_agreements:
            Agreement.objects.create(
                plan=plan,
                goal=goals[goal],
                what=what,
                who_kind=Agreement.Who.PROFESSIONAL,
                who_name=f"{users[username].first_name} ({kind})",
                due_date=today + timedelta(days=days),
                status=status_,
                support=Agreement.Support.HEAVY,
                created_by=users[username],
                on_behalf=True,
                created_at=started + timedelta(days=7),
            )
    if scenario.thread:
        subject, lines = scenario.thread
        thread = Thread.objects.create(plan=plan, subject=subject, created_by=users[lines[0][0]])
        thread.participants.set({users[author] for author, _text in lines} | {resident})
        for minutes, (author, text) in enumerate(lines):
            Message.objects.create(
                thread=thread,
                author=users[author],
                text=text.format(meeting=dutch_day(meeting)),
                created_at=office_time(talked, 9, 15) + timedelta(minutes=minutes * 30),
            )
    # Agreements done by a network member are assigned to their account.
    for agreement in plan.agreements.filter(who_kind=Agreement.Who.NETWORK):
        first = agreement.who_name.split(" ")[0].lower()
        match = next((m for m in decisions if m.user.first_name.lower() == first), None)
        if match:
            agreement.assignee = match.user
            agreement.save(update_fields=["assignee"])

    if scenario.stage in ("active", "evaluated", "closed"):
        instruments = list(Instrument.objects.prefetch_related("items"))
        for instrument in instruments:
            low = 2 if instrument.max_value <= 5 else 4
            _measure(
                plan,
                instrument,
                Measurement.Perspective.RESIDENT,
                resident,
                office_time(start_day + timedelta(days=4), 11),
                rng,
                low,
            )
        wheel_or_matrix = instruments[0]
        _measure(
            plan,
            wheel_or_matrix,
            Measurement.Perspective.PROFESSIONAL,
            coordinator,
            office_time(start_day + timedelta(days=5), 14),
            rng,
            2,
        )
        if scenario.stage in ("evaluated", "closed"):
            held_on = working_day(today - timedelta(days=14))
            held = Evaluation.objects.create(
                plan=plan,
                scheduled_for=held_on,
                created_by=coordinator,
                held_at=office_time(held_on, 10),
                held_by=coordinator,
                summary="Het gaat stap voor stap beter. Geldzaken geven nog zorgen.",
            )
            GoalScore.objects.bulk_create(
                GoalScore(
                    evaluation=held, goal=goal, score=rng.choice([-1, 0, 0, 1, 2]), note="Besproken bij de evaluatie."
                )
                for goal in goals
            )
            for instrument in instruments:
                high = 3 if instrument.max_value <= 5 else 6
                _measure(
                    plan,
                    instrument,
                    Measurement.Perspective.RESIDENT,
                    resident,
                    office_time(held_on, 11),
                    rng,
                    high,
                    evaluation=held,
                )
        if status != Plan.Status.CLOSED:
            Evaluation.objects.create(
                plan=plan,
                scheduled_for=working_day(today + timedelta(days=rng.choice([3, 5, 12, 30])), forward=True),
                created_by=coordinator,
            )


@transaction.atomic
def build() -> list[dict]:
    """Create the demo world if it is not there yet; return the demo accounts."""
    rng = random.Random(2024)
    wijken = {code: Wijk.objects.get_or_create(code=code, defaults={"name": name})[0] for name, code in WIJKEN}
    organisations = {}
    for name, kind, wijk_codes, starts in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "starts_plans": starts}
        )
        if created:
            organisation.wijken.set([wijken[c] for c in wijk_codes] or list(wijken.values()))
        organisations[name] = organisation

    users: dict[str, User] = {}
    users["beheer"] = _user("beheer", "Bram", "Beheerder", User.Role.PLATFORM_ADMIN, is_staff=True)
    users["analist"] = _user(
        "analist",
        "Erika",
        "de Wit",
        User.Role.ANALYST,
        organisation=organisations["Gemeente Helmstad"],
        job_title="Armoederegisseur",
    )
    users["orgbeheer"] = _user(
        "orgbeheer", "Olga", "Meulendijks", User.Role.ORG_ADMIN, organisation=organisations["Schuldhulp Helmstad"]
    )
    for username, first, last, organisation, title in PROFESSIONALS:
        users[username] = _user(
            username, first, last, User.Role.PROFESSIONAL, organisation=organisations[organisation], job_title=title
        )
    for username, first, last, role in PEOPLE:
        users[username] = _user(username, first, last, role)
    # Sends Woonbedrijf's payment-arrears signals; sees only whether contact was made and help accepted.
    users["woonbedrijf.signalen"] = _user(
        "woonbedrijf.signalen",
        "Wendy",
        "van Bokhoven",
        User.Role.SIGNAL_PARTNER,
        organisation=organisations["Woonbedrijf Helmstad"],
        job_title="Medewerker incasso",
    )

    # The municipality's breakthrough officer: decides breakthrough requests, never sees a plan.
    users["doorbraak"] = _user(
        "doorbraak",
        "Dirk",
        "van Rooij",
        User.Role.BREAKTHROUGH_OFFICER,
        organisation=organisations["Gemeente Helmstad"],
        job_title="Doorbraakfunctionaris",
    )

    for scenario in SCENARIOS:
        if not Plan.objects.filter(owner=users[scenario.resident]).exists():
            _build_plan(scenario, users, wijken, rng)

    # The social map, and referrals from the plans to it in every state (imported here:
    # those modules use this one's helpers).
    from .referral_stories import build_referrals
    from .social_map import build_social_map

    build_referrals(users, build_social_map(organisations, wijken))
    # Hubs, questions and early signals (after the social map: the hubs sit at its locations).
    from .hubs_signals import build_hubs_and_signals

    build_hubs_and_signals(users, organisations, wijken)
    # Case conferences, consults and breakthrough requests (after the referrals: the people
    # they invite are on the social map).
    from .conferences import build_conferences

    build_conferences(users, organisations)
    # The city programme, mystery guests, the buddy network and learning sessions (after the
    # plans and the social map: they use their people and organisations).
    from .buddies import build_buddies
    from .learning import build_learning
    from .mystery_guests import build_mystery_guests
    from .programme import build_programme

    build_programme(users, organisations, wijken)
    build_mystery_guests(users, organisations, wijken)
    build_buddies(users, organisations, wijken)
    build_learning(users, organisations, wijken)

    return [
        {
            "username": user.username,
            "password": PASSWORD,
            "role": user.role,
            "name": user.display_name,
            "plans": accessible_plan_ids(user),
        }
        for user in users.values()
        # A resident whose intake was just written down has no password yet.
        if user.has_usable_password()
    ]


def pending_activations() -> list[User]:
    """Demo residents who have not opened their plan yet (to try the activation link)."""
    return list(User.objects.filter(username__in=[s.resident for s in SCENARIOS], password__startswith="!"))
