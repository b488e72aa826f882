"""Demo data: mystery guests. Touchpoints of four organisations, three guests (Mirjam, a
professional at Welzijn Helmstad, and two accounts made here: Yvonne, an expert by
experience, and Gerrit, a volunteer), four reports, one of them about Schuldhulp Helmstad's
invitation letter ("wear clean clothes"), answered by its admin Olga (`orgbeheer`)."""

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.mystery_guests.models import MysteryGuest, Report, Response, Touchpoint
from samenplan.mystery_guests.scrub import scrub_letter

# organisation, kind, name, description
TOUCHPOINTS = [
    (
        "Schuldhulp Helmstad",
        "letter",
        "Uitnodiging voor het eerste gesprek",
        "De brief die iedereen na aanmelding krijgt.",
    ),
    ("Schuldhulp Helmstad", "phone", "Telefonisch spreekuur", "Elke werkdag van 9 tot 12 uur."),
    (
        "Woonbedrijf Helmstad",
        "website",
        "Huurachterstand melden op de website",
        "Het formulier 'Ik kan mijn huur niet betalen'.",
    ),
    ("Woonbedrijf Helmstad", "desk", "Balie op het kantoor", "Open op dinsdag en donderdag."),
    ("Sociaal Team Helmstad-West", "intake", "Eerste gesprek in het wijkpunt", "In buurthuis De Westwijzer."),
    ("Werkbedrijf Peelland", "phone", "Klantcontactcentrum", ""),
]

LETTER = (
    "Geachte heer Jansen,\n\n"
    "U heeft zich aangemeld voor schuldhulpverlening. Wij nodigen u uit voor een eerste gesprek op "
    "dinsdag om 10.00 uur aan de Markt 12, 5701 AB Helmstad.\n\n"
    "Neem alle post van schuldeisers mee, uw bankafschriften van drie maanden en uw legitimatie. "
    "Wilt u in schone kleding komen? Komt u niet, dan stoppen wij uw aanmelding.\n\n"
    "Vragen? Bel 0492-123456.\n\nMet vriendelijke groet,\nSchuldhulp Helmstad"
)


def build_mystery_guests(users, organisations, wijken) -> None:
    """Touchpoints, guests, reports and a response (once)."""
    from .builder import _user

    users["ervaring.gast"] = _user("ervaring.gast", "Yvonne", "Smulders", User.Role.NETWORK)
    users["vrijwilliger.gast"] = _user("vrijwilliger.gast", "Gerrit", "Coppens", User.Role.NETWORK)
    if Touchpoint.objects.exists():
        return
    coordinator = users.get("programma")
    touchpoints = {
        name: Touchpoint.objects.create(
            organisation=organisations[org], kind=kind, name=name, description=description, added_by=coordinator
        )
        for org, kind, name, description in TOUCHPOINTS
    }
    guests = {
        username: MysteryGuest.objects.create(user=users[username], kind=kind, added_by=coordinator)
        for username, kind in (
            ("mirjam.welzijn", MysteryGuest.Kind.PROFESSIONAL),
            ("ervaring.gast", MysteryGuest.Kind.EXPERT),
            ("vrijwilliger.gast", MysteryGuest.Kind.VOLUNTEER),
        )
    }
    today = timezone.localdate()
    names = [n for u in users.values() for n in (u.first_name, u.last_name)]

    def report(touchpoint, username, days_ago, scores, **fields):
        clear, respectful, reachable, accessible = scores
        return Report.objects.create(
            touchpoint=touchpoints[touchpoint],
            filed_by=users[username],
            guest_kind=guests[username].kind,
            visited_on=today - timedelta(days=days_ago),
            filed_at=timezone.now() - timedelta(days=days_ago - 1),
            clear=clear,
            respectful=respectful,
            reachable=reachable,
            accessible=accessible,
            **fields,
        )

    letter = report(
        "Uitnodiging voor het eerste gesprek",
        "ervaring.gast",
        40,
        (2, 1, 3, 2),
        felt_wrong=(
            "“Wilt u in schone kleding komen?” Superdenigrerend. En de dreiging aan het eind: "
            "wie al schulden heeft, leest alleen nog dat hij eruit gegooid wordt."
        ),
        suggestions=(
            "Schrijf uitnodigend: wat je mag verwachten, wat je mee kunt nemen, en dat het niet erg is als "
            "iets ontbreekt."
        ),
        letter_text=scrub_letter(LETTER, names=names),
    )
    Response.objects.create(
        report=letter,
        action=(
            "We schrappen de zin over kleding en de dreiging. Een nieuwe brief in gewone taal schrijven we "
            "samen met twee ervaringsdeskundigen."
        ),
        due_on=today + timedelta(days=30),
        responded_by=users["orgbeheer"],
        responded_at=timezone.now() - timedelta(days=20),
    )
    report(
        "Telefonisch spreekuur",
        "vrijwilliger.gast",
        25,
        (3, 4, 1, 3),
        waiting_minutes=35,
        reachable_by_phone=False,
        felt_wrong="Na 35 minuten in de wacht werd de verbinding verbroken.",
        suggestions="Een terugbelknop, of zeggen hoe lang het nog duurt.",
    )
    report(
        "Huurachterstand melden op de website",
        "mirjam.welzijn",
        18,
        (1, 3, 3, 1),
        reachable_by_email=True,
        felt_wrong="Het formulier vraagt om DigiD en een IBAN voordat je weet wat er met je melding gebeurt.",
        suggestions="Eerst uitleggen wat er gebeurt; een telefoonnummer voor wie niet digitaal kan.",
    )
    report(
        "Eerste gesprek in het wijkpunt",
        "ervaring.gast",
        7,
        (4, 4, 3, 3),
        waiting_minutes=5,
        reachable_by_phone=True,
        felt_wrong="",
        suggestions="Koffie en een rustige plek: zo kan het. Alleen de ingang is lastig te vinden.",
    )
