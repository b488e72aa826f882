"""The pieces the FHIR export (`fhir.py`) is built with: Samenplan's code and identifier
systems, its statuses in FHIR's words, and the builder that collects the resources and
their references."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from samenplan.plans.models import Agreement, Goal, Plan
from samenplan.referrals.models import Referral
from samenplan.sharing.models import Membership
from samenplan.sharing.policy import PlanAccess

NS = "https://samenplan.nl/fhir"
V3_ROLE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code"
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"


def system(name: str) -> str:
    return f"{NS}/CodeSystem/{name}"


def id_system(kind: str) -> str:
    return f"{NS}/id/{kind}"


# The statuses of the plan's own models, in FHIR's words.
CAREPLAN_STATUS = {Plan.Status.INTAKE: "draft", Plan.Status.ACTIVE: "active", Plan.Status.CLOSED: "completed"}
GOAL_LIFECYCLE = {
    Goal.Status.OPEN: "accepted",
    Goal.Status.BUSY: "active",
    Goal.Status.REACHED: "completed",
    Goal.Status.STOPPED: "cancelled",
}
ACTIVITY_STATUS = {
    Agreement.Status.OPEN: "not-started",
    Agreement.Status.BUSY: "in-progress",
    Agreement.Status.DONE: "completed",
    Agreement.Status.CANCELLED: "cancelled",
}
S = Referral.Status
# The Gravity Project's referral: the ServiceRequest is the request, the Task its progress.
SERVICE_REQUEST_STATUS = {
    S.AWAITING_CONSENT: "draft",
    S.REQUESTED: "active",
    S.ACCEPTED: "active",
    S.IN_PROGRESS: "active",
    S.COMPLETED: "completed",
    S.REJECTED: "revoked",
    S.CANCELLED: "revoked",
    S.FAILED: "revoked",
}
TASK_STATUS = {
    S.AWAITING_CONSENT: "draft",
    S.REQUESTED: "requested",
    S.ACCEPTED: "accepted",
    S.IN_PROGRESS: "in-progress",
    S.COMPLETED: "completed",
    S.REJECTED: "rejected",
    S.CANCELLED: "cancelled",
    S.FAILED: "failed",
}
# The relations on the resident's map that HL7's role codes name as well.
RELATION_V3 = {
    Membership.Relation.PARTNER: "SIGOTHR",
    Membership.Relation.CHILD: "CHILD",
    Membership.Relation.PARENT: "PRN",
    Membership.Relation.FAMILY: "FAMMEMB",
    Membership.Relation.FRIEND: "FRND",
    Membership.Relation.NEIGHBOUR: "NBOR",
}
PROFESSIONAL_ROLES = (Membership.Role.COORDINATOR, Membership.Role.PROFESSIONAL)


def when(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def coding(system: str, code: str, display: str = "") -> dict:
    coding = {"system": system, "code": str(code)}
    if display:
        coding["display"] = str(display)
    return coding


def concept(system: str, code: str, display: str = "") -> dict:
    return {"coding": [coding(system, code, display)], "text": str(display or code)}


def identifier(kind: str, pk) -> list[dict]:
    return [{"system": id_system(kind), "value": str(pk)}]


def clean(value):
    """Leave out what is empty: FHIR allows no empty strings, lists or objects."""
    if isinstance(value, dict):
        cleaned = {key: clean(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        cleaned = [clean(item) for item in value]
        return [item for item in cleaned if item not in (None, "", [], {})]
    return value


class BundleBuilder:
    """Collects the resources and knows the full URL of everything already in the Bundle."""

    def __init__(self, access: PlanAccess):
        self.access = access
        self.plan = access.plan
        self.entries: list[dict] = []
        self.urls: set[str] = set()
        # The people in the plan, once the network is in: user id and membership id -> reference.
        self.by_user: dict[int, dict] = {}
        self.by_membership: dict[int, dict] = {}
        self.organisations: dict[int, str] = {}

    def url(self, kind: str, key) -> str:
        name = f"{settings.BASE_URL}/fhir/{kind}/{key}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def add(self, kind: str, key, resource: dict) -> dict:
        """Add a resource once; return a reference to it."""
        full_url = self.url(kind, key)
        if full_url not in self.urls:
            self.urls.add(full_url)
            resource = {"resourceType": kind, "id": full_url.removeprefix("urn:uuid:"), **resource}
            self.entries.append({"fullUrl": full_url, "resource": clean(resource)})
        return {"reference": full_url}

    @property
    def patient(self) -> dict:
        return {"reference": self.url("Patient", self.plan.owner_id)}

    def person(self, user) -> dict | None:
        """A reference to someone in the plan: the resident, a member in the Bundle, or else
        their name only."""
        if user is None:
            return None
        if user.pk == self.plan.owner_id:
            return self.patient
        if user.pk in self.by_user:
            return self.by_user[user.pk]
        return {"display": user.display_name}

    def organisation(self, organisation) -> dict:
        ref = self.add(
            "Organization",
            organisation.pk,
            {"identifier": identifier("organisation", organisation.pk), "name": organisation.name},
        )
        return {**ref, "display": organisation.name}
