from django.contrib import admin

from samenplan.lib.testing import BaseTestCase
from samenplan.measuring.models import Instrument


class AdminTestCase(BaseTestCase):
    def test_plan_content_is_not_in_the_admin(self):
        registered = {model._meta.app_label for model in admin.site._registry}
        self.assertNotIn("plans", registered)
        self.assertNotIn("sharing", registered)
        self.login(self.pam)
        for path in ("/admin/plans/plan/", "/admin/plans/goal/", "/admin/sharing/grant/", "/admin/measuring/answer/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_the_platform_admin_configures_instruments_and_organisations(self):
        self.login(self.pam)
        instrument = Instrument.objects.get(code="zelfredzaamheid")
        response = self.client.get(f"/admin/measuring/instrument/{instrument.pk}/change/")
        self.assertContains(response, "Geldzaken")
        self.assertEqual(self.client.get("/admin/accounts/organisation/").status_code, 200)
        self.assertEqual(self.client.get("/admin/accounts/wijk/").status_code, 200)

    def test_residents_and_their_network_are_not_listed_in_the_admin(self):
        self.login(self.pam)
        response = self.client.get("/admin/accounts/user/")
        self.assertContains(response, "charlie")
        self.assertNotContains(response, "alice")
        self.assertNotContains(response, "carol")
        self.assertEqual(self.client.get(f"/admin/accounts/user/{self.alice.pk}/change/").status_code, 302)

    def test_only_platform_admins_get_in(self):
        for user in (self.alice, self.bob, self.ann):
            user.is_staff = True
            user.save()
            self.login(user)
            response = self.client.get("/admin/")
            self.assertRedirects(response, "/admin/login/?next=/admin/", fetch_redirect_response=False)
