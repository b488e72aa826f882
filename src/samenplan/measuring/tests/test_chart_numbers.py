import re

from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.testing.base import BaseTestCase


class ChartNumbersTestCase(BaseTestCase):
    def test_the_spider_web_uses_decimal_points_in_dutch(self):
        # Dutch formats 400.5 as "400,5", which is not an SVG length: the chart would not draw.
        instrument = Instrument.objects.get(code="gezondheidsweb")
        measurement = Measurement.objects.create(
            plan=self.plan, instrument=instrument, perspective="resident", recorded_by=self.alice
        )
        items = instrument.items.all()
        Answer.objects.bulk_create(Answer(measurement=measurement, item=item, value=7) for item in items)
        self.login(self.alice)
        html = self.client.get(f"/plans/{self.plan.pk}/assessment/").content.decode()
        self.assertIn("<circle", html)
        coordinates = re.findall(r'\s(?:cx|cy|x1|y1|x2|y2|x|y)="([^"]*)"', html)
        self.assertTrue(coordinates)
        for value in coordinates:
            self.assertRegex(value, r"^-?\d+(\.\d+)?$")
        for points in re.findall(r'points="([^"]*)"', html):
            self.assertNotRegex(points, r"\d,\d+,")
