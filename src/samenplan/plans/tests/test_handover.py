from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.plans.models import Plan
from samenplan.sharing.models import Grant, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory


class HandoverTestCase(BaseTestCase):
    """The coordinator hands the role to a professional already in the plan."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/handover/"

    def levels(self, membership):
        return dict(Grant.objects.filter(membership=membership).values_list("part", "level"))

    def test_the_coordinator_hands_over_to_a_professional_in_the_plan(self):
        before = {m.pk: self.levels(m) for m in (self.bob_membership, self.dave_membership)}
        self.login(self.bob)
        page = self.client.get(self.url)
        self.assertContains(page, "Dave")
        self.assertNotContains(page, "Carol")  # family is no colleague
        response = self.client.post(self.url, {"membership": self.dave_membership.pk})
        self.assertRedirects(response, "/caseload/", fetch_redirect_response=False)
        self.dave_membership.refresh_from_db()
        self.bob_membership.refresh_from_db()
        self.assertEqual(self.dave_membership.role, Membership.Role.COORDINATOR)
        self.assertEqual(self.bob_membership.role, Membership.Role.PROFESSIONAL)
        # Nobody sees more or less than the resident granted.
        self.assertEqual({m.pk: self.levels(m) for m in (self.bob_membership, self.dave_membership)}, before)
        self.login(self.dave)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/strengths/").status_code, 404)

    def test_the_resident_is_told_and_it_is_audited(self):
        self.login(self.bob)
        self.client.post(self.url, {"membership": self.dave_membership.pk})
        told = Notification.objects.filter(kind=Notification.Kind.COORDINATOR_CHANGED)
        self.assertEqual(set(told.values_list("user", flat=True)), {self.alice.pk, self.dave.pk})
        entry = AuditEntry.objects.filter(plan_id=self.plan.pk, action=AuditEntry.Action.SHARE).last()
        self.assertEqual(entry.actor_id, self.bob.pk)

    def test_only_to_a_professional_who_is_in_the_plan(self):
        stranger = UserFactory(role="professional", organisation=self.social_team)
        self.login(self.bob)
        for choice in (self.carol_membership.pk, stranger.pk + 1000, ""):
            response = self.client.post(self.url, {"membership": choice})
            self.assertContains(response, 'id="id_membership_error"')
        self.bob_membership.refresh_from_db()
        self.assertEqual(self.bob_membership.role, Membership.Role.COORDINATOR)

    def test_only_the_coordinator_may_hand_over(self):
        self.assert_not_found_for([self.dave, self.carol, self.erin, self.charlie], self.url)
        self.assert_not_found_for(
            [self.dave, self.carol, self.charlie, self.alice, *self.outsiders],
            self.url,
            method="post",
            data={"membership": self.dave_membership.pk},
        )
        self.dave_membership.refresh_from_db()
        self.assertEqual(self.dave_membership.role, Membership.Role.PROFESSIONAL)

    def test_a_coordinator_who_may_not_see_the_network_is_sent_to_the_resident(self):
        Grant.objects.filter(membership=self.bob_membership, part=Part.NETWORK).delete()
        self.login(self.bob)
        page = self.client.get(self.url)
        self.assertContains(page, "Je kunt niet zien wie er in het netwerk van Alice zit")
        self.assertNotContains(page, "Dave")
        self.assertEqual(self.client.post(self.url, {"membership": self.dave_membership.pk}).status_code, 404)

    def test_the_resident_is_told_where_to_choose_the_coordinator(self):
        self.login(self.alice)
        page = self.client.get(self.url)
        self.assertContains(page, "Jij kiest wie je regisseur is")
        self.assertContains(page, f"/plans/{self.plan.pk}/network/")
        self.assertNotContains(page, "inwoner")

    def test_not_in_a_closed_plan(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assert_not_found_for([self.bob], self.url)

    def test_the_page_explains_how_to_cover_for_a_sick_colleague(self):
        self.login(self.bob)
        page = self.client.get(self.url)
        self.assertContains(page, "Vraag het aan Alice")
        self.assertContains(page, "noodtoegang")

    def test_the_plan_page_links_to_it_for_the_coordinator_only(self):
        self.login(self.bob)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/"), self.url)
        self.login(self.dave)
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/"), self.url)


class IntakeDefaultsLetCoordinatorReplyTestCase(BaseTestCase):
    def test_a_coordinator_who_keeps_the_suggested_choices_may_answer_messages(self):
        from samenplan.plans.forms import IntakeForm
        from samenplan.sharing.policy import access_for

        form = IntakeForm()
        suggested = {f"part_{part.value}": form.fields[f"part_{part.value}"].initial for part in Part}
        self.login(self.bob)
        self.client.post(
            "/intake/",
            {"first_name": "Fatima", "last_name": "E", "email": "", "wijk": self.wijk.pk, "story": "s", "consent": "on"}
            | suggested,
        )
        plan = Plan.objects.get(owner__first_name="Fatima")
        access = access_for(self.bob, plan)
        self.assertTrue(access.can_contribute(Part.CONVERSATIONS))
        self.assertTrue(all(access.can_contribute(part) for part in Part))
        self.assertEqual(Level.CONTRIBUTE, access.level(Part.CONVERSATIONS))
