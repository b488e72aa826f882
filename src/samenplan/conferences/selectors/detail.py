"""The conference page: everything on it in a fixed number of queries."""

from dataclasses import dataclass, field

from django.utils import timezone

from samenplan.plans.models import Agreement
from samenplan.referrals.selectors_inbox import ConsentedParts, consented_parts
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part, part_label
from samenplan.sharing.policy import ConferenceAccess

from ..models import AgendaItem, BreakthroughRequest, Decision, MinutesVersion, Participant


@dataclass
class ConferencePage:
    ca: ConferenceAccess
    participants: list[Participant] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    minutes: MinutesVersion | None = None
    decisions: list[Decision] = field(default_factory=list)
    breakthroughs: list[BreakthroughRequest] = field(default_factory=list)
    # The consented parts, read through the table's access (so the audit entry names them).
    parts: ConsentedParts | None = None
    # The plan's coordinator now (a membership, with the user), who runs the conference.
    coordinator: Membership | None = None

    @property
    def table_labels(self) -> list[str]:
        """The consented parts' names in the viewer's voice ("Mijn verhaal", "Alice's verhaal")."""
        table = self.ca.table
        owner_name = None if table.is_owner else (table.plan.owner.first_name or table.plan.owner.display_name)
        return [
            part_label(part, owner_name=owner_name) for part in self.conference.consent_parts if part in Part.values
        ]

    @property
    def conference(self):
        return self.ca.conference

    @property
    def plan_access(self):
        """For `referrals/received_parts.html`."""
        return self.ca.table

    @property
    def approved(self) -> list[Participant]:
        return [p for p in self.participants if p.approved_at is not None]

    @property
    def waiting_for_approval(self) -> list[Participant]:
        return [p for p in self.participants if p.approved_at is None]

    @property
    def overdue_decisions(self) -> list[Decision]:
        today = timezone.localdate()
        return [
            d
            for d in self.decisions
            if d.agreement.status in Agreement.OPEN_STATUSES and d.agreement.due_date and d.agreement.due_date < today
        ]


def conference_page(*, ca: ConferenceAccess) -> ConferencePage:
    conference = ca.conference
    page = ConferencePage(ca=ca)
    page.participants = list(
        conference.participants.filter(removed_at__isnull=True).select_related("organisation", "user")
    )
    page.coordinator = (
        Membership.objects.filter(plan=conference.plan, role=Membership.Role.COORDINATOR, ended_at__isnull=True)
        .select_related("user", "organisation")
        .first()
    )
    page.agenda = list(conference.agenda.select_related("added_by"))
    page.minutes = conference.minutes.select_related("written_by").first()
    page.decisions = list(conference.decisions.select_related("agreement__assignee"))
    page.breakthroughs = list(conference.breakthroughs.select_related("decided_by", "filed_by"))
    if ca.table.visible_parts:
        page.parts = consented_parts(access=ca.table)
    return page
