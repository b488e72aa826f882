from django.urls import reverse

from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.plans.models import Plan
from samenplan.privacy.models import CorrectionRequest
from samenplan.sharing.models import Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory

NEW = reverse("correction_new")
LIST = reverse("corrections")


def answer_url(correction):
    return reverse("correction_answer", args=[correction.pk])


class CorrectionTest(BaseTestCase):
    def ask(self, text="My story says I have two children. I have three.", about="story"):
        self.login(self.alice)
        return self.client.post(NEW, {"plan": self.plan.pk, "about": about, "text": text})

    def test_the_resident_asks_and_the_coordinator_is_told(self):
        self.login(self.alice)
        page = self.client.get(NEW)
        self.assertContains(page, "Wat klopt er niet?")
        response = self.ask()
        self.assertRedirects(response, reverse("my_data") + "#corrections", fetch_redirect_response=False)
        correction = CorrectionRequest.objects.get()
        self.assertEqual(
            (correction.requester, correction.plan, correction.about, correction.status),
            (self.alice, self.plan, "story", "open"),
        )
        notification = Notification.objects.get(user=self.bob)
        self.assertEqual((notification.kind, notification.url), ("correction_requested", answer_url(correction)))
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(
            (entry.actor_id, entry.subject_id, entry.action, entry.records),
            (self.alice.pk, self.alice.pk, "create", f",correction:{correction.pk},"),
        )
        my_data = self.client.get(reverse("my_data"))
        self.assertContains(my_data, "I have three.")
        self.assertContains(my_data, "Wacht op antwoord")

    def test_bad_input_keeps_what_was_typed(self):
        response = self.ask(text="   ", about="goals")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Schrijf wat er moet veranderen.")
        self.assertContains(response, '<option value="goals" selected>')
        long = "x" * 2001
        response = self.ask(text=long, about="")
        self.assertContains(response, "Kies wat er niet klopt.")
        self.assertContains(response, long)
        self.assertFalse(CorrectionRequest.objects.exists())

    def test_only_an_own_plan_with_a_coordinator_can_be_chosen(self):
        other = Plan.objects.create(owner=UserFactory(), wijk=self.wijk, status=Plan.Status.ACTIVE, created_by=self.bob)
        self.login(self.alice)
        response = self.client.post(NEW, {"plan": other.pk, "about": "story", "text": "Change it"})
        self.assertContains(response, "Kies een van de plannen.")
        # Nobody coordinates: nobody could answer, so there is no form.
        Membership.objects.filter(role=Membership.Role.COORDINATOR).update(ended_at=self.plan.created_at)
        self.assertEqual(self.client.get(NEW).status_code, 404)
        self.assertNotContains(self.client.get(reverse("my_data")), NEW)
        for user in [self.bob, self.carol, self.ann]:
            self.login(user)
            self.assertEqual(self.client.get(NEW).status_code, 404)
        self.assertFalse(CorrectionRequest.objects.exists())

    def test_the_coordinator_answers_and_the_resident_sees_it(self):
        self.ask()
        correction = CorrectionRequest.objects.get()
        self.login(self.bob)
        listing = self.client.get(LIST)
        self.assertContains(listing, answer_url(correction))
        self.assertContains(listing, "Alice Aarts")
        page = self.client.get(answer_url(correction))
        self.assertContains(page, "I have three.")
        self.assertContains(page, reverse("story", args=[self.plan.pk]))

        # Not changed needs a reason; what was chosen stays.
        response = self.client.post(answer_url(correction), {"status": "not_changed", "answer": ""})
        self.assertContains(response, "Zeg waarom je het niet hebt veranderd.")
        self.assertRegex(response.content.decode(), r'value="not_changed"[^>]* checked')
        correction.refresh_from_db()
        self.assertTrue(correction.is_open)

        response = self.client.post(
            answer_url(correction), {"status": "not_changed", "answer": "Your file at the municipality says two."}
        )
        self.assertRedirects(response, LIST, fetch_redirect_response=False)
        correction.refresh_from_db()
        self.assertEqual((correction.status, correction.answered_by), ("not_changed", self.bob))
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(
            (entry.actor_id, entry.subject_id, entry.action, entry.records),
            (self.bob.pk, self.alice.pk, "update", f",correction:{correction.pk},"),
        )
        self.assertTrue(Notification.objects.filter(user=self.alice, kind="correction_answered").exists())
        # Answered once: a second answer (another tab) is refused.
        again = self.client.post(answer_url(correction), {"status": "done", "answer": ""})
        self.assertEqual(again.status_code, 404)

        self.login(self.alice)
        my_data = self.client.get(reverse("my_data"))
        self.assertContains(my_data, "Niet veranderd")
        self.assertContains(my_data, "Your file at the municipality says two.")

    def test_nobody_but_the_coordinator_sees_a_request(self):
        self.ask(text="MARK-private-correction")
        correction = CorrectionRequest.objects.get()
        self.assert_not_found_for(
            [self.alice, self.carol, self.dave, self.erin, *self.outsiders], answer_url(correction)
        )
        self.assert_not_found_for([self.dave], answer_url(correction), method="post", data={"status": "done"})
        self.assert_not_found_for([self.alice, self.carol, self.erin, self.ann, self.pam, self.wendy, self.brit], LIST)
        for user in [self.charlie, self.dave]:
            self.login(user)
            self.assertNotContains(self.client.get(LIST), "MARK-private-correction")
            self.assertNotContains(self.client.get(LIST), answer_url(correction))
        correction.refresh_from_db()
        self.assertTrue(correction.is_open)
        denied = AuditEntry.objects.filter(outcome="denied", records__contains=f",correction:{correction.pk},")
        self.assertTrue(denied.exists())

    def test_a_coordinator_who_handed_over_no_longer_sees_it(self):
        self.ask()
        correction = CorrectionRequest.objects.get()
        Membership.objects.filter(pk=self.bob_membership.pk).update(role=Membership.Role.PROFESSIONAL)
        self.add_member(self.charlie, Membership.Role.COORDINATOR, {"story": 2})
        self.assert_not_found_for([self.bob], answer_url(correction))
        self.login(self.charlie)
        self.assertContains(self.client.get(LIST), answer_url(correction))
