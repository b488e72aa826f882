from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _keep_sqlite_index(sender, using, **kwargs):
    # A migration that rebuilds the service table on SQLite drops the search triggers.
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from .search import ensure_sqlite_index

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if MigrationRecorder(connection).migration_qs.filter(app="directory", name="0003_search").exists():
        ensure_sqlite_index(connection)


class DirectoryConfig(AppConfig):
    name = "samenplan.directory"
    verbose_name = _("Social map")

    def ready(self):
        post_migrate.connect(_keep_sqlite_index, sender=self)
