"""Factories for the models tests build most."""

from datetime import timedelta

import factory
from django.utils import timezone

from samenplan.accounts.models import Municipality, Organisation, User, Wijk
from samenplan.conferences.models import BreakthroughRequest, Conference, Consult, Participant
from samenplan.directory.models import Location, Service
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.plans.models import Agreement, Evaluation, Goal, Plan, StoryVersion
from samenplan.referrals.models import Referral


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """Another municipality than the installation's (which wijken and organisations get by
    default, `accounts.models.deployment_municipality_id`)."""

    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Wijk {n}")
    code = factory.Sequence(lambda n: f"wijk-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.SOCIAL_TEAM


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = User.Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", "password-for-tests")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


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


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Location {n}")
    address_1 = "Kerkstraat 1"
    postal_code = "5701 AA"
    city = "Helmstad"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Help with what you need."
    self_referral = True
    assured_date = factory.LazyFunction(timezone.localdate)


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral as proposed in the plan, not yet consented."""

    class Meta:
        model = Referral

    plan = factory.SubFactory(PlanFactory)
    service = factory.SubFactory(ServiceFactory)
    organisation = factory.LazyAttribute(lambda r: r.service.organisation)
    question = "Help with my debts."
    proposed_by = factory.LazyAttribute(lambda r: r.plan.owner)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question sent through a hub's public form, not yet taken on."""

    class Meta:
        model = Question

    wijk = factory.SubFactory(WijkFactory)
    text = "I cannot pay my rent this month."
    name = "Sam Smit"
    channel = Question.Channel.PHONE
    phone = "0612345678"
    consent_at = factory.LazyFunction(timezone.now)


class SignalFactory(factory.django.DjangoModelFactory):
    """A payment-arrears signal from a partner, not yet taken on."""

    class Meta:
        model = Signal

    partner = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.HOUSING, delivers_signals=True)
    partner_reference = factory.Sequence(lambda n: f"REF-{n}")
    name = "Sam Smit"
    street = "Kerkstraat 1"
    postcode = "5701AB"
    kind = Signal.Kind.RENT
    amount = "850.00"
    months_in_arrears = 2
    last_reminder_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    collection_steps_confirmed = True
    wijk = factory.SubFactory(WijkFactory)
    household = factory.LazyAttribute(lambda s: f"{s.postcode}|{s.street}".upper())


class ConferenceFactory(factory.django.DjangoModelFactory):
    """A case conference convened for a plan, waiting for the resident's consent."""

    class Meta:
        model = Conference

    stuck = "The rent arrears keep growing while the benefit is on hold."
    tried = "Two payment plans."
    meets_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Wijkpunt West"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    kind = Participant.Kind.PROFESSIONAL
    name = factory.LazyAttribute(lambda p: p.user.display_name if p.user else "Someone")


class ConsultFactory(factory.django.DjangoModelFactory):
    """An anonymous consult, waiting for an answer."""

    class Meta:
        model = Consult

    question = "Can someone with a debt restructuring still get a rent allowance?"
    status = Consult.Status.OPEN


class BreakthroughFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakthroughRequest

    obstacle = "The budget for urgent housing is spent for this year."
    solution = "Pay two months of rent from the breakthrough budget."
    cost_solution = 1700
    cost_nothing = 14000
    decide_by = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


# The city programme (programme).


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Programme"

    name = "Ruimte voor leven"
    municipality = factory.LazyFunction(lambda: Municipality.objects.deployment())


class ProgrammeGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Goal"

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Doel {n + 1}")
    themes = factory.LazyFunction(lambda: ["income"])


class ProgrammeActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Action"

    goal = factory.SubFactory(ProgrammeGoalFactory)
    title = factory.Sequence(lambda n: f"Actie {n + 1}")
    status = "running"


# Mystery guests (mystery_guests).


class TouchpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mystery_guests.Touchpoint"

    kind = "letter"
    name = factory.Sequence(lambda n: f"Uitnodigingsbrief {n + 1}")


class MysteryGuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mystery_guests.MysteryGuest"

    kind = "expert"


class MysteryReportFactory(factory.django.DjangoModelFactory):
    """A report on a touchpoint, scored low on respect."""

    class Meta:
        model = "mystery_guests.Report"

    guest_kind = "expert"
    visited_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    clear = 3
    respectful = 1
    reachable = 3
    accessible = 4
    felt_wrong = "The letter asked me to wear clean clothes."


# Buddy network (buddies): models named by label, so this kit needs no import of the app.
class VolunteerFactory(factory.django.DjangoModelFactory):
    """An approved buddy with an account (pass `organisation` and `wijk`)."""

    class Meta:
        model = "buddies.Volunteer"

    first_name = "Ineke"
    last_name = factory.Sequence(lambda n: f"Buddy{n}")
    email = factory.Sequence(lambda n: f"buddy{n}@example.org")
    languages = factory.LazyFunction(lambda: ["nl"])
    interests = factory.LazyFunction(list)
    availability = factory.LazyFunction(list)
    status = "approved"
    user = factory.LazyAttribute(
        lambda v: (
            UserFactory(first_name=v.first_name, last_name=v.last_name, email=v.email, role=User.Role.NETWORK)
            if v.status == "approved"
            else None
        )
    )


class BuddyRequestFactory(factory.django.DjangoModelFactory):
    """A resident's open request (pass `plan`; the wijk is the plan's)."""

    class Meta:
        model = "buddies.BuddyRequest"

    requested_by = factory.LazyAttribute(lambda r: r.plan.owner)
    source = "resident"
    wijk = factory.LazyAttribute(lambda r: r.plan.wijk)
    languages = factory.LazyFunction(lambda: ["nl"])
    status = "open"
    consented_at = factory.LazyFunction(timezone.now)


class LearningCaseFactory(factory.django.DjangoModelFactory):
    """A learning case proposed from a plan (pass `plan` and `proposed_by`), waiting for the resident."""

    class Meta:
        model = "learning.Case"

    reason = "Schulden en wonen lopen door elkaar."
    status = "awaiting"


class LearningSessionFactory(factory.django.DjangoModelFactory):
    """A learning session (pass `organiser`); add participants and cases yourself."""

    class Meta:
        model = "learning.Session"

    title = "Leersessie schulden en wonen"
    held_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
