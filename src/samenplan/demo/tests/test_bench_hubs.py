"""The benchmark's question queue: every state, and a page whose query count does not grow."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from samenplan.demo.bench_hubs import build_question_queue
from samenplan.hubs.models import Question, QuestionEvent


class QuestionQueueBenchTests(TestCase):
    def queue_queries(self, member) -> int:
        self.client.force_login(member)
        self.client.get("/wijkteam/vragen/")  # the session and caches, once
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/wijkteam/vragen/")
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_it_builds_a_queue_in_every_state_for_a_team_member(self):
        member = build_question_queue(12, "states")
        questions = Question.objects.filter(wijk__code="bench-q-states")
        self.assertEqual(questions.count(), 12)
        self.assertEqual(
            set(questions.values_list("status", flat=True)),
            {Question.Status.NEW, Question.Status.CLAIMED, Question.Status.CLOSED},
        )
        self.assertTrue(questions.filter(owner=member, closed_at__isnull=True).exists())
        self.assertTrue(questions.exclude(owner=member).filter(owner__isnull=False).exists())
        self.assertTrue(QuestionEvent.objects.filter(question__in=questions, kind=QuestionEvent.Kind.ATTEMPT).exists())
        self.client.force_login(member)
        self.assertContains(self.client.get("/wijkteam/vragen/"), "Vrager0 Bench")

    def test_the_queue_costs_the_same_queries_for_3_and_30_questions(self):
        small = self.queue_queries(build_question_queue(3, "small"))
        large = self.queue_queries(build_question_queue(30, "large"))
        self.assertEqual(small, large)
        self.assertLessEqual(large, 15)
