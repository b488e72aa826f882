from django.core import mail

from samenplan.conversations.models import Message, Thread
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase


class ConversationsTestCase(BaseTestCase):
    def setUp(self):
        for membership in (self.carol_membership, self.dave_membership):
            Grant.objects.create(
                membership=membership, part=Part.CONVERSATIONS, level=Level.CONTRIBUTE, granted_by=self.alice
            )
        self.url = f"/plans/{self.plan.pk}/conversations/"

    def start(self, user, participants, subject="About the rent"):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.url, {"subject": subject, "participants": [p.pk for p in participants], "text": f"{subject}!"}
            )
        return Thread.objects.get(subject=subject)

    def test_a_member_sees_only_the_threads_they_are_in(self):
        self.start(self.bob, [self.carol], "Bob and Carol")
        self.start(self.bob, [self.dave], "Bob and Dave")
        self.login(self.carol)
        response = self.client.get(self.url)
        self.assertContains(response, "Bob and Carol")
        self.assertNotContains(response, "Bob and Dave")
        dave_thread = Thread.objects.get(subject="Bob and Dave")
        self.assertEqual(self.client.get(f"{self.url}{dave_thread.pk}/").status_code, 404)

    def test_the_owner_sees_every_thread(self):
        self.start(self.bob, [self.dave], "Bob and Dave")
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "Bob and Dave")

    def test_only_people_who_see_conversations_can_be_chosen(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Carol")
        self.assertNotContains(response, "Erin")
        response = self.client.post(
            self.url, {"subject": "Try Erin", "participants": [self.carol.pk, self.erin.pk], "text": "Hi"}
        )
        self.assertContains(response, 'id="id_participants_error"')
        self.assertFalse(Thread.objects.exists())
        thread = self.start(self.bob, [self.carol], "Carol only")
        self.assertEqual(set(thread.participants.all()), {self.alice, self.bob, self.carol})

    def test_a_thread_is_closed_to_a_participant_who_loses_the_conversations_part(self):
        thread = self.start(self.bob, [self.carol])
        Grant.objects.filter(membership=self.carol_membership, part=Part.CONVERSATIONS).delete()
        self.login(self.carol)
        self.assertEqual(self.client.get(f"{self.url}{thread.pk}/").status_code, 404)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_replies_notify_readers_with_a_neutral_email(self):
        thread = self.start(self.bob, [self.carol])
        mail.outbox.clear()
        self.login(self.carol)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"{self.url}{thread.pk}/", {"text": "Tuesday suits me."})
        message = Message.objects.get(text="Tuesday suits me.")
        self.assertRedirects(response, f"{self.url}{thread.pk}/#message-{message.pk}", fetch_redirect_response=False)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted([self.alice.email, self.bob.email]))
        for sent in mail.outbox:
            self.assertNotIn("Tuesday", sent.body)
            self.assertNotIn("rent", sent.body)

    def test_a_viewer_reads_but_cannot_write(self):
        thread = self.start(self.bob, [self.carol])
        Grant.objects.filter(membership=self.carol_membership, part=Part.CONVERSATIONS).update(level=Level.VIEW)
        self.login(self.carol)
        self.assertNotContains(self.client.get(f"{self.url}{thread.pk}/"), 'name="text"')
        self.assert_not_found_for([self.carol], f"{self.url}{thread.pk}/", method="post", data={"text": "hi"})

    def test_empty_and_too_long_messages_are_refused(self):
        thread = self.start(self.bob, [self.carol])
        self.login(self.carol)
        self.assertContains(self.client.post(f"{self.url}{thread.pk}/", {"text": ""}), 'id="id_text_error"')
        self.assertContains(self.client.post(f"{self.url}{thread.pk}/", {"text": "x" * 5001}), 'id="id_text_error"')

    def test_strangers_get_404(self):
        thread = self.start(self.bob, [self.carol])
        self.assert_not_found_for([self.erin, *self.outsiders], self.url)
        self.assert_not_found_for([self.erin, *self.outsiders], f"{self.url}{thread.pk}/")


class WhyNotTestCase(BaseTestCase):
    """Wherever someone cannot write, the page says why and who can change it."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/conversations/"
        Grant.objects.create(
            membership=self.carol_membership, part=Part.CONVERSATIONS, level=Level.CONTRIBUTE, granted_by=self.alice
        )
        self.thread = Thread.objects.create(plan=self.plan, subject="About the rent", created_by=self.alice)
        self.thread.participants.set([self.alice, self.bob, self.carol])
        Message.objects.create(thread=self.thread, author=self.alice, text="Can you call the landlord?")
        self.thread_url = f"{self.url}{self.thread.pk}/"

    def only_view(self, membership):
        Grant.objects.filter(membership=membership, part=Part.CONVERSATIONS).update(level=Level.VIEW)

    def test_a_member_who_may_only_view_is_told_why_there_is_no_reply_box_and_who_can_change_it(self):
        self.only_view(self.bob_membership)
        self.login(self.bob)
        response = self.client.get(self.thread_url)
        self.assertNotContains(response, 'name="text"')
        self.assertContains(
            response,
            "Je kunt hier niet antwoorden: Alice heeft je berichten alleen laten bekijken. "
            "Alice kan dat veranderen bij Wie ziet wat.",
        )
        response = self.client.get(self.url)
        self.assertContains(response, "Je kunt geen gesprek beginnen: Alice heeft je berichten alleen laten bekijken.")

    def test_a_member_who_may_add_gets_the_reply_box_and_no_such_note(self):
        self.login(self.bob)
        response = self.client.get(self.thread_url)
        self.assertContains(response, 'name="text"')
        self.assertNotContains(response, "Je kunt hier niet antwoorden")

    def test_the_resident_is_told_who_in_the_thread_cannot_answer_her(self):
        self.only_view(self.bob_membership)
        Grant.objects.filter(membership=self.carol_membership, part=Part.CONVERSATIONS).delete()
        self.login(self.alice)
        response = self.client.get(self.thread_url)
        bob, carol = self.bob.display_name, self.carol.display_name
        self.assertContains(
            response,
            f"{bob} leest dit gesprek, maar kan je niet antwoorden: je hebt {bob} de berichten alleen laten bekijken.",
        )
        self.assertContains(response, f"{carol} kan dit gesprek niet meer lezen")
        self.assertContains(response, f'href="/plans/{self.plan.pk}/sharing/{self.bob_membership.pk}/"')
        # And on the list of conversations, about the coordinator.
        response = self.client.get(self.url)
        self.assertContains(response, f"{bob} is je regisseur en kan je berichten lezen, maar er niet op antwoorden")

    def test_the_resident_gets_no_note_when_everyone_can_answer(self):
        self.login(self.alice)
        self.assertNotContains(self.client.get(self.thread_url), "notice--action")
        self.assertNotContains(self.client.get(self.url), "notice--action")

    def test_only_who_decides_who_sees_what_is_told_who_cannot_answer(self):
        self.only_view(self.carol_membership)
        self.login(self.bob)
        self.assertNotContains(self.client.get(self.thread_url), "kan niet antwoorden")

    def test_a_closed_plan_says_why_and_who_can_open_it_again(self):
        self.plan.status = "closed"
        self.plan.save()
        self.login(self.carol)
        response = self.client.get(self.thread_url)
        self.assertContains(response, "Je kunt hier niet meer antwoorden: het plan is afgesloten.")
        self.assertContains(response, "Alice of de regisseur kan het weer openen.")
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Je kunt geen gesprek meer beginnen: het plan is afgesloten.")
        self.assertContains(response, "Je kunt het plan weer openen op de overzichtspagina.")

    def test_the_resident_with_nobody_to_write_to_is_told_where_to_change_that(self):
        Grant.objects.filter(part=Part.CONVERSATIONS).delete()
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Je kunt nog geen gesprek beginnen: nog niemand anders mag je berichten zien.")
        self.assertNotContains(response, 'name="subject"')

    def test_a_coordinator_who_may_add_answers_and_the_resident_reads_it(self):
        self.login(self.bob)
        response = self.client.post(self.thread_url, {"text": "I called him, he waits until Friday."})
        self.assertEqual(response.status_code, 302)
        self.login(self.alice)
        self.assertContains(self.client.get(self.thread_url), "I called him, he waits until Friday.")
