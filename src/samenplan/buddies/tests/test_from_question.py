"""A hub question that led to a plan: the wijk team member who handles it asks a buddy for
that plan. The request waits for the resident's yes on her buddy page, which names the
question; anyone else gets a 404 and nothing is made."""

from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEntry
from samenplan.buddies.models import BuddyRequest
from samenplan.hubs.models import Question
from samenplan.measuring.models import LifeDomain
from samenplan.plans.models import Plan
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    BuddyRequestFactory,
    OrganisationFactory,
    QuestionFactory,
    UserFactory,
    WijkFactory,
)


class FromQuestionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        east = WijkFactory(name="Helmstad-Oost", code="oost")
        east_team = OrganisationFactory(name="Sociaal Team Oost", kind=Organisation.Kind.SOCIAL_TEAM, starts_plans=True)
        east_team.wijken.add(east)
        cls.wim = UserFactory(username="wim", role=User.Role.PROFESSIONAL, organisation=east_team)
        # Bob took the question on and started alice's plan from it: it closed with that outcome.
        cls.question = QuestionFactory(
            wijk=cls.wijk,
            name="Alice Aarts",
            text="Ik zit veel alleen en de brieven stapelen zich op.",
            owner=cls.bob,
            status=Question.Status.CLOSED,
            closed_at=timezone.now(),
            outcome=Question.Outcome.PLAN,
            plan=cls.plan,
        )
        cls.question.domains.set(LifeDomain.objects.filter(code__in=["financien", "sociaal-netwerk"]))
        cls.url = f"/buddys/vraag/{cls.question.pk}/"

    def data(self, **changes):
        data = {
            "wijk": self.wijk.pk,
            "languages": ["nl", "ar"],
            "interests": ["paperwork"],
            "availability": ["morning"],
            "note": "Iemand die helpt met post en samen koffie drinkt.",
        }
        return data | changes

    def requests(self):
        return BuddyRequest.objects.filter(plan=self.plan)


class AskTests(FromQuestionTestCase):
    def test_the_form_opens_filled_in_from_the_question(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, f"Een buddy na vraag {self.question.reference}")
        self.assertContains(response, "Een buddy vragen voor Alice Aarts")
        form = response.context["form"]
        self.assertEqual(form["wijk"].value(), self.wijk.pk)
        self.assertEqual(form["languages"].value(), ["nl"])
        self.assertEqual(form["interests"].value(), ["paperwork"])
        # The question's own words stay out: the volunteer coordinator would read them.
        self.assertNotContains(response, "Ik zit veel alleen")

    def test_reading_the_page_is_audited_as_a_read_of_the_question(self):
        self.login(self.bob)
        self.client.get(self.url)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.records), (self.bob.pk, f",question:{self.question.pk},"))

    def test_asking_makes_a_request_that_waits_for_the_resident(self):
        self.login(self.bob)
        response = self.client.post(self.url, self.data())
        self.assertRedirects(response, f"/wijkteam/vragen/{self.question.pk}/", fetch_redirect_response=False)
        item = self.requests().get()
        self.assertEqual(
            (item.source, item.question, item.requested_by, item.status),
            (BuddyRequest.Source.HUB, self.question, self.bob, BuddyRequest.Status.CONSENT),
        )
        self.assertEqual(
            (item.languages, item.interests, item.availability), (["nl", "ar"], ["paperwork"], ["morning"])
        )
        self.assertEqual(item.note, "Iemand die helpt met post en samen koffie drinkt.")
        self.assertIsNone(item.consented_at)
        follow = self.client.get(response.url)
        self.assertContains(follow, "Het verzoek wacht tot Alice Aarts ja zegt")

    def test_asking_is_audited_with_the_plan_the_question_and_the_request(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        item = self.requests().get()
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.action), (self.bob.pk, AuditEntry.Action.CREATE))
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertIn(f",question:{self.question.pk},", entry.records)
        self.assertIn(f",buddy_request:{item.pk},", entry.records)

    def test_the_resident_sees_where_it_came_from_and_says_yes(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        self.login(self.alice)
        page = self.client.get(f"/plans/{self.plan.pk}/buddy/")
        self.assertContains(page, "Bob Bakker van het wijkteam heeft een buddy voor je gevraagd")
        self.assertContains(page, f"code {self.question.reference}")
        self.assertContains(page, "Iemand die helpt met post en samen koffie drinkt.")
        self.client.post(f"/plans/{self.plan.pk}/buddy/", {"action": "agree"})
        item = self.requests().get()
        self.assertEqual(item.status, BuddyRequest.Status.OPEN)
        self.assertIsNotNone(item.consented_at)

    def test_the_resident_may_say_no(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        self.login(self.alice)
        self.client.post(f"/plans/{self.plan.pk}/buddy/", {"action": "refuse"})
        self.assertEqual(self.requests().get().status, BuddyRequest.Status.CLOSED)

    def test_bad_input_says_what_is_wrong_and_keeps_the_rest(self):
        self.login(self.bob)
        response = self.client.post(self.url, self.data(languages=[], note="Mijn eigen woorden."))
        self.assertContains(response, "Kies minstens één taal.")
        self.assertContains(response, "Mijn eigen woorden.</textarea>")
        self.assertFalse(self.requests().exists())

    def test_the_question_page_links_only_the_one_who_handles_it(self):
        self.login(self.bob)
        self.assertContains(self.client.get(f"/wijkteam/vragen/{self.question.pk}/"), f'href="{self.url}"')
        self.login(self.charlie)
        self.assertNotContains(self.client.get(f"/wijkteam/vragen/{self.question.pk}/"), "/buddys/vraag/")


class NotYetTests(FromQuestionTestCase):
    def test_without_a_plan_the_page_says_a_buddy_comes_with_a_plan(self):
        open_question = QuestionFactory(wijk=self.wijk, owner=self.bob, status=Question.Status.CLAIMED)
        self.login(self.bob)
        url = f"/buddys/vraag/{open_question.pk}/"
        response = self.client.get(url)
        self.assertContains(response, "Je kunt een buddy vragen zodra er een plan is")
        self.assertNotContains(response, 'name="languages"')
        self.assertEqual(self.client.post(url, self.data()).status_code, 404)
        self.assertFalse(BuddyRequest.objects.exists())

    def test_a_closed_plan_gets_no_buddy(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.login(self.bob)
        self.assertContains(self.client.get(self.url), "is afgesloten")
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 404)
        self.assertFalse(self.requests().exists())

    def test_a_running_request_is_not_doubled(self):
        BuddyRequestFactory(plan=self.plan)
        self.login(self.bob)
        self.assertContains(self.client.get(self.url), "loopt al een verzoek om een buddy")
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 404)
        self.assertEqual(self.requests().count(), 1)


class RefusalTests(FromQuestionTestCase):
    def test_anyone_but_the_one_who_handles_it_gets_404_and_nothing_is_made(self):
        # charlie is in the same team but did not take it on; wim is another wijk's team.
        others = [self.charlie, self.wim, self.ann, self.petra, self.pam, self.dave, self.alice, self.wendy]
        self.assert_not_found_for(others, self.url)
        self.assert_not_found_for(others, self.url, method="post", data=self.data())
        self.assertFalse(BuddyRequest.objects.exists())
        denied = (
            AuditEntry.objects.filter(actor_id=self.charlie.pk, outcome=AuditEntry.Outcome.DENIED)
            .order_by("-id")
            .first()
        )
        self.assertIsNotNone(denied)
        self.assertIn(f"question:{self.question.pk}", denied.records)

    def test_a_missing_question_is_404(self):
        self.assert_not_found_for([self.bob], "/buddys/vraag/987654/")

    def test_bob_loses_it_when_he_leaves_the_wijk_team(self):
        self.bob.organisation = None
        self.bob.save(update_fields=["organisation"])
        self.assert_not_found_for([self.bob], self.url, method="post", data=self.data())
        self.assertFalse(BuddyRequest.objects.exists())


class ErasedQuestionTests(FromQuestionTestCase):
    def test_an_erased_question_still_says_the_wijk_team_asked(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        Question.objects.filter(pk=self.question.pk).delete()
        self.login(self.alice)
        page = self.client.get(f"/plans/{self.plan.pk}/buddy/")
        self.assertContains(
            page, "Bob Bakker van het wijkteam heeft een buddy voor je gevraagd, na je vraag bij het wijkpunt."
        )
        self.assertNotContains(page, "Een professional in je plan")
