from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase


class NetworkTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/network/"

    def test_the_owner_adds_people_to_the_map_grouped_by_relation(self):
        self.login(self.alice)
        response = self.client.post(
            self.url, {"name": "Ria", "relation": "neighbour", "helps_with": "Past op de kinderen"}
        )
        ria = Membership.objects.get(name="Ria")
        self.assertRedirects(response, f"{self.url}#person-{ria.pk}", fetch_redirect_response=False)
        self.assertIsNone(ria.user)
        response = self.client.get(self.url)
        self.assertContains(response, "Buren")
        self.assertContains(response, "Past op de kinderen")
        self.assertContains(response, "Nee, alleen op deze pagina")
        self.assertContains(response, "Professionals")

    def test_a_person_on_the_map_sees_nothing(self):
        self.login(self.alice)
        self.client.post(self.url, {"name": "Ria", "relation": "neighbour"})
        self.assertFalse(Membership.objects.get(name="Ria").grants.exists())

    def test_a_name_is_required_and_kept_input_is_shown(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"name": "", "relation": "neighbour", "helps_with": "Boodschappen"})
        self.assertContains(response, 'id="id_name_error"')
        self.assertContains(response, 'value="Boodschappen"')

    def test_members_with_the_network_part_see_the_map_but_only_contributors_add(self):
        self.add_member(self.charlie, Membership.Role.PROFESSIONAL, {Part.NETWORK: Level.VIEW})
        self.login(self.charlie)
        response = self.client.get(self.url)
        self.assertContains(response, "Carol")
        self.assertNotContains(response, 'name="helps_with"')
        self.assert_not_found_for([self.charlie], self.url, method="post", data={"name": "X", "relation": "friend"})

    def test_people_without_the_network_part_get_404(self):
        self.assert_not_found_for([self.carol, self.dave, self.erin, *self.outsiders], self.url)

    def test_editing_a_person_changes_the_map(self):
        self.login(self.alice)
        response = self.client.post(
            f"{self.url}{self.carol_membership.pk}/", {"relation": "family", "helps_with": "Koken op zondag"}
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.carol_membership.refresh_from_db()
        self.assertEqual(self.carol_membership.helps_with, "Koken op zondag")
