"""Whose voice: on the resident's own pages Samenplan speaks to them ("je", "Mijn verhaal");
to everyone else it speaks about the resident by first name ("Alice's verhaal")."""

import re
from datetime import UTC, date, datetime, timedelta
from gettext import GNUTranslations
from pathlib import Path

import django
from django import forms
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext, pgettext

from samenplan.lib.templatetags.site_extras import short_date, summary_label
from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.plans.models import Strength
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part, part_label, possessive
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, UserFactory, WijkFactory
from samenplan.testing.urlwalk import POST_ONLY, fill, plan_routes


class PartNamesTestCase(BaseTestCase):
    def plan_url(self, suffix=""):
        return f"/plans/{self.plan.pk}/{suffix}"

    def test_it_speaks_to_the_owner_in_her_own_words(self):
        self.login(self.alice)
        page = self.client.get(self.plan_url())
        self.assertContains(page, ">Mijn verhaal</a>")
        self.assertContains(page, ">Mijn netwerk</a>")
        self.assertNotContains(page, "Alice&#x27;s verhaal")

    def test_it_names_the_parts_after_alice_for_everyone_else(self):
        self.login(self.bob)
        page = self.client.get(self.plan_url())
        self.assertContains(page, ">Alice&#x27;s verhaal</a>")
        self.assertContains(page, ">Wat Alice belangrijk vindt</a>")
        self.assertContains(page, ">Alice&#x27;s sterke kanten</a>")
        self.assertContains(page, ">Alice&#x27;s netwerk</a>")
        self.assertNotContains(page, "Mijn verhaal")
        self.assertNotContains(page, "Wat kan ik zelf")
        story = self.client.get(self.plan_url("story/"))
        self.assertContains(story, "<h1>Alice&#x27;s verhaal</h1>", html=True)
        self.assertContains(story, "<title>Alice&#x27;s verhaal · Samenplan</title>", html=True)

    def test_the_printed_plan_speaks_about_alice_to_others(self):
        self.login(self.bob)
        page = self.client.get(self.plan_url("print/"))
        self.assertContains(page, "<h2>Alice&#x27;s verhaal</h2>", html=True)
        self.assertContains(page, "Nog niet bevestigd door Alice.")
        self.assertNotContains(page, "inwoner")
        self.login(self.alice)
        self.assertContains(self.client.get(self.plan_url("print/")), "<h2>Mijn verhaal</h2>", html=True)

    def test_what_alice_sees_as_someone_else_is_in_their_voice(self):
        self.login(self.alice)
        page = self.client.get(self.plan_url(f"sharing/view-as/{self.dave_membership.pk}/"))
        self.assertContains(page, "Alice&#x27;s verhaal")

    def test_a_name_ending_in_an_s_sound_takes_only_the_apostrophe(self):
        self.assertEqual(possessive("Fatima"), "Fatima's")
        self.assertEqual(possessive("Kees"), "Kees'")
        self.assertEqual(possessive("Max"), "Max'")
        self.assertEqual(possessive("Inez"), "Inez'")
        with translation.override("nl"):
            self.assertEqual(part_label(Part.STORY, owner_name="Kees"), "Kees' verhaal")
            self.assertEqual(part_label(Part.STORY, owner_name=None), "Mijn verhaal")
            self.assertEqual(part_label(Part.GOALS, owner_name="Kees"), "Doelen")
        with translation.override("en"):
            self.assertEqual(part_label(Part.STORY, owner_name="Fatima"), "Fatima's story")


class NoInwonerTestCase(BaseTestCase):
    def fill_the_plan(self):
        """Something in every part, so the walk meets every sentence a part can show."""
        for instrument in Instrument.objects.all():
            for perspective, by, days_ago in (
                ("resident", self.alice, 30),
                ("resident", self.alice, 1),
                ("professional", self.bob, 2),
            ):
                measurement = Measurement.objects.create(
                    plan=self.plan, instrument=instrument, perspective=perspective, recorded_by=by
                )
                Measurement.objects.filter(pk=measurement.pk).update(
                    recorded_at=timezone.now() - timedelta(days=days_ago)
                )
                Answer.objects.bulk_create(
                    Answer(measurement=measurement, item=item, value=instrument.min_value)
                    for item in instrument.items.all()
                )
        Strength.objects.create(plan=self.plan, kind=Strength.Kind.SELF, text="Koken", rank=1)
        Strength.objects.create(plan=self.plan, kind=Strength.Kind.NETWORK, text="Boodschappen", who="Carol", rank=1)
        AgreementFactory(plan=self.plan, who_kind="resident", what="Zelf bellen")
        # A representative, and something they did on Alice's behalf.
        gerard = UserFactory(username="gerard", first_name="Gerard", role="network")
        membership = self.add_member(gerard, Membership.Role.REPRESENTATIVE, {Part.ASSESSMENT: Level.CONTRIBUTE})
        Membership.objects.filter(pk=membership.pk).update(representation="mentor", represents=["assessment"])
        instrument = Instrument.objects.first()
        Measurement.objects.create(
            plan=self.plan, instrument=instrument, perspective="resident", recorded_by=gerard, on_behalf=True
        )

    def test_no_page_the_resident_opens_calls_her_de_inwoner(self):
        values = self.url_values()
        self.fill_the_plan()
        self.login(self.alice)
        opened, offenders = [], []
        for route in plan_routes():
            if route.endswith(POST_ONLY) or "download" in route:
                continue
            url = fill(route, values)
            if url is None:
                continue
            response = self.client.get(url)
            if response.status_code != 200:
                continue
            opened.append(url)
            if "inwoner" in response.content.decode().lower():
                offenders.append(url)
        for url in ("/", "/accounts/", "/notifications/"):
            if "inwoner" in self.client.get(url, follow=True).content.decode().lower():
                offenders.append(url)
        self.assertGreater(len(opened), 15)
        self.assertEqual(offenders, [], "these pages say 'inwoner' to the resident")


class EmergencyMenuTestCase(BaseTestCase):
    def menu(self, user):
        self.login(user)
        return self.client.get(f"/plans/{self.plan.pk}/").content.decode()

    def test_someone_who_sees_everything_is_not_offered_emergency_access(self):
        # Bob coordinates with every part granted: the emergency page would only answer 404.
        self.assertNotIn(">Noodtoegang</a>", self.menu(self.bob))
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/emergency/").status_code, 404)

    def test_a_professional_with_parts_left_to_open_is_offered_it(self):
        self.assertIn(">Noodtoegang</a>", self.menu(self.dave))
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/emergency/").status_code, 200)

    def test_the_resident_who_watches_emergencies_keeps_it(self):
        self.assertIn(">Noodtoegang</a>", self.menu(self.alice))

    def test_family_is_not_offered_it(self):
        self.assertNotIn(">Noodtoegang</a>", self.menu(self.carol))


class FooterTestCase(BaseTestCase):
    RESIDENT_LINE = "jouw plan, jouw keuze"

    def test_residents_and_visitors_read_your_plan_your_choice(self):
        self.assertContains(self.client.get("/accounts/login/"), self.RESIDENT_LINE)
        self.login(self.alice)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/"), self.RESIDENT_LINE)

    def test_professionals_network_and_admins_read_a_neutral_line(self):
        for user in (self.bob, self.carol, self.pam):
            self.login(user)
            page = self.client.get("/accounts/")
            self.assertNotContains(page, self.RESIDENT_LINE)
            self.assertContains(page, "Wie wat ziet, bepaalt degene van wie het plan is.")


class ExampleForm(forms.Form):
    what = forms.CharField(label="Wat is er gebeurd?")
    until = forms.DateField(label="Tot en met (niet verplicht)", required=False)
    english = forms.CharField(label="Until (optional)", required=False, max_length=2)


class ErrorSummaryTestCase(SimpleTestCase):
    def test_the_summary_lists_clean_labels(self):
        with translation.override("nl"):
            form = ExampleForm({"what": "", "until": "gisteren", "english": "long"})
            html = render_to_string("forms/error_summary.html", {"form": form})
        self.assertIn("Wat is er gebeurd: ", html)
        self.assertIn("Tot en met: ", html)
        self.assertIn("Until: ", html)
        self.assertNotIn("?:", html)
        self.assertNotIn("niet verplicht", html)
        self.assertNotIn("optional", html)

    def test_summary_label_keeps_a_plain_label(self):
        self.assertEqual(summary_label("E-mailadres"), "E-mailadres")


class ShortDateTestCase(SimpleTestCase):
    def test_dutch_months_are_lower_case_with_a_full_stop(self):
        with translation.override("nl"):
            self.assertEqual(short_date(date(2026, 3, 3)), "3 mrt. 2026")
            self.assertEqual(short_date(date(2026, 5, 12)), "12 mei 2026")
            # Late in the evening UTC is already the next day in Amsterdam.
            self.assertEqual(short_date(datetime(2026, 3, 3, 23, 30, tzinfo=UTC)), "4 mrt. 2026")
        with translation.override("en"):
            self.assertEqual(short_date(date(2026, 3, 3)), "3 Mar 2026")


class RepresentativeVoiceTestCase(BaseTestCase):
    def test_a_representative_reads_about_the_resident_by_first_name(self):
        gerard = UserFactory(username="gerard", first_name="Gerard", role="network")
        membership = self.add_member(gerard, Membership.Role.REPRESENTATIVE, {Part.STORY: Level.CONTRIBUTE})
        Membership.objects.filter(pk=membership.pk).update(representation="bewindvoerder", represents=["story"])
        self.login(gerard)
        page = self.client.get(f"/plans/{self.plan.pk}/story/")
        self.assertContains(page, "<h1>Alice&#x27;s verhaal</h1>", html=True)
        self.assertContains(page, "Als je bevestigt, doe je dat namens Alice.")
        self.assertContains(page, ">Wie heeft Alice&#x27;s plan bekeken</a>")
        self.assertNotContains(page, "Wie heeft mijn plan bekeken")


class AdminVoiceTestCase(BaseTestCase):
    """Django's own Dutch (the admin, account and form texts) says "u"; Samenplan says "je"."""

    # Pages Samenplan never shows: Django's CSRF page (lib/errors.csrf_failure replaces it)
    # and the debug pages.
    NEVER_SHOWN = ("You are seeing this", "If you have configured your browser", "If you are using the <meta")

    def test_no_django_text_the_app_shows_says_u(self):
        django_dir = Path(django.__file__).parent
        formal = re.compile(r"\b([Uu]|[Uu]w)\b")
        said = []
        with translation.override("nl"):
            for catalogue in ("contrib/admin", "contrib/auth", "conf"):
                with open(django_dir / catalogue / "locale/nl/LC_MESSAGES/django.mo", "rb") as file:
                    keys = GNUTranslations(file)._catalog
                for key in keys:
                    if isinstance(key, tuple):  # a plural form: (msgid, index)
                        texts = [ngettext(key[0], key[0], n) for n in (1, 2)]
                        msgid = key[0]
                    elif "\x04" in key:  # a text with a context
                        context, msgid = key.split("\x04", 1)
                        texts = [pgettext(context, msgid)]
                    else:
                        msgid = key
                        texts = [gettext(key)] if key else []
                    if not msgid.startswith(self.NEVER_SHOWN):
                        said += [text for text in texts if formal.search(text)]
        self.assertEqual(sorted(set(said)), [])

    def test_the_admin_asks_whether_you_are_sure_with_je(self):
        self.login(self.pam)
        empty = WijkFactory(name="Leeg", code="leeg")
        page = self.client.get(f"/admin/accounts/wijk/{empty.pk}/delete/")
        self.assertContains(page, "Weet je zeker dat je wijk")
        self.assertNotContains(page, "Weet u")
