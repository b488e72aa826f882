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
    # The city programme (programme): a work-group place, an update and a request by this person.
    from samenplan.programme.models import Action, Goal, JoinRequest, Programme, ProgressUpdate, WorkGroupMember

    programme = Programme.objects.create(municipality=case.debt_team.municipality, name="MARK-programme")
    programme_goal = Goal.objects.create(programme=programme, number=1, title="MARK-goal")
    work = Action.objects.create(goal=programme_goal, title="MARK-action", lead=case.debt_team)
    WorkGroupMember.objects.create(action=work, organisation=case.debt_team, user=alice, name="MARK-member")
    ProgressUpdate.objects.create(action=work, date=plan.created_at.date(), text="MARK-update", written_by=alice)
    JoinRequest.objects.create(
        kind="join", municipality=programme.municipality, organisation=case.debt_team, requested_by=alice, action=work
    )
    # Mystery guests (mystery_guests): alice as a guest, her report, a response and a touchpoint she listed.
    from samenplan.mystery_guests.models import MysteryGuest, Report, Response, Touchpoint

    MysteryGuest.objects.create(user=alice, kind="expert")
    touchpoint = Touchpoint.objects.create(
        organisation=case.debt_team, kind="letter", name="MARK-touchpoint", added_by=alice
    )
    mystery = Report.objects.create(
        touchpoint=touchpoint,
        filed_by=alice,
        guest_kind="expert",
        visited_on=plan.created_at.date(),
        clear=1,
        respectful=1,
        reachable=1,
        accessible=1,
        felt_wrong="MARK-mystery",
    )
    Response.objects.create(report=mystery, action="MARK-response", due_on=plan.created_at.date(), responded_by=alice)
    # Learning sessions (learning): a case from her plan, and a session with what was written in it.
    from samenplan.learning.models import Case, Observation, Proposal, Session, SessionTheme

    case_row = Case.objects.create(plan=plan, proposed_by=bob, reason="MARK-case")
    session = Session.objects.create(title="MARK-session", held_on=now.date(), organiser=alice)
    Observation.objects.create(session=session, case=case_row, text="MARK-observation", written_by=bob)
    SessionTheme.objects.create(session=session, theme=Theme.objects.get(name="MARK-theme"), added_by=alice)
    Proposal.objects.create(session=session, title="MARK-proposal", text="x", destination="programme", written_by=alice)
    # The buddy network (buddies): alice signed up as a buddy; a request for her plan, a match and a check-in.
    from samenplan.buddies.models import BuddyRequest, CheckIn, Match, Volunteer

    volunteer = Volunteer.objects.create(
        organisation=case.debt_team,
        user=alice,
        first_name="MARK-volunteer",
        last_name="x",
        email="a@example.org",
        wijk=plan.wijk,
        status="approved",
    )
    wish = BuddyRequest.objects.create(
        plan=plan, requested_by=alice, source="resident", wijk=plan.wijk, status="matched"
    )
    match = Match.objects.create(request=wish, volunteer=volunteer, proposed_by=bob)
    CheckIn.objects.create(match=match, date=now.date(), note="MARK-checkin", by=bob)
    return made
