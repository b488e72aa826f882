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
