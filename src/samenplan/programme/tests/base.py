"""A programme for the tests: goal 1 with an action led by dave's debt team (dave in the
work group), a sports club with a professional (sem) who is not in it yet, and an
organisation of another municipality (its professional, otto, sees nothing here)."""

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.programme.models import JoinRequest, ProgressUpdate, WorkGroupMember
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ProgrammeActionFactory,
    ProgrammeFactory,
    ProgrammeGoalFactory,
    UserFactory,
)


class ProgrammeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.programme = ProgrammeFactory()
        cls.goal = ProgrammeGoalFactory(programme=cls.programme, number=1, title="Iedereen kan rondkomen")
        cls.action = ProgrammeActionFactory(goal=cls.goal, title="Geldcafé in de bibliotheek", lead=cls.debt_team)
        WorkGroupMember.objects.create(
            action=cls.action, organisation=cls.debt_team, user=cls.dave, name="Dave Dekker", role="trekker"
        )
        ProgressUpdate.objects.create(
            action=cls.action, date=timezone.localdate() - timedelta(days=10), text="Eerste avond gehouden."
        )
        cls.action.last_update_on = timezone.localdate() - timedelta(days=10)
        cls.action.save()
        cls.club = OrganisationFactory(name="Basketbal Peel Suns", kind=Organisation.Kind.SPORT)
        cls.sem = UserFactory(
            username="sem", first_name="Sem", last_name="Smit", role=User.Role.PROFESSIONAL, organisation=cls.club
        )
        elsewhere = MunicipalityFactory(name="Andere Stad", code="GM0999")
        cls.other_org = OrganisationFactory(name="Ander Werkbedrijf", municipality=elsewhere)
        cls.otto = UserFactory(
            username="otto", first_name="Otto", last_name="Os", role=User.Role.PROFESSIONAL, organisation=cls.other_org
        )

    def join_request(self, **kwargs) -> JoinRequest:
        fields = {
            "kind": JoinRequest.Kind.JOIN,
            "municipality": self.programme.municipality,
            "organisation": self.club,
            "requested_by": self.sem,
            "action": self.action,
            "goal": self.goal,
        }
        return JoinRequest.objects.create(**(fields | kwargs))
