from types import SimpleNamespace

from django.test import SimpleTestCase
from django.utils import timezone, translation

from samenplan.buddies.ranking import Wish, rank, score


def volunteer(pk, wijk_id, languages=(), interests=(), availability=()):
    return SimpleNamespace(
        pk=pk,
        wijk_id=wijk_id,
        languages=list(languages),
        interests=list(interests),
        availability=list(availability),
        created_at=timezone.now(),
    )


WISH = Wish(
    wijk_id=1,
    languages=frozenset({"nl", "ar"}),
    interests=frozenset({"walking", "cooking"}),
    availability=frozenset({"evening"}),
)


class RankingTestCase(SimpleTestCase):
    def test_it_puts_the_same_wijk_and_a_shared_language_first_with_the_reasons(self):
        near_arabic = volunteer(1, 1, ["nl", "ar"], ["walking"], ["evening"])
        far_dutch = volunteer(2, 2, ["nl"], ["walking", "cooking"])
        near_dutch = volunteer(3, 1, ["nl"])
        with translation.override("en"):
            ranked = rank(WISH, [far_dutch, near_dutch, near_arabic])
        self.assertEqual([s.volunteer.pk for s in ranked], [1, 2, 3])
        self.assertIn("same wijk", ranked[0].reasons)
        self.assertIn("speaks arabic", ranked[0].reasons)
        self.assertIn("free at: weekday evenings", ranked[0].reasons)

    def test_a_language_other_than_dutch_weighs_more_than_dutch(self):
        self.assertGreater(score(WISH, Wish(None, frozenset({"ar"}), frozenset(), frozenset()))[0], 1)
        self.assertEqual(score(WISH, Wish(None, frozenset({"nl"}), frozenset(), frozenset()))[0], 1)

    def test_it_leaves_out_who_has_nothing_in_common_and_keeps_the_top_five(self):
        nobody = volunteer(9, 5, ["pl"])
        self.assertEqual(rank(WISH, [nobody]), [])
        many = [volunteer(i, 1) for i in range(8)]
        self.assertEqual(len(rank(WISH, many)), 5)
