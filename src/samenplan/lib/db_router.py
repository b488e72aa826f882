"""Reads of a few apps from a read replica; everything else from the primary.

With `SAMENPLAN_REPLICA_URL` set, settings add a `replica` database and this router. Reads
of the apps listed in `SAMENPLAN_REPLICA_APPS` (the insights app's stored figures: counts
computed overnight, a few seconds of replication lag change nothing) go to the replica.
Every other read goes to the primary, whatever object it starts from: grants,
memberships, plans and the audit log decide who may see what, and a grant revoked a moment
ago must stop on the very next request, which a replica that lags cannot promise. Every
write and every migration goes to the primary; the replica gets the same rows and the
same schema by replication.

Knows no app: the app labels come from settings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"


class ReplicaRouter:
    def _replica_apps(self) -> set[str]:
        return set(getattr(settings, "SAMENPLAN_REPLICA_APPS", ()))

    def db_for_read(self, model, **hints):
        if REPLICA in settings.DATABASES and model._meta.app_label in self._replica_apps():
            return REPLICA
        # Explicitly the primary, also for a model reached from a row read on the replica.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
