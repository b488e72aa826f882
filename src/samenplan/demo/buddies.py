"""Demo data: the buddy network of "Buddynetwerk Ruimte voor Leven". Six approved buddies
in several wijken and one sign-up waiting; Yusuf asked for a buddy and a proposal waits for
his yes; Ineke is Henk's buddy, with two check-ins."""

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.buddies.models import BuddyRequest, CheckIn, Match, Volunteer
from samenplan.plans.models import Plan
from samenplan.sharing.models import Membership

ORGANISATION = "Buddynetwerk Ruimte voor Leven"
# username, first name, last name, wijk, languages, interests, availability, status
VOLUNTEERS = [
    ("ineke.buddy", "Ineke", "Aarts", "rijpelveld", ["nl"], ["walking", "paperwork"], ["morning"], "approved"),
    ("buddy.karim", "Karim", "Bouzid", "west", ["nl", "ar", "ber"], ["sport", "cooking"], ["evening"], "approved"),
    ("buddy.ayse", "Ayşe", "Kaya", "noord", ["nl", "tr"], ["cooking", "children"], ["afternoon"], "approved"),
    ("buddy.joost", "Joost", "Hendriks", "binnenstad", ["nl", "en"], ["music", "culture"], ["weekend"], "approved"),
    ("buddy.marta", "Marta", "Nowak", "brouwhof", ["nl", "pl"], ["crafts", "walking"], ["evening"], "approved"),
    ("buddy.els", "Els", "van Dijk", "west", ["nl"], ["language", "games"], ["morning", "afternoon"], "approved"),
    ("", "Tom", "Verhoeven", "stippelhout", ["nl"], ["sport"], ["weekend"], "pending"),
]


def build_buddies(users, organisations, wijken) -> None:
    """Volunteers, a request waiting for the resident's yes, and a running match."""
    organisation = organisations[ORGANISATION]
    coordinator = users["ilse.buddynetwerk"]
    volunteers = {}
    for username, first, last, wijk, languages, interests, availability, status in VOLUNTEERS:
        user = users.get(username)
        if user is None and status == "approved":
            user, _created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "role": User.Role.NETWORK,
                    "email": f"{username}@example.org",
                },
            )
        email = user.email if user and user.email else f"{first.lower()}.{last.lower().replace(' ', '')}@example.org"
        volunteers[first], _created = Volunteer.objects.get_or_create(
            organisation=organisation,
            email=email,
            defaults={
                "user": user,
                "first_name": first,
                "last_name": last,
                "wijk": wijken[wijk],
                "languages": languages,
                "interests": interests,
                "availability": availability,
                "status": status,
                "decided_by": coordinator if status == "approved" else None,
                "decided_at": timezone.now() if status == "approved" else None,
            },
        )
    today = timezone.localdate()
    # Yusuf asked for a buddy who speaks Turkish; Ilse proposed Ayşe; he has not answered yet.
    yusuf_plan = Plan.objects.filter(owner=users["yusuf"]).order_by("-id").first()
    if yusuf_plan is not None and not BuddyRequest.objects.filter(plan=yusuf_plan).exists():
        request = BuddyRequest.objects.create(
            plan=yusuf_plan,
            requested_by=users["yusuf"],
            source=BuddyRequest.Source.RESIDENT,
            wijk=yusuf_plan.wijk,
            languages=["nl", "tr"],
            interests=["cooking"],
            availability=["afternoon"],
            note="Iemand om af en toe mee te koken en te praten.",
            status=BuddyRequest.Status.PROPOSED,
            consented_at=timezone.now() - timedelta(days=6),
        )
        Match.objects.create(request=request, volunteer=volunteers["Ayşe"], proposed_by=coordinator)
    # Ineke is Henk's buddy (already in his network, with what he shares with her).
    henk_plan = Plan.objects.filter(owner=users["henk"]).order_by("-id").first()
    ineke = users.get("ineke.buddy")
    membership = (
        Membership.objects.filter(plan=henk_plan, user=ineke, ended_at__isnull=True).first() if henk_plan else None
    )
    if membership is not None and not BuddyRequest.objects.filter(plan=henk_plan).exists():
        request = BuddyRequest.objects.create(
            plan=henk_plan,
            requested_by=users["henk"],
            source=BuddyRequest.Source.RESIDENT,
            wijk=henk_plan.wijk,
            languages=["nl"],
            interests=["walking", "paperwork"],
            status=BuddyRequest.Status.MATCHED,
            consented_at=timezone.now() - timedelta(days=70),
        )
        match = Match.objects.create(
            request=request,
            volunteer=volunteers["Ineke"],
            proposed_by=coordinator,
            proposed_at=timezone.now() - timedelta(days=65),
            accepted_at=timezone.now() - timedelta(days=63),
            started_on=today - timedelta(days=63),
            membership=membership,
        )
        CheckIn.objects.create(
            match=match, date=today - timedelta(days=35), note="We wandelen elke dinsdag. Gaat goed.", by=ineke
        )
        CheckIn.objects.create(
            match=match,
            date=today - timedelta(days=7),
            note="Gebeld met Ineke en Henk: samen de post doorgenomen, Henk is tevreden.",
            by=coordinator,
        )
