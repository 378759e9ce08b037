"""Two real search engines behind one interface: PostgreSQL full-text search in production and
CI, SQLite FTS5 in the embedded default. Which one runs follows the database.

Both read the same :class:`~apps.search.models.Passage` table; each keeps its own index of it in
step through database triggers (created by the migrations), so writing passages is plain ORM
work. An engine answers four questions: what terms to store for a text, which passages match
a query (ranked, one best passage per item, with counts per kind), the highlighted excerpts of a
page of results, and which words of the vocabulary look like a mistyped one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from apps.search.query import Term
from apps.search.text import fold, german_spellings, segment_chinese, stem, words


@dataclass(frozen=True)
class Scope:
    """Where to search: a region's passages for readers of one language, optionally of one kind
    and about one topic, shown at ``now``."""

    region_id: int
    code: str
    now: dt.datetime
    kind: str = ""
    topic: str = ""


@dataclass(frozen=True)
class Hit:
    passage_id: int
    score: float
    item: tuple[int, int] | None = None  # (content type, object id), where the caller needs it


class Engine:
    vendor = ""

    # --- indexing -----------------------------------------------------------------------------
    def terms(self, text: str, code: str) -> str:
        """What the engine indexes of a text in the reader's language."""
        raise NotImplementedError

    def source_terms(self, text: str, source: str) -> str:
        """What it indexes of the original's text, in language ``source``: the folded words and
        their stems (Anmeldung → anmeldung anmeld), with the ae/oe/ue spelling of German words
        (Bürgeramt → burgeramt buergeramt). A reader typing the original's words finds them
        as written or inflected otherwise."""
        if not text:
            return ""
        found = words(fold(text, source))
        stems = {stem(word, source) for word in found} - set(found)
        return " ".join([*found, *sorted(stems), german_spellings(text)]).strip()

    @staticmethod
    def display_text(text: str, code: str) -> str:
        """The passage text as stored for excerpts: Chinese words get an invisible separator
        between them, so that an engine's own word splitting finds them."""
        return segment_chinese(text) if code == "zh-hans" else text

    # --- searching ----------------------------------------------------------------------------
    def _hits_sql(self, scope: Scope, terms: list[Term]) -> tuple[str, list]:
        """SQL selecting ``id, ct, oid, kind, score`` of the matching passages in ``scope``'s
        region and language (filters are added by the caller)."""
        raise NotImplementedError

    def _filtered(self, scope: Scope, terms: list[Term], *, kind: bool) -> tuple[str, list]:
        sql, params = self._hits_sql(scope, terms)
        sql += " AND (p.shown_from IS NULL OR p.shown_from <= %s)"
        sql += " AND (p.expires_at IS NULL OR p.expires_at > %s)"
        params += [scope.now, scope.now]
        if scope.topic:
            sql += " AND p.topics LIKE %s"
            params.append(f"%|{scope.topic}|%")
        if kind and scope.kind:
            sql += " AND p.kind = %s"
            params.append(scope.kind)
        return sql, params

    def counts(self, scope: Scope, terms: list[Term]) -> dict[str, int]:
        """How many items match, per kind (whatever kind is chosen)."""
        hits, params = self._filtered(scope, terms, kind=False)
        sql = (
            f"WITH hits AS ({hits}) SELECT kind, COUNT(*) FROM "
            "(SELECT DISTINCT kind, ct, oid FROM hits) AS items GROUP BY kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {kind: count for kind, count in cursor.fetchall()}

    def ranked(self, scope: Scope, terms: list[Term], *, limit: int, offset: int) -> list[Hit]:
        """The best passage of each matching item, best first."""
        hits, params = self._filtered(scope, terms, kind=True)
        sql = (
            f"WITH hits AS ({hits}), best AS (SELECT id, score, ct, oid, ROW_NUMBER() OVER "
            "(PARTITION BY ct, oid ORDER BY score DESC, id) AS rn FROM hits) SELECT id, score, "
            "ct, oid FROM best WHERE rn = 1 ORDER BY score DESC, id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return [Hit(row[0], float(row[1]), (row[2], row[3])) for row in cursor.fetchall()]

    def matching(
        self, scope: Scope, terms: list[Term], items: set[tuple[int, int]]
    ) -> set[tuple[int, int]]:
        """Which of ``items`` (content type, object id) match (whatever kind is chosen)."""
        if not items:
            return set()
        hits, params = self._filtered(scope, terms, kind=False)
        object_ids = sorted({object_id for _ct, object_id in items})
        placeholders = ", ".join(["%s"] * len(object_ids))
        sql = (
            f"WITH hits AS ({hits}) SELECT DISTINCT ct, oid FROM hits WHERE oid IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *object_ids])
            return {(ct, oid) for ct, oid in cursor.fetchall()} & items

    def passage_hits(self, scope: Scope, terms: list[Term], *, limit: int) -> list[Hit]:
        """The matching passages themselves, best first — several of one item (the steps of a
        procedure that answer a question)."""
        hits, params = self._filtered(scope, terms, kind=True)
        sql = f"WITH hits AS ({hits}) SELECT id, score FROM hits ORDER BY score DESC, id LIMIT %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [Hit(row[0], float(row[1])) for row in cursor.fetchall()]

    def excerpts(self, passages: list, terms: list[Term], code: str) -> dict[int, str]:
        """Passage id → its excerpt as HTML, with the matching words in ``<mark>``."""
        raise NotImplementedError

    def similar_words(self, region_id: int, code: str, word: str) -> list[tuple[str, float]]:
        """Words of the vocabulary that look like ``word``, most similar first."""
        raise NotImplementedError


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity`` of two words: shared trigrams over all trigrams, each word
    padded with two spaces before and one after."""

    def grams(word: str) -> set[str]:
        padded = f"  {word} "
        return {padded[i : i + 3] for i in range(len(padded) - 2)}

    first, second = grams(a), grams(b)
    return len(first & second) / len(first | second) if first and second else 0.0


def get_engine() -> Engine:
    if connection.vendor == "postgresql":
        from apps.search.engines.postgres import PostgresEngine

        return PostgresEngine()
    from apps.search.engines.sqlite import SqliteEngine

    return SqliteEngine()
