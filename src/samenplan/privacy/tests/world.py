"""A resident with a row in every table the report covers, each carrying a marker."""

from datetime import timedelta

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.models import ActivationCode
from samenplan.conferences.models import AgendaItem, Decision, MinutesVersion, Theme
from samenplan.early_signals.models import SignalEvent, SignalUpload
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.notifications.models import Notification
from samenplan.plans.models import GoalScore, Priority, Reminder, Strength
from samenplan.privacy.models import CorrectionRequest
from samenplan.referrals.models import ReferralEvent
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, GoalFactory


def fill_every_table(case) -> dict:
    """Everything about alice in `case` (a BaseTestCase), with `MARK-<label>` texts where a
    table holds text. Returns the ids made, by model label."""
    values = case.url_values()
    plan, alice, bob = case.plan, case.alice, case.bob
    now = timezone.now()
    domain = case.plan_domain()
    made = {}
    Priority.objects.create(plan=plan, domain=domain, rank=1, note="MARK-priority")
    Strength.objects.create(plan=plan, kind=Strength.Kind.SELF, text="MARK-strength", rank=1)
    goal = GoalFactory(plan=plan, text="MARK-goal", created_by=bob)
    evaluation = EvaluationFactory(plan=plan, summary="MARK-evaluation", held_at=now, held_by=bob)
    GoalScore.objects.create(evaluation=evaluation, goal=goal, score=1, note="MARK-goalscore")
    agreement = AgreementFactory(plan=plan, what="MARK-agreement")
    instrument = Instrument.objects.order_by("order").first()
    measurement = Measurement.objects.create(
        plan=plan, instrument=instrument, perspective="resident", recorded_by=alice, note="MARK-measurement"
    )
    Answer.objects.create(measurement=measurement, item=instrument.items.first(), value=instrument.min_value)
    Reminder.objects.create(kind=Reminder.Kind.choices[0][0], recipient=alice, subject_id=1, about_date=now.date())
    ActivationCode.objects.create(
        user=alice, lookup="AB1", code_hash="x", expires_at=now + timedelta(days=3), created_by=bob
    )
    Notification.objects.create(user=alice, kind=Notification.Kind.MESSAGE, url="/")
    question = Question.objects.get(pk=values["question_id"])
    question.plan = plan
    question.save()
    QuestionEvent.objects.create(question=question, kind=QuestionEvent.Kind.choices[0][0], note="MARK-questionevent")
    signal = question and case.signal_offered()
    SignalEvent.objects.create(signal=signal, kind=SignalEvent.Kind.choices[0][0], note="MARK-signalevent")
    SignalUpload.objects.create(partner=case.woonbedrijf, uploaded_by=alice, filename="MARK-upload.csv")
    Theme.objects.create(name="MARK-theme", created_by=alice)
    from samenplan.referrals.models import Referral

    referral = Referral.objects.get(pk=values["referral_id"])
    ReferralEvent.objects.create(referral=referral, status=referral.status, by=bob, note="MARK-referralevent")
    from samenplan.conferences.models import Conference

    conference = Conference.objects.get(pk=values["conference_id"])
    AgendaItem.objects.create(conference=conference, text="MARK-agenda", added_by=alice, by_resident=True)
    MinutesVersion.objects.create(conference=conference, number=1, text="MARK-minutes", written_by=bob)
    Decision.objects.create(conference=conference, agreement=agreement, created_by=bob)
    service = referral.service
    service.assured_by = alice
    service.save()
    LogEntry.objects.create(
        user=alice,
        content_type=ContentType.objects.get_for_model(Theme),
        object_id="1",
        object_repr="MARK-logentry",
        action_flag=ADDITION,
    )
    CorrectionRequest.objects.create(requester=alice, plan=plan, about="story", text="MARK-correction")
    TOTPDevice.objects.create(user=alice, name="MARK-totp", confirmed=False)
    StaticDevice.objects.create(user=alice, name="MARK-static", confirmed=False).token_set.create(token="SECRET-CODE")
    return made
