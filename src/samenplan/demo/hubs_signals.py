"""The demo town's neighbourhood hubs and early signals.

Postcode areas for every wijk, a hub per wijk (the Westwijzer in Helmstad-West, with its
own opening hours), questions at the Westwijzer in every state, and payment-arrears
signals from Woonbedrijf Helmstad and Energie Peelland in every outreach state: new, being
reached, closed with each outcome code, one offered to Fatima's plan and waiting for her
answer, one that Anna added to hers. Sanne (Sociaal Team Helmstad-West) handles them.

Rows are keyed on fixed references ("DEM-…" for questions, "DEMO-…" for signals), so
building twice adds nothing, and the partner's CSV in `data/signalen-woonbedrijf.csv`
(other references) adds new signals when uploaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organisation, User, Wijk, WijkPostcode
from samenplan.directory.models import Location, Schedule, Service
from samenplan.early_signals.models import Signal, SignalEvent, SignalUpload
from samenplan.hubs.models import Hub, Question, QuestionEvent
from samenplan.measuring.models import LifeDomain
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.plans.models import Plan

from .builder import office_time, working_day
from .social_map import CITY, stable_id

POSTCODES = {
    "west": ["5703", "5704"],
    "noord": ["5707"],
    "brouwhof": ["5706"],
    "rijpelveld": ["5709"],
    "stippelhout": ["5702"],
    "binnenstad": ["5701"],
    "mierlo-akker": ["5708"],
}

# wijk: (hub name, location key on the social map, introduction)
HUBS = {
    "west": (
        "Westwijzer",
        None,  # its own location below
        "In buurthuis De Westwijzer zitten het wijkteam, Schuldhulp Helmstad, Woonbedrijf en de ouder- en "
        "kindcoaches samen. Loop binnen met je vraag, of stel hem hier online.",
    ),
    "noord": ("Wijkpunt Noord", "st-noord", "Het wijkteam van Noord helpt je met vragen over geld, wonen en gezin."),
    "brouwhof": ("Wijkcentrum Brouwhof", "st-brouwhof", "Het wijkteam van Noord is er ook voor Brouwhof."),
    "binnenstad": ("Wijkpunt Binnenstad", "st-binnen", "Het wijkteam van de Binnenstad luistert naar je vraag."),
    "stippelhout": ("Wijkcentrum Stippelhout", "st-stippel", "Het wijkteam van de Binnenstad, ook in Stippelhout."),
    "rijpelveld": ("Wijkpunt Rijpelveld", "st-rijpel", "Het wijkteam van Rijpelveld helpt je op weg."),
    "mierlo-akker": ("Dorpshuis Mierlo-Akker", "welzijn-mierlo", "Het wijkteam van Rijpelveld komt ook hier."),
}
# The Westwijzer's walk-in hours: weekday, opens, closes (Monday is 1).
WESTWIJZER_HOURS = [(1, 9, 12), (2, 9, 12), (3, 9, 12), (3, 13, 16), (4, 9, 12)]

WOONBEDRIJF, ENERGIE = "Woonbedrijf Helmstad", "Energie Peelland"
WB, EP = WOONBEDRIJF, ENERGIE


@dataclass
class Ask:
    """One question at the Westwijzer, as the demo tells it."""

    reference: str
    days_ago: int
    text: str
    domains: list[str]
    channel: str
    name: str = ""
    source: str = Question.Source.ONLINE
    status: str = Question.Status.NEW
    # (days after it arrived, channel, reached, note)
    attempts: list[tuple[int, str, bool, str]] = field(default_factory=list)
    outcome: str = ""
    note: str = ""
    service: tuple[str, str] | None = None
    plan_of: str = ""  # the resident whose plan it started
    wijk: str = "west"


C = Question.Channel
E = QuestionEvent.Channel
QUESTIONS = [
    Ask("DEM-ACDE", 0, "Ik krijg steeds brieven van mijn zorgverzekering over een achterstand. Ik snap niet wat ik "
      "moet doen en ik durf ze niet meer open te maken.", ["financien"], C.PHONE, "Marco Verhoeven"),
    Ask("DEM-ACDF", 1, "Mijn moeder is 82 en woont alleen. Ze eet slecht en ziet bijna niemand. Kan er iemand bij haar "
      "langs?", ["sociaal-netwerk", "lichamelijke-gezondheid"], C.EMAIL),
    Ask("DEM-ACDG", 0, "Kwam langs bij de balie: hij is zijn werk kwijt en weet niet of hij een uitkering kan krijgen.",
      ["werk-opleiding", "financien"], C.COME_BY, "Dennis Hermans", source=Question.Source.DESK),
    Ask("DEM-ACDH", 4, "Ik ben net gescheiden en weet niet hoe ik de opvang voor de kinderen moet betalen.",
      ["financien", "huiselijke-relaties"], C.PHONE, "Sandra Willems", status=Question.Status.CLAIMED,
      attempts=[(1, E.PHONE, False, "Geen gehoor, voicemail ingesproken.")]),
    Ask("DEM-ACDJ", 6, "Onze bovenburen maken elke nacht lawaai. Ik slaap slecht en word er somber van.",
      ["huisvesting", "geestelijke-gezondheid"], C.VISIT, "Hanna de Bruijn", status=Question.Status.CLAIMED,
      attempts=[(1, E.PHONE, False, ""), (2, E.VISIT, True, "Huisbezoek afgesproken voor volgende week.")]),
    Ask("DEM-ACDK", 12, "Hoe vraag ik huurtoeslag aan? Ik woon sinds kort zelfstandig.", ["financien", "huisvesting"],
      C.EMAIL, "Youssef Amrani", status=Question.Status.CLOSED,
      attempts=[(1, E.EMAIL, True, "")], outcome=Question.Outcome.ADVICE,
      note="Uitgelegd hoe je huurtoeslag aanvraagt. Hij doet het zelf met zijn DigiD."),
    Ask("DEM-ACDL", 16, "Ik heb schulden bij drie winkels en de deurwaarder heeft gebeld.", ["financien"], C.COME_BY,
      "Ellen Smulders", status=Question.Status.CLOSED, attempts=[(0, E.DESK, True, "")],
      outcome=Question.Outcome.REFERRED, note="Samen naar het geldspreekuur op dinsdag.",
      service=("Schuldhulp Helmstad", "Geldspreekuur")),
    Ask("DEM-ACDM", 20, "Sinds mijn vrouw is overleden zit ik veel alleen thuis. Ik zou graag iemand hebben om mee te "
      "wandelen.", ["sociaal-netwerk"], C.PHONE, "Piet van Gerwen", status=Question.Status.CLOSED,
      attempts=[(1, E.PHONE, True, "")], outcome=Question.Outcome.BUDDY,
      note="Buddy aangevraagd bij Buddynetwerk Ruimte voor Leven."),
    Ask("DEM-ACDN", 45, "Mijn ex en ik maken steeds ruzie over de kinderen. Ik wil dat het rustiger wordt, voor Daan "
      "en Mila.", ["huiselijke-relaties"], C.COME_BY, "Anna Smits", status=Question.Status.CLOSED,
      attempts=[(1, E.DESK, True, "Keukentafelgesprek gehad, we starten een plan.")], outcome=Question.Outcome.PLAN,
      plan_of="anna"),
    Ask("DEM-ACDP", 25, "Ik heb hulp nodig met mijn post, er liggen veel brieven.", ["financien"], C.PHONE,
      "Rob Jacobs", status=Question.Status.CLOSED,
      attempts=[(1, E.PHONE, False, ""), (3, E.PHONE, False, ""), (6, E.VISIT, False, "Niemand thuis, kaartje "
      "achtergelaten.")], outcome=Question.Outcome.NO_CONTACT),
    # Noord's own queue: Ahmed sees it, Sanne does not.
    Ask("DEM-ACDQ", 2, "Ik zoek een plek waar mijn zoon na school kan sporten.", ["tijdsbesteding"], C.EMAIL,
      "Fatma Yildiz", wijk="noord"),
]  # fmt: skip


@dataclass
class Arrears:
    """One early signal, as the demo tells it."""

    reference: str
    partner: str
    days_ago: int
    name: str
    street: str
    postcode: str
    born: date
    amount: str
    months: int
    status: str = Signal.Status.NEW
    # (days after it arrived, channel, reached, note)
    attempts: list[tuple[int, str, bool, str]] = field(default_factory=list)
    outcome: str = ""
    note: str = ""
    service: tuple[str, str] | None = None
    offered_to: str = ""  # the resident whose plan it was offered to
    joined: bool = False

    @property
    def kind(self) -> str:
        return Signal.Kind.RENT if self.partner == WOONBEDRIJF else Signal.Kind.ENERGY


SC = SignalEvent.Channel
O = Signal.Outcome  # noqa: E741 (the table below reads better short)
SIGNALS = [
    Arrears("DEMO-WB-001", WB, 1, "Jeroen Kuipers", "Kastanjelaan 12", "5703 KL", date(1979, 4, 2), "912.40", 2),
    Arrears("DEMO-EP-001", EP, 2, "Linda Manders", "Prins Karelstraat 40", "5704 PK", date(1990, 11, 23), "384.15",
      3),
    # One household, two partners: reached once, for both.
    Arrears("DEMO-WB-002", WB, 9, "Karim Bouzid", "Lindelaan 14", "5704 LB", date(1985, 6, 17), "1388.00", 3,
      Signal.Status.OUTREACH, [(1, SC.LETTER, False, "Brief met een afspraak voor een huisbezoek."),
                               (5, SC.PHONE, False, "Geen gehoor.")]),
    Arrears("DEMO-EP-002", EP, 8, "Karim Bouzid", "Lindelaan 14", "5704 LB", date(1985, 6, 17), "455.60", 2,
      Signal.Status.OUTREACH, [(2, SC.LETTER, False, "Zelfde brief als bij de huur."),
                               (6, SC.PHONE, False, "Geen gehoor.")]),
    Arrears("DEMO-WB-003", WB, 14, "Fatima El Amrani", "Bloemenhof 8", "5703 BH", date(1987, 9, 3), "2250.00", 3,
      Signal.Status.OUTREACH, [(2, SC.PHONE, True, "Fatima heeft al een plan met ons. Ik vraag haar of het "
                                                   "signaal erbij mag.")], offered_to="fatima"),
    Arrears("DEMO-EP-003", EP, 30, "Anna Smits", "Esdoornstraat 3", "5704 ES", date(1996, 2, 11), "612.30", 2,
      Signal.Status.CLOSED, [(2, SC.PHONE, True, "")], O.PLAN, "Anna neemt het mee in haar plan.",
      offered_to="anna", joined=True),
    Arrears("DEMO-EP-004", EP, 20, "Tim Raaijmakers", "Molenweg 21", "5703 MW", date(1971, 1, 30), "290.00", 2,
      Signal.Status.CLOSED, [(1, SC.PHONE, True, "")], O.QUICK_FIX,
      "Termijnbedrag aangepast; de achterstand is betaald met de energietoeslag."),
    Arrears("DEMO-WB-004", WB, 24, "Nicole van Dijk", "Eikenlaan 5", "5703 EL", date(1983, 8, 8), "1460.00", 3,
      Signal.Status.CLOSED, [(2, SC.VISIT, True, "")], O.ARRANGEMENT,
      "Betalingsregeling van 120 euro per maand met Woonbedrijf."),
    Arrears("DEMO-WB-005", WB, 28, "Hasan Kaya", "Berkenstraat 17", "5704 BS", date(1975, 12, 1), "2980.00", 4,
      Signal.Status.CLOSED, [(1, SC.LETTER, False, ""), (4, SC.VISIT, True, "")], O.DEBT_HELP,
      "Meer schulden dan de huur alleen.", service=("Schuldhulp Helmstad", "Schuldhulpverlening")),
    Arrears("DEMO-EP-005", EP, 33, "Joyce Peeters", "Beukenlaan 2", "5703 BK", date(1999, 5, 19), "210.75", 2,
      Signal.Status.CLOSED, [(1, SC.SMS, True, "")], O.SOLVES_SELF, "Ze betaalt het volgende maand in één keer."),
    Arrears("DEMO-WB-006", WB, 36, "Gerrit Hoeks", "Wilgenhof 30", "5704 WH", date(1958, 3, 14), "840.00", 2,
      Signal.Status.CLOSED, [(3, SC.PHONE, True, "")], O.NO_HELP_WANTED, "Wil geen hulp; weet waar hij ons vindt."),
    Arrears("DEMO-WB-007", WB, 40, "Priya Ramdin", "Populierenlaan 9", "5703 PL", date(1988, 10, 27), "1120.00", 3,
      Signal.Status.CLOSED, [(1, SC.LETTER, False, ""), (5, SC.PHONE, False, ""), (9, SC.VISIT, False, "")],
      O.NO_CONTACT),
    Arrears("DEMO-EP-006", EP, 38, "Wim Verhagen", "Iepenstraat 11", "5704 IS", date(1966, 7, 4), "505.00", 3,
      Signal.Status.CLOSED, [(2, SC.PHONE, True, "")], O.IN_CARE, "Heeft al een bewindvoerder."),
]  # fmt: skip


def build_hubs_and_signals(users: dict[str, User], organisations: dict[str, Organisation], wijken: dict[str, Wijk]):
    """Create the hubs, questions and signals if they are not there yet."""
    for code, postcodes in POSTCODES.items():
        for postcode in postcodes:
            WijkPostcode.objects.get_or_create(postcode=postcode, defaults={"wijk": wijken[code]})
    _hubs(organisations, wijken)
    partners = _partners(organisations, wijken)
    domains = {d.code: d for d in LifeDomain.objects.all()}
    sanne = users["sanne.wijkteam"]
    for spec in QUESTIONS:
        if not Question.objects.filter(reference=spec.reference).exists():
            _question(spec, wijken[spec.wijk], sanne, domains)
    for spec in SIGNALS:
        if not Signal.objects.filter(partner=partners[spec.partner], partner_reference=spec.reference).exists():
            _signal(spec, partners[spec.partner], wijken["west"], sanne, users)


def _hubs(organisations: dict[str, Organisation], wijken: dict[str, Wijk]) -> None:
    westwijzer, _ = Location.objects.update_or_create(
        hsds_id=stable_id("location", "hub-west"),
        defaults={
            "organisation": organisations["Buurthuis De Westwijzer"],
            "name": "Buurthuis De Westwijzer, inloop wijkteam",
            "description": "Het wijkteam en zijn partners zitten hier samen. Je hoeft geen afspraak te maken.",
            "address_1": "Westwijzerplein 6",
            "postal_code": "5703 AB",
            "city": CITY,
            "wijk": wijken["west"],
            "transportation": "Bus 21, halte Westwijzerplein. Fietsenstalling voor de deur.",
            "accessibility": "Rolstoeltoegankelijk. Een rustige kamer voor een gesprek onder vier ogen.",
        },
    )
    westwijzer.schedules.all().delete()
    Schedule.objects.bulk_create(
        Schedule(
            hsds_id=stable_id("schedule", "hub-west", str(day), str(opens)),
            location=westwijzer,
            weekday=day,
            opens_at=time(opens),
            closes_at=time(closes),
        )
        for day, opens, closes in WESTWIJZER_HOURS
    )
    for code, (name, key, introduction) in HUBS.items():
        location = westwijzer if key is None else Location.objects.filter(hsds_id=stable_id("location", key)).first()
        Hub.objects.get_or_create(
            wijk=wijken[code], defaults={"name": name, "introduction": introduction, "location": location}
        )


def _partners(organisations: dict[str, Organisation], wijken: dict[str, Wijk]) -> dict[str, Organisation]:
    woonbedrijf = organisations[WOONBEDRIJF]
    if not woonbedrijf.delivers_signals:
        woonbedrijf.delivers_signals = True
        woonbedrijf.save(update_fields=["delivers_signals"])
    energie, created = Organisation.objects.get_or_create(
        name=ENERGIE,
        defaults={
            "kind": Organisation.Kind.ENERGY,
            "delivers_signals": True,
            "description": "Energieleverancier in de regio.",
            "email": "info@energiepeelland.example.nl",
            "website": "https://www.energiepeelland.example.nl",
            "phone": "088-5010100",
        },
    )
    if created:
        energie.wijken.set(wijken.values())
    return {WOONBEDRIJF: woonbedrijf, ENERGIE: energie}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return office_time(day, hour, minute)


def _open_plan(username: str) -> Plan:
    return Plan.objects.exclude(status=Plan.Status.CLOSED).get(owner__username=username)


def _service(key: tuple[str, str] | None) -> Service | None:
    if key is None:
        return None
    organisation, name = key
    return Service.objects.filter(organisation__name=organisation, name=name).first()


def _question(spec: Ask, wijk: Wijk, sanne: User, domains: dict) -> None:
    today = timezone.localdate()
    arrived_on = today - timedelta(days=spec.days_ago)
    if spec.source == Question.Source.ONLINE:
        # The form is open day and night: online questions often come in the evening.
        arrived = timezone.make_aware(datetime.combine(arrived_on, time(20, 40)))
        if spec.days_ago == 0:
            arrived = min(arrived, timezone.now() - timedelta(hours=1))
    else:
        arrived = _at(arrived_on, 10, 15)
    contact = {
        # Invented numbers, one per question.
        C.PHONE: {"phone": f"06-{20000000 + sum(map(ord, spec.reference)) * 7919 % 9000000}"},
        C.EMAIL: {"email": f"{spec.reference.lower()}@demo.samenplan.example"},
        C.VISIT: {"address": "Lindelaan 3, 5704 LB Helmstad", "phone": "06-23456789"},
        C.COME_BY: {},
    }[spec.channel]
    desk = spec.source == Question.Source.DESK
    question = Question.objects.create(
        reference=spec.reference,
        wijk=wijk,
        source=spec.source,
        text=spec.text,
        name=spec.name,
        channel=spec.channel,
        consent_at=arrived,
        registered_by=sanne if desk else None,
        created_at=arrived,
        **contact,
    )
    question.domains.set([domains[code] for code in spec.domains])
    events = [QuestionEvent(question=question, kind=QuestionEvent.Kind.CREATED, by=sanne if desk else None, at=arrived)]
    fields = {}
    if spec.status != Question.Status.NEW:
        claimed = _at(working_day(arrived_on + timedelta(days=1), forward=True), 9, 5)
        claimed = min(max(claimed, arrived), timezone.now())
        fields.update(status=Question.Status.CLAIMED, owner=sanne, claimed_at=claimed)
        events.append(QuestionEvent(question=question, kind=QuestionEvent.Kind.CLAIMED, by=sanne, at=claimed))
        last = claimed
        for number, (after, channel, reached, note) in enumerate(spec.attempts):
            at = min(max(_at(arrived_on + timedelta(days=after), 10 + number, 30), claimed), timezone.now())
            events.append(
                QuestionEvent(
                    question=question,
                    kind=QuestionEvent.Kind.ATTEMPT,
                    channel=channel,
                    reached=reached,
                    note=note,
                    by=sanne,
                    at=at,
                )
            )
            if reached and "first_contact_at" not in fields:
                fields["first_contact_at"] = at
            last = max(last, at)
    if spec.status == Question.Status.CLOSED:
        closed = min(last + timedelta(hours=2), timezone.now())
        fields.update(
            status=Question.Status.CLOSED,
            closed_at=closed,
            outcome=spec.outcome,
            outcome_note=spec.note,
            service=_service(spec.service),
            plan=_open_plan(spec.plan_of) if spec.plan_of else None,
        )
        events.append(
            QuestionEvent(question=question, kind=QuestionEvent.Kind.CLOSED, note=spec.note, by=sanne, at=closed)
        )
    if fields:
        Question.objects.filter(pk=question.pk).update(**fields)
    QuestionEvent.objects.bulk_create(events)


def _upload(partner: Organisation, users: dict[str, User], days_ago: int) -> SignalUpload:
    """The file a partner sent on that day (one per partner per day in the demo)."""
    sent = _at(timezone.localdate() - timedelta(days=days_ago), 8, 45)
    upload = SignalUpload.objects.filter(partner=partner, at=sent).first()
    if upload is None:
        by = users.get("woonbedrijf.signalen") if partner.name == WOONBEDRIJF else None
        upload = SignalUpload.objects.create(
            partner=partner, uploaded_by=by, filename=f"signalen-{sent:%Y-%m-%d}.csv", at=sent
        )
    SignalUpload.objects.filter(pk=upload.pk).update(rows=upload.rows + 1, created=upload.created + 1)
    return upload


def _signal(spec: Arrears, partner: Organisation, west: Wijk, sanne: User, users: dict[str, User]) -> None:
    today = timezone.localdate()
    arrived_on = today - timedelta(days=spec.days_ago)
    arrived = _at(arrived_on, 8, 45)
    postcode = spec.postcode
    wijk = WijkPostcode.objects.select_related("wijk").get(postcode=postcode[:4]).wijk if postcode else west
    signal = Signal.objects.create(
        partner=partner,
        partner_reference=spec.reference,
        upload=_upload(partner, users, spec.days_ago),
        name=spec.name,
        street=spec.street,
        postcode=postcode,
        city=CITY,
        date_of_birth=spec.born,
        kind=spec.kind,
        amount=Decimal(spec.amount),
        months_in_arrears=spec.months,
        last_reminder_on=arrived_on - timedelta(days=14),
        collection_steps_confirmed=True,
        wijk=wijk,
        # As the import groups them: postcode without the space, and the street in capitals.
        household=f"{postcode.replace(' ', '')}|{spec.street.upper()}",
        created_at=arrived,
    )
    if spec.status == Signal.Status.NEW:
        return
    claimed = min(_at(working_day(arrived_on + timedelta(days=1), forward=True), 9, 15), timezone.now())
    fields: dict = {"status": Signal.Status.OUTREACH, "owner": sanne, "claimed_at": claimed}
    events = [SignalEvent(signal=signal, kind=SignalEvent.Kind.CLAIMED, by=sanne, at=claimed)]
    last = claimed
    for number, (after, channel, reached, note) in enumerate(spec.attempts):
        at = min(max(_at(arrived_on + timedelta(days=after), 11 + number, 0), claimed), timezone.now())
        events.append(
            SignalEvent(
                signal=signal,
                kind=SignalEvent.Kind.ATTEMPT,
                channel=channel,
                reached=reached,
                note=note,
                by=sanne,
                at=at,
            )
        )
        if reached and "first_contact_at" not in fields:
            fields["first_contact_at"] = at
        last = max(last, at)
    plan = _open_plan(spec.offered_to) if spec.offered_to else None
    if plan is not None:
        offered = min(last + timedelta(hours=1), timezone.now())
        fields.update(offered_plan=plan, offered_at=offered)
        events.append(SignalEvent(signal=signal, kind=SignalEvent.Kind.OFFERED, by=sanne, at=offered))
        last = offered
        if spec.joined:
            joined = min(last + timedelta(days=1), timezone.now())
            fields.update(plan=plan, joined_at=joined)
            events.append(SignalEvent(signal=signal, kind=SignalEvent.Kind.JOINED, by=plan.owner, at=joined))
            last = joined
        else:
            # She is told there is a question for her in her plan (a neutral notification).
            notify(
                user=plan.owner,
                kind=Notification.Kind.SIGNAL_OFFERED,
                plan=plan,
                url=reverse("plan_signals", args=[plan.pk]),
            )
    if spec.status == Signal.Status.CLOSED:
        closed = min(last + timedelta(hours=2), timezone.now())
        fields.update(
            status=Signal.Status.CLOSED,
            outcome=spec.outcome,
            outcome_note=spec.note,
            service=_service(spec.service),
            closed_at=closed,
        )
        events.append(SignalEvent(signal=signal, kind=SignalEvent.Kind.CLOSED, note=spec.note, by=sanne, at=closed))
    Signal.objects.filter(pk=signal.pk).update(**fields)
    SignalEvent.objects.bulk_create(events)
