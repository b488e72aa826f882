"""The demo's learning session: participants of several organisations read Fatima's case
without a single name from her plan."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from samenplan.accounts.models import User

from ..models import Case, Observation, Proposal, Session, SessionTheme


class DemoLearningTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--json", stdout=StringIO())

    def test_the_session_shows_fatimas_case_without_names(self):
        session = Session.objects.get(title="Leersessie schulden en wonen")
        organisations = {p.organisation_id for p in session.participants.all()} | {session.organiser.organisation_id}
        self.assertGreaterEqual(len(organisations), 4)
        case = session.cases.get()
        self.assertEqual((case.status, case.decided_by.username), (Case.Status.SHARED, "fatima"))
        self.assertEqual(Observation.objects.filter(session=session).count(), 2)
        self.assertEqual(SessionTheme.objects.filter(session=session).count(), 3)
        self.assertEqual(Proposal.objects.get(session=session).status, Proposal.Status.SENT)

        self.client.force_login(User.objects.get(username="mark.woonbedrijf"))
        response = self.client.get(f"/leersessies/{session.pk}/")
        self.assertContains(response, "de inwoner")
        # The case itself (the participants are named, with their organisations, above it).
        article = response.content.decode().split('<h2 id="h-cases">')[1].split("</article>")[0]
        self.assertIn("Mijn zus netwerklid (andere familie) helpt me veel", article)
        for name in ("Fatima", "Amrani", "Samira", "Amin", "Helmstad-West", "Sanne"):
            self.assertNotIn(name, article)

    def test_building_twice_adds_nothing(self):
        before = (Session.objects.count(), Case.objects.count())
        call_command("demo", "--json", stdout=StringIO())
        self.assertEqual((Session.objects.count(), Case.objects.count()), before)
