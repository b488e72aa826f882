from datetime import timedelta

import factory
from django.utils import timezone

from samenplan.accounts.tests.factories import UserFactory, WijkFactory
from samenplan.plans.models import Agreement, Evaluation, Goal, Plan, StoryVersion


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    owner = factory.SubFactory(UserFactory)
    wijk = factory.SubFactory(WijkFactory)
    status = Plan.Status.ACTIVE
    created_by = factory.SelfAttribute("owner")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryVersion

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Mijn verhaal."
    written_by = factory.SelfAttribute("plan.owner")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Goal {n}")
    created_by = factory.SelfAttribute("plan.owner")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    plan = factory.SubFactory(PlanFactory)
    what = factory.Sequence(lambda n: f"Agreement {n}")
    who_kind = Agreement.Who.RESIDENT
    support = Agreement.Support.LIGHT
    created_by = factory.SelfAttribute("plan.owner")


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    plan = factory.SubFactory(PlanFactory)
    scheduled_for = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))
    created_by = factory.SelfAttribute("plan.owner")
