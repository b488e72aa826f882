"""An analyst sees the wijken of their own municipality only: in the filter, in the rows
by wijk, in the CSV file; another municipality's wijk asked for by its id is refused."""

from __future__ import annotations

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.insights.refresh import refresh
from samenplan.testing import insights_world
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import MunicipalityFactory, OrganisationFactory, UserFactory

TOWN = [("Helmstad-West", "west", 40), ("Helmstad-Oost", "oost", 40), ("Verweg-Noord", "verweg-noord", 40)]


class AnalystMunicipalityTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        insights_world.build(wijken=TOWN, seed=5)
        cls.verweg = MunicipalityFactory(name="Verweg", code="GM0998")
        cls.far_wijk = Wijk.objects.get(code="verweg-noord")
        Wijk.objects.filter(pk=cls.far_wijk.pk).update(municipality=cls.verweg)
        refresh()
        town_hall = OrganisationFactory(
            name="Gemeente Verweg", kind=Organisation.Kind.MUNICIPALITY, municipality=cls.verweg
        )
        cls.vera = UserFactory(username="vera", role=User.Role.ANALYST, organisation=town_hall)

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode("utf-8")

    def test_an_analyst_never_sees_another_municipalitys_wijk(self):
        self.login(self.ann)
        for url in ("/inzicht/", "/inzicht/cijfers.csv", "/inzicht/rode-draden/", "/inzicht/rode-draden/cijfers.csv"):
            page = self.get(url)
            self.assertNotIn("Verweg-Noord", page, url)
        self.assertIn("Helmstad-Oost", self.get("/inzicht/"))

    def test_another_municipalitys_wijk_asked_for_by_id_is_refused(self):
        self.login(self.ann)
        page = self.get(f"/inzicht/?wijk={self.far_wijk.pk}")
        self.assertIn("Je ziet nu alle wijken", page)
        self.assertNotIn("Verweg-Noord", page)
        rows = self.get(f"/inzicht/cijfers.csv?wijk={self.far_wijk.pk}")
        self.assertNotIn("Verweg-Noord", rows)

    def test_the_other_municipalitys_analyst_sees_only_their_own_wijk(self):
        self.login(self.vera)
        page = self.get("/inzicht/")
        self.assertIn("Verweg-Noord", page)
        self.assertNotIn("Helmstad-Oost", page)
        self.assertIn("Verweg-Noord", self.get(f"/inzicht/?wijk={self.far_wijk.pk}"))
