"""Walks every URL of the app, from the URL configuration, not from a hand-written list."""

from samenplan.notifications.models import Notification
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import GoalFactory
from samenplan.testing.urlwalk import COORDINATOR_ONLY, POST_ONLY, app_routes, fill, plan_routes

# URLs that hold no plan data; every other URL must take a plan id.
WITHOUT_PLAN = {
    "",
    "accounts/",
    "accounts/password/change/",
    "accounts/password/change/done/",
    "accounts/login/",
    "accounts/logout/",
    "accounts/activate/<str:token>/",
    "activeren/",
    "accounts/password/forgotten/",
    "accounts/password/forgotten/sent/",
    "accounts/password/new/<uidb64>/<token>/",
    "accounts/password/new/done/",
    # Two-factor authentication (signin/views_twofactor.py): one's own app and codes.
    "accounts/code/",
    "accounts/code/instellen/",
    "accounts/code/herstelcodes/",
    "accounts/code/herstelcodes/nieuw/",
    "accounts/code/uitzetten/",
    "caseload/",
    "intake/",
    "i18n/setlang/",
    "invitations/<str:token>/",
    "notifications/",
    "notifications/read/",
    "notifications/<int:notification_id>/",
    # The organisation admin's pages: staff and organisation details, never plan content.
    "organisatie/",
    "organisatie/bewerken/",
    "organisatie/medewerkers/nieuw/",
    "organisatie/medewerkers/<int:member_id>/toegang/",
    "organisatie/medewerkers/<int:member_id>/uit-dienst/",
    "organisatie/locaties/nieuw/",
    "organisatie/locaties/<int:location_id>/",
    "organisatie/locaties/<int:location_id>/verwijderen/",
    "organisatie/diensten/nieuw/",
    "organisatie/diensten/<int:service_id>/",
    "organisatie/diensten/<int:service_id>/klopt-nog/",
    # The social map and its HSDS API: public, what organisations offer.
    "sociale-kaart/",
    "sociale-kaart/<int:service_id>/",
    "sociale-kaart/organisatie/<int:organisation_id>/",
    "api/hsds/",
    "api/hsds/organizations",
    "api/hsds/organizations/<str:organization_hsds_id>",
    "api/hsds/service_at_locations",
    "api/hsds/service_at_locations/<str:service_at_location_hsds_id>",
    "api/hsds/services",
    "api/hsds/services/<str:service_hsds_id>",
    "api/hsds/taxonomies",
    "api/hsds/taxonomies/<str:taxonomy_hsds_id>",
    "api/hsds/taxonomy_terms",
    "api/hsds/taxonomy_terms/<str:taxonomy_term_hsds_id>",
    # The neighbourhood hubs' public pages: where and when, and a question without an account.
    "wijkpunten/",
    "wijkpunten/<slug:wijk_code>/",
    "wijkpunten/<slug:wijk_code>/ontvangen/",
}
# The receiving organisation's team queue: plan data without a plan id in the URL. Only the
# professionals of the organisation a referral was sent to see it (tested below).
REFERRAL_QUEUE = {"referrals/inbox/", "referrals/inbox/<int:referral_id>/"}
# Personal data outside any plan: questions at a hub and early signals. The wijk team of
# the wijk sees them; a partner only its own signals' status (tested below).
WIJK_TEAM = {
    "wijkteam/vragen/",
    "wijkteam/vragen/nieuw/",
    "wijkteam/vragen/<int:question_id>/",
    "wijkteam/signalen/",
    "wijkteam/signalen/<int:signal_id>/",
}
SIGNAL_PARTNER = {"signalen/", "signalen/voorbeeld.csv"}
# A case conference: the resident side, the coordinator and the approved participants
# (in `url_values`: alice, bob and dave) while it is planned; nobody else.
CONFERENCE = {
    "overleg/<int:conference_id>/",
    "overleg/<int:conference_id>/toestemming/",
    "overleg/<int:conference_id>/deelnemers/",
    "overleg/<int:conference_id>/agenda/",
    "overleg/<int:conference_id>/afsluiten/",
    "overleg/<int:conference_id>/verslag/",
    "overleg/<int:conference_id>/besluit/",
    "overleg/<int:conference_id>/reactie/",
    "overleg/<int:conference_id>/doorbraak/",
}
# A consult: who asked it (bob) and the organisation asked (dave's), nobody else.
CONSULT = {"consult/<int:consult_id>/"}
# Lists of one's own: every professional has one (empty for most); "overleg/" also lists a
# network member's conferences; the roles without plan access get a 404.
OWN_LISTS = {"overleg/", "consult/", "consult/nieuw/"}
# The breakthrough officer's pages: requests, never a plan.
BREAKTHROUGH = {"doorbraak/", "doorbraak/<int:breakthrough_id>/"}
CONFERENCE_ROUTES = CONFERENCE | CONSULT | OWN_LISTS | BREAKTHROUGH
# The policy analyst's insights: figures about many people, suppressed, never a plan.
INSIGHTS = {
    "inzicht/",
    "inzicht/cijfers.csv",
    "inzicht/rode-draden/",
    "inzicht/rode-draden/cijfers.csv",
}
# Signing in with DigiD or eHerkenning, and a form kept while a session ended: about the
# person signing in only (signin/tests/test_oidc.py, test_sessions.py).
SIGNIN = {
    "accounts/digid/link/",
    "accounts/digid/unlink/",
    "accounts/kept-form/",
    "accounts/login/<str:broker_name>/",
    "accounts/login/digid/callback/",
    "accounts/login/eherkenning/callback/",
}
# "Mijn gegevens" is always about the person logged in; a request to correct is seen by
# that person and the plan's coordinator only (privacy/tests/test_report.py,
# test_correction.py).
MY_DATA = {
    "mijn-gegevens/",
    "mijn-gegevens/correctie/",
    "mijn-gegevens/download/",
    "correcties/",
    "correcties/<int:correction_id>/",
}
# The API: its contract, the token endpoint, the public social map (HSDS) and the answer for
# an address that does not exist hold no personal data.
API_PUBLIC = {
    "api/v1/openapi.json",
    "api/v1/openapi.yaml",
    "api/v1/oauth/token",
    "api/v1/^[\\s\\S]*$",
    "api/v1/hsds",
    "api/v1/hsds/organizations",
    "api/v1/hsds/organizations/<str:organization_hsds_id>",
    "api/v1/hsds/service_at_locations",
    "api/v1/hsds/service_at_locations/<str:service_at_location_hsds_id>",
    "api/v1/hsds/services",
    "api/v1/hsds/services/<str:service_hsds_id>",
    "api/v1/hsds/taxonomies",
    "api/v1/hsds/taxonomies/<str:taxonomy_hsds_id>",
    "api/v1/hsds/taxonomy_terms",
    "api/v1/hsds/taxonomy_terms/<str:taxonomy_term_hsds_id>",
}
# The caller's own list of plans; a partner's system (or its staff): the referrals sent to
# its organisation, its own early signals, the suppressed figures; and the organisation
# admin's connections (api/tests/test_partners_*.py, test_clients_pages.py, test_contract.py).
API_PARTNERS = {
    # The plans the person logged in has any access to (their caseload, on the API).
    "api/v1/plans",
    "api/v1/insights/figures",
    "api/v1/insights/measures",
    "api/v1/referrals",
    "api/v1/referrals/<int:referralId>",
    "api/v1/referrals/<int:referralId>/accept",
    "api/v1/referrals/<int:referralId>/complete",
    "api/v1/referrals/<int:referralId>/fail",
    "api/v1/referrals/<int:referralId>/reject",
    "api/v1/referrals/<int:referralId>/start",
    "api/v1/signals",
    "api/v1/signals/<int:signalId>",
    "organisatie/koppelingen/",
    "organisatie/koppelingen/<int:client_id>/intrekken/",
    "organisatie/koppelingen/nieuw/",
}
# The city programme: public goals and actions (no names of people), staff pages with
# work groups, the programme coordinator's decisions; never a plan (programme/tests/).
PROGRAMME = {
    "programma/",
    "programma/<int:goal_id>/",
    "programma/beheer/",
    "programma/beheer/verzoeken/<int:request_id>/",
    "programma/beheer/doelen/<int:goal_id>/cijfers/",
    "programma/acties/",
    "programma/acties/<int:action_id>/",
    "programma/acties/<int:action_id>/aansluiten/",
    "programma/voorstellen/",
    "programma/beheer/nieuw/",
    "programma/beheer/doelen/nieuw/",
    "programma/beheer/doelen/<int:goal_id>/",
    "programma/beheer/doelen/<int:goal_id>/acties/nieuw/",
    "programma/beheer/acties/<int:action_id>/",
    "programma/beheer/acties/<int:action_id>/werkgroep/",
    "programma/beheer/acties/<int:action_id>/werkgroep/<int:member_id>/verwijderen/",
}
# Mystery guests: reports about services, never a plan; the guest, the organisation admin of
# the touchpoint's organisation and the programme coordinator (mystery_guests/tests/).
MYSTERY_GUESTS = {
    "mysteryguests/",
    "mysteryguests/nieuw/",
    "mysteryguests/<int:report_id>/",
    "mysteryguests/contactmomenten/",
    "mysteryguests/gasten/",
    "mysteryguests/bevindingen/",
}
# The buddy network: the public sign-up; the volunteer coordinator's pages (volunteers and
# requests, never a plan) and the match page for its coordinator and its buddy
# (buddies/tests/test_pages.py).
BUDDIES = {
    "buddys/",
    "buddys/aanmelden/",
    "buddys/aanmelden/ontvangen/",
    "buddys/vrijwilligers/<int:volunteer_id>/",
    "buddys/verzoeken/<int:request_id>/",
    "buddys/koppelingen/<int:match_id>/",
    # A buddy asked from a hub question, by the wijk team member who handles it
    # (buddies/tests/test_from_question.py).
    "buddys/vraag/<int:question_id>/",
}
# Learning sessions: one's own sessions and cases (professionals), a session for its
# organiser and participants, a case's review for its proposer, the breakthrough officer's
# list of proposals (learning/tests/).
LEARNING = {
    "leersessies/",
    "leersessies/nieuw/",
    "leersessies/<int:session_id>/",
    "leersessies/casus/<int:case_id>/",
    "leersessies/doorbraakvoorstellen/",
}
KNOWN_WITHOUT_PLAN_ID = (
    WITHOUT_PLAN
    | REFERRAL_QUEUE
    | WIJK_TEAM
    | SIGNAL_PARTNER
    | CONFERENCE_ROUTES
    | INSIGHTS
    | SIGNIN
    | MY_DATA
    | API_PUBLIC
    | API_PARTNERS
    | PROGRAMME
    | MYSTERY_GUESTS
    | BUDDIES
    | LEARNING
)
# Routes that need another kind of person than the default member to show their page.
ROUTE_VALUES = {"invite/": "contact_id"}


class UrlWalkTestCase(BaseTestCase):
    def test_every_route_is_either_a_plan_route_or_known_to_hold_no_plan_data(self):
        # The API's plan endpoints take the plan's id as `planId` (sharing/tests/test_markers.py
        # walks them with the pages).
        unknown = [
            route
            for route in app_routes()
            if route not in KNOWN_WITHOUT_PLAN_ID and "<int:plan_id>" not in route and "<int:planId>" not in route
        ]
        self.assertEqual(unknown, [])

    def test_every_plan_url_is_404_for_outsiders_whatever_the_method(self):
        values = self.url_values()
        for route in plan_routes():
            url = fill(route, values)
            self.assertIsNotNone(url, f"the walk does not know how to fill {route}")
            self.assert_not_found_for(self.outsiders, url)
            self.assert_not_found_for(self.outsiders, url, method="post", data={"text": "x"})

    def test_every_plan_url_works_for_the_owner(self):
        values = self.url_values()
        self.login(self.alice)
        for route in plan_routes():
            if route.endswith(POST_ONLY):
                continue
            if route.endswith(COORDINATOR_ONLY):
                self.login(self.bob)
                self.assertEqual(self.client.get(fill(route, values)).status_code, 200, route)
                self.assertEqual(self.client.get(fill(route, values | {"plan_id": 987654})).status_code, 404)
                self.login(self.alice)
                self.assertEqual(self.client.get(fill(route, values)).status_code, 404, route)
                continue
            route_values = values.copy()
            for suffix, name in ROUTE_VALUES.items():
                if route.endswith(suffix):
                    route_values["membership_id"] = values[name]
            url = fill(route, route_values)
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_unknown_ids_in_every_plan_url_get_404(self):
        values = self.url_values()
        for route in plan_routes():
            for name in values:
                if f"<int:{name}>" in route:
                    self.assert_not_found_for([self.alice], fill(route, values | {name: 987654}))

    def test_pages_without_a_plan_do_not_show_plan_data_to_outsiders(self):
        GoalFactory(plan=self.plan, text="MARKER-GOAL")
        for user in self.outsiders:
            self.login(user)
            for route in ("", "caseload/", "intake/", "notifications/"):
                response = self.client.get("/" + route, follow=True)
                self.assertNotContains(response, "MARKER-GOAL", status_code=response.status_code)
                self.assertNotContains(response, "Alice", status_code=response.status_code)

    def test_someone_elses_notification_gets_404(self):
        notification = Notification.objects.create(user=self.alice, kind="message", url="/")
        self.assert_not_found_for([self.bob, self.charlie], f"/notifications/{notification.pk}/", method="post")

    def test_the_team_queue_shows_a_referral_only_to_the_organisation_it_was_sent_to(self):
        """The referral in `url_values` went to Schuldhulp (dave's organisation): everyone
        else, alice's own network and the other organisations included, gets a 404 on its
        page whatever the method, and sees nothing of alice in their queue."""
        values = self.url_values()
        url = fill("referrals/inbox/<int:referral_id>/", values)
        self.assert_not_found_for([*self.outsiders, self.alice, self.bob, self.carol, self.erin], url)
        self.assert_not_found_for([*self.outsiders, self.bob], url, method="post", data={"action": "accept"})
        self.login(self.dave)
        self.assertEqual(self.client.get(url).status_code, 200)
        for user in (self.bob, self.charlie):
            self.login(user)
            response = self.client.get("/referrals/inbox/")
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, "Alice")
        for user in (self.alice, self.carol, self.ann, self.pam):
            self.login(user)
            self.assertEqual(self.client.get("/referrals/inbox/").status_code, 404)

    def test_questions_and_signals_open_only_to_the_wijk_team_of_their_wijk(self):
        """Bob and charlie (Sociaal Team West) handle West's questions and signals; the
        resident, her network, another organisation's professional, the partner, the analyst
        and the platform admin get a 404 on every wijk-team page, whatever the method."""
        values = self.url_values()
        others = [self.alice, self.carol, self.dave, self.wendy, self.ann, self.pam]
        for route in sorted(WIJK_TEAM):
            url = fill(route, values)
            self.assertIsNotNone(url, route)
            self.assert_not_found_for(others, url)
            self.assert_not_found_for(others, url, method="post", data={"action": "claim", "text": "x"})
            for user in (self.bob, self.charlie):
                self.login(user)
                self.assertEqual(self.client.get(url).status_code, 200, f"{user.username}: {url}")

    def test_the_partner_pages_open_only_to_signal_partners(self):
        for route in sorted(SIGNAL_PARTNER):
            url = "/" + route
            self.assert_not_found_for([self.alice, self.bob, self.charlie, self.dave, self.ann, self.pam], url)
            self.login(self.wendy)
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_a_partner_sees_whether_contact_was_made_never_who_or_what(self):
        self.url_values()
        self.login(self.wendy)
        response = self.client.get("/signalen/")
        self.assertNotContains(response, "Alice")
        self.assertNotContains(response, "Kerkstraat")

    def test_the_hub_pages_are_public_and_unknown_wijken_get_404(self):
        for route in sorted(r for r in WITHOUT_PLAN if r.startswith("wijkpunten/") and "ontvangen" not in r):
            url = fill(route, {"wijk_code": self.wijk.code})
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertEqual(self.client.get("/wijkpunten/nergens/").status_code, 404)

    def test_a_conference_opens_only_to_the_resident_the_coordinator_and_its_participants(self):
        values = self.url_values()
        others = [self.carol, self.erin, *self.outsiders]
        for route in sorted(CONFERENCE):
            url = fill(route, values)
            self.assertIsNotNone(url, route)
            self.assert_not_found_for(others, url)
            self.assert_not_found_for(others, url, method="post", data={"text": "x", "action": "close"})
        url = fill("overleg/<int:conference_id>/", values)
        for user in (self.alice, self.bob, self.dave):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 200, user.username)

    def test_a_consult_opens_only_to_who_asked_and_the_organisation_asked(self):
        values = self.url_values()
        url = fill("consult/<int:consult_id>/", values)
        others = [self.alice, self.carol, self.erin, *self.outsiders]
        self.assert_not_found_for(others, url)
        self.assert_not_found_for(others, url, method="post", data={"answer": "x", "action": "answer"})
        for user in (self.bob, self.dave):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 200, user.username)

    def test_the_breakthrough_pages_open_only_to_the_officer(self):
        values = self.url_values()
        for route in sorted(BREAKTHROUGH):
            url = fill(route, values)
            others = [self.alice, self.bob, self.dave, self.charlie, self.ann, self.pam, self.wendy]
            self.assert_not_found_for(others, url)
            self.assert_not_found_for(others, url, method="post", data={"action": "grant", "note": "x"})
            self.login(self.brit)
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_own_lists_are_for_professionals(self):
        self.url_values()
        for route in sorted(OWN_LISTS):
            others = [self.ann, self.pam, self.wendy, self.brit]
            if route.startswith("consult/"):
                others += [self.alice, self.carol]
            self.assert_not_found_for(others, "/" + route)
            self.login(self.charlie)
            response = self.client.get("/" + route)
            self.assertEqual(response.status_code, 200, route)
            self.assertNotContains(response, "Alice")

    def test_the_insights_open_only_to_the_analyst(self):
        """Everyone else gets a 404 whatever the method: the residents, their network, the
        professionals, the partner, the breakthrough officer and the platform admin."""
        others = [self.alice, self.carol, self.erin, self.bob, self.dave, self.charlie, self.pam, self.wendy, self.brit]
        for route in sorted(INSIGHTS):
            url = "/" + route
            self.assert_not_found_for(others, url)
            self.assert_not_found_for(others, url, method="post", data={"wijk": "x"})
            self.login(self.ann)
            self.assertEqual(self.client.get(url).status_code, 200, url)
