"""An instrument that was filled in keeps its scale: a score must keep meaning what it meant
when it was given. Its words may still be improved."""

from samenplan.audit.models import AuditEntry
from samenplan.measuring.models import Instrument, Measurement
from samenplan.testing.base import BaseTestCase


def management(prefix, instrument, related):
    rows = list(related)
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    return data, rows


class InstrumentAdminTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.pam)
        self.instrument = Instrument.objects.get(code="zelfredzaamheid")
        self.url = f"/admin/measuring/instrument/{self.instrument.pk}/change/"

    def form_data(self, **changes):
        instrument = self.instrument
        data = {
            "name": instrument.name,
            "name_en": instrument.name_en,
            "code": instrument.code,
            "active": "on" if instrument.active else "",
            "order": instrument.order,
            "min_value": instrument.min_value,
            "max_value": instrument.max_value,
            "intro": instrument.intro,
            "intro_en": instrument.intro_en,
        }
        labels, rows = management("scale_labels", instrument, instrument.scale_labels.all())
        data.update(labels)
        for i, label in enumerate(rows):
            data.update(
                {
                    f"scale_labels-{i}-id": label.pk,
                    f"scale_labels-{i}-instrument": instrument.pk,
                    f"scale_labels-{i}-value": label.value,
                    f"scale_labels-{i}-label": label.label,
                    f"scale_labels-{i}-label_en": label.label_en,
                    f"scale_labels-{i}-description": label.description,
                    f"scale_labels-{i}-description_en": label.description_en,
                }
            )
        items, rows = management("items", instrument, instrument.items.all())
        data.update(items)
        for i, item in enumerate(rows):
            data.update(
                {
                    f"items-{i}-id": item.pk,
                    f"items-{i}-instrument": instrument.pk,
                    f"items-{i}-code": item.code,
                    f"items-{i}-domain": item.domain_id or "",
                    f"items-{i}-order": item.order,
                    f"items-{i}-name": item.name,
                    f"items-{i}-name_en": item.name_en,
                    f"items-{i}-resident_name": item.resident_name,
                    f"items-{i}-resident_name_en": item.resident_name_en,
                    f"items-{i}-question": item.question,
                    f"items-{i}-question_en": item.question_en,
                    f"items-{i}-help": item.help,
                    f"items-{i}-help_en": item.help_en,
                    f"items-{i}-answer_kind": item.answer_kind,
                    f"items-{i}-yes_value": "" if item.yes_value is None else item.yes_value,
                    f"items-{i}-no_value": "" if item.no_value is None else item.no_value,
                }
            )
        data.update(changes)
        return data

    def measure(self):
        Measurement.objects.create(
            plan=self.plan, instrument=self.instrument, perspective="resident", recorded_by=self.alice
        )

    def test_an_unused_instrument_may_change_its_scale(self):
        response = self.client.post(self.url, self.form_data(max_value=6))
        self.assertEqual(response.status_code, 302)
        self.instrument.refresh_from_db()
        self.assertEqual(self.instrument.max_value, 6)
        self.assertEqual(AuditEntry.objects.order_by("-id").first().action, "update")

    def test_a_used_instrument_refuses_a_new_scale_with_a_clear_message(self):
        self.measure()
        response = self.client.post(self.url, self.form_data(max_value=6))
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Deze vragenlijst is al 1 keer ingevuld. De schaal kan daarom niet meer veranderen"
        )
        self.instrument.refresh_from_db()
        self.assertEqual(self.instrument.max_value, 5)

    def test_a_used_instrument_refuses_changed_answer_options_but_not_better_words(self):
        self.measure()
        response = self.client.post(self.url, self.form_data(**{"scale_labels-0-value": 0}))
        self.assertContains(response, "De schaal kan daarom niet meer veranderen")
        response = self.client.post(self.url, self.form_data(**{"scale_labels-0-DELETE": "on"}))
        self.assertContains(response, "De schaal kan daarom niet meer veranderen")
        self.assertEqual(self.instrument.scale_labels.count(), 5)
        response = self.client.post(self.url, self.form_data(**{"scale_labels-0-label": "Het gaat echt helemaal niet"}))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.instrument.scale_labels.get(value=1).label, "Het gaat echt helemaal niet")

    def test_the_instrument_page_has_dutch_help_texts_and_labelled_fields(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Kan niet meer veranderen als de vragenlijst is ingevuld.")
        # Stacked rows: every answer option's field has its own label.
        self.assertContains(response, 'for="id_scale_labels-0-value"')

    def test_a_used_instrument_refuses_new_scores_for_yes_and_no(self):
        items = list(self.instrument.items.all())
        index = next(i for i, item in enumerate(items) if item.answer_kind == "yes_no")
        self.measure()
        response = self.client.post(self.url, self.form_data(**{f"items-{index}-yes_value": 1}))
        self.assertContains(response, "De schaal kan daarom niet meer veranderen")
        items[index].refresh_from_db()
        self.assertNotEqual(items[index].yes_value, 1)
