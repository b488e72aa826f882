"""The municipality of a wijk and an organisation is required. Apart from 0008, because
PostgreSQL cannot alter a table in the transaction that just updated its rows. The
default (the installation's municipality) lives in Python only: the database change sets
NOT NULL and nothing else, so migrating never runs today's model code."""

import django.db.models.deletion
from django.db import migrations, models

import samenplan.accounts.models


def _field(related_name, **default):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="accounts.municipality",
        verbose_name="municipality",
        **default,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_municipality"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(model_name="wijk", name="municipality", field=_field("wijken")),
                migrations.AlterField(model_name="organisation", name="municipality", field=_field("organisations")),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="wijk",
                    name="municipality",
                    field=_field("wijken", default=samenplan.accounts.models.deployment_municipality_id),
                ),
                migrations.AlterField(
                    model_name="organisation",
                    name="municipality",
                    field=_field("organisations", default=samenplan.accounts.models.deployment_municipality_id),
                ),
            ],
        ),
    ]
