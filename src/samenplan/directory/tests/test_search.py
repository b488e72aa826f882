"""The social map's search, on SQLite (FTS5, trigram tokenizer) and PostgreSQL (pg_trgm):
the suite runs on both, and so do these tests."""

from unittest import skipUnless

from django.db import connection
from django.test import TestCase

from samenplan.directory.models import Service
from samenplan.directory.search import (
    ensure_sqlite_index,
    index_services,
    normalise,
    query_words,
    service_search,
    word_similarity,
)
from samenplan.testing.factories import OrganisationFactory, ServiceFactory


def listed(**fields):
    service = ServiceFactory(**fields)
    index_services([service.pk])
    return service


class SearchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kredietbank = OrganisationFactory(name="Kredietbank Helmstad")
        cls.arrears = listed(
            organisation=cls.kredietbank,
            name="Hulp bij betalingsachterstanden",
            description=(
                "Je hebt rekeningen die je niet op tijd kunt betalen. Wij zoeken samen met je naar een regeling."
            ),
        )
        cls.debt = listed(
            organisation=cls.kredietbank,
            name="Schuldhulpverlening",
            description="Als je schulden hebt die je niet meer kunt overzien, maken we samen een plan.",
        )
        cls.food = listed(
            name="Voedselbank Helmstad",
            description="Elke week een pakket met eten voor wie het even niet redt.",
        )
        cls.sport = listed(name="Buurtsport voor ouderen", description="Samen bewegen in de gymzaal, elke dinsdag.")

    def found(self, query, **filters):
        return list(service_search(query, **filters))

    def test_it_finds_a_part_of_a_compound_word(self):
        self.assertEqual(self.found("achterstand"), [self.arrears])

    def test_it_survives_a_typo(self):
        self.assertEqual(self.found("schuldhulpverlenig"), [self.debt])
        self.assertEqual(self.found("voedselbnk"), [self.food])

    def test_it_ignores_case_and_accents(self):
        self.assertEqual(self.found("VOEDSELBÁNK"), [self.food])

    def test_unrelated_words_find_nothing(self):
        self.assertEqual(self.found("fietsenmaker"), [])
        self.assertEqual(self.found("zwembad"), [])

    def test_every_word_must_match(self):
        self.assertEqual(self.found("schulden plan"), [self.debt])
        self.assertEqual(self.found("schulden gymzaal"), [])

    def test_words_under_three_letters_are_ignored(self):
        self.assertEqual(self.found("de achterstand"), [self.arrears])
        self.assertEqual(len(self.found("de")), 4)

    def test_the_organisation_name_is_searched_too(self):
        self.assertEqual(set(self.found("kredietbank")), {self.arrears, self.debt})

    def test_a_match_in_the_name_comes_first(self):
        listed(name="Budgetcoach", description="Hulp met je geld, ook bij schuldhulpverlening en schulden.")
        self.assertEqual(self.found("schuldhulpverlening")[0], self.debt)

    def test_without_words_everything_listed_comes_by_name(self):
        self.assertEqual(
            [s.name for s in self.found("")],
            [
                "Buurtsport voor ouderen",
                "Hulp bij betalingsachterstanden",
                "Schuldhulpverlening",
                "Voedselbank Helmstad",
            ],
        )

    def test_stopped_and_inactive_services_are_not_found(self):
        Service.objects.filter(pk=self.food.pk).update(status=Service.Status.DEFUNCT)
        Service.objects.filter(pk=self.debt.pk).update(status=Service.Status.INACTIVE)
        Service.objects.filter(pk=self.sport.pk).update(status=Service.Status.TEMPORARILY_CLOSED)
        self.assertEqual(set(self.found("")), {self.arrears, self.sport})

    def test_an_edited_service_is_found_by_its_new_words(self):
        Service.objects.filter(pk=self.sport.pk).update(description="Wandelen in het park.")
        index_services([self.sport.pk])
        self.assertEqual(self.found("wandelen"), [self.sport])
        self.assertEqual(self.found("gymzaal"), [])

    def test_a_deleted_service_is_gone_from_the_index(self):
        self.food.delete()
        self.assertEqual(self.found("voedselbank"), [])

    def test_quotes_and_operators_in_the_query_are_just_text(self):
        self.assertEqual(self.found('"voedsel* (bank) -"'), [self.food])


class WordSimilarityTestCase(TestCase):
    def test_it_matches_pg_trgm(self):
        # Figures from PostgreSQL 15: SELECT word_similarity(a, b).
        self.assertAlmostEqual(
            word_similarity("schuldhulpverlenig", "wij bieden schuldhulpverlening aan"), 0.8888889, 5
        )
        self.assertAlmostEqual(word_similarity("voedselbnk", "de voedselbank helmstad"), 0.72727275, 5)
        self.assertAlmostEqual(word_similarity("achterstand", "betalingsachterstanden"), 0.75, 5)
        self.assertAlmostEqual(word_similarity("word", "two words"), 0.8, 5)
        self.assertEqual(word_similarity("fietsenmaker", "wij bieden schuldhulpverlening aan"), 0.0)

    def test_query_words(self):
        self.assertEqual(query_words("Hulp bij de Voedsel-bank, hulp!"), ["hulp", "bij", "voedsel", "bank"])
        self.assertEqual(normalise("Één café"), "een cafe")


@skipUnless(connection.vendor == "sqlite", "the FTS5 index is SQLite's")
class SqliteIndexTestCase(TestCase):
    def test_lost_triggers_are_made_again_and_the_index_rebuilt(self):
        # A later migration that rebuilds the service table on SQLite drops its triggers.
        with connection.cursor() as cursor:
            for kind in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER directory_service_fts_{kind}")
        service = listed(name="Taalcafé", description="Nederlands oefenen met koffie.")
        self.assertEqual(list(service_search("oefenen")), [])
        ensure_sqlite_index(connection)
        self.assertEqual(list(service_search("oefenen")), [service])
        self.assertEqual(list(service_search("oefennen")), [service])
