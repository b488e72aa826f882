"""The demo town's social map: what Helmstad's thirty organisations offer, where and when.

About 120 services in plain Dutch (B1), over some forty locations with opening hours, each
classified by life domain. A few listings were not checked for months (the social map shows
them as possibly out of date) and one is closed for now. Every id is derived from a stable
name (uuid5), so loading the demo twice updates the same rows instead of adding new ones.

Phone numbers, addresses and websites are invented: 0492-9xxxxx and 088- numbers,
`.example.nl` domains.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import time, timedelta

from django.utils import timezone

from samenplan.accounts.models import Organisation, Wijk
from samenplan.directory.models import Location, Schedule, Service, ServiceAtLocation, TaxonomyTerm
from samenplan.directory.search import index_services, normalise

# uuid5 namespace of the demo town's social map.
NAMESPACE = uuid.UUID("3b0f5a52-7c1e-5d0a-8f8e-6a9d3c1b2e47")
CITY = "Helmstad"


def stable_id(kind: str, *names: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join((kind, *names)))


# organisation: (domain for email and website, phone, description)
ORGANISATION_CONTACTS = {
    "Sociaal Team Helmstad-West": ("sociaalteamwest", "0492-910100", "Het sociaal team voor Helmstad-West."),
    "Sociaal Team Noord": ("sociaalteamnoord", "0492-910200", "Het sociaal team voor Noord en Brouwhof."),
    "Sociaal Team Binnenstad": (
        "sociaalteambinnenstad",
        "0492-910300",
        "Het sociaal team voor de Binnenstad en Stippelhout.",
    ),
    "Sociaal Team Rijpelveld": (
        "sociaalteamrijpelveld",
        "0492-910400",
        "Het sociaal team voor Rijpelveld en Mierlo-Akker.",
    ),
    "Schuldhulp Helmstad": ("schuldhulphelmstad", "0492-920100", "Gratis hulp bij geldzorgen en schulden."),
    "Kredietbank De Peel": ("kredietbankdepeel", "0492-920200", "Budgetbeheer en saneringskrediet."),
    "Woonbedrijf Helmstad": ("woonbedrijfhelmstad", "0492-930100", "Woningcorporatie met 9.000 huurwoningen."),
    "Wooncorporatie Peelrand": ("peelrand", "0492-930200", "Woningcorporatie in Noord en Rijpelveld."),
    "GGZ De Peel": ("ggzdepeel", "088-4010100", "Hulp bij psychische klachten, voor jong en oud."),
    "Verslavingszorg Zuidoost": ("verslavingszorgzuidoost", "088-4020200", "Hulp bij alcohol, drugs en gokken."),
    "Werkbedrijf Peelland": ("werkbedrijfpeelland", "0492-940100", "Hulp bij werk vinden en aan het werk blijven."),
    "Basisschool De Regenboog": ("deregenboog", "0492-950100", "Basisschool in Helmstad-West."),
    "Basisschool Het Palet": ("hetpalet", "0492-950200", "Basisschool in Noord."),
    "Vakcollege Helmstad": ("vakcollegehelmstad", "0492-950300", "Vmbo-school voor techniek, zorg en horeca."),
    "Huisartsenpraktijk De Brug": ("huisartsdebrug", "0492-960100", "Huisartsenpraktijk in Helmstad-West."),
    "Gezondheidscentrum Noord": ("gcnoord", "0492-960200", "Huisartsen, fysiotherapie en diëtist onder één dak."),
    "Huisartsen Binnenstad": ("huisartsenbinnenstad", "0492-960300", "Huisartsenpraktijk in de Binnenstad."),
    "Jeugd en Gezin Helmstad": ("jeugdengezinhelmstad", "0492-970100", "Voor ouders, kinderen en jongeren."),
    "Ouder- en Kindcoaches": ("ouderenkindcoaches", "0492-970200", "Coaches voor ouders, in elke wijk."),
    "Voedselbank Helmstad": ("voedselbankhelmstad", "0492-980100", "Voedselpakketten voor wie het krap heeft."),
    "Vrijwilligerscentrale Helmstad": ("vrijwilligershelmstad", "0492-980200", "Vrijwilligerswerk en maatjes."),
    "Buddynetwerk Ruimte voor Leven": ("ruimtevoorleven", "0492-980300", "Vrijwillige buddy's voor wie alleen is."),
    "Humanitas Thuisadministratie": ("humanitashelmstad", "0492-980400", "Vrijwilligers helpen met papieren."),
    "Sportclub HSV Helmstad": ("hsvhelmstad", "0492-990100", "Voetbalclub voor jong en oud."),
    "Basketbal Peel Suns": ("peelsuns", "0492-990200", "Basketbalclub met clinics voor de jeugd."),
    "Welzijn Helmstad": ("welzijnhelmstad", "0492-990300", "Maatschappelijk werk, buurtwerk en ouderenwerk."),
    "Buurthuis De Westwijzer": ("westwijzer", "0492-990400", "Het buurthuis van Helmstad-West."),
    "Bibliotheek Helmstad": ("bibliotheekhelmstad", "0492-990500", "Boeken, het Taalhuis en hulp met de computer."),
    "Wijkverpleging Zorg Thuis": ("zorgthuis", "088-4030300", "Wijkverpleging en verzorging thuis."),
    "Gemeente Helmstad": ("helmstad", "0492-900140", "Het loket voor Wmo, inkomen en toeslagen."),
}

WEEKDAYS = {"ma": 1, "di": 2, "wo": 3, "do": 4, "vr": 5, "za": 6, "zo": 7}


@dataclass
class Place:
    key: str
    organisation: str
    name: str
    street: str
    postcode: str
    wijk: str
    transport: str
    hours: str  # "ma-vr 9:00-17:00; za 10:00-12:00"
    accessibility: str = "Rolstoeltoegankelijk."
    kind: str = Location.Kind.PHYSICAL


BUS_CENTRE = "Bus 20 of 21 tot halte Markt."
PLACES = [
    Place("st-west", "Sociaal Team Helmstad-West", "Wijkpunt West", "Westwijzerplein 4", "5703 AB", "west",
          "Bus 21, halte Westwijzerplein. Fietsenstalling voor de deur.", "ma-vr 9:00-17:00"),
    Place("st-noord", "Sociaal Team Noord", "Wijkpunt Noord", "Noorderhof 12", "5707 CD", "noord",
          "Bus 23, halte Noorderhof. Gratis parkeren achter het gebouw.", "ma-do 9:00-17:00; vr 9:00-12:30"),
    Place("st-brouwhof", "Sociaal Team Noord", "Wijkcentrum Brouwhof", "Brouwhofplein 3", "5706 BH", "brouwhof",
          "Bus 22, halte Brouwhofplein.", "di,do 9:00-12:00"),
    Place("st-binnen", "Sociaal Team Binnenstad", "Wijkpunt Binnenstad", "Kerkstraat 31", "5701 JK", "binnenstad",
          "5 minuten lopen vanaf station Helmstad.", "ma-vr 9:00-17:00"),
    Place("st-stippel", "Sociaal Team Binnenstad", "Wijkcentrum Stippelhout", "Stippelhoutlaan 40", "5702 ST",
          "stippelhout", "Bus 25, halte Stippelhoutlaan.", "wo 13:00-16:00"),
    Place("st-rijpel", "Sociaal Team Rijpelveld", "Wijkpunt Rijpelveld", "Rijpelplein 2", "5709 EF", "rijpelveld",
          "Bus 24, halte Rijpelplein. Fietsenstalling naast de ingang.", "ma-vr 9:00-16:30"),
    Place("stadhuis", "Gemeente Helmstad", "Stadhuis Helmstad", "Markt 1", "5701 GA", "binnenstad",
          BUS_CENTRE + " Gratis fietsenstalling onder het stadhuis.", "ma-vr 8:30-17:00; do 18:00-20:00",
          "Rolstoeltoegankelijk. Ringleiding bij de balie."),
    Place("schuldhulp", "Schuldhulp Helmstad", "Schuldhulp Helmstad", "Steenweg 48", "5701 KM", "binnenstad",
          BUS_CENTRE + " Daarna 3 minuten lopen.", "ma-vr 9:00-17:00"),
    Place("schuldhulp-west", "Schuldhulp Helmstad", "Geldspreekuur in Wijkpunt West", "Westwijzerplein 4",
          "5703 AB", "west", "Bus 21, halte Westwijzerplein.", "di 13:00-16:00"),
    Place("kredietbank", "Kredietbank De Peel", "Kredietbank De Peel", "Kanaaldijk 110", "5702 BR", "stippelhout",
          "Bus 25, halte Kanaaldijk. Parkeren voor de deur.", "ma-vr 9:00-12:30"),
    Place("woonbedrijf", "Woonbedrijf Helmstad", "Klantcentrum Woonbedrijf", "Hoofdstraat 95", "5706 AL",
          "brouwhof", "Bus 22, halte Hoofdstraat.", "ma-vr 8:30-16:30"),
    Place("woonbedrijf-west", "Woonbedrijf Helmstad", "Huismeesterpost West", "Prins Karelstraat 2", "5703 PK",
          "west", "Bus 21, halte Prins Karelstraat.", "ma,wo,vr 8:30-10:00"),
    Place("peelrand", "Wooncorporatie Peelrand", "Peelrand kantoor Noord", "Lieshoutseweg 6", "5707 LW", "noord",
          "Bus 23, halte Lieshoutseweg.", "ma-do 9:00-16:00"),
    Place("ggz", "GGZ De Peel", "GGZ De Peel, locatie Binnenstad", "Wesselmanlaan 25", "5701 WL", "binnenstad",
          BUS_CENTRE + " Daarna 5 minuten lopen.", "ma-vr 8:30-17:00"),
    Place("ggz-inloop", "GGZ De Peel", "Inloophuis De Boog", "Molenstraat 80", "5702 MS", "stippelhout",
          "Bus 25, halte Molenstraat. Fietsenstalling in de tuin.", "ma,wo,vr 10:00-15:00"),
    Place("verslaving", "Verslavingszorg Zuidoost", "Verslavingszorg Zuidoost Helmstad", "Deurneseweg 14",
          "5708 DW", "mierlo-akker", "Bus 26, halte Deurneseweg.", "ma-vr 9:00-17:00"),
    Place("verslaving-online", "Verslavingszorg Zuidoost", "Online hulp", "", "", "", "", "ma-zo 8:00-22:00",
          "", Location.Kind.VIRTUAL),
    Place("werkbedrijf", "Werkbedrijf Peelland", "Werkbedrijf Peelland", "Europaweg 3", "5706 EW", "brouwhof",
          "Bus 22, halte Europaweg. Gratis parkeren.", "ma-vr 8:30-17:00"),
    Place("werkplaats", "Werkbedrijf Peelland", "Leerwerkplaats De Draai", "Industrieweg 21", "5702 IW",
          "stippelhout", "Bus 25, halte Industrieweg. Met de fiets 10 minuten vanaf de Markt.", "ma-vr 8:00-16:00"),
    Place("regenboog", "Basisschool De Regenboog", "Basisschool De Regenboog", "Kastanjelaan 9", "5703 KL", "west",
          "Bus 21, halte Kastanjelaan.", "ma-vr 8:15-15:00"),
    Place("palet", "Basisschool Het Palet", "Basisschool Het Palet", "Zonnebloemstraat 3", "5707 ZB", "noord",
          "Bus 23, halte Zonnebloemstraat.", "ma-vr 8:15-15:00"),
    Place("vakcollege", "Vakcollege Helmstad", "Vakcollege Helmstad", "Scholierenlaan 1", "5709 SL", "rijpelveld",
          "Bus 24, halte Scholierenlaan.", "ma-vr 8:00-16:30"),
    Place("debrug", "Huisartsenpraktijk De Brug", "Huisartsenpraktijk De Brug", "Brugstraat 17", "5703 BS", "west",
          "Bus 21, halte Brugstraat. Parkeren achter de praktijk.", "ma-vr 8:00-17:00"),
    Place("gcnoord", "Gezondheidscentrum Noord", "Gezondheidscentrum Noord", "Noorderhof 40", "5707 CE", "noord",
          "Bus 23, halte Noorderhof.", "ma-vr 8:00-17:00"),
    Place("huisartsen-binnen", "Huisartsen Binnenstad", "Huisartsen Binnenstad", "Watermolenwal 5", "5701 WM",
          "binnenstad", BUS_CENTRE, "ma-vr 8:00-17:00"),
    Place("jgz", "Jeugd en Gezin Helmstad", "Jeugd en Gezin Helmstad", "Kasteellaan 8", "5701 KA", "binnenstad",
          BUS_CENTRE + " Naast het kasteel.", "ma-vr 8:30-17:00"),
    Place("jgz-noord", "Jeugd en Gezin Helmstad", "Consultatiebureau Noord", "Noorderhof 42", "5707 CE", "noord",
          "Bus 23, halte Noorderhof. In het gezondheidscentrum.", "di,do 8:30-12:00"),
    Place("ouderkind", "Ouder- en Kindcoaches", "Ouder- en kindcoaches West", "Westwijzerplein 4", "5703 AB", "west",
          "Bus 21, halte Westwijzerplein.", "ma,wo 9:00-12:00"),
    Place("voedselbank", "Voedselbank Helmstad", "Voedselbank Helmstad, uitgifte", "Havenweg 7", "5702 HW",
          "stippelhout", "Bus 25, halte Havenweg. Ingang aan de achterkant, bij de laaddeur.", "vr 13:00-16:00"),
    Place("voedselbank-noord", "Voedselbank Helmstad", "Uitgiftepunt Noord", "Kerkplein Noord 1", "5707 KP",
          "noord", "Bus 23, halte Kerkplein. In de zaal naast de kerk.", "do 14:00-16:00"),
    Place("vrijwilligers", "Vrijwilligerscentrale Helmstad", "Vrijwilligerscentrale", "Kerkstraat 12", "5701 KS",
          "binnenstad", BUS_CENTRE, "ma-do 9:30-15:30"),
    Place("buddy", "Buddynetwerk Ruimte voor Leven", "Buddynetwerk Ruimte voor Leven", "Mierloseweg 60", "5708 MW",
          "mierlo-akker", "Bus 26, halte Mierloseweg.", "ma-vr 9:00-16:00"),
    Place("humanitas", "Humanitas Thuisadministratie", "Humanitas Helmstad", "Ameidestraat 3", "5701 AM",
          "binnenstad", BUS_CENTRE, "di,do 9:30-12:30"),
    Place("hsv", "Sportclub HSV Helmstad", "Sportpark De Braak", "Sportlaan 5", "5709 SP", "rijpelveld",
          "Bus 24, halte Sportlaan. Grote fietsenstalling bij de ingang.", "ma-vr 18:00-22:00; za 8:30-17:00"),
    Place("peelsuns", "Basketbal Peel Suns", "Sporthal De Westrand", "Westrandweg 11", "5703 WR", "west",
          "Bus 21, halte Westrand. Fietsenstalling bij de sporthal.", "wo 14:00-17:00; za 9:00-13:00"),
    Place("peelsuns-court", "Basketbal Peel Suns", "Sportveldje Brouwhof", "Brouwhofplein 1", "5706 BH", "brouwhof",
          "Bus 22, halte Brouwhofplein. Het veldje ligt achter het wijkcentrum.", "vr 15:30-17:30",
          "Buiten, vlak terrein."),
    Place("welzijn", "Welzijn Helmstad", "Welzijn Helmstad", "Kasteellaan 2", "5701 KA", "binnenstad",
          BUS_CENTRE + " Naast het kasteel.", "ma-vr 9:00-17:00"),
    Place("welzijn-noord", "Welzijn Helmstad", "Buurthuis 't Noorderlicht", "Noorderhof 5", "5707 CD", "noord",
          "Bus 23, halte Noorderhof.", "ma-vr 9:00-21:00"),
    Place("welzijn-rijpel", "Welzijn Helmstad", "Ontmoetingscentrum De Rijp", "Rijpelplein 10", "5709 EF",
          "rijpelveld", "Bus 24, halte Rijpelplein.", "ma-vr 9:00-17:00"),
    Place("welzijn-mierlo", "Welzijn Helmstad", "Dorpshuis Mierlo-Akker", "Akkerstraat 1", "5708 AK",
          "mierlo-akker", "Bus 26, halte Akkerstraat. Parkeren op het plein.", "di,do 9:00-16:00"),
    Place("westwijzer", "Buurthuis De Westwijzer", "Buurthuis De Westwijzer", "Westwijzerplein 6", "5703 AB",
          "west", "Bus 21, halte Westwijzerplein.", "ma-vr 9:00-22:00; za 10:00-16:00"),
    Place("bieb", "Bibliotheek Helmstad", "Bibliotheek Helmstad Centrum", "Bibliotheekplein 1", "5701 BP",
          "binnenstad", BUS_CENTRE + " Fietsenstalling onder het plein.", "ma-vr 10:00-18:00; za 10:00-16:00"),
    Place("bieb-noord", "Bibliotheek Helmstad", "Bibliotheek Noord", "Noorderhof 20", "5707 CD", "noord",
          "Bus 23, halte Noorderhof.", "di,do 13:00-17:00; za 10:00-13:00"),
    Place("zorgthuis", "Wijkverpleging Zorg Thuis", "Zorg Thuis, team Helmstad", "Koninginnewal 30", "5701 KW",
          "binnenstad", BUS_CENTRE, "ma-vr 8:30-17:00"),
]  # fmt: skip


@dataclass
class Offer:
    organisation: str
    name: str
    domains: tuple[str, ...]
    description: str
    for_whom: str
    how: str  # how to get help
    access: str  # letters: w walk-in, p by phone, s sign up yourself, v via a professional
    wait: str
    places: tuple[str, ...] = ()
    ages: tuple[int | None, int | None] = (None, None)
    costs: str = ""  # empty: free
    wijken: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("nl",)
    stale_months: int = 0  # not checked for this many months
    closed: str = ""  # why it is closed for now
    referrals: bool = True
    alternate_name: str = ""
    extra: dict = field(default_factory=dict)


O = Offer  # noqa: E741 (the data below reads better short)
WEEK = "Meestal binnen een week"
TWO_WEEKS = "Meestal binnen twee weken"
NOW = "Je kunt meteen terecht"
MONTH = "Meestal binnen vier weken"
SAME_DAY = "Dezelfde dag"

OFFERS = [
    # Sociale teams ---------------------------------------------------------------------
    O("Sociaal Team Helmstad-West", "Wijkteam spreekuur West", ("sociaal-netwerk", "financien", "huisvesting"),
      "Je kunt bij ons terecht met elke vraag over geld, wonen, gezin of gezondheid. Een sociaal werker luistert "
      "en zoekt samen met jou uit wat je nodig hebt. Als het nodig is, maken we samen een plan.",
      "Voor iedereen die in Helmstad-West woont.", "Loop binnen tijdens het spreekuur of bel ons.", "wps", NOW,
      ("st-west",), wijken=("west",), languages=("nl", "en", "ar")),
    O("Sociaal Team Helmstad-West", "Sociaal werker aan huis", ("huiselijke-relaties", "geestelijke-gezondheid"),
      "Kun je niet goed naar ons toe komen? Dan komt een sociaal werker bij je thuis. We praten aan de keukentafel "
      "over wat er speelt en wat je zelf wilt.",
      "Voor inwoners van Helmstad-West die niet makkelijk de deur uit kunnen.", "Bel ons voor een afspraak.", "pv",
      WEEK, ("st-west",), wijken=("west",)),
    O("Sociaal Team Helmstad-West", "Hulp bij toeslagen en formulieren", ("financien",),
      "Samen vullen we formulieren in voor huurtoeslag, zorgtoeslag en kinderopvangtoeslag. We kijken ook of je "
      "recht hebt op andere regelingen van de gemeente.",
      "Voor inwoners van Helmstad-West.", "Neem je brieven en je DigiD mee naar het spreekuur.", "ws", NOW,
      ("st-west",), wijken=("west",), languages=("nl", "ar", "tr")),
    O("Sociaal Team Helmstad-West", "Gesprek voor mantelzorgers", ("huiselijke-relaties", "sociaal-netwerk"),
      "Zorg je voor iemand in je familie of buurt? Dan kun je met ons praten over hoe het met jou gaat. We zoeken "
      "samen naar manieren om de zorg lichter te maken.",
      "Voor mantelzorgers in Helmstad-West.", "Bel of mail voor een afspraak.", "ps", TWO_WEEKS, ("st-west",),
      wijken=("west",), stale_months=8),
    O("Sociaal Team Noord", "Wijkteam spreekuur Noord", ("sociaal-netwerk", "financien", "huisvesting"),
      "Heb je zorgen over geld, wonen, je gezin of je gezondheid? Kom langs bij het wijkteam. We luisteren en "
      "denken met je mee over de volgende stap.",
      "Voor iedereen die in Noord of Brouwhof woont.", "Loop binnen of bel voor een afspraak.", "wps", NOW,
      ("st-noord", "st-brouwhof"), wijken=("noord", "brouwhof"), languages=("nl", "tr")),
    O("Sociaal Team Noord", "Keukentafelgesprek Wmo", ("basale-adl", "instrumentele-adl"),
      "Lukt het huishouden of de zelfzorg niet meer goed? Dan komen we bij je thuis voor een gesprek. We kijken "
      "samen wat je zelf kunt, wat je netwerk kan doen en welke hulp er nodig is.",
      "Voor inwoners van Noord en Brouwhof die hulp thuis nodig hebben.", "Bel ons of vraag het aan via de gemeente.",
      "pv", TWO_WEEKS, ("st-noord",), wijken=("noord", "brouwhof")),
    O("Sociaal Team Noord", "Ouderen in Brouwhof", ("sociaal-netwerk", "maatschappelijke-participatie"),
      "Woon je alleen en zie je weinig mensen? Een sociaal werker komt langs en vertelt wat er in de wijk te doen "
      "is. Als je wilt, gaan we de eerste keer samen.",
      "Voor ouderen in Brouwhof.", "Bel ons, of vraag je huisarts of buren om ons te bellen.", "pv", WEEK,
      ("st-brouwhof",), ages=(65, None), wijken=("brouwhof",)),
    O("Sociaal Team Binnenstad", "Wijkteam spreekuur Binnenstad", ("sociaal-netwerk", "financien", "huisvesting"),
      "Je kunt bij ons terecht met al je vragen over wonen, geld, gezin en gezondheid. We helpen je zelf, of we "
      "zoeken samen de juiste hulp.",
      "Voor iedereen die in de Binnenstad of Stippelhout woont.", "Loop binnen of bel voor een afspraak.", "wps",
      NOW, ("st-binnen", "st-stippel"), wijken=("binnenstad", "stippelhout"), languages=("nl", "en", "pl")),
    O("Sociaal Team Binnenstad", "Hulp na detentie", ("justitie", "huisvesting", "financien"),
      "Kom je net uit de gevangenis? Wij helpen met een plek om te slapen, een uitkering, een bankrekening en je "
      "ID-kaart. We werken samen met de reclassering.",
      "Voor inwoners van Helmstad die uit detentie komen.", "De reclassering of de gevangenis meldt je bij ons aan. "
      "Je mag ook zelf bellen.", "pv", WEEK, ("st-binnen",)),
    O("Sociaal Team Binnenstad", "Jongeren zonder plek", ("huisvesting", "werk-opleiding"),
      "Heb je geen vaste plek om te wonen en slaap je bij vrienden? We helpen je met een postadres, een uitkering "
      "en een plan voor wonen en school of werk.",
      "Voor jongeren van 18 tot 27 jaar.", "Loop binnen op woensdagmiddag in Stippelhout, of bel.", "wpsv", WEEK,
      ("st-binnen", "st-stippel"), ages=(18, 27)),
    O("Sociaal Team Rijpelveld", "Wijkteam spreekuur Rijpelveld", ("sociaal-netwerk", "financien", "huisvesting"),
      "Loop gerust binnen met je vraag. Een sociaal werker luistert en helpt je op weg, of zoekt samen met jou de "
      "juiste hulp.",
      "Voor iedereen die in Rijpelveld of Mierlo-Akker woont.", "Loop binnen of bel voor een afspraak.", "wps", NOW,
      ("st-rijpel",), wijken=("rijpelveld", "mierlo-akker")),
    O("Sociaal Team Rijpelveld", "Zelfstandig wonen voor jongeren", ("huisvesting", "instrumentele-adl", "financien"),
      "Woon je net op jezelf? Een begeleider helpt je een paar maanden met post, rekeningen, koken en "
      "het huishouden. Zo leer je het stap voor stap zelf.",
      "Voor jongeren van 17 tot 23 jaar in Rijpelveld en Mierlo-Akker.", "Vraag het aan bij het wijkteam.", "psv",
      TWO_WEEKS, ("st-rijpel",), ages=(17, 23), wijken=("rijpelveld", "mierlo-akker")),
    # Schuldhulp en geld -----------------------------------------------------------------
    O("Schuldhulp Helmstad", "Schuldhulpverlening", ("financien",),
      "Heb je schulden of lukt het niet om je rekeningen te betalen? Een schuldhulpverlener maakt samen met jou "
      "een overzicht. Daarna zoeken we een oplossing, zoals een betalingsregeling of een schuldregeling.",
      "Voor inwoners van Helmstad met geldzorgen of schulden.",
      "Bel ons of vraag je wijkteam om je aan te melden. Neem bij het eerste gesprek al je brieven mee.", "psv", WEEK,
      ("schuldhulp",), languages=("nl", "en", "ar", "tr")),
    O("Schuldhulp Helmstad", "Snelle hulp bij achterstanden", ("financien", "huisvesting"),
      "Dreigt afsluiting van gas, water of licht, of een huisuitzetting? Dan helpen we dezelfde week. We nemen "
      "contact op met de verhuurder of het energiebedrijf om de afsluiting te stoppen.",
      "Voor inwoners van Helmstad met een betalingsachterstand die snel hulp nodig hebben.",
      "Bel ons meteen. Een professional kan je ook aanmelden.", "pv", "Binnen drie werkdagen", ("schuldhulp",),
      languages=("nl", "en")),
    O("Schuldhulp Helmstad", "Geldspreekuur", ("financien",),
      "Heb je een vraag over een brief, een rekening, schulden of je inkomen? Kom langs zonder afspraak. We "
      "kijken samen naar je papieren en vertellen wat je kunt doen.",
      "Voor iedereen in Helmstad.", "Loop binnen op dinsdagmiddag in Wijkpunt West.", "w", NOW,
      ("schuldhulp-west",), languages=("nl", "ar")),
    O("Schuldhulp Helmstad", "Cursus Grip op je geld", ("financien",),
      "In vier avonden leer je hoe je een overzicht maakt van je inkomsten en uitgaven. Je leert ook hoe je "
      "geld opzij zet voor onverwachte kosten. Je doet de cursus samen met andere inwoners.",
      "Voor iedereen die beter wil leren rondkomen.", "Meld je aan via de website of bel ons.", "ps",
      "De volgende cursus begint over een maand", ("schuldhulp",), stale_months=9),
    O("Schuldhulp Helmstad", "Nazorg na de schuldregeling", ("financien",),
      "Is je schuldregeling klaar? Dan blijven we nog een jaar in contact. Zo voorkom je dat er nieuwe schulden "
      "komen.", "Voor wie een schuldregeling bij ons heeft afgerond.", "Je schuldhulpverlener regelt dit met je.",
      "v", NOW, ("schuldhulp",)),
    O("Kredietbank De Peel", "Budgetbeheer", ("financien",),
      "De Kredietbank betaalt je vaste lasten voor je, zoals huur, energie en zorgverzekering. Je krijgt elke "
      "week leefgeld op je eigen rekening. Zo weet je zeker dat de belangrijkste rekeningen betaald worden.",
      "Voor inwoners die hun geld (nog) niet zelf kunnen regelen.", "Je schuldhulpverlener of wijkteam meldt je aan.",
      "v", TWO_WEEKS, ("kredietbank",), costs="Gratis als je inkomen laag is; anders € 15 per maand."),
    O("Kredietbank De Peel", "Saneringskrediet", ("financien",),
      "De Kredietbank lost al je schulden in één keer af met een lening. Jij betaalt daarna drie jaar een vast "
      "bedrag per maand terug aan de Kredietbank. Daarna ben je schuldenvrij.",
      "Voor wie in een schuldregeling zit via Schuldhulp Helmstad.", "Via je schuldhulpverlener.", "v",
      MONTH, ("kredietbank",), stale_months=11),
    O("Kredietbank De Peel", "Vaste-lastenrekening", ("financien",),
      "Je krijgt een tweede rekening waar je inkomen eerst op komt. Daarvan worden je vaste lasten automatisch "
      "betaald. Wat overblijft, gaat naar je eigen rekening.",
      "Voor iedereen die overzicht wil over de vaste lasten.", "Bel ons voor een gesprek.", "psv", TWO_WEEKS,
      ("kredietbank",), costs="€ 5 per maand"),
    O("Kredietbank De Peel", "Informatie over beschermingsbewind", ("financien", "justitie"),
      "Lukt het echt niet meer met je geld? Dan kan de rechter een bewindvoerder aanwijzen. Wij leggen uit hoe "
      "dat werkt en helpen met de aanvraag.",
      "Voor inwoners en hun familie.", "Bel ons of loop binnen in de ochtend.", "wp", WEEK, ("kredietbank",)),
    # Wonen ------------------------------------------------------------------------------
    O("Woonbedrijf Helmstad", "Huismeester", ("huisvesting", "sociaal-netwerk"),
      "De huismeester is het vaste gezicht in je complex. Je kunt bij hem terecht met vragen over je woning, "
      "overlast of de buren. Hij let ook op wie het moeilijk heeft en kan je doorverwijzen.",
      "Voor huurders van Woonbedrijf Helmstad.", "Loop binnen op de huismeesterpost of bel.", "wp", NOW,
      ("woonbedrijf-west",), wijken=("west", "brouwhof")),
    O("Woonbedrijf Helmstad", "Betalingsregeling huurachterstand", ("financien", "huisvesting"),
      "Heb je een huurachterstand? Neem dan snel contact op. We maken samen een regeling die je kunt betalen, "
      "zodat je in je huis kunt blijven.", "Voor huurders van Woonbedrijf Helmstad.",
      "Bel de woonconsulent of vraag het wijkteam om je aan te melden.", "psv", WEEK, ("woonbedrijf",),
      languages=("nl", "en", "tr")),
    O("Woonbedrijf Helmstad", "Urgentie aanvragen", ("huisvesting",),
      "Moet je heel snel een andere woning hebben, bijvoorbeeld door geweld, brand of een scheiding met kinderen? "
      "Dan kun je urgentie aanvragen. Een woonconsulent helpt je met de aanvraag.",
      "Voor inwoners van Helmstad in een noodsituatie.", "Via het wijkteam of je hulpverlener.", "v",
      "Een besluit binnen acht weken", ("woonbedrijf",)),
    O("Woonbedrijf Helmstad", "Woonconsulent bij overlast", ("huisvesting", "huiselijke-relaties"),
      "Heb je last van je buren, of hebben de buren last van jou? De woonconsulent praat met alle partijen. Als "
      "het nodig is, schakelen we buurtbemiddeling in.", "Voor huurders van Woonbedrijf Helmstad.",
      "Bel het klantcentrum.", "p", TWO_WEEKS, ("woonbedrijf",)),
    O("Woonbedrijf Helmstad", "Wonen met begeleiding", ("huisvesting", "geestelijke-gezondheid"),
      "Een eigen woning met een begeleider die regelmatig langskomt. Na een jaar wordt het huurcontract op jouw "
      "naam gezet als het goed gaat.", "Voor mensen die uit een opvang, kliniek of detentie komen.",
      "Alleen via een professional, zoals het wijkteam of de reclassering.", "v", "Een wachtlijst van drie maanden",
      ("woonbedrijf",), costs="Je betaalt gewone huur; huurtoeslag is mogelijk."),
    O("Woonbedrijf Helmstad", "Energiecoach aan huis", ("financien", "huisvesting"),
      "Een vrijwillige energiecoach komt bij je thuis. Je krijgt tips en kleine dingen zoals tochtstrips en "
      "ledlampen. Zo wordt je energierekening lager.", "Voor huurders van Woonbedrijf Helmstad.",
      "Meld je aan via de website of bel.", "ps", TWO_WEEKS, ("woonbedrijf",)),
    O("Wooncorporatie Peelrand", "Huismeester Noord en Rijpelveld", ("huisvesting", "sociaal-netwerk"),
      "De huismeester van Peelrand loopt elke week door de complexen. Je kunt hem aanspreken met vragen over je "
      "woning en de buurt. Hij helpt ook als je iets niet zelf kunt regelen.",
      "Voor huurders van Peelrand in Noord en Rijpelveld.", "Spreek hem aan, of bel het kantoor.", "wp", NOW,
      ("peelrand",), wijken=("noord", "rijpelveld")),
    O("Wooncorporatie Peelrand", "Huurspreekuur", ("huisvesting", "financien"),
      "Vragen over je huur, een achterstand of een reparatie? Kom langs bij het spreekuur. We zoeken samen een "
      "oplossing.", "Voor huurders van Peelrand.", "Loop binnen op maandag tot donderdag.", "wp", NOW,
      ("peelrand",), wijken=("noord", "rijpelveld")),
    O("Wooncorporatie Peelrand", "Tijdelijke kamer met begeleiding", ("huisvesting",),
      "Een kamer voor een half jaar, met een begeleider die je helpt een vaste woning te vinden. Je leert ook "
      "hoe je je huishouden regelt.", "Voor volwassenen zonder vaste woonplek.",
      "Alleen via een professional.", "v", "Wachtlijst: ongeveer twee maanden", ("peelrand",),
      costs="€ 350 per maand, inclusief energie", wijken=("noord", "rijpelveld")),
    O("Wooncorporatie Peelrand", "Aanpassingen in huis voor ouderen", ("huisvesting", "lichamelijke-gezondheid"),
      "Een extra trapleuning, een verhoogd toilet of een douchestoel? Wij plaatsen kleine aanpassingen zodat je "
      "langer veilig thuis kunt wonen.", "Voor huurders van Peelrand van 65 jaar en ouder.",
      "Bel het kantoor.", "p", MONTH, ("peelrand",), ages=(65, None), stale_months=10),
    # GGZ en verslaving ------------------------------------------------------------------
    O("GGZ De Peel", "GGZ-inloop De Boog", ("geestelijke-gezondheid", "sociaal-netwerk"),
      "Een plek om binnen te lopen als het niet goed met je gaat. Je kunt praten met een medewerker of een "
      "ervaringsdeskundige, of gewoon een kop koffie drinken. Je hoeft je niet aan te melden.",
      "Voor iedereen vanaf 18 jaar met psychische klachten.", "Loop binnen op maandag, woensdag of vrijdag.", "w",
      NOW, ("ggz-inloop",), ages=(18, None), languages=("nl", "en")),
    O("GGZ De Peel", "Rust in je hoofd", ("geestelijke-gezondheid",),
      "Slaap je slecht, pieker je veel of heb je last van stress? In een paar gesprekken leer je wat je eraan kunt "
      "doen. Je praat met een sociaal psychiatrisch verpleegkundige.",
      "Voor volwassenen met stress, somberheid of slaapproblemen.",
      "Via de huisarts of het wijkteam. Je hoeft geen diagnose te hebben.", "v", TWO_WEEKS, ("ggz",),
      languages=("nl", "en", "ar")),
    O("GGZ De Peel", "Omgaan met pijn en stress", ("geestelijke-gezondheid", "lichamelijke-gezondheid"),
      "Een groep van acht bijeenkomsten voor mensen met langdurige pijn. Je leert hoe pijn en stress elkaar "
      "versterken en wat je zelf kunt doen. Je oefent met ontspannen en bewegen.",
      "Voor volwassenen met langdurige pijnklachten.", "Via de huisarts, fysiotherapeut of het wijkteam.", "v",
      MONTH, ("ggz",)),
    O("GGZ De Peel", "Crisisdienst", ("geestelijke-gezondheid",),
      "Ben je in acute nood, of maak je je ernstig zorgen om iemand? Bel de crisisdienst, dag en nacht. Bij gevaar "
      "bel je 112.", "Voor iedereen in acute psychische nood.", "Bel dag en nacht. Na 17.00 uur via de huisartsenpost.",
      "p", SAME_DAY, (), referrals=False),
    O("GGZ De Peel", "Herstelacademie", ("geestelijke-gezondheid", "tijdsbesteding"),
      "Cursussen over herstel, gegeven door ervaringsdeskundigen. Je leert van anderen die hetzelfde hebben "
      "meegemaakt. Je kiest zelf welke cursus je volgt.", "Voor iedereen die werkt aan herstel.",
      "Meld je aan via de website of bij de inloop.", "ws", "De cursussen beginnen elke twee maanden",
      ("ggz-inloop",)),
    O("GGZ De Peel", "Jongeren-GGZ", ("geestelijke-gezondheid",),
      "Hulp voor jongeren die somber of angstig zijn, of die veel stress hebben. Je praat met een psycholoog die "
      "veel met jongeren werkt.", "Voor jongeren van 12 tot 23 jaar.", "Via de huisarts of Jeugd en Gezin.", "v",
      "Een wachtlijst van zes weken", ("ggz",), ages=(12, 23)),
    O("Verslavingszorg Zuidoost", "Inloop alcohol en drugs", ("middelengebruik",),
      "Maak je je zorgen over je drinken of je gebruik? Kom langs voor een gesprek zonder afspraak. We luisteren "
      "en vertellen wat de mogelijkheden zijn.", "Voor iedereen vanaf 16 jaar, ook voor familie.",
      "Loop binnen op werkdagen.", "wp", NOW, ("verslaving",), ages=(16, None)),
    O("Verslavingszorg Zuidoost", "Gokhulp", ("middelengebruik", "financien"),
      "Kun je niet stoppen met gokken? Een hulpverlener helpt je om te stoppen en om je geld weer op orde te "
      "krijgen. We werken samen met de schuldhulp.", "Voor gokkers en hun familie.", "Bel ons of chat online.",
      "psv", WEEK, ("verslaving", "verslaving-online"), stale_months=7),
    O("Verslavingszorg Zuidoost", "Anoniem online hulp", ("middelengebruik",),
      "Chat anoniem met een hulpverlener. Je hoeft je naam niet te geven. Samen kijken we of je minder wilt "
      "gebruiken of wilt stoppen.", "Voor iedereen vanaf 16 jaar.", "Chat via de website.", "s", NOW,
      ("verslaving-online",), ages=(16, None), languages=("nl", "en"), referrals=False),
    O("Verslavingszorg Zuidoost", "Ambulante behandeling", ("middelengebruik", "geestelijke-gezondheid"),
      "Een behandeling van drie tot zes maanden, terwijl je gewoon thuis woont. Je hebt elke week een gesprek. "
      "Je familie kan meedoen.", "Voor volwassenen met een verslaving.", "Via de huisarts of het wijkteam.", "v",
      "Een wachtlijst van vier weken", ("verslaving",)),
    # Werk -------------------------------------------------------------------------------
    O("Werkbedrijf Peelland", "Werkfit-traject", ("werk-opleiding", "tijdsbesteding"),
      "Een traject van drie maanden om weer aan het werk te komen. Je werkt een paar ochtenden per week in de "
      "leerwerkplaats en je hebt een vaste werkcoach. Samen zoeken we werk dat bij je past.",
      "Voor mensen met een bijstandsuitkering.", "Via je klantmanager of het wijkteam.", "v", TWO_WEEKS,
      ("werkplaats",), languages=("nl", "en", "ar")),
    O("Werkbedrijf Peelland", "Werkstage met begeleiding", ("werk-opleiding",),
      "Je loopt drie maanden stage bij een bedrijf in Helmstad. Een jobcoach helpt je op de werkplek. Als het "
      "goed gaat, kun je daarna blijven.", "Voor mensen die langer geen werk hebben gehad.",
      "Via je werkcoach of het wijkteam.", "v", MONTH, ("werkbedrijf",)),
    O("Werkbedrijf Peelland", "Jongerenloket", ("werk-opleiding", "financien"),
      "Zit je niet op school en heb je geen werk? We helpen je met een opleiding, een baan of een uitkering. Je "
      "hebt één vaste contactpersoon.", "Voor jongeren van 16 tot 27 jaar.", "Loop binnen of bel.", "wps", WEEK,
      ("werkbedrijf",), ages=(16, 27)),
    O("Werkbedrijf Peelland", "Taal en werk", ("werk-opleiding",),
      "Je leert Nederlands en werkt tegelijk een paar dagen per week. Zo leer je de taal die je op je werk nodig "
      "hebt.", "Voor nieuwkomers en anderstaligen.", "Via je werkcoach of klantmanager.", "v", MONTH,
      ("werkplaats",), languages=("nl", "en", "ar", "tr", "uk")),
    O("Werkbedrijf Peelland", "Werken met een beperking", ("werk-opleiding", "lichamelijke-gezondheid"),
      "Kun je door je gezondheid niet al het werk doen? Een arbeidsdeskundige kijkt wat je wel kunt. Daarna "
      "zoeken we passend werk, soms met loonkostensubsidie.",
      "Voor mensen met een lichamelijke of psychische beperking.", "Via je klantmanager, het UWV of het wijkteam.",
      "v", MONTH, ("werkbedrijf",), stale_months=12),
    O("Werkbedrijf Peelland", "Bijstandsuitkering aanvragen", ("financien", "werk-opleiding"),
      "Heb je geen inkomen? Dan kun je bijstand aanvragen. We helpen je met de aanvraag en vertellen welke "
      "papieren je nodig hebt.", "Voor inwoners van Helmstad vanaf 18 jaar zonder genoeg inkomen.",
      "Vraag aan met je DigiD op de website, of kom langs.", "ws", "Een besluit binnen acht weken",
      ("werkbedrijf",), ages=(18, None)),
    # Scholen ----------------------------------------------------------------------------
    O("Basisschool De Regenboog", "Spreekuur intern begeleider", ("huiselijke-relaties", "werk-opleiding"),
      "Maak je je zorgen over hoe het met je kind gaat op school? Praat met de intern begeleider. Samen kijken we "
      "wat je kind nodig heeft.", "Voor ouders van leerlingen van De Regenboog.", "Spreek de juf of meester aan, "
      "of bel de school.", "ps", WEEK, ("regenboog",), wijken=("west",)),
    O("Basisschool De Regenboog", "Huiswerkklas", ("werk-opleiding",),
      "Na school maken kinderen samen hun huiswerk, met hulp van vrijwilligers. Er is ook tijd om te lezen en "
      "te spelen.", "Voor kinderen van groep 5 tot en met 8.", "Vraag het aan bij de leerkracht.", "s", NOW,
      ("regenboog",), ages=(8, 12), wijken=("west",)),
    O("Basisschool De Regenboog", "Ouderkamer", ("sociaal-netwerk", "huiselijke-relaties"),
      "Elke vrijdagochtend drinken ouders samen koffie op school. Soms is er een gast die iets vertelt over "
      "opvoeden, geld of gezondheid.", "Voor alle ouders uit de wijk.", "Loop binnen op vrijdagochtend.", "w",
      NOW, ("regenboog",), wijken=("west",), languages=("nl", "ar", "tr")),
    O("Basisschool Het Palet", "Ouderkamer Het Palet", ("sociaal-netwerk", "huiselijke-relaties"),
      "Een plek op school waar ouders elkaar ontmoeten. Je kunt er ook terecht met vragen over school en opvoeden.",
      "Voor ouders in Noord.", "Loop binnen op dinsdagochtend.", "w", NOW, ("palet",), wijken=("noord",)),
    O("Basisschool Het Palet", "Sport na school", ("lichamelijke-gezondheid", "tijdsbesteding"),
      "Twee middagen per week sporten kinderen samen op het schoolplein of in de gymzaal. De buurtsportcoach "
      "leidt het.", "Voor kinderen van 6 tot 12 jaar uit Noord.", "Opgeven via de school.", "s", NOW, ("palet",),
      ages=(6, 12), wijken=("noord",)),
    O("Vakcollege Helmstad", "Schoolmaatschappelijk werk", ("huiselijke-relaties", "geestelijke-gezondheid"),
      "Gaat het thuis of op school niet goed? Praat met de schoolmaatschappelijk werker. Je ouders hoeven het niet "
      "te weten als je dat niet wilt.", "Voor leerlingen van het Vakcollege.", "Loop binnen of spreek je mentor aan.",
      "wsv", WEEK, ("vakcollege",), ages=(12, 18)),
    O("Vakcollege Helmstad", "Entree-opleiding", ("werk-opleiding",),
      "Een opleiding van een jaar voor jongeren zonder diploma. Je loopt veel stage. Daarna kun je werken of "
      "verder leren op niveau 2.", "Voor jongeren van 16 tot 23 jaar zonder startkwalificatie.",
      "Meld je aan bij de school of via het jongerenloket.", "psv", "Je kunt twee keer per jaar beginnen",
      ("vakcollege",), ages=(16, 23)),
    O("Vakcollege Helmstad", "Avondschool Nederlands", ("werk-opleiding", "maatschappelijke-participatie"),
      "Twee avonden per week Nederlandse les, in kleine groepen. Je leert spreken, lezen en schrijven.",
      "Voor volwassenen die beter Nederlands willen leren.", "Meld je aan bij de school.", "s",
      "De lessen beginnen in september en februari", ("vakcollege",), ages=(18, None),
      costs="€ 75 per half jaar; gratis met de Meedoenregeling", stale_months=9),
    # Huisartsen -------------------------------------------------------------------------
    O("Huisartsenpraktijk De Brug", "Huisarts De Brug", ("lichamelijke-gezondheid", "geestelijke-gezondheid"),
      "De huisarts voor al je vragen over gezondheid. Bel in de ochtend voor een afspraak.",
      "Voor patiënten die ingeschreven zijn bij De Brug.", "Bel de assistente tussen 8.00 en 10.00 uur.", "p",
      "Meestal binnen twee dagen", ("debrug",), referrals=False, wijken=("west",)),
    O("Huisartsenpraktijk De Brug", "Praktijkondersteuner GGZ", ("geestelijke-gezondheid",),
      "Voel je je somber, angstig of gestrest? De praktijkondersteuner heeft een paar gesprekken met je. Samen "
      "kijken jullie wat helpt.", "Voor patiënten van De Brug.", "Vraag het aan bij de huisarts of de assistente.",
      "pv", TWO_WEEKS, ("debrug",), wijken=("west",)),
    O("Huisartsenpraktijk De Brug", "Beweegprogramma bij rugklachten", ("lichamelijke-gezondheid",),
      "Twaalf weken bewegen onder begeleiding van een fysiotherapeut. Je leert oefeningen die je thuis kunt doen.",
      "Voor volwassenen met langdurige rugklachten.", "Via de huisarts.", "v", TWO_WEEKS, ("debrug",),
      costs="Vergoed uit de basisverzekering na de eerste twintig behandelingen; vraag het ons."),
    O("Huisartsenpraktijk De Brug", "Spreekuur voor ouderen", ("lichamelijke-gezondheid", "basale-adl"),
      "De praktijkverpleegkundige komt bij je thuis. Ze kijkt hoe het gaat met je gezondheid, je medicijnen en "
      "je dagelijks leven.", "Voor patiënten van 75 jaar en ouder.", "Bel de praktijk.", "pv", TWO_WEEKS,
      ("debrug",), ages=(75, None)),
    O("Gezondheidscentrum Noord", "Huisarts Noord", ("lichamelijke-gezondheid",),
      "Huisartsen voor Noord en Brouwhof. Bel in de ochtend voor een afspraak.",
      "Voor patiënten die ingeschreven zijn bij het gezondheidscentrum.", "Bel de assistente.", "p",
      "Meestal binnen twee dagen", ("gcnoord",), referrals=False),
    O("Gezondheidscentrum Noord", "Fysiotherapie", ("lichamelijke-gezondheid",),
      "Behandeling bij pijn in rug, nek, knie of schouder. Je krijgt oefeningen mee voor thuis.",
      "Voor iedereen, ook zonder verwijzing van de huisarts.", "Bel voor een afspraak.", "ps", WEEK,
      ("gcnoord",), costs="Vergoed als je aanvullend verzekerd bent."),
    O("Gezondheidscentrum Noord", "Diëtist", ("lichamelijke-gezondheid",),
      "Hulp bij gezond eten, ook als je weinig geld hebt. De diëtist maakt samen met jou een plan.",
      "Voor iedereen.", "Bel voor een afspraak.", "ps", TWO_WEEKS, ("gcnoord",),
      costs="Drie uur per jaar vergoed uit de basisverzekering (eigen risico)."),
    O("Gezondheidscentrum Noord", "Beweeggroep 65+", ("lichamelijke-gezondheid", "sociaal-netwerk"),
      "Elke week bewegen in een groep, onder leiding van een fysiotherapeut. Daarna drinken we samen koffie.",
      "Voor 65-plussers uit Noord en Brouwhof.", "Meld je aan bij de balie.", "ws", NOW, ("gcnoord",),
      ages=(65, None), costs="€ 4 per keer", stale_months=8),
    O("Huisartsen Binnenstad", "Huisarts Binnenstad", ("lichamelijke-gezondheid",),
      "Huisartsen voor de Binnenstad. Bel in de ochtend voor een afspraak.", "Voor ingeschreven patiënten.",
      "Bel de assistente.", "p", "Meestal binnen twee dagen", ("huisartsen-binnen",), referrals=False),
    O("Huisartsen Binnenstad", "Praktijkondersteuner GGZ Binnenstad", ("geestelijke-gezondheid",),
      "Gesprekken bij stress, somberheid of angst. Als het nodig is, zoeken we samen verdere hulp.",
      "Voor patiënten van Huisartsen Binnenstad.", "Via de huisarts.", "pv", TWO_WEEKS, ("huisartsen-binnen",),
      languages=("nl", "en")),
    O("Huisartsen Binnenstad", "Stoppen met roken", ("middelengebruik", "lichamelijke-gezondheid"),
      "Een coach helpt je in een paar gesprekken om te stoppen. Je krijgt tips en zo nodig hulpmiddelen.",
      "Voor iedereen die wil stoppen met roken.", "Bel de praktijk.", "ps", WEEK, ("huisartsen-binnen",),
      costs="Vergoed uit de basisverzekering, zonder eigen risico."),
    # Jeugd en gezin ---------------------------------------------------------------------
    O("Jeugd en Gezin Helmstad", "Jeugdconsulent", ("huiselijke-relaties",),
      "Gaat het niet goed met je kind, of loop je vast als ouder? De jeugdconsulent praat met jullie en regelt zo "
      "nodig hulp.", "Voor gezinnen met kinderen tot 18 jaar.", "Bel ons of vraag de school om je aan te melden.",
      "psv", TWO_WEEKS, ("jgz",), ages=(0, 18)),
    O("Jeugd en Gezin Helmstad", "Opvoedspreekuur", ("huiselijke-relaties",),
      "Vragen over slapen, eten, driftbuien of puberteit? Loop binnen bij het opvoedspreekuur. Je krijgt meteen "
      "advies.", "Voor alle ouders en verzorgers.", "Loop binnen op woensdagochtend.", "wp", NOW, ("jgz",),
      languages=("nl", "ar", "tr")),
    O("Jeugd en Gezin Helmstad", "Consultatiebureau", ("lichamelijke-gezondheid", "huiselijke-relaties"),
      "We volgen hoe je baby of peuter groeit. Je krijgt vaccinaties en advies over voeding en opvoeden.",
      "Voor kinderen van 0 tot 4 jaar en hun ouders.", "Je krijgt vanzelf een uitnodiging na de geboorte.", "p",
      "Op afspraak", ("jgz-noord",), ages=(0, 4), referrals=False),
    O("Jeugd en Gezin Helmstad", "Jongerenspreekuur", ("geestelijke-gezondheid", "huiselijke-relaties"),
      "Zit je ergens mee? Over thuis, school, vrienden of hoe je je voelt? Praat erover met een jongerenwerker. "
      "Het blijft tussen ons.", "Voor jongeren van 12 tot 23 jaar.", "Loop binnen of app ons.", "wps", NOW,
      ("jgz",), ages=(12, 23)),
    O("Jeugd en Gezin Helmstad", "Gezinscoach thuis", ("huiselijke-relaties", "instrumentele-adl"),
      "Een gezinscoach komt een paar maanden elke week bij jullie thuis. Samen maken jullie afspraken over "
      "dagritme, regels en taken in huis.", "Voor gezinnen waar het thuis niet loopt.", "Via de jeugdconsulent.",
      "v", "Een wachtlijst van drie weken", ("jgz",), ages=(0, 18)),
    O("Ouder- en Kindcoaches", "Ouder- en kindcoach", ("huiselijke-relaties",),
      "Een coach in je eigen wijk voor al je vragen over opvoeden. Je hebt een paar gesprekken, thuis of in het "
      "wijkpunt. De coach helpt ook als je gescheiden bent en het samen opvoeden lastig is.",
      "Voor ouders met kinderen van 0 tot 18 jaar.", "Bel of mail de coach, of vraag het wijkteam.", "psv", WEEK,
      ("ouderkind",), ages=(0, 18), languages=("nl", "en")),
    O("Ouder- en Kindcoaches", "Groep Kinderen in scheiding", ("huiselijke-relaties", "geestelijke-gezondheid"),
      "Acht bijeenkomsten voor kinderen van wie de ouders uit elkaar gaan. Ze praten en spelen met kinderen die "
      "hetzelfde meemaken.", "Voor kinderen van 8 tot 12 jaar.", "Ouders melden hun kind aan.", "ps",
      "De volgende groep begint over zes weken", ("ouderkind",), ages=(8, 12)),
    O("Ouder- en Kindcoaches", "Cursus Positief opvoeden", ("huiselijke-relaties",),
      "Vier avonden over rustig blijven, grenzen stellen en je kind belonen. Je oefent met voorbeelden uit je "
      "eigen leven.", "Voor ouders van kinderen van 2 tot 12 jaar.", "Meld je aan via de website.", "s",
      "Elke twee maanden een nieuwe groep", ("ouderkind",)),
    # Voedselbank en vrijwilligers -------------------------------------------------------
    O("Voedselbank Helmstad", "Voedselpakket", ("financien", "basale-adl"),
      "Elke week een pakket met eten en drinken voor het hele gezin. Eerst kijken we samen of je er recht op hebt. "
      "Je kunt het pakket ophalen in Stippelhout of in Noord.",
      "Voor huishoudens die na de vaste lasten te weinig overhouden om eten te kopen.",
      "Meld je aan via het wijkteam, de schuldhulp of de huisarts. Neem bij de intake je afschriften mee.", "v",
      WEEK, ("voedselbank", "voedselbank-noord"), languages=("nl", "en", "ar", "uk")),
    O("Voedselbank Helmstad", "Kleding- en speelgoedhoek", ("financien",),
      "Gratis kleding, schoenen en speelgoed voor klanten van de voedselbank.", "Voor klanten van de voedselbank.",
      "Kom langs tijdens de uitgifte.", "w", NOW, ("voedselbank",),
      closed="Gesloten tot het voorjaar: we zoeken een nieuwe ruimte."),
    O("Voedselbank Helmstad", "Kookcafé", ("basale-adl", "sociaal-netwerk"),
      "Samen koken en eten met wat er in het pakket zit. Je leert nieuwe recepten en ontmoet andere mensen.",
      "Voor klanten van de voedselbank.", "Meld je aan bij de uitgifte.", "s", NOW, ("voedselbank-noord",),
      stale_months=7),
    O("Vrijwilligerscentrale Helmstad", "Vrijwilligerswerk vinden", ("tijdsbesteding", "maatschappelijke-participatie"),
      "Wil je iets doen voor een ander, of wil je weer een dagritme? We zoeken samen vrijwilligerswerk dat bij je "
      "past. Er is van alles: in de zorg, de sport, de natuur of het buurthuis.", "Voor iedereen vanaf 16 jaar.",
      "Loop binnen of bel voor een gesprek.", "wps", WEEK, ("vrijwilligers",), ages=(16, None)),
    O("Vrijwilligerscentrale Helmstad", "Taalmaatje", ("werk-opleiding", "maatschappelijke-participatie"),
      "Een vrijwilliger oefent een uur per week Nederlands met je. Jullie praten over dagelijkse dingen, lezen "
      "brieven of gaan samen naar de markt.", "Voor anderstaligen die Nederlands willen oefenen.",
      "Meld je aan via de Vrijwilligerscentrale of het Taalhuis.", "psv", MONTH, ("vrijwilligers",),
      languages=("nl", "en", "ar", "tr", "uk")),
    O("Vrijwilligerscentrale Helmstad", "Klussendienst", ("huisvesting", "instrumentele-adl"),
      "Vrijwilligers helpen met kleine klussen in huis, zoals een lamp ophangen of een kraan vervangen.",
      "Voor ouderen en mensen met een beperking of een laag inkomen.", "Bel ons.", "p", TWO_WEEKS,
      ("vrijwilligers",), costs="Je betaalt alleen de materialen."),
    O("Vrijwilligerscentrale Helmstad", "Boodschappenhulp", ("instrumentele-adl", "sociaal-netwerk"),
      "Een vrijwilliger doet één keer per week boodschappen met je of voor je. Vaak is er ook tijd voor een praatje.",
      "Voor mensen die zelf niet goed boodschappen kunnen doen.", "Bel ons of vraag het wijkteam.", "pv",
      TWO_WEEKS, ("vrijwilligers",)),
    O("Buddynetwerk Ruimte voor Leven", "Maatje voor ouderen", ("sociaal-netwerk", "maatschappelijke-participatie"),
      "Een vrijwillige buddy komt elke week bij je langs. Jullie drinken koffie, wandelen of gaan samen naar het "
      "buurthuis. Zo kom je weer onder de mensen.", "Voor ouderen die zich alleen voelen.",
      "Bel ons, of vraag je huisarts of wijkteam om je aan te melden.", "psv", "Meestal binnen drie weken",
      ("buddy",), ages=(60, None)),
    O("Buddynetwerk Ruimte voor Leven", "Buddy bij psychische klachten", ("geestelijke-gezondheid", "sociaal-netwerk"),
      "Een buddy die tijd voor je heeft en niet oordeelt. Jullie spreken elke week af om samen iets leuks te doen.",
      "Voor volwassenen met psychische klachten.", "Via je hulpverlener of zelf aanmelden.", "psv", MONTH,
      ("buddy",), ages=(18, None)),
    O("Buddynetwerk Ruimte voor Leven", "Jongerenbuddy", ("sociaal-netwerk", "werk-opleiding"),
      "Een student of jonge werkende is een jaar lang je buddy. Hij of zij helpt je op weg met school, werk of "
      "een eigen plek.", "Voor jongeren van 16 tot 23 jaar.", "Zelf aanmelden of via je begeleider.", "sv", MONTH,
      ("buddy",), ages=(16, 23)),
    O("Humanitas Thuisadministratie", "Thuisadministratie", ("financien", "instrumentele-adl"),
      "Een vrijwilliger komt bij je thuis en helpt je je papieren te ordenen. Samen maken jullie een overzicht "
      "van je post, rekeningen en inkomsten. Je leert het stap voor stap zelf te doen.",
      "Voor iedereen die moeite heeft met de administratie.", "Bel ons of vraag het wijkteam om je aan te melden.",
      "psv", "Meestal binnen drie weken", ("humanitas",), languages=("nl", "en")),
    O("Humanitas Thuisadministratie", "Steun bij verlies", ("geestelijke-gezondheid", "sociaal-netwerk"),
      "Ben je iemand verloren? In een kleine groep praat je met anderen die ook iemand missen. Een vrijwilliger "
      "begeleidt de groep.", "Voor volwassenen die rouwen.", "Bel ons voor een kennismaking.", "ps",
      "De volgende groep begint over een maand", ("humanitas",)),
    O("Humanitas Thuisadministratie", "Home-Start", ("huiselijke-relaties",),
      "Een ervaren vrijwilliger komt een paar uur per week bij je thuis. Ze denkt mee over opvoeden en helpt je "
      "wat rust te vinden.", "Voor ouders met minstens één kind tot 7 jaar.", "Bel ons of vraag het consultatiebureau.",
      "psv", "Meestal binnen drie weken", ("humanitas",), stale_months=11),
    # Sport ------------------------------------------------------------------------------
    O("Sportclub HSV Helmstad", "Walking football 60+", ("lichamelijke-gezondheid", "sociaal-netwerk"),
      "Voetballen in wandeltempo: niet rennen, geen slidings. Daarna is er koffie in de kantine.",
      "Voor mannen en vrouwen van 60 jaar en ouder.", "Kom een keer meedoen op dinsdagochtend.", "ws", NOW,
      ("hsv",), ages=(60, None), costs="€ 5 per maand"),
    O("Sportclub HSV Helmstad", "Jeugdvoetbal", ("lichamelijke-gezondheid", "tijdsbesteding"),
      "Voetballen in een team, twee keer per week trainen en op zaterdag een wedstrijd. Is de contributie te duur? "
      "Dan kan het Jeugdfonds Sport die betalen.", "Voor kinderen van 5 tot 18 jaar.",
      "Kom vier keer gratis meetrainen en meld je dan aan.", "s", NOW, ("hsv",), ages=(5, 18),
      costs="€ 120 per jaar; gratis via het Jeugdfonds Sport"),
    O("Sportclub HSV Helmstad", "G-voetbal", ("lichamelijke-gezondheid", "maatschappelijke-participatie"),
      "Voetballen voor mensen met een beperking, met trainers die daar ervaring mee hebben.",
      "Voor kinderen en volwassenen met een verstandelijke of lichamelijke beperking.",
      "Bel de club voor een proeftraining.", "ps", NOW, ("hsv",), costs="€ 60 per jaar"),
    O("Sportclub HSV Helmstad", "Vrijwilliger bij de club", ("tijdsbesteding", "maatschappelijke-participatie"),
      "Help mee in de kantine, bij het onderhoud of als trainer. Je hoort erbij en leert nieuwe mensen kennen.",
      "Voor iedereen vanaf 16 jaar.", "Loop binnen op zaterdag.", "ws", NOW, ("hsv",), ages=(16, None)),
    O("Basketbal Peel Suns", "Jeugdclinic basketbal", ("lichamelijke-gezondheid", "tijdsbesteding", "sociaal-netwerk"),
      "Elke woensdagmiddag een clinic van anderhalf uur, gegeven door spelers van het eerste team. Je leert "
      "dribbelen, passen en scoren. Na tien weken mag je meedoen met een toernooi.",
      "Voor jongens en meisjes van 8 tot 14 jaar.", "Meld je aan bij de club, of laat de buurtsportcoach of het "
      "wijkteam je aanmelden.", "psv", "Je kunt elke maand beginnen", ("peelsuns",), ages=(8, 14),
      costs="Gratis het eerste half jaar; daarna € 10 per maand, of gratis via het Jeugdfonds Sport",
      languages=("nl", "en")),
    O("Basketbal Peel Suns", "Streetbasketbal in Brouwhof", ("lichamelijke-gezondheid", "sociaal-netwerk"),
      "Elke vrijdag na school op het veldje in Brouwhof. Een trainer van de club is erbij. Iedereen mag meedoen.",
      "Voor jongeren van 10 tot 18 jaar.", "Kom gewoon langs.", "w", NOW, ("peelsuns-court",), ages=(10, 18),
      wijken=("brouwhof",)),
    O("Basketbal Peel Suns", "Basketbal voor meiden", ("lichamelijke-gezondheid", "sociaal-netwerk"),
      "Een training alleen voor meiden, met een vrouwelijke trainer. Je hoeft geen ervaring te hebben.",
      "Voor meiden van 12 tot 18 jaar.", "Meld je aan via de website of kom een keer kijken.", "ws", NOW,
      ("peelsuns",), ages=(12, 18), costs="€ 10 per maand; gratis via het Jeugdfonds Sport", stale_months=8),
    # Welzijn ----------------------------------------------------------------------------
    O("Welzijn Helmstad", "Maatschappelijk werk", ("geestelijke-gezondheid", "huiselijke-relaties", "financien"),
      "Een maatschappelijk werker helpt je als je vastloopt, bijvoorbeeld door een scheiding, verlies of "
      "zorgen over geld. Je hebt een paar gesprekken en werkt samen aan een oplossing.",
      "Voor iedereen in Helmstad vanaf 18 jaar.", "Bel of mail ons. Je hebt geen verwijzing nodig.", "psv", WEEK,
      ("welzijn",), ages=(18, None), languages=("nl", "en", "tr")),
    O("Welzijn Helmstad", "Buurtsportcoach: bewegen op maat", ("lichamelijke-gezondheid", "tijdsbesteding"),
      "De buurtsportcoach zoekt samen met jou een sport of beweegclub die bij je past. Ook als je pijn hebt of "
      "lang niet hebt bewogen. De eerste keren gaat de coach mee.", "Voor volwassenen en ouderen in Helmstad.",
      "Bel de buurtsportcoach of vraag het wijkteam.", "psv", WEEK, ("welzijn", "welzijn-rijpel")),
    O("Welzijn Helmstad", "Buurtsportcoach voor kinderen", ("lichamelijke-gezondheid", "tijdsbesteding"),
      "Sporten na school in de wijk, en hulp om een club te vinden. De coach helpt ook met een aanvraag bij het "
      "Jeugdfonds Sport.", "Voor kinderen van 4 tot 18 jaar.", "Bel de buurtsportcoach.", "psv", NOW,
      ("welzijn-noord", "welzijn-rijpel"), ages=(4, 18)),
    O("Welzijn Helmstad", "Mantelzorgsteunpunt", ("huiselijke-relaties", "sociaal-netwerk"),
      "Zorg je voor je partner, ouder of kind? Bij het steunpunt krijg je advies, een luisterend oor en hulp "
      "bij het regelen van vervangende zorg. Zo kun je ook eens tijd voor jezelf nemen.",
      "Voor mantelzorgers in Helmstad.", "Bel ons of loop binnen.", "wpsv", WEEK, ("welzijn", "welzijn-noord")),
    O("Welzijn Helmstad", "Samen eten in de wijk", ("sociaal-netwerk", "basale-adl"),
      "Elke donderdag koken vrijwilligers een warme maaltijd in het buurthuis. Je eet samen met andere mensen uit "
      "de wijk.", "Voor iedereen, vooral voor wie vaak alleen eet.", "Meld je uiterlijk dinsdag aan.", "ps", NOW,
      ("welzijn-noord", "welzijn-mierlo"), costs="€ 5 per maaltijd"),
    O("Welzijn Helmstad", "Ouderenadviseur", ("sociaal-netwerk", "basale-adl", "instrumentele-adl"),
      "De ouderenadviseur komt bij je thuis en helpt je met vragen over wonen, zorg, geld en meedoen.",
      "Voor inwoners van 65 jaar en ouder en hun familie.", "Bel ons.", "pv", WEEK, ("welzijn",), ages=(65, None)),
    O("Welzijn Helmstad", "Formulierenhulp", ("financien",),
      "Vrijwilligers helpen je met formulieren en brieven van de gemeente, de Belastingdienst of het UWV.",
      "Voor iedereen.", "Loop binnen op dinsdag of donderdag in het dorpshuis of het Noorderlicht.", "w", NOW,
      ("welzijn-noord", "welzijn-mierlo"), languages=("nl", "ar", "tr", "pl")),
    O("Welzijn Helmstad", "Jongerenwerk", ("tijdsbesteding", "sociaal-netwerk"),
      "Jongerenwerkers zijn op straat en in het jongerencentrum. Je kunt er chillen, gamen en praten over wat je "
      "bezighoudt.", "Voor jongeren van 12 tot 23 jaar.", "Kom langs in 't Noorderlicht.", "w", NOW,
      ("welzijn-noord",), ages=(12, 23)),
    O("Welzijn Helmstad", "Automaatje", ("maatschappelijke-participatie", "sociaal-netwerk"),
      "Vrijwilligers rijden je met hun eigen auto naar de dokter, de kapper of familie.",
      "Voor inwoners die niet zelf kunnen rijden en geen ander vervoer hebben.",
      "Bel twee werkdagen van tevoren.", "p", "Twee werkdagen van tevoren bellen", ("welzijn",),
      costs="€ 0,35 per kilometer, voor de chauffeur", stale_months=10),
    O("Buurthuis De Westwijzer", "Koffieochtend", ("sociaal-netwerk",),
      "Elke maandag- en donderdagochtend staat de koffie klaar. Gewoon binnenlopen en een praatje maken.",
      "Voor iedereen uit Helmstad-West.", "Loop binnen.", "w", NOW, ("westwijzer",), wijken=("west",),
      costs="€ 0,50 per kopje"),
    O("Buurthuis De Westwijzer", "Biljart- en kaartmiddag", ("sociaal-netwerk", "tijdsbesteding"),
      "Op woensdagmiddag biljarten en klaverjassen. Nieuwe spelers zijn welkom, ook als je het nog niet kunt.",
      "Voor iedereen uit Helmstad-West.", "Loop binnen op woensdag om 13.30 uur.", "w", NOW, ("westwijzer",),
      wijken=("west",), costs="€ 2 per middag"),
    O("Buurthuis De Westwijzer", "Repair café", ("financien", "maatschappelijke-participatie"),
      "Is je broodrooster, fiets of broek kapot? Vrijwilligers repareren het samen met jou.",
      "Voor iedereen.", "Kom langs op de eerste zaterdag van de maand.", "w", NOW, ("westwijzer",),
      costs="Gratis; een vrijwillige bijdrage mag"),
    O("Buurthuis De Westwijzer", "Huiswerkbegeleiding", ("werk-opleiding",),
      "Op maandag en donderdag na school helpen vrijwilligers met huiswerk en plannen.",
      "Voor leerlingen van de middelbare school.", "Meld je aan bij de balie.", "ws", NOW, ("westwijzer",),
      ages=(12, 18), wijken=("west",)),
    O("Buurthuis De Westwijzer", "Vrouwengroep West", ("sociaal-netwerk", "maatschappelijke-participatie"),
      "Elke dinsdag komen vrouwen uit de wijk samen om te praten, te leren en uitstapjes te maken.",
      "Voor vrouwen uit Helmstad-West.", "Loop binnen op dinsdagochtend.", "w", NOW, ("westwijzer",),
      wijken=("west",), languages=("nl", "ar", "tr")),
    O("Bibliotheek Helmstad", "Taalhuis", ("werk-opleiding", "maatschappelijke-participatie"),
      "In het Taalhuis kun je beter leren lezen, schrijven en rekenen. Ook als Nederlands je eerste taal is. Een "
      "vrijwilliger zoekt met je uit welke cursus of taalmaatje bij je past.",
      "Voor volwassenen die beter willen leren lezen, schrijven, rekenen of Nederlands spreken.",
      "Loop binnen tijdens de openingstijden van het Taalhuis.", "wps", NOW, ("bieb", "bieb-noord"),
      ages=(16, None), languages=("nl", "en", "ar", "tr", "pl", "uk")),
    O("Bibliotheek Helmstad", "Digi-spreekuur", ("maatschappelijke-participatie", "financien"),
      "Hulp met je telefoon, computer, DigiD of online formulieren. Je kunt ook een cursus Klik en Tik volgen.",
      "Voor iedereen.", "Loop binnen op dinsdagmiddag.", "w", NOW, ("bieb",)),
    O("Bibliotheek Helmstad", "Informatiepunt Digitale Overheid", ("financien", "maatschappelijke-participatie"),
      "Vragen over toeslagen, je belastingaangifte of de website van de gemeente? Een medewerker helpt je op weg.",
      "Voor iedereen.", "Loop binnen of maak een afspraak.", "wp", NOW, ("bieb", "bieb-noord")),
    O("Bibliotheek Helmstad", "VoorleesExpress", ("huiselijke-relaties", "werk-opleiding"),
      "Twintig weken lang komt een vrijwilliger elke week bij jullie thuis om voor te lezen. Je leert ook hoe je "
      "zelf voorleest, in je eigen taal of in het Nederlands.", "Voor gezinnen met kinderen van 2 tot 8 jaar.",
      "Meld je aan bij de bibliotheek, of via school of het consultatiebureau.", "psv", MONTH, ("bieb",),
      ages=(2, 8)),
    O("Bibliotheek Helmstad", "Taalcafé", ("sociaal-netwerk", "werk-opleiding"),
      "Elke zaterdagochtend Nederlands praten met andere mensen, onder leiding van een vrijwilliger.",
      "Voor iedereen die Nederlands wil oefenen.", "Loop binnen op zaterdag om 10.30 uur.", "w", NOW,
      ("bieb-noord",)),
    # Zorg en gemeente -------------------------------------------------------------------
    O("Wijkverpleging Zorg Thuis", "Wijkverpleegkundige", ("lichamelijke-gezondheid", "basale-adl"),
      "De wijkverpleegkundige komt bij je thuis. Ze kijkt welke zorg je nodig hebt, zoals hulp bij wassen, "
      "medicijnen of wondverzorging.", "Voor iedereen die thuis verpleging of verzorging nodig heeft.",
      "Bel ons. Je hebt geen verwijzing nodig.", "psv", "Meestal binnen twee dagen", ("zorgthuis",),
      costs="Vergoed uit de basisverzekering, zonder eigen risico."),
    O("Wijkverpleging Zorg Thuis", "Valpreventie", ("lichamelijke-gezondheid", "huisvesting"),
      "Een verpleegkundige loopt met je door je huis en kijkt waar je kunt vallen. Je krijgt tips en oefeningen.",
      "Voor ouderen die bang zijn om te vallen.", "Bel ons of vraag de huisarts.", "psv", TWO_WEEKS,
      ("zorgthuis",), ages=(65, None)),
    O("Wijkverpleging Zorg Thuis", "Dagbesteding Het Anker", ("tijdsbesteding", "sociaal-netwerk"),
      "Een paar dagen per week een zinvolle dag met anderen: koken, wandelen, spelletjes en rust. Vervoer kan "
      "geregeld worden.", "Voor ouderen met geheugenproblemen of na een beroerte.",
      "Via het wijkteam (Wmo-indicatie).", "v", MONTH, ("zorgthuis",), ages=(55, None),
      costs="Eigen bijdrage Wmo: € 21,80 per maand"),
    O("Gemeente Helmstad", "Wmo-loket", ("basale-adl", "instrumentele-adl", "huisvesting"),
      "Heb je hulp nodig in het huishouden, een hulpmiddel of een aanpassing in huis? Meld je bij het Wmo-loket. "
      "We maken een afspraak voor een gesprek.", "Voor inwoners van Helmstad.", "Bel 0492-900140 of kom langs.", "wp",
      "Een gesprek binnen twee weken", ("stadhuis",), costs="Eigen bijdrage: € 21,80 per maand"),
    O("Gemeente Helmstad", "Bijzondere bijstand", ("financien",),
      "Heb je onverwachte kosten die je niet kunt betalen, zoals een kapotte wasmachine of een bril? Misschien "
      "betaalt de gemeente mee.", "Voor inwoners met een laag inkomen.", "Vraag aan op de website met DigiD.", "s",
      "Een besluit binnen acht weken", ("stadhuis",)),
    O("Gemeente Helmstad", "Meedoenregeling", ("maatschappelijke-participatie", "financien"),
      "Geld voor sport, cultuur, schoolspullen of een computer. Voor volwassenen en voor kinderen.",
      "Voor inwoners met een inkomen tot 130 procent van het minimum.", "Vraag aan op de website of bij de balie.",
      "ws", "Meestal binnen vier weken", ("stadhuis",), stale_months=12),
    O("Gemeente Helmstad", "Kwijtschelding gemeentelijke belastingen", ("financien",),
      "Kun je de afvalstoffenheffing of rioolheffing niet betalen? Vraag kwijtschelding aan. Dan hoef je niet te "
      "betalen.", "Voor inwoners met een laag inkomen en weinig spaargeld.", "Vraag aan binnen drie maanden na de "
      "aanslag.", "s", "Een besluit binnen acht weken", ("stadhuis",)),
    O("Gemeente Helmstad", "Leerplicht en RMC", ("werk-opleiding",),
      "Zit een jongere niet op school zonder diploma? De leerplichtambtenaar zoekt samen met de jongere en de "
      "ouders naar een oplossing.", "Voor jongeren tot 23 jaar en hun ouders.", "Bel de gemeente of vraag de school.",
      "pv", WEEK, ("stadhuis",), ages=(5, 23)),
    O("Gemeente Helmstad", "Energietoeslag en Energiefixer", ("financien", "huisvesting"),
      "Een energiefixer komt bij je langs om je energierekening lager te maken. Ook kijken we of je recht hebt op "
      "de energietoeslag.", "Voor inwoners met een laag inkomen.", "Bel 0492-900140 of meld je aan op de website.",
      "ps", TWO_WEEKS, ("stadhuis",)),
]  # fmt: skip

_SPAN = re.compile(r"^(\w\w)(?:-(\w\w))?$")


def parse_hours(spec: str) -> list[tuple[int, time, time]]:
    """ "ma-vr 9:00-17:00; za 10:00-12:00" -> [(1, 9:00, 17:00), ..., (6, 10:00, 12:00)]."""
    rows = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        days, hours = part.split(" ")
        opens, closes = (time(*map(int, t.split(":"))) for t in hours.split("-"))
        for group in days.split(","):
            first, last = _SPAN.match(group).groups()
            for day in range(WEEKDAYS[first], WEEKDAYS[last or first] + 1):
                rows.append((day, opens, closes))
    return rows


def _slug(text: str) -> str:
    return normalise(text).replace(" ", "-")


def build_social_map(organisations: dict[str, Organisation], wijken: dict[str, Wijk]) -> dict[tuple[str, str], Service]:
    """Create or update the demo town's social map; return the services by (organisation, name)."""
    today = timezone.localdate()
    now = timezone.now()
    terms = {t.code: t for t in TaxonomyTerm.objects.filter(life_domain__isnull=False)}

    for name, (domain, phone, description) in ORGANISATION_CONTACTS.items():
        organisation = organisations[name]
        organisation.email = f"info@{domain}.example.nl"
        organisation.website = f"https://www.{domain}.example.nl"
        organisation.phone = phone
        organisation.description = organisation.description or description
        organisation.save(update_fields=["email", "website", "phone", "description"])

    places: dict[str, Location] = {}
    for place in PLACES:
        location, _ = Location.objects.update_or_create(
            hsds_id=stable_id("location", place.key),
            defaults={
                "organisation": organisations[place.organisation],
                "location_type": place.kind,
                "name": place.name,
                "address_1": place.street,
                "postal_code": place.postcode,
                "city": CITY if place.street else "",
                "wijk": wijken.get(place.wijk),
                "transportation": place.transport,
                "accessibility": place.accessibility,
            },
        )
        places[place.key] = location
    Schedule.objects.filter(location__in=places.values()).delete()
    Schedule.objects.bulk_create(
        Schedule(
            hsds_id=stable_id("schedule", place.key, str(day), f"{opens}"),
            location=places[place.key],
            weekday=day,
            opens_at=opens,
            closes_at=closes,
        )
        for place in PLACES
        for day, opens, closes in parse_hours(place.hours)
    )

    services: dict[tuple[str, str], Service] = {}
    for index, offer in enumerate(OFFERS):
        domain, phone, _description = ORGANISATION_CONTACTS[offer.organisation]
        if offer.stale_months:
            checked = today - timedelta(days=offer.stale_months * 30 + index % 9)
        else:
            # Checked some time in the last four months, spread over the listings.
            checked = today - timedelta(days=7 + (index * 37) % 110)
        min_age, max_age = offer.ages
        service, _ = Service.objects.update_or_create(
            hsds_id=stable_id("service", offer.organisation, offer.name),
            defaults={
                "organisation": organisations[offer.organisation],
                "name": offer.name,
                "alternate_name": offer.alternate_name,
                "description": offer.description,
                "eligibility_description": offer.for_whom,
                "minimum_age": min_age,
                "maximum_age": max_age,
                "status": Service.Status.TEMPORARILY_CLOSED if offer.closed else Service.Status.ACTIVE,
                "walk_in": "w" in offer.access,
                "by_phone": "p" in offer.access,
                "self_referral": "s" in offer.access,
                "via_professional": "v" in offer.access,
                "application_process": offer.how + (f" {offer.closed}" if offer.closed else ""),
                "free": not offer.costs or offer.costs.startswith("Gratis"),
                "fees_description": offer.costs,
                "wait_time": offer.wait,
                "email": f"info@{domain}.example.nl",
                "phone": phone,
                "url": f"https://www.{domain}.example.nl/{_slug(offer.name)}",
                "languages": list(offer.languages),
                "accepts_referrals": offer.referrals,
                "assured_date": checked,
                "last_modified": now - timedelta(days=(today - checked).days),
            },
        )
        service.terms.set([terms[code] for code in offer.domains])
        service.wijken.set([wijken[code] for code in offer.wijken])
        ServiceAtLocation.objects.filter(service=service).exclude(
            location__in=[places[k] for k in offer.places]
        ).delete()
        for key in offer.places:
            ServiceAtLocation.objects.get_or_create(
                service=service,
                location=places[key],
                defaults={"hsds_id": stable_id("service-at-location", offer.organisation, offer.name, key)},
            )
        services[(offer.organisation, offer.name)] = service
    index_services([s.pk for s in services.values()])
    return services
