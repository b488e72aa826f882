from datetime import datetime

import time_machine
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.plans.models import StoryVersion
from samenplan.testing.base import BaseTestCase

INTAKE_DAY = timezone.make_aware(datetime(2026, 3, 3, 10, 30))


class StoryTestCase(BaseTestCase):
    def url(self, suffix=""):
        return f"/plans/{self.plan.pk}/story/{suffix}"

    def test_the_owner_reads_the_story_and_who_wrote_it(self):
        self.login(self.alice)
        response = self.client.get(self.url())
        self.assertContains(response, "Alice&#x27;s story, first version.")
        self.assertContains(response, "Bob")

    def test_the_owner_confirms_this_is_my_story(self):
        self.login(self.alice)
        response = self.client.post(self.url("confirm/"), {"number": 1})
        self.assertRedirects(response, self.url(), fetch_redirect_response=False)
        self.assertIsNotNone(StoryVersion.objects.get(plan=self.plan, number=1).confirmed_at)
        page = self.client.get(self.url())
        self.assertContains(page, "Je hebt op ")
        self.assertContains(page, "bevestigd dat dit jouw verhaal is.")
        self.assertNotContains(page, "inwoner")
        self.assertNotContains(page, "Klopt je verhaal?")

    def test_only_the_owner_confirms(self):
        self.login(self.bob)
        self.client.post(self.url("confirm/"), {"number": 1})
        self.assertIsNone(StoryVersion.objects.get(plan=self.plan, number=1).confirmed_at)

    def test_confirming_an_outdated_version_is_refused(self):
        StoryVersion.objects.create(plan=self.plan, number=2, text="Changed by Bob", written_by=self.bob)
        self.login(self.alice)
        self.client.post(self.url("confirm/"), {"number": 1})
        self.assertFalse(StoryVersion.objects.filter(plan=self.plan, confirmed_at__isnull=False).exists())

    def test_editing_adds_a_version_and_keeps_the_old_one(self):
        self.login(self.alice)
        response = self.client.post(self.url("edit/"), {"text": "In my own words.", "base_number": 1})
        self.assertRedirects(response, self.url(), fetch_redirect_response=False)
        versions = list(self.plan.story_versions.values_list("number", "written_by__username"))
        self.assertEqual(versions, [(2, "alice"), (1, "bob")])
        page = self.client.get(self.url())
        self.assertContains(page, "In my own words.")
        self.assertContains(page, "Eerdere versies")
        self.assertContains(page, "Alice&#x27;s story, first version.")

    def test_earlier_versions_are_for_the_owner_only(self):
        StoryVersion.objects.create(plan=self.plan, number=2, text="Newer text", written_by=self.alice)
        self.login(self.bob)
        response = self.client.get(self.url())
        self.assertContains(response, "Newer text")
        self.assertNotContains(response, "first version")

    def test_the_second_of_two_simultaneous_edits_is_refused_showing_both(self):
        self.login(self.bob)
        self.client.post(self.url("edit/"), {"text": "Bob's version", "base_number": 1})
        self.login(self.alice)
        response = self.client.post(self.url("edit/"), {"text": "Alice's version", "base_number": 1})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Iemand anders heeft het verhaal veranderd")
        self.assertContains(response, "Bob&#x27;s version")
        self.assertContains(response, "Alice&#x27;s version")
        self.assertEqual(self.plan.story_versions.count(), 2)
        # Saving again, knowingly, keeps Alice's text.
        response = self.client.post(self.url("edit/"), {"text": "Alice's version", "base_number": 2})
        self.assertEqual(self.plan.story_versions.first().text, "Alice's version")

    def test_html_in_the_story_is_shown_as_text(self):
        self.login(self.alice)
        self.client.post(self.url("edit/"), {"text": "<script>alert(1)</script>", "base_number": 1})
        response = self.client.get(self.url())
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_an_empty_or_too_long_story_is_refused_and_kept(self):
        self.login(self.alice)
        response = self.client.post(self.url("edit/"), {"text": "", "base_number": 1})
        self.assertContains(response, 'id="id_text_error"')
        long_text = "woord " * 4000
        response = self.client.post(self.url("edit/"), {"text": long_text, "base_number": 1})
        self.assertContains(response, 'id="id_text_error"')
        self.assertContains(response, "woord woord woord")
        self.assertEqual(self.plan.story_versions.count(), 1)

    def test_viewers_cannot_edit(self):
        self.assert_not_found_for([self.dave, self.carol], self.url("edit/"))
        self.assert_not_found_for([self.dave], self.url("edit/"), method="post", data={"text": "x", "base_number": 1})

    def test_strangers_get_404(self):
        self.assert_not_found_for([*self.outsiders, self.carol, self.erin], self.url())
        self.assert_not_found_for(self.outsiders, self.url("confirm/"), method="post", data={"number": 1})


class IntakeStoryTestCase(BaseTestCase):
    """A story the coordinator wrote down at the intake is marked as theirs until the
    resident confirms it ("Dit klopt") or corrects it ("Verbeteren")."""

    def setUp(self):
        StoryVersion.objects.filter(plan=self.plan, number=1).update(written_at=INTAKE_DAY)

    def url(self, suffix=""):
        return f"/plans/{self.plan.pk}/story/{suffix}"

    def test_it_asks_the_resident_whether_the_intake_story_is_right(self):
        self.login(self.alice)
        page = self.client.get(self.url())
        self.assertContains(page, "Klopt je verhaal?")
        self.assertContains(
            page, "Dit verhaal schreef Bob (regisseur) op 3 maart 2026 tijdens het intakegesprek. Klopt het?"
        )
        self.assertContains(
            page, "Als je bevestigt, zien de mensen met wie je je verhaal deelt dat het jouw verhaal is."
        )
        self.assertContains(page, ">Dit klopt</button>")
        self.assertContains(page, f'href="{self.url("edit/")}">Verbeteren</a>')
        self.assertNotContains(page, "inwoner")
        entry = AuditEntry.objects.filter(actor_id=self.alice.pk, plan_id=self.plan.pk).latest("pk")
        self.assertEqual((entry.action, entry.part_list), ("view", ["story"]))

    def test_others_see_the_story_is_not_confirmed_by_alice_yet(self):
        self.login(self.dave)
        page = self.client.get(self.url())
        self.assertContains(page, "Nog niet bevestigd door Alice.")
        self.assertContains(page, "opgeschreven door Bob")
        self.assertContains(page, "tijdens het intakegesprek")
        self.assertNotContains(page, "Dit klopt")
        self.assertNotContains(page, "Klopt je verhaal?")

    def test_after_dit_klopt_others_see_alice_confirmed_it(self):
        self.login(self.alice)
        with time_machine.travel(timezone.make_aware(datetime(2026, 3, 5, 11, 0)), tick=False):
            self.client.post(self.url("confirm/"), {"number": 1})
        self.assertNotContains(self.client.get(self.url()), "Klopt je verhaal?")
        self.login(self.dave)
        self.assertContains(self.client.get(self.url()), "Bevestigd door Alice op 5 maart 2026.")

    def test_verbeteren_opens_the_story_in_the_residents_words(self):
        self.login(self.alice)
        page = self.client.get(self.url("edit/"))
        self.assertContains(page, "Je verhaal aanpassen")
        self.assertContains(page, "Schrijf het in je eigen woorden.")
        self.assertContains(page, '<label for="id_text">Mijn verhaal</label>', html=False)

    def test_a_story_the_resident_wrote_asks_nothing(self):
        StoryVersion.objects.create(plan=self.plan, number=2, text="In my own words.", written_by=self.alice)
        self.login(self.alice)
        page = self.client.get(self.url())
        self.assertNotContains(page, "Klopt je verhaal?")
        self.assertContains(page, "door jou geschreven op")

    def test_the_coordinator_editing_sees_alices_story_not_mine(self):
        self.login(self.bob)
        page = self.client.get(self.url("edit/"))
        self.assertContains(page, "Alice&#x27;s verhaal")
        self.assertNotContains(page, "Mijn verhaal</label>")
