from django.test import SimpleTestCase

from samenplan.measuring.charts import CENTER_X, CENTER_Y, RADIUS, spider_chart


class SpiderChartTestCase(SimpleTestCase):
    def chart(self, values):
        return spider_chart(labels=["a", "b", "c", "d"], min_value=0, max_value=10, series=[("latest", "L", values)])

    def test_the_top_axis_points_up_and_a_full_score_reaches_the_edge(self):
        chart = self.chart([10, 10, 10, 10])
        x, y, value = chart.series[0].dots[0]
        self.assertEqual((x, y, value), (CENTER_X, CENTER_Y - RADIUS, 10))
        self.assertEqual(chart.axes[1].anchor, "start")
        self.assertEqual(chart.axes[3].anchor, "end")

    def test_zero_is_the_centre_and_unanswered_items_are_left_out(self):
        chart = self.chart([0, None, 5, None])
        dots = chart.series[0].dots
        self.assertEqual(len(dots), 2)
        self.assertEqual(dots[0][:2], (CENTER_X, CENTER_Y))
        self.assertEqual(dots[1][:2], (CENTER_X, CENTER_Y + RADIUS / 2))

    def test_a_scale_from_one_keeps_level_one_off_the_centre(self):
        chart = spider_chart(labels=["a", "b", "c"], min_value=1, max_value=5, series=[("x", "X", [1, 1, 1])])
        self.assertEqual(chart.series[0].dots[0][:2], (CENTER_X, CENTER_Y - RADIUS / 5))
        self.assertEqual(len(chart.rings), 5)
