"""Municipalities: every wijk and organisation belongs to one. Existing wijken and
organisations join the installation's municipality (SAMENPLAN_MUNICIPALITY_NAME and
SAMENPLAN_MUNICIPALITY_CODE), created here when there are any."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def assign_existing(apps, schema_editor):
    Municipality = apps.get_model("accounts", "Municipality")
    Wijk = apps.get_model("accounts", "Wijk")
    Organisation = apps.get_model("accounts", "Organisation")
    using = schema_editor.connection.alias
    wijken = Wijk.objects.using(using).filter(municipality__isnull=True)
    organisations = Organisation.objects.using(using).filter(municipality__isnull=True)
    if not wijken.exists() and not organisations.exists():
        return
    municipality, _created = Municipality.objects.using(using).get_or_create(
        code=settings.SAMENPLAN_MUNICIPALITY_CODE, defaults={"name": settings.SAMENPLAN_MUNICIPALITY_NAME}
    )
    wijken.update(municipality=municipality)
    organisations.update(municipality=municipality)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_oidc_identities"),
    ]

    operations = [
        migrations.CreateModel(
            name="Municipality",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "code",
                    models.CharField(
                        help_text="The code of Statistics Netherlands (CBS), like GM0794.",
                        max_length=6,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^GM[0-9]{4}$", "A CBS municipality code is GM and four digits, like GM0794."
                            )
                        ],
                        verbose_name="CBS code",
                    ),
                ),
            ],
            options={
                "verbose_name": "municipality",
                "verbose_name_plural": "municipalities",
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="wijk",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="wijken",
                to="accounts.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="accounts.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(assign_existing, migrations.RunPython.noop, elidable=False),
    ]
