from django.db import migrations


def load_reference_data(apps, schema_editor):
    from samenplan.measuring.reference_data import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("measuring", "0002_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
