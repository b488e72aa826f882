"""The search index of the social map (see `directory/search.py`): on PostgreSQL pg_trgm
and a GIN trigram index on `search_text`; on SQLite FTS5 tables (trigrams, words) kept in
step by triggers; on both an index on the name. None of it changes the models' state."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from samenplan.directory.search import drop_sqlite_index, ensure_sqlite_index

INDEX = "directory_service_search_trgm"
# The map without a search lists services by name, twenty at a time: read in index order.
NAME_INDEX = "directory_service_name_id"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_service USING gin (search_text gin_trgm_ops)"
        )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME_INDEX} ON directory_service (name, id)")
    ensure_sqlite_index(connection)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME_INDEX}")
    drop_sqlite_index(connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_life_domain_taxonomy")]

    # TrigramExtension does nothing on other databases.
    operations = [TrigramExtension(), migrations.RunPython(forwards, backwards)]
