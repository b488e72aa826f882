from django.test import TestCase

from samenplan.measuring.models import Instrument, LifeDomain


class ShippedInstrumentsTestCase(TestCase):
    def test_the_thirteen_domains_have_plain_names_for_residents(self):
        domains = {d.name: d.resident_name for d in LifeDomain.objects.all()}
        self.assertEqual(len(domains), 13)
        self.assertEqual(domains["Financiën"], "Geldzaken")
        self.assertEqual(domains["Huisvesting"], "Woning")
        self.assertEqual(domains["Basale ADL"], "Zelfzorg")
        self.assertEqual(
            set(domains),
            {
                "Financiën",
                "Werk & opleiding",
                "Tijdsbesteding",
                "Huisvesting",
                "Huiselijke relaties",
                "Geestelijke gezondheid",
                "Lichamelijke gezondheid",
                "Middelengebruik",
                "Basale ADL",
                "Instrumentele ADL",
                "Sociaal netwerk",
                "Maatschappelijke participatie",
                "Justitie",
            },
        )

    def test_the_self_sufficiency_instrument_has_a_question_per_domain_on_five_levels(self):
        instrument = Instrument.objects.get(code="zelfredzaamheid")
        self.assertEqual((instrument.min_value, instrument.max_value), (1, 5))
        self.assertEqual(instrument.items.count(), 13)
        self.assertEqual(instrument.items.filter(domain__isnull=True).count(), 0)
        self.assertEqual(list(instrument.scale_labels.values_list("value", flat=True)), [1, 2, 3, 4, 5])

    def test_the_health_wheel_has_six_dimensions_from_zero_to_ten(self):
        instrument = Instrument.objects.get(code="gezondheidsweb")
        self.assertEqual((instrument.min_value, instrument.max_value), (0, 10))
        self.assertEqual(
            list(instrument.items.values_list("name", flat=True)),
            [
                "Lichaamsfuncties",
                "Mentaal welbevinden",
                "Zingeving",
                "Kwaliteit van leven",
                "Meedoen",
                "Dagelijks functioneren",
            ],
        )

    def test_every_item_has_an_english_text_too(self):
        for instrument in Instrument.objects.prefetch_related("items"):
            for item in instrument.items.all():
                self.assertTrue(item.question_en and item.resident_name_en and item.help_en, item.code)
