import datetime
import json

from django.test import TestCase
from django.utils import timezone
from jsonschema import Draft202012Validator

from samenplan.accounts.models import User
from samenplan.directory.hsds import ACCESS_TERM_IDS
from samenplan.directory.models import Schedule, ServiceAtLocation, TaxonomyTerm
from samenplan.measuring.models import LifeDomain
from samenplan.testing.factories import (
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
    WijkFactory,
)

from . import hsds_schemas

API = "/api/hsds/"


class HsdsApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.wijk = WijkFactory(name="Centrum", code="centrum")
        cls.org = OrganisationFactory(
            name="Schuldhulp Helmstad",
            description="Hulp bij geldzaken.",
            email="info@schuldhulp.example",
            website="https://schuldhulp.example",
            phone="040 123 45 67",
        )
        cls.other_org = OrganisationFactory(name="Voedselbank", description="Eten voor wie het nodig heeft.")
        cls.staff = UserFactory(role=User.Role.PROFESSIONAL, organisation=cls.org, email="medewerker@secret.example")
        cls.term = TaxonomyTerm.objects.filter(life_domain__isnull=False).select_related("taxonomy").first()
        cls.service = ServiceFactory(
            organisation=cls.org,
            name="Geldzorgen spreekuur",
            description="Samen je post doornemen.",
            walk_in=True,
            by_phone=False,
            languages=["nl", "ar"],
            phone="040 765 43 21",
            url="https://schuldhulp.example/spreekuur",
            email="spreekuur@schuldhulp.example",
            minimum_age=18,
            eligibility_description="Voor iedereen uit Helmstad.",
        )
        cls.service.terms.add(cls.term)
        cls.service.wijken.add(cls.wijk)
        cls.location = LocationFactory(organisation=cls.org, name="Buurthuis De Linde", latitude="51.441600")
        cls.sal = ServiceAtLocation.objects.create(service=cls.service, location=cls.location)
        Schedule.objects.create(
            service=cls.service, weekday=2, opens_at=datetime.time(9), closes_at=datetime.time(12, 30)
        )
        Schedule.objects.create(location=cls.location, weekday=3, opens_at=datetime.time(13))
        cls.food = ServiceFactory(organisation=cls.other_org, name="Voedselpakket", description="Een pakket per week.")
        cls.food.last_modified = timezone.now() - datetime.timedelta(days=400)
        cls.food.save()
        from samenplan.directory.search import index_services

        index_services([cls.service.pk, cls.food.pk])

    def get(self, url, **params):
        response = self.client.get(url, params)
        return response, json.loads(response.content)

    def assert_page(self, page, item_schema):
        self.assertEqual(set(page), hsds_schemas.page_properties())
        for item in page["contents"]:
            self.assertEqual(hsds_schemas.errors(item_schema, item), [], item)

    def test_root_says_version_and_openapi(self):
        response, data = self.get(API)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(data["version"], "3.0")
        self.assertTrue(data["openapi_url"].endswith("openapi.json"))
        self.assertEqual(response.cookies, {})

    def test_service_detail_is_a_full_hsds_service(self):
        response, data = self.get(f"{API}services/{self.service.hsds_id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(hsds_schemas.errors("service.json", data), [])
        self.assertEqual(data["organization"]["name"], "Schuldhulp Helmstad")
        self.assertEqual([p["number"] for p in data["phones"]], ["040 765 43 21"])
        self.assertEqual([s["byday"] for s in data["schedules"]], ["TU"])
        self.assertEqual(data["schedules"][0]["opens_at"], "09:00")
        self.assertEqual(data["service_areas"][0]["name"], "Centrum")
        self.assertEqual([lang["code"] for lang in data["languages"]], ["nl", "ar"])
        self.assertEqual(data["service_at_locations"][0]["location"]["name"], "Buurthuis De Linde")
        self.assertEqual(data["service_at_locations"][0]["location"]["addresses"][0]["postal_code"], "5701 AA")
        values = {a["taxonomy_term_id"]: a.get("value") for a in data["attributes"]}
        self.assertEqual(values[ACCESS_TERM_IDS["walk_in"]], "true")
        self.assertEqual(values[ACCESS_TERM_IDS["by_phone"]], "false")
        self.assertIn(str(self.term.hsds_id), values)
        # Staff are not public.
        self.assertNotIn("medewerker@secret.example", response.content.decode())

    def test_services_list_pages_and_validates(self):
        response, page = self.get(f"{API}services", per_page=1)
        self.assertEqual(response.status_code, 200)
        self.assert_page(page, "service_list.json")
        self.assertEqual(
            {k: page[k] for k in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page")},
            {"total_items": 2, "total_pages": 2, "page_number": 1, "size": 1, "first_page": True, "last_page": False},
        )
        _response, second = self.get(f"{API}services", per_page=1, page=2)
        self.assertTrue(second["last_page"])
        self.assertNotEqual(second["contents"][0]["id"], page["contents"][0]["id"])
        _response, beyond = self.get(f"{API}services", page=9)
        self.assertTrue(beyond["empty"])
        self.assertEqual(beyond["contents"], [])

    def test_the_page_envelope_matches_the_openapi_page(self):
        openapi = json.loads((hsds_schemas.standards() / "schema" / "openapi.json").read_text())
        _response, page = self.get(f"{API}services")
        self.assertEqual(list(Draft202012Validator(openapi["components"]["schemas"]["Page"]).iter_errors(page)), [])

    def test_service_list_queries_do_not_grow_with_the_services(self):
        with self.assertNumQueries(2):
            self.client.get(f"{API}services")
        for _ in range(5):
            ServiceFactory(organisation=OrganisationFactory())
        with self.assertNumQueries(2):
            response = self.client.get(f"{API}services")
        self.assertEqual(json.loads(response.content)["total_items"], 7)

    def test_service_detail_queries_are_fixed(self):
        with self.assertNumQueries(10):
            self.client.get(f"{API}services/{self.service.hsds_id}")

    def test_filters(self):
        def names(**params):
            return [s["name"] for s in self.get(f"{API}services", **params)[1]["contents"]]

        self.assertEqual(names(search="post doornemen"), ["Geldzorgen spreekuur"])
        self.assertEqual(names(search="pakket"), ["Voedselpakket"])
        self.assertEqual(names(taxonomy_term_id=str(self.term.hsds_id)), ["Geldzorgen spreekuur"])
        self.assertEqual(names(taxonomy_term_id=ACCESS_TERM_IDS["walk_in"]), ["Geldzorgen spreekuur"])
        self.assertEqual(names(organization_id=str(self.other_org.hsds_id)), ["Voedselpakket"])
        since = (timezone.now() - datetime.timedelta(days=30)).isoformat()
        self.assertEqual(names(modified_after=since), ["Geldzorgen spreekuur"])

    def test_organizations(self):
        response, page = self.get(f"{API}organizations", search="schuldhulp")
        self.assert_page(page, "organization_list.json")
        self.assertEqual([o["name"] for o in page["contents"]], ["Schuldhulp Helmstad"])
        response, data = self.get(f"{API}organizations/{self.org.hsds_id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(hsds_schemas.errors("organization.json", data), [])
        self.assertEqual([s["name"] for s in data["services"]], ["Geldzorgen spreekuur"])
        self.assertEqual([loc["name"] for loc in data["locations"]], ["Buurthuis De Linde"])
        self.assertNotIn("medewerker@secret.example", response.content.decode())

    def test_service_at_locations(self):
        _response, page = self.get(f"{API}service_at_locations", organization_id=str(self.org.hsds_id))
        self.assert_page(page, "service_at_location_list.json")
        self.assertEqual(page["contents"][0]["service"]["name"], "Geldzorgen spreekuur")
        _response, data = self.get(f"{API}service_at_locations/{self.sal.hsds_id}")
        self.assertEqual(hsds_schemas.errors("service_at_location.json", data), [])

    def test_life_domains_are_published_as_a_taxonomy(self):
        _response, page = self.get(f"{API}taxonomy_terms", per_page=500)
        self.assert_page(page, "taxonomy_term.json")
        published = {t["id"] for t in page["contents"]}
        domains = TaxonomyTerm.objects.filter(life_domain__isnull=False)
        self.assertEqual(domains.count(), LifeDomain.objects.count())
        self.assertTrue({str(t.hsds_id) for t in domains} <= published)
        _response, taxonomies = self.get(f"{API}taxonomies")
        self.assert_page(taxonomies, "taxonomy.json")
        self.assertIn(str(self.term.taxonomy.hsds_id), [t["id"] for t in taxonomies["contents"]])
        _response, term = self.get(f"{API}taxonomy_terms/{self.term.hsds_id}")
        self.assertEqual(term["taxonomy_detail"]["id"], str(self.term.taxonomy.hsds_id))
        _response, taxonomy = self.get(f"{API}taxonomies/{self.term.taxonomy.hsds_id}")
        self.assertEqual(taxonomy["name"], self.term.taxonomy.name)

    def test_bad_parameters_are_problem_details(self):
        for params in ({"per_page": "0"}, {"per_page": "501"}, {"page": "x"}, {"modified_after": "gisteren"}):
            response = self.client.get(f"{API}services", params)
            self.assertEqual(response.status_code, 400, params)
            self.assertEqual(response["Content-Type"], "application/problem+json")
            data = json.loads(response.content)
            self.assertEqual(data["status"], 400)
            self.assertIn(next(iter(params)), data["detail"])
        # Dutch by default, English when chosen.
        self.assertEqual(
            json.loads(self.client.get(f"{API}services", {"per_page": "0"}).content)["title"],
            "Een parameter van het verzoek klopt niet",
        )
        self.client.cookies["django_language"] = "en"
        self.assertEqual(
            json.loads(self.client.get(f"{API}services", {"per_page": "0"}).content)["title"],
            "The request has a parameter that is not right",
        )

    def test_unknown_ids_are_404_problem_details(self):
        for url in (
            f"{API}services/7c9e6679-7425-40de-944b-e07fc1f90ae7",
            f"{API}services/not-an-id",
            f"{API}organizations/7c9e6679-7425-40de-944b-e07fc1f90ae7",
            f"{API}taxonomy_terms/7c9e6679-7425-40de-944b-e07fc1f90ae7",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertEqual(response["Content-Type"], "application/problem+json")
            self.assertEqual(json.loads(response.content)["status"], 404)

    def test_read_only(self):
        response = self.client.post(f"{API}services", {}, content_type="application/json")
        self.assertEqual(response.status_code, 405)

    def test_a_logged_in_person_gets_the_same_and_no_audit_breaks_it(self):
        self.client.force_login(self.staff)
        response, data = self.get(f"{API}services/{self.service.hsds_id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(data["name"], "Geldzorgen spreekuur")
