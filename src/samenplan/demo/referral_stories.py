"""Referrals in the demo town, in every state, so each role sees the network working on
first login: Fatima has one waiting for her consent and others sent, accepted, under way,
finished and stopped; Sanne sees them in her caseload's plans; Jolien at Schuldhulp Helmstad
finds new ones in her team's inbox, one of them overdue and one urgent.

Each referral goes the way a real one does, through `referrals/services.py` with what the
policy hands each person (so grants, memberships, events, agreements and notifications are
real). Afterwards every row a step wrote gets the moment that step happened, on a working
day in office hours, so the ages look real. A referral is made once: its form token is
derived from its name, and a second build leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone, translation

from samenplan.accounts.models import User
from samenplan.directory.models import Service
from samenplan.notifications.models import Notification
from samenplan.plans.models import Agreement, Plan
from samenplan.referrals.models import Referral, ReferralEvent
from samenplan.referrals.services import (
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_consent,
    referral_extend,
    referral_fail,
    referral_propose,
    referral_reject,
    referral_start,
    response_days,
    working_days_after,
)
from samenplan.sharing.models import Grant, Membership, SharingDecision
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import access_for, plan_referral, received_referral

from .builder import office_time
from .social_map import stable_id

S = Referral.Status
# Rows a step writes, and the field that says when.
STAMPED = (
    (ReferralEvent, "at"),
    (SharingDecision, "decided_at"),
    (Notification, "created_at"),
    (Agreement, "created_at"),
    (Grant, "granted_at"),
    (Membership, "added_at"),
)
# Notifications older than this were read by the time the demo opens.
READ_AFTER_DAYS = 3


@dataclass
class Story:
    """One referral: where it goes, in whose words, and how far it got."""

    key: str
    resident: str
    proposed_by: str
    service: tuple[str, str]  # organisation, service name
    question: str
    goals: tuple[str, ...]  # the start of each goal's text
    status: str  # where it ends up
    # (days ago, hour) of each step: proposed, consented, then answered, started, closed.
    when: tuple[tuple[int, int], ...]
    parts: tuple[str, ...] = (Part.STORY, Part.GOALS)
    priority: str = Referral.Priority.ROUTINE
    channel: str = Referral.Channel.PHONE
    receiver: str = ""
    reason: str = ""  # why rejected, cancelled or failed
    suggested: tuple[str, str] | None = None
    outcome: str = ""
    note: str = ""
    # The resident let the receiver keep the parts after it closed.
    extended: bool = False


STORIES = [
    # Fatima: one waiting for her consent, one sent, one under way, one finished, one stopped.
    Story(
        "fatima-basketbal",
        "fatima",
        "sanne.wijkteam",
        ("Basketbal Peel Suns", "Jeugdclinic basketbal"),
        "Amin (10) zit veel binnen en gaat niet graag naar school. Hij vindt basketbal leuk. Kan hij meedoen met "
        "de jeugdclinic op woensdag? Het lidmaatschap kunnen we nu niet betalen.",
        ("Amin gaat weer",),
        S.AWAITING_CONSENT,
        ((1, 11),),
        parts=(Part.GOALS,),
    ),
    Story(
        "fatima-werkfit",
        "fatima",
        "sanne.wijkteam",
        ("Werkbedrijf Peelland", "Werkfit-traject"),
        "Ik wil weer aan het werk, het liefst 20 uur per week, als de kinderen op school zijn. Ik heb tien jaar in "
        "de schoonmaak gewerkt.",
        ("Ik heb binnen een half jaar weer werk",),
        S.REQUESTED,
        ((4, 10), (3, 15)),
        parts=(Part.GOALS, Part.STRENGTHS),
    ),
    Story(
        "fatima-rust",
        "fatima",
        "sanne.wijkteam",
        ("GGZ De Peel", "Rust in je hoofd"),
        "Ik slaap slecht en ik pieker 's nachts over geld. Overdag heb ik vaak hoofdpijn. Ik wil leren hoe ik "
        "rustiger word.",
        (),
        S.IN_PROGRESS,
        ((32, 10), (31, 9), (27, 14), (20, 11)),
        parts=(Part.STORY, Part.ASSESSMENT),
        receiver="eva.ggz",
    ),
    Story(
        "fatima-voedselbank",
        "fatima",
        "sanne.wijkteam",
        ("Voedselbank Helmstad", "Voedselpakket"),
        "Na de huur en de vaste lasten houd ik bijna niets over voor eten. Ik wil graag een pakket tot de schulden "
        "geregeld zijn.",
        ("Ik betaal mijn huur",),
        S.COMPLETED,
        ((70, 10), (70, 14), (68, 11), (66, 13), (12, 15)),
        parts=(Part.STORY,),
        receiver="fleur.voedselbank",
        outcome=Referral.Outcome.HELPED,
        note="Fatima is ingeschreven voor een half jaar. Ze haalt elke vrijdag een pakket in Stippelhout.",
    ),
    Story(
        "fatima-thuisadministratie",
        "fatima",
        "sanne.wijkteam",
        ("Humanitas Thuisadministratie", "Thuisadministratie"),
        "Ik krijg veel brieven en ik weet niet meer wat ik al betaald heb. Ik wil hulp om mijn papieren op orde "
        "te krijgen.",
        ("Ik heb een overzicht van al mijn schulden",),
        S.CANCELLED,
        ((45, 10), (44, 16), (40, 11)),
        parts=(Part.GOALS,),
        reason="Mijn zus Samira helpt me nu elke zaterdag met de post. Dat is genoeg.",
    ),
    # Jolien's team at Schuldhulp Helmstad: one overdue, one urgent, one they turned down.
    Story(
        "ricardo-schuldhulp",
        "ricardo",
        "ahmed.wijkteam",
        ("Schuldhulp Helmstad", "Schuldhulpverlening"),
        "Ik heb boetes van het CJIB en een schuld bij de zorgverzekering. Ik weet niet hoeveel het in totaal is. "
        "Ik wil een regeling voordat ik een woning krijg.",
        ("Ik heb een vaste woonplek",),
        S.REQUESTED,
        ((13, 10), (12, 11)),
        channel=Referral.Channel.VIA_COORDINATOR,
    ),
    Story(
        "lotte-afsluiting",
        "lotte",
        "sanne.wijkteam",
        ("Schuldhulp Helmstad", "Snelle hulp bij achterstanden"),
        "Ik heb een brief gekregen dat mijn gas en licht over twee weken worden afgesloten. Ik heb drie maanden "
        "niet betaald omdat ik de post niet openmaakte.",
        (),
        S.REQUESTED,
        ((1, 14), (1, 16)),
        parts=(Part.STORY,),
        priority=Referral.Priority.URGENT,
        channel=Referral.Channel.EMAIL,
    ),
    Story(
        "maria-schuldhulp",
        "maria",
        "ahmed.wijkteam",
        ("Schuldhulp Helmstad", "Schuldhulpverlening"),
        "Bart deed altijd de administratie. Nu snap ik de brieven niet en ik ben bang dat ik iets vergeet te betalen.",
        ("De administratie is op orde",),
        S.REJECTED,
        ((60, 10), (59, 11), (55, 14)),
        receiver="jolien.schuldhulp",
        reason="Maria heeft geen schulden: alle rekeningen zijn betaald. Ze heeft vooral hulp nodig om de post "
        "bij te houden. Daarvoor past de Thuisadministratie van Humanitas beter.",
        suggested=("Humanitas Thuisadministratie", "Thuisadministratie"),
    ),
    # The rest of the network.
    Story(
        "maria-mantelzorg",
        "maria",
        "ahmed.wijkteam",
        ("Welzijn Helmstad", "Mantelzorgsteunpunt"),
        "Ik zorg dag en nacht voor Bart. Ik ben moe en ik wil af en toe weer naar het koor.",
        ("Ik heb twee middagen per week tijd voor mezelf",),
        S.COMPLETED,
        ((150, 10), (149, 14), (146, 10), (140, 11), (75, 15)),
        receiver="mirjam.welzijn",
        outcome=Referral.Outcome.WITHDREW,
        note="Maria wilde stoppen: Bart gaat nu drie dagen per week naar de dagbesteding en dat geeft haar genoeg "
        "rust.",
    ),
    Story(
        "yusuf-bewegen",
        "yusuf",
        "sanne.wijkteam",
        ("Welzijn Helmstad", "Buurtsportcoach: bewegen op maat"),
        "Door mijn rug durf ik bijna niet meer te bewegen. Ik wil een sport vinden die ik wel kan doen.",
        ("Ik heb minder pijn door bewegen",),
        S.COMPLETED,
        ((120, 10), (119, 11), (115, 14), (110, 10), (30, 16)),
        parts=(Part.GOALS, Part.ASSESSMENT),
        receiver="mirjam.welzijn",
        outcome=Referral.Outcome.PARTLY,
        note="Yusuf deed zes weken mee met de beweeggroep. Door zijn rug stopte hij eerder. Hij wandelt nu zelf "
        "twee keer per week.",
    ),
    Story(
        "yusuf-pijn",
        "yusuf",
        "sanne.wijkteam",
        ("GGZ De Peel", "Omgaan met pijn en stress"),
        "De pijn en de stress over geld maken elkaar erger. Ik wil leren hoe ik daarmee omga.",
        ("Ik heb minder pijn door bewegen",),
        S.COMPLETED,
        ((100, 10), (99, 15), (95, 11), (90, 10), (40, 14)),
        receiver="eva.ggz",
        outcome=Referral.Outcome.NOT_HELPED,
        note="De groep paste niet bij Yusuf: hij had meer aan de oefeningen bij de fysiotherapeut.",
    ),
    Story(
        "henk-buddy",
        "henk",
        "ahmed.wijkteam",
        ("Buddynetwerk Ruimte voor Leven", "Maatje voor ouderen"),
        "Sinds mijn vrouw er niet meer is, zie ik bijna niemand. Ik zou graag iemand hebben om mee naar het "
        "buurthuis te gaan.",
        ("Ik ga één keer per week naar het buurthuis",),
        S.COMPLETED,
        ((110, 10), (110, 15), (106, 11), (100, 10), (50, 14)),
        parts=(Part.GOALS, Part.AGREEMENTS),
        receiver="ilse.buddynetwerk",
        outcome=Referral.Outcome.HELPED,
        note="Ineke is nu Henks buddy. Ze gaan elke woensdag samen naar de biljartmiddag.",
        extended=True,
    ),
    Story(
        "henk-samen-eten",
        "henk",
        "ahmed.wijkteam",
        ("Welzijn Helmstad", "Samen eten in de wijk"),
        "Ik eet elke dag alleen. Ik wil graag een keer per week met anderen eten, dicht bij huis.",
        ("Ik ga één keer per week naar het buurthuis",),
        S.ACCEPTED,
        ((6, 10), (5, 11), (2, 14)),
        parts=(Part.GOALS,),
        receiver="mirjam.welzijn",
    ),
    Story(
        "anna-ouderkind",
        "anna",
        "sanne.wijkteam",
        ("Ouder- en Kindcoaches", "Ouder- en kindcoach"),
        "Mijn ex en ik maken steeds ruzie over de kinderen. Daan is daardoor onrustig. Ik wil leren hoe we "
        "samen duidelijke afspraken maken.",
        ("Duidelijke afspraken met mijn ex",),
        S.ACCEPTED,
        ((8, 10), (7, 13), (3, 11)),
        receiver="hanneke.ouderkind",
        channel=Referral.Channel.EMAIL,
    ),
    Story(
        "ricardo-werkstage",
        "ricardo",
        "ahmed.wijkteam",
        ("Werkbedrijf Peelland", "Werkstage met begeleiding"),
        "Ik wil werken, het liefst buiten of in een magazijn. Dan heb ik weer een dagritme en geld voor een eigen "
        "plek.",
        (),
        S.FAILED,
        ((80, 10), (79, 11), (75, 14), (70, 10), (50, 15)),
        parts=(Part.STRENGTHS,),
        receiver="tom.werkbedrijf",
        reason="Ricardo kwam twee keer niet naar de stageplek. We hebben hem drie keer gebeld en een brief "
        "gestuurd, maar geen contact gekregen.",
    ),
]


def _moment(days_ago: int, hour: int) -> datetime:
    return office_time(timezone.localdate() - timedelta(days=days_ago), hour)


class _Clock:
    """Runs each step and dates what it wrote to the moment the step happened."""

    def __init__(self):
        self.touched_users: set[int] = set()

    def at(self, moment: datetime, step):
        before = {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model, _field in STAMPED}
        result = step()
        for model, name in STAMPED:
            model.objects.filter(pk__gt=before[model]).update(**{name: moment})
        fresh = Notification.objects.filter(pk__gt=before[Notification])
        self.touched_users.update(fresh.values_list("user_id", flat=True))
        if timezone.now() - moment > timedelta(days=READ_AFTER_DAYS):
            fresh.update(read_at=moment + timedelta(hours=2))
        return result

    def recount(self):
        for user_id in self.touched_users:
            unread = Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()
            User.objects.filter(pk=user_id).update(unread_notifications=unread)


def _make(story: Story, plan: Plan, users: dict[str, User], services, clock: _Clock) -> None:
    token = stable_id("referral", story.key)
    if Referral.objects.filter(submit_token=token).exists():
        return
    owner, receiver = plan.owner, users.get(story.receiver)
    moments = [_moment(days, hour) for days, hour in story.when]
    # Two days of a weekend fall on the same Friday: keep the steps in their order.
    for i in range(1, len(moments)):
        moments[i] = max(moments[i], moments[i - 1] + timedelta(minutes=30))
    moments = iter(moments)
    goals = [g for g in plan.goals.all() if any(g.text.startswith(start) for start in story.goals)]

    referral = clock.at(
        next(moments),
        lambda: referral_propose(
            access=access_for(users[story.proposed_by], plan),
            service=services[story.service],
            question=story.question,
            goals=goals,
            priority=story.priority,
            submit_token=token,
        ),
    )
    proposed = referral.events.get().at
    Referral.objects.filter(pk=referral.pk).update(proposed_at=proposed, status_changed_at=proposed)
    if story.status == S.AWAITING_CONSENT:
        return

    def as_owner():
        return plan_referral(access_for(owner, plan), referral.pk)

    def as_receiver():
        return received_referral(receiver, referral.pk)

    consented = next(moments)
    referral = clock.at(
        consented,
        lambda: referral_consent(
            referral_access=as_owner(),
            version=referral.version,
            parts=list(story.parts),
            until=None,
            contact_channel=story.channel,
            no_phone=False,
            # What the consent form offers: the resident's own number, else her address.
            contact_detail=owner.phone or owner.email,
        ),
    )
    # The team had the usual number of working days from the day she agreed.
    Referral.objects.filter(pk=referral.pk).update(
        consented_at=consented, respond_by=working_days_after(consented.date(), response_days())
    )
    if story.status == S.CANCELLED:
        referral = clock.at(
            next(moments),
            lambda: referral_cancel(referral_access=as_owner(), version=referral.version, reason=story.reason),
        )
    elif story.status == S.REJECTED:
        referral = clock.at(
            next(moments),
            lambda: referral_reject(
                referral_access=as_receiver(),
                version=referral.version,
                reason=story.reason,
                suggested_service=services[story.suggested] if story.suggested else None,
            ),
        )
    elif story.status != S.REQUESTED:
        accepted = next(moments)
        referral = clock.at(accepted, lambda: referral_accept(referral_access=as_receiver(), version=referral.version))
        meeting = Agreement.objects.filter(plan=plan, assignee=receiver).latest("pk")
        meeting.due_date = working_days_after(accepted.date(), 3)
        if story.status in (S.COMPLETED, S.IN_PROGRESS):
            meeting.status = Agreement.Status.DONE
        elif story.status == S.FAILED:
            meeting.status = Agreement.Status.CANCELLED
        meeting.save(update_fields=["due_date", "status"])
        if story.status != S.ACCEPTED:
            started = next(moments)
            referral = clock.at(
                started, lambda: referral_start(referral_access=as_receiver(), version=referral.version)
            )
            if story.extended:
                # She agreed, once the help had started, that the receiver may keep seeing those parts.
                clock.at(started + timedelta(minutes=30), lambda: referral_extend(referral_access=as_owner()))
                referral.refresh_from_db()
        if story.status == S.COMPLETED:
            referral = clock.at(
                next(moments),
                lambda: referral_complete(
                    referral_access=as_receiver(), version=referral.version, outcome=story.outcome, note=story.note
                ),
            )
        elif story.status == S.FAILED:
            referral = clock.at(
                next(moments),
                lambda: referral_fail(referral_access=as_receiver(), version=referral.version, reason=story.reason),
            )
    last = referral.events.latest("at", "pk").at
    Referral.objects.filter(pk=referral.pk).update(
        status_changed_at=last, closed_at=last if referral.is_closed else None
    )
    if referral.is_closed and referral.membership_id:
        Membership.objects.filter(pk=referral.membership_id, ended_at__isnull=False).update(ended_at=last)


def build_referrals(users: dict[str, User], services: dict[tuple[str, str], Service]) -> None:
    """Make the demo's referrals that are not there yet."""
    plans = {
        plan.owner.username: plan
        for plan in Plan.objects.select_related("owner", "wijk").filter(
            owner__username__in={s.resident for s in STORIES}
        )
    }
    clock = _Clock()
    # What the services write for the plan (the introduction meeting) is in the demo's language.
    with translation.override("nl"):
        for story in STORIES:
            _make(story, plans[story.resident], users, services, clock)
    clock.recount()
