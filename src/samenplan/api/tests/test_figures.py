"""The figures on the API: the analyst's session or a system with the `insights` scope gets
the same suppressed cells as the insights pages; nobody else gets any."""

from samenplan.accounts.models import Organisation, User
from samenplan.api.tests.partners import PartnerApiCase
from samenplan.audit.models import AuditEntry
from samenplan.insights import selectors
from samenplan.insights.measures import MEASURES
from samenplan.insights.refresh import refresh
from samenplan.testing import insights_world
from samenplan.testing.factories import OrganisationFactory, UserFactory

FIGURES = "/api/v1/insights/figures"


class FiguresTests(PartnerApiCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        insights_world.build(wijken=[("Helmstad-West", "west", 40), ("Helmstad-Klein", "klein", 4)], quarters=2)
        refresh()

    def setUp(self):
        self.municipality = OrganisationFactory(name="Gemeente", kind=Organisation.Kind.MUNICIPALITY)
        self.analyst = UserFactory(role=User.Role.ANALYST, organisation=self.municipality)

    def test_the_analyst_gets_the_same_cells_as_the_pages(self):
        self.login(self.analyst)
        measure = MEASURES[0].code
        response = self.client.get(FIGURES, {"measure": measure})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response["API-Version"], "1.0.0")
        cells = selectors.cells(measure)
        self.assertGreater(len(cells), 0)
        self.assertEqual(response.json()["count"], len(cells))
        rows = self.client.get(FIGURES, {"measure": measure, "pageSize": 200}).json()["results"]
        for row, cell in zip(rows, cells, strict=True):
            self.assertEqual(
                (row["quarter"], row["area"], row["node"], row["hidden"]),
                (cell.quarter, cell.area, cell.node, cell.hidden),
            )
        # The small wijk's figures are hidden: no number leaves for them.
        hidden = [row for row in rows if row["hidden"]]
        self.assertTrue(hidden)
        self.assertTrue(all(row["value"] is None and row["people"] is None for row in hidden))
        measures = self.client.get("/api/v1/insights/measures", {"pageSize": 200}).json()
        self.assertEqual([m["code"] for m in measures["results"]], [m.code for m in MEASURES])

    def test_an_unknown_measure_is_named_in_the_problem(self):
        self.login(self.analyst)
        response = self.client.get(FIGURES, {"measure": "nonsense"})
        self.assert_problem(response, 400)
        self.assertEqual(response.json()["invalidParams"][0]["name"], "measure")

    def test_a_resident_and_a_professional_get_none(self):
        for user in (self.alice, self.dave):
            self.login(user)
            self.assert_problem(self.client.get(FIGURES, {"measure": MEASURES[0].code}), 403)

    def test_a_system_needs_the_insights_scope_and_its_call_is_audited(self):
        system, token = self.connect(self.municipality, scopes=("insights",), name="Monitor")
        response = self.call("get", f"{FIGURES}?measure={MEASURES[0].code}", token)
        self.assertEqual(response.status_code, 200, response.content)
        entry = AuditEntry.objects.latest("pk")
        self.assertEqual((entry.actor_name, entry.actor_role), ("Monitor", "api_client"))
        self.assertIn(f"api_client:{system.pk}", entry.records)
        _other, narrow = self.connect(self.debt_team, scopes=("referrals",), name="Zaaksysteem")
        self.assert_problem(self.call("get", f"{FIGURES}?measure={MEASURES[0].code}", narrow), 403)
