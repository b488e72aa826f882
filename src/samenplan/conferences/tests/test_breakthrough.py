"""Filing a breakthrough request from a case conference (two steps: the request and its
anonymous copy), what the conference page shows of it, and the themes in the admin."""

import re
from html import unescape
from html.parser import HTMLParser

from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import BreakthroughRequest, Conference, ObstacleRecord, Theme
from samenplan.notifications.models import Notification
from samenplan.plans.models import Plan
from samenplan.referrals.services import working_days_after
from samenplan.sharing.models import Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import BreakthroughFactory, UserFactory

# Names, a postcode and a phone number of alice's plan, as a coordinator might write them.
OBSTACLE = (
    "Alice Aarts (Kerkstraat 12, 1234 AB, 06-12345678) cannot get a rent allowance.\n"
    "Bob Bakker and Dave Dekker tried twice; Carol helps on Mondays."
)
SOLUTION = "Pay two months of rent for Alice from the breakthrough budget; Dave keeps the payment plan."


def textarea(response, name) -> str:
    """The text in a textarea of the page, as the browser shows it."""
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', response.content.decode(), re.S)
    assert match, f"no textarea {name}"
    return unescape(match.group(1))


class FormFields(HTMLParser):
    """What a browser would send back from the page's filing form: its hidden fields and textareas."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name") != "csrfmiddlewaretoken":
            self.data.setdefault(attrs["name"], []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.data[self._textarea][0] = self.data[self._textarea][0].removeprefix("\n")
            self._textarea = None


def form_fields(response) -> dict[str, list[str]]:
    parser = FormFields()
    parser.feed(response.content.decode())
    return parser.data


class BreakthroughFileTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = cls.conference_planned()
        cls.housing = Theme.objects.create(name="Huisvesting")
        cls.money = Theme.objects.create(name="Inkomen")

    def url(self, conference=None):
        return f"/overleg/{(conference or self.conference).pk}/doorbraak/"

    def step_one(self, **changes):
        data = {
            "obstacle": OBSTACLE,
            "solution": SOLUTION,
            "cost_solution": "1700",
            "cost_nothing": "14000",
            "cost_note": "Shelter costs about 140 euro a night.",
            "resident_words": "I just want to stay in my home with my children.",
            "domain": str(self.plan_domain().pk),
            "themes": [str(self.housing.pk)],
            "new_theme": "",
        }
        data.update(changes)
        return data

    def file(self, **changes):
        data = self.step_one(
            step="file",
            anonymous_obstacle="[naam] cannot get a rent allowance. Two payment plans were tried.",
            anonymous_solution="Pay two months of rent from the breakthrough budget.",
        )
        data.update(changes)
        return self.client.post(self.url(), data)

    def test_it_shows_the_coordinator_the_first_step(self):
        self.login(self.bob)
        response = self.client.get(self.url())
        self.assertContains(response, "Doorbraak aanvragen")
        self.assertContains(response, "Stap 1 van 2")
        self.assertContains(response, "Wat Alice er zelf over zegt")
        self.assertContains(response, "Huisvesting")

    def test_only_the_coordinator_files_a_request(self):
        others = [self.alice, self.carol, self.dave, self.erin, *self.outsiders]
        self.assert_not_found_for(others, self.url())
        self.assert_not_found_for(others, self.url(), method="post", data=self.step_one(step="check"))
        self.assert_not_found_for(others, self.url(), method="post", data=self.step_one(step="file"))
        self.assertFalse(BreakthroughRequest.objects.exists())

    def test_it_is_not_possible_once_the_conference_is_not_planned(self):
        for status in (Conference.Status.PROPOSED, Conference.Status.CLOSED, Conference.Status.CANCELLED):
            Conference.objects.filter(pk=self.conference.pk).update(status=status)
            self.assert_not_found_for([self.bob], self.url())
            self.assert_not_found_for([self.bob], self.url(), method="post", data=self.step_one(step="check"))

    def test_it_is_not_possible_in_a_closed_plan(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assert_not_found_for([self.bob], self.url())

    def test_the_first_step_says_what_is_missing_and_keeps_what_was_typed(self):
        self.login(self.bob)
        response = self.client.post(
            self.url(),
            self.step_one(step="check", solution="", cost_solution="-5", cost_nothing="veel", themes=[]),
        )
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Schrijf op wat de beste oplossing is.")
        self.assertContains(response, "Het bedrag kan niet lager zijn dan 0.")
        self.assertContains(response, "Schrijf het bedrag in hele euro&#x27;s")
        self.assertContains(response, "Kies minstens één thema, of schrijf een nieuw thema.")
        self.assertContains(response, 'href="#id_themes_0"')
        self.assertEqual(textarea(response, "obstacle"), OBSTACLE)
        self.assertContains(response, "I just want to stay in my home")
        self.assertContains(response, "Stap 1 van 2")

    def test_the_second_step_shows_the_copy_without_the_names_the_plan_knows(self):
        self.login(self.bob)
        response = self.client.post(self.url(), self.step_one(step="check"))
        self.assertContains(response, "Controleer de anonieme kopie")
        obstacle = textarea(response, "anonymous_obstacle")
        solution = textarea(response, "anonymous_solution")
        for text in (obstacle, solution):
            for personal in ("Alice", "Aarts", "Bob", "Bakker", "Dave", "Dekker", "Carol", "1234 AB", "12345678"):
                self.assertNotIn(personal, text)
        self.assertIn("[naam]", obstacle)
        self.assertIn("[postcode]", obstacle)
        self.assertIn("[telefoonnummer]", obstacle)
        self.assertIn("rent allowance", obstacle)
        # What else the copy carries: themes, wijk, month and both costs.
        self.assertContains(response, "Huisvesting")
        self.assertContains(response, "Helmstad-West")
        self.assertContains(response, timezone.localdate().strftime("%Y"))
        self.assertContains(response, "€&nbsp;14.000")
        self.assertContains(response, "Verstuur naar de doorbraakfunctionaris")

    def test_a_name_of_someone_at_the_table_is_taken_out_too(self):
        self.conference.participants.update(name="Zeynep Yilmaz")
        self.login(self.bob)
        response = self.client.post(self.url(), self.step_one(step="check", obstacle="Zeynep Yilmaz asked first."))
        self.assertEqual(textarea(response, "anonymous_obstacle"), "[naam] asked first.")

    def test_back_returns_to_the_first_step_with_everything_kept(self):
        self.login(self.bob)
        response = self.client.post(self.url(), self.step_one(step="back", cost_solution="1800"))
        self.assertContains(response, "Stap 1 van 2")
        self.assertEqual(textarea(response, "obstacle"), OBSTACLE)
        self.assertContains(response, 'value="1800"')
        self.assertNotContains(response, "Er klopt nog iets niet")

    def test_personal_data_left_in_the_copy_is_refused_with_the_text_kept(self):
        self.login(self.bob)
        response = self.file(anonymous_obstacle="Mevrouw Aarts in 1234 AB cannot pay the rent.")
        self.assertContains(response, "Hier staat nog iets persoonlijks in")
        self.assertContains(response, "“Aarts”")
        self.assertContains(response, "“1234 AB”")
        self.assertEqual(textarea(response, "anonymous_obstacle"), "Mevrouw Aarts in 1234 AB cannot pay the rent.")
        self.assertFalse(BreakthroughRequest.objects.exists())
        self.assertFalse(ObstacleRecord.objects.exists())

    def test_filing_makes_the_request_and_its_anonymous_copy(self):
        self.login(self.bob)
        response = self.file(new_theme="  huisvesting ")
        request = BreakthroughRequest.objects.get()
        self.assertRedirects(response, f"/overleg/{self.conference.pk}/", fetch_redirect_response=False)
        self.assertEqual((request.conference, request.plan, request.filed_by), (self.conference, self.plan, self.bob))
        self.assertEqual(request.status, BreakthroughRequest.Status.SUBMITTED)
        self.assertEqual((request.obstacle, request.cost_solution, request.cost_nothing), (OBSTACLE, 1700, 14000))
        self.assertEqual(request.resident_words, "I just want to stay in my home with my children.")
        self.assertEqual(request.decide_by, working_days_after(timezone.localdate(), 10))
        self.assertLess(request.decide_by.weekday(), 5)
        record = request.anonymous_copy
        self.assertEqual(record.obstacle, "[naam] cannot get a rent allowance. Two payment plans were tried.")
        self.assertEqual(record.filed_month, timezone.localdate().replace(day=1))
        self.assertEqual((record.wijk, record.domain), (self.wijk, self.plan_domain()))
        self.assertEqual((record.cost_solution, record.cost_nothing, record.outcome), (1700, 14000, ""))
        # "huisvesting" is the theme that exists already, whatever its capitals.
        self.assertEqual(list(record.themes.all()), [self.housing])
        self.assertEqual(Theme.objects.count(), 2)
        response = self.client.get(response.url)
        self.assertContains(response, "Het doorbraakverzoek is naar de doorbraakfunctionaris gestuurd.")

    def test_the_anonymous_copy_holds_no_personal_data_of_the_plan(self):
        self.login(self.bob)
        response = self.client.post(self.url(), self.step_one(step="check"))
        data = self.step_one(
            step="file",
            anonymous_obstacle=textarea(response, "anonymous_obstacle"),
            anonymous_solution=textarea(response, "anonymous_solution"),
        )
        self.client.post(self.url(), data)
        record = ObstacleRecord.objects.get()
        copy = f"{record.obstacle} {record.solution}"
        for personal in ("Alice", "Aarts", "Bob", "Bakker", "Dave", "Dekker", "Carol", "Kerkstraat", "1234", "0612"):
            self.assertNotIn(personal, copy)
        self.assertNotIn("12345678", copy)

    def test_the_same_form_sent_twice_files_one_request(self):
        self.login(self.bob)
        token = form_fields(self.client.get(self.url()))["submit_token"]
        data = form_fields(self.client.post(self.url(), self.step_one(step="check", submit_token=token)))
        self.assertEqual(data["submit_token"], token)
        self.client.post(self.url(), {**data, "step": "file"})
        self.client.post(self.url(), {**data, "step": "file"})
        self.assertEqual(BreakthroughRequest.objects.filter(conference=self.conference).count(), 1)

    def test_the_second_step_carries_the_first_along_unchanged(self):
        self.login(self.bob)
        step_two = self.client.post(self.url(), self.step_one(step="check", themes=[self.housing.pk, self.money.pk]))
        data = form_fields(step_two)
        self.assertEqual(data["obstacle"], [OBSTACLE])
        response = self.client.post(self.url(), {**data, "step": "file"})
        self.assertEqual(response.status_code, 302)
        request = BreakthroughRequest.objects.get()
        self.assertEqual(request.obstacle, OBSTACLE)
        self.assertEqual(request.cost_note, "Shelter costs about 140 euro a night.")
        self.assertEqual(set(request.anonymous_copy.themes.all()), {self.housing, self.money})
        self.assertEqual(request.anonymous_copy.domain, self.plan_domain())

    def test_a_new_theme_becomes_a_theme_for_everyone(self):
        self.login(self.bob)
        self.file(themes=[], new_theme="Regels   voor jongeren")
        theme = Theme.objects.get(name="Regels voor jongeren")
        self.assertEqual(theme.created_by, self.bob)
        self.assertEqual(list(ObstacleRecord.objects.get().themes.all()), [theme])

    def test_filing_tells_the_officer_and_the_resident_and_is_audited(self):
        other_officer = UserFactory(username="otto", role=self.brit.role)
        gone = UserFactory(username="gone", role=self.brit.role, is_active=False)
        self.login(self.bob)
        self.file()
        request = BreakthroughRequest.objects.get()
        for officer in (self.brit, other_officer):
            notification = Notification.objects.get(user=officer)
            self.assertEqual(notification.kind, Notification.Kind.BREAKTHROUGH_RECEIVED)
            self.assertEqual(notification.url, f"/doorbraak/{request.pk}/")
        self.assertFalse(Notification.objects.filter(user=gone).exists())
        told = Notification.objects.get(user=self.alice)
        self.assertEqual(
            (told.kind, told.url), (Notification.Kind.CONFERENCE_CHANGED, f"/overleg/{self.conference.pk}/")
        )
        self.assertFalse(Notification.objects.filter(user__in=[self.bob, self.dave, self.carol]).exists())
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, actor_id=self.bob.pk).get()
        self.assertIn(f",breakthrough:{request.pk},", entry.records)
        self.assertEqual(entry.plan_id, self.plan.pk)

    def test_a_representative_for_all_parts_is_told_too(self):
        representative = UserFactory(username="rita", first_name="Rita", role="network")
        membership = self.add_member(representative, Membership.Role.NETWORK, {})
        Membership.objects.filter(pk=membership.pk).update(role=Membership.Role.REPRESENTATIVE)
        self.login(self.bob)
        self.file(anonymous_obstacle="The rent allowance stops.")
        self.assertTrue(
            Notification.objects.filter(user=representative, kind=Notification.Kind.CONFERENCE_CHANGED).exists()
        )


class ConferencePageTestCase(BaseTestCase):
    """The section "Doorbraak" on the conference page."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = cls.conference_planned()

    def url(self):
        return f"/overleg/{self.conference.pk}/"

    def test_it_shows_nothing_to_the_resident_without_requests(self):
        self.login(self.alice)
        response = self.client.get(self.url())
        self.assertNotContains(response, 'id="h-breakthrough"')

    def test_the_coordinator_sees_the_link_to_ask_for_a_breakthrough(self):
        self.login(self.bob)
        response = self.client.get(self.url())
        self.assertContains(response, 'id="h-breakthrough"')
        self.assertContains(response, f'href="/overleg/{self.conference.pk}/doorbraak/"')
        self.assertContains(response, "Doorbraak aanvragen")

    def test_the_link_is_gone_once_the_conference_closed(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.CLOSED)
        self.login(self.bob)
        self.assertNotContains(self.client.get(self.url()), "Doorbraak aanvragen")

    def test_the_resident_reads_the_request_in_plain_words(self):
        BreakthroughFactory(
            conference=self.conference,
            plan=self.plan,
            filed_by=self.bob,
            resident_words="MARKER-OWN-WORDS",
            decide_by=timezone.localdate().replace(year=2031, month=1, day=6),
        )
        self.login(self.alice)
        response = self.client.get(self.url())
        self.assertContains(response, "Doorbraak")
        self.assertContains(
            response,
            "Soms staat een regel of een budget de beste oplossing in de weg. "
            "Dan vraagt je coördinator de gemeente om een doorbraak.",
        )
        self.assertContains(response, "Wacht op een besluit")
        self.assertContains(response, "De gemeente beslist uiterlijk maandag 6 januari 2031.")
        self.assertContains(response, "The budget for urgent housing is spent for this year.")
        self.assertContains(response, "€&nbsp;1.700")
        self.assertContains(response, "In je eigen woorden")
        self.assertContains(response, "MARKER-OWN-WORDS")
        self.assertNotContains(response, "Doorbraak aanvragen")

    def test_the_decision_shows_with_its_reason(self):
        BreakthroughFactory(
            conference=self.conference,
            plan=self.plan,
            filed_by=self.bob,
            status=BreakthroughRequest.Status.REFUSED,
            decided_by=self.brit,
            decided_at=timezone.now(),
            decision_note="The rules leave no room for rent from this budget.",
        )
        for user in (self.alice, self.bob, self.dave):
            self.login(user)
            response = self.client.get(self.url())
            self.assertContains(response, "De gemeente heeft het verzoek afgewezen:")
            self.assertContains(response, "The rules leave no room for rent from this budget.")
            self.assertContains(response, "Brit Bosman")


class ThemeAdminTestCase(BaseTestCase):
    def test_the_platform_admin_edits_themes_and_reads_anonymous_copies(self):
        record = ObstacleRecord.objects.create(
            filed_month=timezone.localdate().replace(day=1),
            obstacle="[naam] cannot get a rent allowance.",
            solution="Pay the rent.",
            cost_solution=100,
            cost_nothing=1000,
        )
        self.login(self.pam)
        response = self.client.post("/admin/conferences/theme/add/", {"name": "Schulden"})
        self.assertEqual(response.status_code, 302)
        theme = Theme.objects.get(name="Schulden")
        self.assertEqual(theme.created_by, self.pam)
        entry = AuditEntry.objects.filter(actor_id=self.pam.pk, action=AuditEntry.Action.CREATE).get()
        self.assertIn("Schulden", entry.reason)
        self.assertContains(self.client.get(f"/admin/conferences/obstaclerecord/{record.pk}/change/"), "rent allowance")
        self.assertEqual(self.client.get("/admin/conferences/obstaclerecord/add/").status_code, 403)
        self.client.post(f"/admin/conferences/obstaclerecord/{record.pk}/change/", {"obstacle": "changed"})
        record.refresh_from_db()
        self.assertEqual(record.obstacle, "[naam] cannot get a rent allowance.")

    def test_requests_and_conferences_are_not_in_the_admin(self):
        self.login(self.pam)
        for path in ("/admin/conferences/breakthroughrequest/", "/admin/conferences/conference/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_nobody_else_gets_into_the_themes(self):
        for user in (self.bob, self.brit, self.ann):
            user.is_staff = True
            user.save()
            self.login(user)
            response = self.client.get("/admin/conferences/theme/")
            self.assertEqual(response.status_code, 302)
