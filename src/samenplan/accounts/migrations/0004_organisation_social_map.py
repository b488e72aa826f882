import uuid

import django.utils.timezone
from django.db import migrations, models


def give_ids(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.hsds_id = uuid.uuid4()
        organisation.save(update_fields=["hsds_id"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_activation_code")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="hsds_id",
            field=models.UUIDField(null=True, editable=False, verbose_name="HSDS id"),
        ),
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="hsds_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="HSDS id"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="email address"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="website",
            field=models.URLField(blank=True, verbose_name="website"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="phone number"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="last_modified",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="last changed"),
        ),
    ]
