"""Every wijk belongs to a municipality, and staff choose from their own municipality's
wijken only: the intake, the caseload filter, the organisation admin's location and
service forms. The public social map offers the installation's municipality's wijken."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from samenplan.accounts.models import Municipality, Organisation, User, Wijk
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import MunicipalityFactory, OrganisationFactory, UserFactory, WijkFactory


class WijkChoicesTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = Municipality.objects.deployment()
        cls.other = MunicipalityFactory(name="Gemeente Anderstad", code="GM0999")
        cls.far_wijk = WijkFactory(name="Anderstad-Centrum", code="anderstad-centrum", municipality=cls.other)
        cls.far_team = OrganisationFactory(
            name="Sociaal Team Anderstad",
            kind=Organisation.Kind.SOCIAL_TEAM,
            starts_plans=True,
            municipality=cls.other,
        )
        cls.far_team.wijken.add(cls.far_wijk)
        cls.fay = UserFactory(username="fay", role=User.Role.PROFESSIONAL, organisation=cls.far_team)
        cls.olga = UserFactory(username="olga", role=User.Role.ORG_ADMIN, organisation=cls.far_team)

    def test_it_puts_new_wijken_and_organisations_in_the_installations_municipality(self):
        self.assertEqual(self.home.code, settings.SAMENPLAN_MUNICIPALITY_CODE)
        self.assertEqual(self.home.name, settings.SAMENPLAN_MUNICIPALITY_NAME)
        self.assertEqual(self.wijk.municipality, self.home)
        self.assertEqual(self.social_team.municipality, self.home)
        self.assertEqual(Wijk.objects.create(name="Nieuw", code="nieuw").municipality, self.home)

    def test_the_intake_offers_only_the_professionals_own_wijken(self):
        self.login(self.bob)
        page = self.client.get(reverse("intake")).content.decode()
        self.assertIn("Helmstad-West", page)
        self.assertNotIn("Anderstad-Centrum", page)
        self.login(self.fay)
        page = self.client.get(reverse("intake")).content.decode()
        self.assertIn("Anderstad-Centrum", page)
        self.assertNotIn("Helmstad-West", page)

    def test_an_intake_in_another_municipalitys_wijk_is_refused(self):
        self.login(self.bob)
        people = User.objects.count()
        response = self.client.post(
            reverse("intake"),
            {
                "first_name": "Sam",
                "last_name": "Smit",
                "wijk": self.far_wijk.pk,
                "story": "Mijn verhaal.",
                "consent": "on",
            },
        )
        self.assertEqual(response.status_code, 200)
        # Nobody new: the intake makes the resident's account with the plan.
        self.assertEqual(User.objects.count(), people)
        self.assertFormError(
            response.context["form"], "wijk", [response.context["form"].fields["wijk"].error_messages["invalid_choice"]]
        )

    def test_the_caseload_filter_offers_only_the_professionals_own_wijken(self):
        self.login(self.bob)
        page = self.client.get(reverse("caseload")).content.decode()
        self.assertIn("Helmstad-West", page)
        self.assertNotIn("Anderstad-Centrum", page)

    def test_the_public_social_map_offers_the_installations_wijken(self):
        page = self.client.get(reverse("social_map")).content.decode()
        self.assertIn("Helmstad-West", page)
        self.assertNotIn("Anderstad-Centrum", page)

    def test_an_organisation_admin_places_locations_and_services_in_their_own_municipality(self):
        self.login(self.olga)
        for name in ("location_add", "service_add"):
            page = self.client.get(reverse(name)).content.decode()
            self.assertIn("Anderstad-Centrum", page, name)
            self.assertNotIn("Helmstad-West", page, name)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return MigrationExecutor(connection).loader.project_state(target[0]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_puts_existing_wijken_and_organisations_in_the_installations_municipality(transactional_db):
    before = _migrate([("accounts", "0007_oidc_identities")])
    try:
        wijk = before.get_model("accounts", "Wijk").objects.create(name="Oude wijk", code="oude-wijk")
        organisation = before.get_model("accounts", "Organisation").objects.create(
            name="Oude organisatie", kind="other"
        )

        _migrate([("accounts", "0009_municipality_required")])

        municipality = Municipality.objects.get(code=settings.SAMENPLAN_MUNICIPALITY_CODE)
        assert municipality.name == settings.SAMENPLAN_MUNICIPALITY_NAME
        assert Wijk.objects.get(pk=wijk.pk).municipality == municipality
        assert Organisation.objects.get(pk=organisation.pk).municipality == municipality
        assert not Wijk.objects.filter(municipality__isnull=True).exists()
    finally:
        # Going back to 0007 took every app that depends on a later accounts migration with
        # it: the whole schema comes back for the tests after this one.
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
