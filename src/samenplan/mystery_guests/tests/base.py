from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.mystery_guests.models import MysteryGuest, Touchpoint
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import MysteryGuestFactory, MysteryReportFactory, TouchpointFactory, UserFactory


class MysteryTestCase(BaseTestCase):
    """Carol is a mystery guest (an expert by experience); olga administers Schuldhulp (dave's
    organisation), otto the social team; petra coordinates the programme. Carol's report is
    about Schuldhulp's invitation letter."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(
            username="olga",
            first_name="Olga",
            last_name="Meulendijks",
            role=User.Role.ORG_ADMIN,
            organisation=cls.debt_team,
        )
        cls.otto = UserFactory(
            username="otto",
            first_name="Otto",
            last_name="Oomen",
            role=User.Role.ORG_ADMIN,
            organisation=cls.social_team,
        )
        cls.guest = MysteryGuestFactory(user=cls.carol, kind=MysteryGuest.Kind.EXPERT, added_by=cls.petra)
        cls.letter = TouchpointFactory(
            organisation=cls.debt_team, kind=Touchpoint.Kind.LETTER, name="Uitnodigingsbrief"
        )
        cls.desk = TouchpointFactory(organisation=cls.social_team, kind=Touchpoint.Kind.DESK, name="Balie wijkpunt")
        cls.report = MysteryReportFactory(touchpoint=cls.letter, filed_by=cls.carol, felt_wrong="Superdenigrerend.")

    def audit_entry(self, kind, pk, **filters):
        return AuditEntry.objects.filter(records__contains=f",{kind}:{pk},", **filters).latest("id")
