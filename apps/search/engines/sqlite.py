"""SQLite FTS5 for the embedded default: an external-content FTS5 table over the passages
(``unicode61 remove_diacritics 2``), kept in step by triggers, ranked with ``bm25()``; a
``trigram`` FTS5 table over the vocabulary finds words that look like a mistyped one.

SQLite cannot stem, so the passages' terms are stemmed here, with the same Snowball algorithms
PostgreSQL uses (PyStemmer), and the query's words likewise.
"""

from __future__ import annotations

from django.db import connection

from apps.search.engines import Engine, Scope, trigram_similarity
from apps.search.excerpts import highlight
from apps.search.query import Term
from apps.search.text import fold, stem, words

#: bm25 column weights: title or heading, text, the original's name and text.
WEIGHTS = (4.0, 1.0, 1.5, 0.3)
SIMILAR = 0.3  # pg_trgm's default similarity threshold


def _phrase(word: str, prefix: bool) -> str:
    return f'"{word}"' + ("*" if prefix else "")


class SqliteEngine(Engine):
    vendor = "sqlite"

    def terms(self, text: str, code: str) -> str:
        return " ".join(stem(word, code) for word in words(fold(text, code)))

    def _match(self, terms: list[Term]) -> str:
        stems = " OR ".join(_phrase(term.stem, term.prefix) for term in terms)
        originals = " OR ".join(
            sorted({_phrase(w, t.prefix) for t in terms for w in (t.word, t.source_stem) if w})
        )
        return (
            f"{{terms_title terms_text}} : ({stems}) OR "
            f"{{terms_source_title terms_source}} : ({originals})"
        )

    def _hits_sql(self, scope: Scope, terms: list[Term]) -> tuple[str, list]:
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        sql = (
            "SELECT p.id AS id, p.content_type_id AS ct, p.object_id AS oid, p.kind AS kind, "
            f"-bm25(search_passage_fts, {weights}) * p.boost AS score "
            "FROM search_passage_fts JOIN search_passage p ON p.id = search_passage_fts.rowid "
            "WHERE search_passage_fts MATCH %s AND p.region_id = %s AND p.language = %s"
        )
        return sql, [self._match(terms), scope.region_id, scope.code]

    def excerpts(self, passages: list, terms: list[Term], code: str) -> dict[int, str]:
        return {passage.pk: highlight(passage.text, code, terms) for passage in passages}

    def similar_words(self, region_id: int, code: str, word: str) -> list[tuple[str, float]]:
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not grams:
            return []
        sql = (
            "SELECT w.word FROM search_word_fts JOIN search_word w ON w.id = search_word_fts.rowid "
            "WHERE search_word_fts MATCH %s AND w.region_id = %s AND w.language = %s "
            "ORDER BY bm25(search_word_fts) LIMIT 50"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [" OR ".join(f'"{g}"' for g in sorted(grams)), region_id, code])
            found = [row[0] for row in cursor.fetchall()]
        scored = [(other, trigram_similarity(word, other)) for other in found]
        scored = [(other, score) for other, score in scored if score >= SIMILAR]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:5]
