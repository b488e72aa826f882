"""Publish the life domains as an HSDS taxonomy: one term per domain, with ids that are the
same on every installation (derived from the domain's code)."""

import uuid

from django.db import migrations

# uuid5 namespace of Samenplan's own taxonomies.
NAMESPACE = uuid.UUID("6f1c2d0e-1a7b-5c3e-9d4f-2b8a7e6c5d10")


def publish(apps, schema_editor):
    LifeDomain = apps.get_model("measuring", "LifeDomain")
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _ = Taxonomy.objects.get_or_create(
        hsds_id=uuid.uuid5(NAMESPACE, "life-domains"),
        defaults={
            "name": "Samenplan levensdomeinen",
            "description": "De levensdomeinen waarop inwoners en professionals in Samenplan werken.",
            "version": "1",
        },
    )
    for domain in LifeDomain.objects.all():
        TaxonomyTerm.objects.get_or_create(
            life_domain=domain,
            defaults={
                "hsds_id": uuid.uuid5(NAMESPACE, f"life-domain:{domain.code}"),
                "taxonomy": taxonomy,
                "code": domain.code,
                "name": domain.resident_name,
                "description": domain.description,
                "language": "nl",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial"), ("measuring", "0003_reference_data")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
