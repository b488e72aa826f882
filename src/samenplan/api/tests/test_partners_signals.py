"""Early signals on the API: Woonbedrijf's own system sends rent arrears with an
idempotency key and reads back only whether contact was made and help accepted."""

import json
import threading
from datetime import timedelta

from django.db import connection
from django.test import TransactionTestCase, skipUnlessDBFeature
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import Organisation, Wijk, WijkPostcode
from samenplan.api.models import ApiClient, IdempotencyKey
from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal, SignalUpload
from samenplan.testing.factories import OrganisationFactory, SignalFactory

from .partners import PartnerApiCase

SIGNALS = "/api/v1/signals"
KEY = "6f1c1d36-3c7e-4c55-9a59-3c1c1b7f2a10"


def body(**changes):
    data = {
        "reference": "WB-2026-0001",
        "name": "Jan de Vries",
        "street": "Lindelaan 12",
        "postcode": "5701 AB",
        "city": "Helmstad",
        "kind": "rent",
        "amount": "1234.56",
        "monthsInArrears": 3,
        "lastReminderOn": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "collectionStepsConfirmed": True,
    }
    data.update(changes)
    return data


class SignalTests(PartnerApiCase):
    def setUp(self):
        self.system, self.token_ = self.connect(self.woonbedrijf, scopes=("signals",), name="Huurdersysteem")

    def send(self, data=None, key=KEY, raw=None, token=None):
        headers = {"Idempotency-Key": key} if key is not None else {}
        return self.call("post", SIGNALS, token or self.token_, data if raw is None else None, raw=raw, **headers)

    def counts(self):
        return (Signal.objects.count(), SignalUpload.objects.count(), IdempotencyKey.objects.count())

    def test_it_creates_the_signal_for_the_wijk_team_of_the_postcode(self):
        response = self.send(body())
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        signal = Signal.objects.get()
        self.assertEqual(
            data,
            {
                "id": signal.pk,
                "reference": "WB-2026-0001",
                "arrivedAt": data["arrivedAt"],
                "kind": "rent",
                "contactMade": False,
                "helpAccepted": None,
            },
        )
        self.assertTrue(response["Location"].endswith(f"{SIGNALS}/{signal.pk}"))
        self.assertEqual((signal.wijk, signal.partner, signal.postcode), (self.wijk, self.woonbedrijf, "5701 AB"))
        self.assertEqual(str(signal.amount), "1234.56")
        entry = self.last_entry()
        self.assertEqual((entry.actor_name, entry.actor_role, entry.action), ("Huurdersysteem", "api_client", "create"))
        self.assertIn(f",signal:{signal.pk},", entry.records)

    def test_the_same_key_and_body_answer_the_same_signal(self):
        first = self.send(body())
        again = self.send(json.loads(json.dumps(body())))
        self.assertEqual(again.status_code, 200, again.content)
        self.assertEqual(again.json()["id"], first.json()["id"])
        self.assertEqual(self.counts(), (1, 1, 1))

    def test_the_same_key_with_another_body_is_a_conflict(self):
        self.send(body())
        problem = self.assert_problem(self.send(body(amount="99.00")), 409)
        self.assertIn("Idempotency-Key", problem["detail"])
        self.assertEqual(self.counts(), (1, 1, 1))

    def test_keys_are_per_client_and_kept_a_day(self):
        self.send(body())
        IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
        response = self.send(body(reference="WB-2026-0002"))
        self.assertEqual(response.status_code, 201, response.content)
        _other, token = self.connect(self.woonbedrijf, scopes=("signals",), name="Second system")
        self.assertEqual(self.send(body(reference="WB-2026-0003"), token=token).status_code, 201)

    def test_a_reference_sent_before_is_a_conflict(self):
        self.send(body())
        self.assert_problem(self.send(body(), key="another-key"), 409)
        self.assertEqual(self.counts(), (1, 1, 1))

    def test_a_key_is_required_and_must_be_safe(self):
        for key in (None, "", "with space", "x" * 65):
            with self.subTest(key=key):
                self.assert_problem(self.send(body(), key=key), 400, "Idempotency-Key")
        self.assertEqual(self.counts(), (0, 0, 0))

    def test_bad_input_names_the_field_and_writes_nothing(self):
        cases = {
            "malformed": ('{"reference": ', None),
            "a list": ("[1, 2]", "body"),
            "wrong type": (json.dumps(body(monthsInArrears="three")), "monthsInArrears"),
            "unknown field": (json.dumps(body(colour="red")), "colour"),
            "unknown kind": (json.dumps(body(kind="phone")), "kind"),
            "missing": (json.dumps({k: v for k, v in body().items() if k != "name"}), "name"),
            "not in the municipality": (json.dumps(body(postcode="9999 ZZ")), "postcode"),
            "no postcode": (json.dumps(body(postcode="ABC")), "postcode"),
            "future reminder": (json.dumps(body(lastReminderOn="2999-01-01")), "lastReminderOn"),
            "no collection steps": (json.dumps(body(collectionStepsConfirmed=False)), "collectionStepsConfirmed"),
        }
        for name, (raw, field) in cases.items():
            with self.subTest(name):
                self.assert_problem(self.send(raw=raw), 400, field)
        self.assertEqual(self.counts(), (0, 0, 0))
        self.assertFalse(AuditEntry.objects.filter(action="create").exists())

    def test_a_body_over_the_limit_is_refused(self):
        with self.settings(SAMENPLAN_API_MAX_BODY=200):
            self.assert_problem(self.send(body(name="J" * 150, street="S" * 100)), 413)
        self.assertEqual(self.counts(), (0, 0, 0))

    def test_an_organisation_that_does_not_report_arrears_sends_nothing(self):
        _system, token = self.connect(self.debt_team, scopes=("signals",))
        self.assert_problem(self.send(body(), token=token), 404)
        self.assertEqual(self.call("get", SIGNALS, token).json()["results"], [])
        self.assertEqual(self.counts(), (0, 0, 0))

    def test_a_token_without_the_scope_is_forbidden(self):
        token = self.token(self.system, scopes=[])
        self.assert_problem(self.send(body(), token=token), 403)

    def test_it_reads_only_the_own_signals_and_only_their_status(self):
        own = SignalFactory(partner=self.woonbedrijf, wijk=self.wijk, first_contact_at=timezone.now(), outcome="plan")
        other = SignalFactory(wijk=self.wijk)
        rows = self.call("get", SIGNALS, self.token_).json()["results"]
        self.assertEqual([(r["id"], r["contactMade"], r["helpAccepted"]) for r in rows], [(own.pk, True, True)])
        self.assertEqual(set(rows[0]), {"id", "reference", "arrivedAt", "kind", "contactMade", "helpAccepted"})
        self.assertEqual(self.call("get", f"{SIGNALS}/{own.pk}", self.token_).status_code, 200)
        self.assertIn(f",signal:{own.pk},", self.last_entry().records)
        self.assert_problem(self.call("get", f"{SIGNALS}/{other.pk}", self.token_), 404)
        entry = self.last_entry()
        self.assertEqual((entry.outcome, entry.actor_name), (AuditEntry.Outcome.DENIED, "Huurdersysteem"))

    def test_the_list_costs_the_same_queries_for_1_or_10_signals(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.call("get", SIGNALS, self.token_).status_code, 200)
            return len(queries)

        SignalFactory(partner=self.woonbedrijf, wijk=self.wijk)
        count()
        one = count()
        SignalFactory.create_batch(9, partner=self.woonbedrijf, wijk=self.wijk)
        self.assertEqual(count(), one)

    def test_the_partners_staff_send_with_the_session(self):
        self.login(self.wendy)
        response = self.call("post", SIGNALS, body=body(), **{"Idempotency-Key": KEY})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(self.call("post", SIGNALS, body=body(), **{"Idempotency-Key": KEY}).status_code, 200)
        self.assertEqual(self.counts(), (1, 1, 1))
        self.assertEqual(self.last_entry().actor_id, self.wendy.pk)
        self.login(self.dave)
        self.assert_problem(self.call("post", SIGNALS, body=body(reference="X"), **{"Idempotency-Key": "k2"}), 404)


@skipUnlessDBFeature("has_select_for_update")
class ConcurrentKeyTests(TransactionTestCase):
    """Two calls with one key at the same moment make one signal (PostgreSQL: the second
    waits on the unique key, then answers the first signal)."""

    # Restore the migrations' data afterwards, as the live-server tests expect.
    serialized_rollback = True

    def test_two_calls_with_one_key_make_one_signal(self):
        from oauth2_provider.models import AccessToken, Application

        from samenplan.audit.testing import allow_emptying_the_database

        self.addCleanup(allow_emptying_the_database)
        wijk = Wijk.objects.create(name="West", code="west-c")
        WijkPostcode.objects.create(postcode="5701", wijk=wijk)
        partner = OrganisationFactory(kind=Organisation.Kind.HOUSING, delivers_signals=True)
        application = Application.objects.create(
            name="c",
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        )
        ApiClient.objects.create(organisation=partner, name="c", scopes="signals", application=application)
        AccessToken.objects.create(
            application=application, token="concurrent", expires=timezone.now() + timedelta(minutes=5), scope="signals"
        )
        results, barrier = [], threading.Barrier(2)

        def post():
            from django.test import Client

            barrier.wait()
            try:
                response = Client().post(
                    SIGNALS,
                    json.dumps(body()),
                    content_type="application/json",
                    HTTP_AUTHORIZATION="Bearer concurrent",
                    HTTP_IDEMPOTENCY_KEY=KEY,
                )
                results.append(response.status_code)
            finally:
                connection.close()

        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(results), [200, 201])
        self.assertEqual(Signal.objects.count(), 1)
