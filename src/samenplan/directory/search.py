"""Search on the social map. Each service keeps its words, normalised, in `search_text`
(lower case, no accents); `index_services` refreshes it after every write.

Dutch glues words together ("betalingsachterstanden") and people make typos, so a word of
the query matches a service when it is part of its text (a substring, not a whole word:
"achterstand" finds "betalingsachterstanden") or when it looks enough like a stretch of
it (trigram word similarity, as PostgreSQL's pg_trgm defines it: "voedselbnk" finds
"voedselbank"). Every word of the query must match; words under three letters are left
out (too short to say anything).

A word is looked for by what looks like it only when no listing holds it as typed (a
guess where one is needed; it costs more than a plain search).

- PostgreSQL: pg_trgm and a GIN trigram index on `search_text` (migration 0003). `LIKE`
  and the `%>` operator (word similarity above the threshold) both use that index.
- SQLite: an FTS5 table with the trigram tokenizer over `search_text`, kept in step by
  triggers (`ensure_sqlite_index`); a substring is an FTS5 phrase. When a word is not
  found as typed, a second FTS5 table (words) gives the vocabulary of all listings: the
  words sharing enough trigrams with it (counted in SQL) whose word similarity, computed
  here as pg_trgm does, reaches `WORD_SIMILARITY` are searched for instead.
"""

import math
import re
import unicodedata

from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Func, Q, Value, When
from django.db.models.expressions import RawSQL

from .models import Service

_NOT_WORD = re.compile(r"[^a-z0-9]+")

# pg_trgm's default `word_similarity_threshold`, used by its `%>` operator; SQLite uses the same.
WORD_SIMILARITY = 0.6
# At most this many look-alike words per query word are searched for (SQLite).
SIMILAR_WORDS = 30
# Shorter words are ignored for matching.
MIN_WORD = 3
# More words than this in one query are ignored (each costs a condition).
MAX_WORDS = 6

FTS_TABLE = "directory_service_fts"
# SQLite: a word index (FTS5, unicode61) of the same text, for its vocabulary only.
WORDS_TABLE = "directory_service_words"
VOCABULARY = "directory_service_vocabulary"


def normalise(text: str) -> str:
    """Lower case, accents removed, only letters and digits, one space between words:
    "Betalings­achterstanden (één)" -> "betalingsachterstanden een"."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_WORD.sub(" ", text).strip()


def search_text_for(service: Service, *, organisation_name: str, term_names: list[str]) -> str:
    parts = [
        service.name,
        service.alternate_name,
        organisation_name,
        " ".join(term_names),
        service.description,
        service.eligibility_description,
        service.application_process,
    ]
    return normalise(" ".join(p for p in parts if p))


def index_services(service_ids) -> None:
    """Recompute `search_text` of these services (after an import or an edit)."""
    services = list(Service.objects.filter(pk__in=list(service_ids)).select_related("organisation"))
    terms: dict[int, list[str]] = {}
    through = Service.terms.through.objects.filter(service_id__in=[s.pk for s in services])
    for service_id, name in through.values_list("service_id", "taxonomyterm__name"):
        terms.setdefault(service_id, []).append(name)
    for service in services:
        service.search_text = search_text_for(
            service, organisation_name=service.organisation.name, term_names=terms.get(service.pk, [])
        )
    Service.objects.bulk_update(services, ["search_text"], batch_size=500)


def query_words(query: str) -> list[str]:
    """The words of a query that take part in matching, each once, in order."""
    words = []
    for word in normalise(query).split():
        if len(word) >= MIN_WORD and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


# Trigram word similarity, as pg_trgm computes it ----------------------------------------


def _word_trigrams(word: str) -> list[str]:
    # pg_trgm pads each word with two spaces in front and one behind.
    padded = f"  {word} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def trigrams(text: str) -> list[str]:
    """The trigrams of a normalised text, word by word, in order (repeats kept)."""
    result = []
    for word in text.split():
        result.extend(_word_trigrams(word))
    return result


def word_similarity(word: str, text: str) -> float:
    """pg_trgm's `word_similarity(word, text)`: the best Jaccard similarity between the
    word's trigrams and those of any continuous stretch of the text."""
    wanted = set(trigrams(word))
    if not wanted:
        return 0.0
    sequence = trigrams(text)
    hits = [i for i, trigram in enumerate(sequence) if trigram in wanted]
    best = 0.0
    # A stretch is only worth measuring from a shared trigram to a shared trigram; past
    # three times the word's length its own trigrams outweigh anything it shares.
    longest = 3 * len(wanted)
    for start_at, start in enumerate(hits):
        seen: set[str] = set()
        reached = start
        for end in hits[start_at:]:
            if end - start >= longest:
                break
            seen.update(sequence[reached : end + 1])
            reached = end + 1
            shared = len(seen & wanted)
            best = max(best, shared / (len(wanted) + len(seen) - shared))
    return best


# Matching -------------------------------------------------------------------------------


def _fts_phrase(text: str) -> str:
    # Query words are [a-z0-9 ] only (normalised), so quoting cannot be broken out of.
    return '"' + text + '"'


def _sqlite_similar_words(word: str) -> list[str]:
    """Words of the listings that look like `word` (a typo, another ending): from the
    vocabulary of the word index, those sharing enough of its trigrams (counted in SQL)
    whose word similarity, computed as pg_trgm does, reaches the threshold."""
    wanted = sorted(set(_word_trigrams(word)))
    # A stretch shares at least threshold x |trigrams of the word| of them, or fails.
    enough = max(1, math.ceil(WORD_SIMILARITY * len(wanted)))
    shared = " + ".join(["(instr('  ' || term || ' ', %s) > 0)"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {VOCABULARY} WHERE {shared} >= %s",  # noqa: S608 (fixed SQL; values are parameters)
            [*wanted, enough],
        )
        terms = [row[0] for row in cursor.fetchall()]
    scored = sorted(((word_similarity(word, term), term) for term in terms if term != word), reverse=True)
    return [term for score, term in scored[:SIMILAR_WORDS] if score >= WORD_SIMILARITY]


def _postgresql_look_alikes(word: str) -> list[int]:
    """Services whose text has a stretch like `word` (pg_trgm's `%>`), through the trigram
    index: on a table of a few thousand rows the planner would rather compare every text
    (80 ms for 5,000 services, against 6 ms through the index)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SELECT id FROM directory_service WHERE search_text %%> %s", [word])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute("SET LOCAL enable_seqscan = on")
    return ids


def _found(word: str) -> bool:
    """Does any listing hold `word` as typed?"""
    if connection.vendor == "postgresql":
        return Service.objects.filter(search_text__contains=word).exists()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1", [_fts_phrase(word)])  # noqa: S608
        return cursor.fetchone() is not None


def _fts_match(match: str) -> Q:
    # The table name is ours; the match goes in as a parameter.
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]))  # noqa: S608, S611


def _matches(word: str, typos: bool) -> Q:
    """The word as typed, as a substring. With `typos`, a word that no listing holds as
    typed matches what looks like it instead: a guess is only made where it is needed,
    and it costs more than a plain search."""
    postgresql = connection.vendor == "postgresql"
    if not typos or _found(word):
        return Q(search_text__contains=word) if postgresql else _fts_match(_fts_phrase(word))
    if postgresql:
        return Q(pk__in=_postgresql_look_alikes(word))
    # Trigram phrases, so a look-alike inside a compound word is found too.
    return _fts_match(" OR ".join(_fts_phrase(w) for w in [word, *_sqlite_similar_words(word)]))


def _rank(words: list[str], *, similarity: bool):
    """Best first: a word in the name counts most, then a word found as it was typed; for
    look-alikes (PostgreSQL) also how closely the text resembles each word."""
    score = Value(0.0, output_field=FloatField())
    for word in words:
        score = score + Case(When(name__icontains=word, then=Value(2.0)), default=Value(0.0), output_field=FloatField())
        score = score + Case(
            When(search_text__contains=word, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
        )
        if similarity:
            score = score + Func(Value(word), F("search_text"), function="WORD_SIMILARITY", output_field=FloatField())
    return score


def text_search(queryset, query: str, *, typos: bool = True, ordered: bool = True):
    """`queryset` narrowed to the services matching every word of `query`, best first
    (by name when the query has no words). With `typos`, a word not found as typed is
    looked for by what looks like it (one small query per word to find out)."""
    words = query_words(query)
    if not words:
        return queryset.order_by("name", "id")
    for word in words:
        queryset = queryset.filter(_matches(word, typos))
    if not ordered:
        return queryset
    similarity = typos and connection.vendor == "postgresql"
    return queryset.annotate(relevance=_rank(words, similarity=similarity)).order_by("-relevance", "name", "id")


# Filters --------------------------------------------------------------------------------

# Age groups of the filter: (key, label, youngest, oldest).
AGE_GROUPS = {
    "children": (0, 11),
    "young": (12, 17),
    "adults": (18, 66),
    "elderly": (67, 150),
}

# Shown on the map and in search: open, or closed for a while (said so on the page).
LISTED = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)


def service_search(
    query: str = "",
    *,
    life_domain: int | None = None,
    wijk: int | None = None,
    age_group: str = "",
    free: bool = False,
    language: str = "",
    typos: bool = True,
    ordered: bool = True,
):
    """The listed services matching the query and the filters, best first, as a queryset
    (the caller adds what it shows: select_related, prefetches, a page). `typos`: see
    `text_search`; False finds words only as typed, without the queries to find out.
    `ordered` False leaves the order (and its cost) to the caller."""
    services = Service.objects.filter(status__in=LISTED)
    if life_domain:
        services = services.filter(
            pk__in=Service.terms.through.objects.filter(taxonomyterm_id=life_domain).values("service_id")
        )
    if wijk:
        areas = Service.wijken.through.objects
        located = Service.objects.filter(service_at_locations__location__wijk_id=wijk).values("pk")
        services = services.filter(
            Q(pk__in=areas.filter(wijk_id=wijk).values("service_id"))
            | ~Q(pk__in=areas.values("service_id"))
            | Q(pk__in=located)
        )
    if age_group in AGE_GROUPS:
        youngest, oldest = AGE_GROUPS[age_group]
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=oldest),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=youngest),
        )
    if free:
        services = services.filter(free=True)
    if language:
        if connection.vendor == "postgresql":
            services = services.filter(languages__contains=[language])
        else:
            # SQLite's JSON has no containment: look for the quoted code in the stored list.
            services = services.filter(languages__icontains=f'"{language}"')
    return text_search(services, query, typos=typos, ordered=ordered)


# The SQLite index -----------------------------------------------------------------------

# Fixed SQL, no outside input: both indexes follow every insert, change and delete.
_SQLITE_TABLES = {
    "directory_service_fts": (
        "CREATE VIRTUAL TABLE directory_service_fts USING fts5("
        "search_text, content='directory_service', content_rowid='id', tokenize='trigram')"
    ),
    "directory_service_words": (
        "CREATE VIRTUAL TABLE directory_service_words USING fts5("
        "search_text, content='directory_service', content_rowid='id', detail='none')"
    ),
    "directory_service_vocabulary": (
        "CREATE VIRTUAL TABLE directory_service_vocabulary USING fts5vocab(directory_service_words, 'row')"
    ),
}
_ADD = (
    "INSERT INTO directory_service_fts(rowid, search_text) VALUES (new.id, new.search_text); "
    "INSERT INTO directory_service_words(rowid, search_text) VALUES (new.id, new.search_text); "
)
_REMOVE = (
    "INSERT INTO directory_service_fts(directory_service_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO directory_service_words(directory_service_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
)
_SQLITE_TRIGGERS = {
    "directory_service_fts_insert": f"AFTER INSERT ON directory_service BEGIN {_ADD}END",
    "directory_service_fts_delete": f"AFTER DELETE ON directory_service BEGIN {_REMOVE}END",
    "directory_service_fts_update": f"AFTER UPDATE OF search_text ON directory_service BEGIN {_REMOVE}{_ADD}END",
}


def ensure_sqlite_index(using_connection) -> None:
    """Make the FTS5 tables and their triggers where they are missing, and rebuild the
    indexes then. Run by migration 0003 and after every migrate: SQLite drops a table's
    triggers when a later migration rebuilds the table."""
    if using_connection.vendor != "sqlite":
        return
    with using_connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if "directory_service" not in present:
            return
        wanted = {**_SQLITE_TABLES, **_SQLITE_TRIGGERS}
        missing = [name for name in wanted if name not in present]
        for name in missing:
            cursor.execute(_SQLITE_TABLES[name] if name in _SQLITE_TABLES else f"CREATE TRIGGER {name} {wanted[name]}")
        if missing:
            for table in (FTS_TABLE, WORDS_TABLE):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")  # noqa: S608


def drop_sqlite_index(using_connection) -> None:
    if using_connection.vendor != "sqlite":
        return
    with using_connection.cursor() as cursor:
        for name in _SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in reversed(_SQLITE_TABLES):
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
