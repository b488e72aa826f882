import datetime
import io
import json
import shutil
import tempfile
from pathlib import Path

import frictionless
from django.core.management import CommandError, call_command
from django.test import TestCase

from samenplan.accounts.models import Organisation
from samenplan.directory import hsds
from samenplan.directory.models import Location, Schedule, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from samenplan.testing.factories import LocationFactory, OrganisationFactory, ServiceFactory, WijkFactory

from . import hsds_schemas

COUNSELLING = "ac148810-d857-441c-9679-408f346de14b"
EXAMPLE_ORG = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


def examples() -> Path:
    return hsds_schemas.standards() / "examples"


def run_import(path) -> str:
    out = io.StringIO()
    call_command("hsds_import", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(path) -> str:
    err = io.StringIO()
    try:
        call_command("hsds_import", str(path), stdout=io.StringIO(), stderr=err)
    except CommandError as error:
        return err.getvalue() + str(error)
    raise AssertionError("the import was not refused")


def counts():
    return [m.objects.count() for m in (Organisation, Service, Location, ServiceAtLocation, Schedule, TaxonomyTerm)]


class TempDirMixin:
    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def write(self, name, payload) -> Path:
        path = self.tmp / name
        path.write_text(json.dumps(payload), encoding="utf-8")
        return path


class OfficialExampleTests(TestCase):
    def test_service_full(self):
        output = run_import(examples() / "service_full.json")
        service = Service.objects.get(hsds_id=COUNSELLING)
        self.assertEqual(service.name, "Community Counselling")
        self.assertEqual(service.organisation.hsds_id.hex, EXAMPLE_ORG.replace("-", ""))
        self.assertEqual(service.organisation.kind, Organisation.Kind.OTHER)
        self.assertEqual((service.minimum_age, service.maximum_age), (12, 100))
        self.assertIn("ur", service.languages)
        self.assertTrue(service.phone)
        self.assertEqual(service.terms.count(), 1)
        self.assertTrue(service.service_at_locations.exists())
        self.assertTrue(Schedule.objects.filter(service=service).exists())
        self.assertIn("counselling", service.search_text)
        # Fields we don't keep are named once, not per row.
        self.assertEqual(output.count("Ignored (not kept by Samenplan): service.fees\n"), 1)
        self.assertIn("Total: ", output)

    def test_each_official_example_that_stands_on_its_own(self):
        for name in (
            "organization_full.json",
            "organization_list.json",
            "service_list.json",
            "service_at_location_list.json",
            "service_at_location_full.json",
            "taxonomy.json",
            "taxonomy_list.json",
            "taxonomy_term.json",
            "taxonomy_term_list.json",
        ):
            with self.subTest(name):
                run_import(examples() / name)
        self.assertTrue(Organisation.objects.filter(name="Example Organization Inc.").exists())
        self.assertTrue(Service.objects.filter(hsds_id=COUNSELLING).exists())
        self.assertTrue(Taxonomy.objects.filter(hsds_id="5c4d79d7-cc55-470e-9f1f-8cad074e4892").exists())
        self.assertTrue(TaxonomyTerm.objects.filter(hsds_id="3f7b145d-84af-42d7-8fae-eaca714b02b2").exists())

    def test_a_location_without_an_organisation_is_refused_with_the_reason(self):
        # A location must belong to an organisation in Samenplan; this example names none.
        message = refused(examples() / "location.json")
        self.assertIn("location.json, row 1, field organization_id: missing", message)

    def test_tabular_example(self):
        output = run_import(examples() / "csv")
        service = Service.objects.get(hsds_id=COUNSELLING)
        self.assertEqual(service.name, "Community Counselling")
        self.assertEqual(service.languages, ["ur"])
        self.assertEqual(service.phone, "+44 1234 234567")
        sal = ServiceAtLocation.objects.get(service=service)
        # "TH,FR": one row per weekday.
        self.assertEqual(sorted(sal.schedules.values_list("weekday", flat=True)), [4, 5])
        self.assertIn("Warning: locations.csv, row 2, field latitude", output)
        again = run_import(examples() / "csv")
        self.assertIn("Total: 0 added, 0 changed", again)

    def test_importing_twice_changes_nothing(self):
        run_import(examples() / "service_full.json")
        before = list(Service.objects.values())
        output = run_import(examples() / "service_full.json")
        self.assertIn("Total: 0 added, 0 changed", output)
        self.assertEqual(list(Service.objects.values()), before)


class RefusedImportTests(TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.org = OrganisationFactory(name="Buurtwerk")

    def service(self, **fields):
        data = {
            "id": "0b1f7f9a-3d5e-4c1a-9f55-6a1d7c0e2b11",
            "organization_id": str(self.org.hsds_id),
            "name": "Taalcafé",
            "status": "active",
            "description": "Nederlands oefenen.",
        }
        data.update(fields)
        return {k: v for k, v in data.items() if v is not None}

    def test_a_good_and_a_bad_row_write_nothing(self):
        path = self.write(
            "services.json",
            [
                self.service(),
                self.service(id="9d1c2f4b-7a3e-4f2d-8c1b-5e6a7d8c9b0a", name=None),
                self.service(id="1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b", status="open"),
                self.service(
                    id="2f3e4d5c-6b7a-4899-8a1b-2c3d4e5f6a7b", organization_id="7c9e6679-7425-40de-944b-e07fc1f90ae7"
                ),
            ],
        )
        before = counts()
        message = refused(path)
        self.assertIn("services.json, row 2, field name: missing", message)
        self.assertIn("services.json, row 3, field status: not one of", message)
        self.assertIn("services.json, row 4, field organization_id: unknown organization", message)
        self.assertNotIn("row 1,", message)
        self.assertEqual(counts(), before)
        self.assertFalse(Service.objects.filter(name="Taalcafé").exists())

    def test_an_organisation_name_taken_by_another_id_is_refused(self):
        path = self.write(
            "organizations.json",
            [{"id": "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d", "name": "Buurtwerk", "description": "x"}],
        )
        message = refused(path)
        self.assertIn("organizations.json, row 1, field name: another organisation", message)

    def test_a_bad_csv_row_names_file_and_line(self):
        folder = self.tmp / "package"
        shutil.copytree(examples() / "csv", folder)
        services = (folder / "services.csv").read_text(encoding="utf-8")
        (folder / "services.csv").write_text(services.replace(",active,", ",busy,"), encoding="utf-8")
        message = refused(folder)
        self.assertIn("services.csv, row 2, field status: not one of", message)
        self.assertFalse(Service.objects.filter(hsds_id=COUNSELLING).exists())


class ExportTests(TempDirMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        WijkFactory(name="Noord", code="noord")
        cls.org = OrganisationFactory(
            name="Taalhuis", description="Lezen en schrijven.", email="taal@huis.example", phone="040 1"
        )
        cls.service = ServiceFactory(
            organisation=cls.org,
            name="Taalcafé",
            walk_in=True,
            free=False,
            accepts_referrals=False,
            languages=["nl", "en"],
            phone="040 2",
            fees_description="5 euro",
            minimum_age=16,
        )
        cls.service.terms.add(TaxonomyTerm.objects.filter(life_domain__isnull=False).first())
        from samenplan.accounts.models import Wijk

        cls.service.wijken.add(Wijk.objects.get(code="noord"))
        location = LocationFactory(organisation=cls.org, name="Bibliotheek", latitude="51.5", longitude="5.4")
        sal = ServiceAtLocation.objects.create(service=cls.service, location=location, description="Eerste etage")
        Schedule.objects.create(service=cls.service, weekday=1, opens_at=datetime.time(10), closes_at=datetime.time(12))
        Schedule.objects.create(service_at_location=sal, weekday=4, opens_at=datetime.time(14))
        Schedule.objects.create(location=location, weekday=5, description="Alleen 's ochtends")
        ServiceFactory(organisation=cls.org, name="Schrijfhulp", status=Service.Status.TEMPORARILY_CLOSED)
        # Described by nobody: HSDS requires a description, an empty one must survive the trip.
        OrganisationFactory(name="Zonder beschrijving", description="")

    def snapshot(self):
        return sorted(
            (json.dumps(hsds.service_dict(s), sort_keys=True) for s in hsds.services_for_export()),
        )

    def export(self) -> Path:
        call_command("hsds_export", str(self.tmp / "out"), stdout=io.StringIO())
        return self.tmp / "out"

    def test_json_export_validates(self):
        out = self.export()
        services = json.loads((out / "services.json").read_text())
        self.assertEqual(len(services), 2)
        for item in services:
            self.assertEqual(hsds_schemas.errors("service.json", item), [])
        for item in json.loads((out / "organizations.json").read_text()):
            self.assertEqual(hsds_schemas.errors("organization.json", item), [])
        for item in json.loads((out / "taxonomies.json").read_text()):
            self.assertEqual(hsds_schemas.errors("taxonomy.json", item), [])
        for item in json.loads((out / "taxonomy_terms.json").read_text()):
            self.assertEqual(hsds_schemas.errors("taxonomy_term.json", item), [])

    def test_data_package_validates(self):
        out = self.export()
        report = frictionless.validate(str(out / "csv" / "datapackage.json"))
        self.assertTrue(report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"]))
        self.assertIn("Taalcafé", (out / "csv" / "services.csv").read_text(encoding="utf-8"))

    def empty_the_map(self):
        Service.objects.all().delete()
        Location.objects.all().delete()
        Organisation.objects.filter(pk=self.org.pk).delete()
        self.assertEqual(Service.objects.count(), 0)

    def test_round_trip_json(self):
        before = self.snapshot()
        out = self.export()
        self.empty_the_map()
        output = run_import(out)
        self.assertIn("service: 2 added", output)
        self.assertIn("organization: 1 added, 0 changed", output)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(Organisation.objects.get(name="Taalhuis").email, "taal@huis.example")
        self.assertIn("Total: 0 added, 0 changed", run_import(out))

    def test_round_trip_data_package(self):
        before = self.snapshot()
        out = self.export()
        self.empty_the_map()
        run_import(out / "csv")
        self.assertEqual(self.snapshot(), before)
        service = Service.objects.get(name="Taalcafé")
        self.assertEqual((service.walk_in, service.free, service.accepts_referrals), (True, False, False))
        self.assertIn("Total: 0 added, 0 changed", run_import(out / "csv"))

    def test_an_imported_change_is_counted_and_searchable(self):
        out = self.export()
        services = json.loads((out / "services.json").read_text())
        services[0]["description"] = "Praten over boeken en kranten."
        path = self.write("services.json", services)
        output = run_import(path)
        self.assertIn("service: 0 added, 1 changed", output)
        changed = Service.objects.get(hsds_id=services[0]["id"])
        self.assertIn("kranten", changed.search_text)
