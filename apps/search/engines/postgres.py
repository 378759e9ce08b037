"""PostgreSQL full-text search: a ``tsvector`` per passage in the reader's language's
configuration (arabic, dutch, english, german, italian, russian, spanish; ``simple`` for the
others), written by a trigger, with a GIN index; ranked with ``ts_rank_cd``, excerpts by
``ts_headline``, typing mistakes corrected against the vocabulary with ``pg_trgm``.

Weights: the title or heading A, the text B; the original's name C and text D (``simple``:
unstemmed).
PostgreSQL's ranking knows no inverse document frequency, so an item matching more of the
query's words is lifted by how many it matches.
"""

from __future__ import annotations

from django.db import connection

from apps.search.engines import Engine, Scope
from apps.search.excerpts import START, STOP, from_markers
from apps.search.query import Term
from apps.search.text import fold, pg_config, words

WEIGHTS = "{0.05, 0.3, 0.5, 1.0}"  # D, C, B, A
HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=32, MinWords=14, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def _lexeme(word: str, prefix: bool) -> str:
    return f"'{word}'" + (":*" if prefix else "")


class PostgresEngine(Engine):
    vendor = "postgresql"

    def terms(self, text: str, code: str) -> str:
        return " ".join(words(fold(text, code)))

    def _term_queries(self, terms: list[Term], code: str) -> tuple[list[str], list]:
        """One tsquery expression per term: its stem in the reader's configuration, or the
        word as written (``simple``) for the original's words."""
        config = pg_config(code)
        expressions, params = [], []
        for term in terms:
            word = term.word if config != "simple" else term.stem
            originals = {_lexeme(term.word, term.prefix), _lexeme(term.source_stem, term.prefix)}
            expressions.append("(to_tsquery(%s::regconfig, %s) || to_tsquery('simple', %s))")
            params += [config, _lexeme(word, term.prefix), " | ".join(sorted(originals))]
        return expressions, params

    def _queries_from(self, terms: list[Term], code: str) -> tuple[str, list]:
        """A FROM item with columns q0… (one per term) and q (any of them)."""
        expressions, params = self._term_queries(terms, code)
        inner = ", ".join(f"{expression} AS q{i}" for i, expression in enumerate(expressions))
        names = [f"q{i}" for i in range(len(expressions))]
        return (
            f"(SELECT {', '.join(names)}, ({' || '.join(names)}) AS q FROM (SELECT {inner}) AS t)"
            " AS qs",
            params,
        )

    def _hits_sql(self, scope: Scope, terms: list[Term]) -> tuple[str, list]:
        queries, params = self._queries_from(terms, scope.code)
        matched = " + ".join(f"(p.search_vector @@ qs.q{i})::int" for i in range(len(terms)))
        sql = (
            "SELECT p.id AS id, p.content_type_id AS ct, p.object_id AS oid, p.kind AS kind, "
            f"ts_rank_cd('{WEIGHTS}', p.search_vector, qs.q) * p.boost * ({matched}) AS score "
            f"FROM search_passage p, {queries} "
            "WHERE p.region_id = %s AND p.language = %s AND p.search_vector @@ qs.q"
        )
        return sql, [*params, scope.region_id, scope.code]

    def excerpts(self, passages: list, terms: list[Term], code: str) -> dict[int, str]:
        if not passages:
            return {}
        queries, params = self._queries_from(terms, code)
        sql = (
            f"SELECT p.id, ts_headline(p.ts_config::regconfig, p.text, qs.q, '{HEADLINE}') "
            f"FROM search_passage p, {queries} WHERE p.id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, [passage.pk for passage in passages]])
            return {pk: from_markers(text) for pk, text in cursor.fetchall()}

    def similar_words(self, region_id: int, code: str, word: str) -> list[tuple[str, float]]:
        sql = (
            "SELECT word, similarity(word, %s) AS s FROM search_word "
            "WHERE region_id = %s AND language = %s AND word %% %s ORDER BY s DESC, word LIMIT 5"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [word, region_id, code, word])
            return [(found, float(similarity)) for found, similarity in cursor.fetchall()]
