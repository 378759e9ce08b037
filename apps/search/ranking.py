"""One relevance ranking for search and the assistant: the keyword engine's ranking of passages
fused with the embedding model's (reciprocal-rank fusion), then grouped per item.

The keyword ranking (:mod:`apps.search.engines`) knows stems and the original's German words;
the embedding model's (:mod:`apps.search.vectors`) knows meaning in any language ("money for my
kids" is close to a text about child benefit that says "children", a Dari question to an article
that exists only in German). Each passage scores ``1 / (K + rank)`` in each ranking it is in; an
item counts by its best passage, a little more for a second and third that also fit (a
procedure whose introduction and a step both answer), and by its kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.search import vectors
from apps.search.engines import Engine, Scope
from apps.search.models import Kind, Passage
from apps.search.query import Query

KEYWORD_DEPTH = 80  # passages taken from the keyword ranking
FUSION_K = 20  # reciprocal-rank fusion: 1 / (K + rank)
#: How much the embedding ranking counts against the keyword ranking.
VECTOR_WEIGHT = 1.0
#: A second and third passage of an item that also fit count this much of their score.
FURTHER_PASSAGES = 0.25
#: What people come for first: what to do.
KIND_WEIGHT = {Kind.PROCEDURE: 1.3, Kind.TERM: 1.0, Kind.ARTICLE: 1.0, Kind.DOCUMENT: 0.9}

Item = tuple[int, int]  # (content type, object id)


def item_of(passage: Passage) -> Item:
    return passage.content_type_id, passage.object_id


def in_scope(passage: Passage, scope: Scope, *, kind: bool = True) -> bool:
    """Whether ``scope``'s filters (the kind too, unless ``kind`` is false) let the passage be
    shown: the engines apply the same filters in SQL."""
    shown = (passage.shown_from is None or passage.shown_from <= scope.now) and (
        passage.expires_at is None or passage.expires_at > scope.now
    )
    return (
        shown
        and (not scope.topic or f"|{scope.topic}|" in passage.topics)
        and (not kind or not scope.kind or passage.kind == scope.kind)
    )


@dataclass
class Ranking:
    """The items found, best first, each with its passages that scored, best first."""

    items: list[list[Passage]] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)  # passage id → fused score

    def score(self, found: list[Passage]) -> float:
        values = sorted((self.scores[p.pk] for p in found), reverse=True)
        return (values[0] + FURTHER_PASSAGES * sum(values[1:3])) * KIND_WEIGHT.get(
            found[0].kind, 1.0
        )


def rank(
    engine: Engine, scope: Scope, query: Query, closest: list[tuple[int, float]] | None = None
) -> Ranking:
    """The items of ``scope`` that ``query`` finds by its words or its meaning, best first.

    ``closest`` is the similarity ranking of the query's text (:func:`vectors.closest`), when
    the caller has it already. Passages the model finds are taken from
    :data:`vectors.CLOSE_ENOUGH` on; if no word matches at all, only when the closest is
    :data:`vectors.CONFIDENT` (a question about nothing the portal has finds nothing).
    """
    ranking = Ranking()
    scores = ranking.scores
    for position, hit in enumerate(engine.passage_hits(scope, query.terms, limit=KEYWORD_DEPTH)):
        scores[hit.passage_id] = 1 / (FUSION_K + position + 1)
    if closest is None:
        closest = vectors.closest(scope.region_id, scope.code, query.text)
    if scores or (closest and closest[0][1] >= vectors.CONFIDENT):
        for position, (pk, similarity) in enumerate(closest):
            if similarity >= vectors.CLOSE_ENOUGH:
                scores[pk] = scores.get(pk, 0.0) + VECTOR_WEIGHT / (FUSION_K + position + 1)
    passages = [p for p in Passage.objects.in_bulk(list(scores)).values() if in_scope(p, scope)]
    by_item: dict[Item, list[Passage]] = {}
    for passage in sorted(passages, key=lambda p: (-scores[p.pk], p.pk)):
        by_item.setdefault(item_of(passage), []).append(passage)
    ranking.items = sorted(by_item.values(), key=lambda found: (-ranking.score(found), found[0].pk))
    return ranking
