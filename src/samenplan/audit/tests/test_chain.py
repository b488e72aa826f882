"""The log is append-only and tamper-evident."""

import threading
from datetime import timedelta
from io import StringIO
from unittest import skipUnless

import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase, TransactionTestCase
from django.utils import timezone

from samenplan.audit.models import AuditCheckpoint, AuditEntry
from samenplan.audit.services import entry_write, verify
from samenplan.audit.testing import allow_emptying_the_database

TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_entry_no_update", "DROP TRIGGER audit_entry_no_delete"],
    "postgresql": ["DROP TRIGGER audit_entry_append_only ON audit_auditentry"],
}


def write(n=1, **fields):
    base = {
        "actor_id": 1,
        "actor_name": "Bob",
        "actor_role": "coordinator",
        "actor_organisation": "Sociaal Team",
        "on_behalf_of_id": None,
        "subject_id": 2,
        "plan_id": 3,
        "plans": ",3,",
        "parts": ",story,",
        "action": "view",
        "reason": "",
        "page": "story",
        "request_id": "r",
        "access_point": "ap",
    }
    return [entry_write(**(base | fields)) for _ in range(n)]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify_command():
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


class ChainTestCase(TestCase):
    def drop_triggers(self):
        for statement in TRIGGERS[connection.vendor]:
            raw(statement)

    def test_an_intact_chain_verifies(self):
        write(5)
        self.assertIn("5 entries checked", verify_command())

    def test_the_database_refuses_update_and_delete(self):
        (entry,) = write()
        for sql in ("UPDATE audit_auditentry SET actor_name = 'Eve'", "DELETE FROM audit_auditentry"):
            with self.assertRaises(DatabaseError), transaction.atomic():
                raw(sql)
        entry.refresh_from_db()
        self.assertEqual(entry.actor_name, "Bob")

    def test_an_altered_entry_is_named(self):
        entries = write(5)
        self.drop_triggers()
        raw("UPDATE audit_auditentry SET actor_name = 'Eve' WHERE id = %s", [entries[2].pk])
        with self.assertRaisesMessage(CommandError, f"entry {entries[2].pk} was altered or inserted"):
            verify_command()

    def test_a_clients_request_id_is_part_of_the_chain_too(self):
        entries = write(2, client_request_id="from-the-proxy")
        self.assertIn("2 entries checked", verify_command())
        self.drop_triggers()
        raw("UPDATE audit_auditentry SET client_request_id = 'other' WHERE id = %s", [entries[1].pk])
        with self.assertRaisesMessage(CommandError, f"entry {entries[1].pk} was altered or inserted"):
            verify_command()

    def test_a_removed_entry_is_found_at_the_next_one(self):
        entries = write(5)
        self.drop_triggers()
        raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
        with self.assertRaisesMessage(CommandError, f"entry {entries[3].pk}: the entry before it was removed"):
            verify_command()

    def test_an_inserted_entry_is_named(self):
        entries = write(3)
        forged = AuditEntry(
            at=timezone.now(),
            actor_name="Eve",
            actor_role="owner",
            action="view",
            prev_hash=entries[-1].hash,
            hash="f" * 64,
        )
        forged.save()
        with self.assertRaisesMessage(CommandError, f"entry {forged.pk} was altered or inserted"):
            verify_command()

    def test_a_cut_off_end_is_found_against_a_recorded_head(self):
        entries = write(4)
        head = verify().head
        self.assertEqual(head, entries[-1].hash)
        self.drop_triggers()
        raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
        self.assertTrue(verify().ok)
        self.assertFalse(verify(expect_head=head).ok)

    def test_the_chain_never_forks(self):
        first, second = write(2)
        self.assertEqual(second.prev_hash, first.hash)
        duplicate = AuditEntry(
            at=timezone.now(), actor_name="x", actor_role="x", action="view", prev_hash=first.hash, hash="0"
        )
        with self.assertRaises(DatabaseError), transaction.atomic():
            duplicate.save()


class PruneTestCase(TestCase):
    def test_pruning_removes_only_old_entries_and_the_chain_still_verifies(self):
        with time_machine.travel(timezone.now() - timedelta(days=6 * 365)):
            old = write(3)
        recent = write(2)
        out = StringIO()
        call_command("prune_audit", stdout=out)
        self.assertIn("Pruned 3 entries", out.getvalue())
        self.assertEqual(list(AuditEntry.objects.values_list("pk", flat=True)), [e.pk for e in recent])
        checkpoint = AuditCheckpoint.objects.get()
        self.assertEqual((checkpoint.last_entry_id, checkpoint.last_hash), (old[-1].pk, old[-1].hash))
        self.assertIn("2 entries checked", verify_command())
        write(1)
        self.assertIn("3 entries checked", verify_command())

    def test_a_forged_checkpoint_is_found(self):
        with time_machine.travel(timezone.now() - timedelta(days=6 * 365)):
            write(2)
        write(1)
        call_command("prune_audit", stdout=StringIO())
        AuditCheckpoint.objects.update(last_hash="0" * 64)
        with self.assertRaisesMessage(CommandError, "wrong signature"):
            verify_command()

    def test_nothing_to_prune_within_retention(self):
        write(2)
        out = StringIO()
        call_command("prune_audit", stdout=out)
        self.assertIn("Nothing", out.getvalue())
        self.assertEqual(AuditEntry.objects.count(), 2)


@skipUnless(connection.vendor == "postgresql", "SQLite serialises writers itself (IMMEDIATE transactions)")
class ConcurrentWritersTestCase(TransactionTestCase):
    """Many requests writing at the same moment never fork the chain, and never fail."""

    # Restore the migrations' data afterwards, as the live-server tests expect.
    serialized_rollback = True

    def tearDown(self):
        allow_emptying_the_database()

    def test_concurrent_writers_keep_one_chain(self):
        errors = []

        def worker():
            try:
                for _ in range(40):
                    with transaction.atomic():
                        write()
            except Exception as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(AuditEntry.objects.count(), 160)
        self.assertTrue(verify().ok)
