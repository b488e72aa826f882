"""Benchmark data for the neighbourhood hubs: a wijk team's question queue of a given
length, so `manage.py bench` can show that the queue page costs the same number of queries
for a short and a long queue (`triage_queries_small` = `_large`)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.measuring.models import LifeDomain


def build_question_queue(count: int, label: str) -> User:
    """A wijk with its own wijk team whose queue holds `count` questions in every state
    (new, taken on by the member or a colleague, with attempts, closed lately with each
    outcome); returns the team member. (Rows made directly: the queue page is measured,
    not the way the questions came.)"""
    now = timezone.now()
    wijk = Wijk.objects.create(code=f"bench-q-{label}"[:40], name=f"Vragenwijk {label}")
    team = Organisation.objects.create(name=f"Wijkteam {label}", kind=Organisation.Kind.SOCIAL_TEAM, starts_plans=True)
    team.wijken.add(wijk)

    def professional(name):
        return User.objects.create(
            username=f"bench.questions.{label}.{name}",
            first_name=name.capitalize(),
            last_name="Bench",
            role=User.Role.PROFESSIONAL,
            organisation=team,
        )

    member, colleague = professional("member"), professional("colleague")
    outcomes = [
        Question.Outcome.ADVICE,
        Question.Outcome.REFERRED,
        Question.Outcome.BUDDY,
        Question.Outcome.PLAN,
        Question.Outcome.NO_CONTACT,
    ]
    # (status, owner, attempts made, reached on the last attempt)
    states = [
        (Question.Status.NEW, None, 0, False),
        (Question.Status.NEW, None, 1, False),
        (Question.Status.CLAIMED, member, 0, False),
        (Question.Status.CLAIMED, member, 2, True),
        (Question.Status.CLAIMED, colleague, 1, False),
        (Question.Status.CLOSED, member, 2, True),
    ]
    questions = []
    for n in range(count):
        status, owner, _attempts, reached = states[n % len(states)]
        arrived = now - timedelta(days=n % 15, hours=n % 7)
        closed = status == Question.Status.CLOSED
        questions.append(
            Question(
                wijk=wijk,
                source=Question.Source.DESK if n % 4 == 0 else Question.Source.ONLINE,
                text="Ik kan mijn huur deze maand niet betalen.",
                name=f"Vrager{n} Bench",
                channel=Question.Channel.PHONE,
                phone="0612345678",
                consent_at=arrived,
                created_at=arrived,
                status=status,
                owner=owner,
                claimed_at=arrived + timedelta(hours=1) if owner else None,
                first_contact_at=arrived + timedelta(hours=2) if reached else None,
                closed_at=now - timedelta(days=n % 10) if closed else None,
                outcome=outcomes[n % len(outcomes)] if closed else "",
            )
        )
    questions = Question.objects.bulk_create(questions)
    domains = list(LifeDomain.objects.order_by("pk")[:3])
    links, events = [], []
    for n, question in enumerate(questions):
        _status, owner, attempts, reached = states[n % len(states)]
        links += [
            Question.domains.through(question_id=question.pk, lifedomain_id=domain.pk)
            for domain in domains[: 1 + n % 3]
        ]
        for attempt in range(attempts):
            events.append(
                QuestionEvent(
                    question=question,
                    kind=QuestionEvent.Kind.ATTEMPT,
                    channel=QuestionEvent.Channel.PHONE,
                    reached=reached and attempt == attempts - 1,
                    by=owner or colleague,
                )
            )
    Question.domains.through.objects.bulk_create(links)
    QuestionEvent.objects.bulk_create(events)
    return member
