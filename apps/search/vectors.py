"""The passages closest in meaning to what someone typed, by the embedding model
(:mod:`apps.search.embeddings`), whatever language the passages are written in.

The vectors of a region's passages for readers of one language are held in memory as one matrix,
checked against the index on every call (one query) and reloaded when it changed; the search is a
brute-force matrix product. At a city's size (a few thousand passages per language) that takes
about a millisecond; beyond some 200,000 passages per language an approximate index (pgvector's
HNSW, or faiss) would be the next step.

Both the assistant and the search results page fuse this ranking with the keyword engine's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max

from apps.search.embeddings import from_bytes, get_embedder
from apps.search.models import Passage, Vector

#: Passages taken from the similarity ranking.
DEPTH = 80
#: Below this cosine similarity, a passage the model finds is not considered at all.
CLOSE_ENOUGH = 0.81
#: multilingual-e5 puts off-topic questions ("a pizza recipe") at 0.78-0.85 from the nearest
#: passage, and everyday questions the portal answers at 0.82-0.95 (median 0.89, measured on the
#: demo's evaluation questions in eleven languages): the two overlap. A question none of whose
#: words occur in the content is answered only above this; below, nothing is found. Most
#: gibberish and off-topic questions stay below; a cross-language question about content that
#: exists only in German is usually just above.
CONFIDENT = 0.835
#: Above every off-topic question measured (0.78-0.85): a search none of whose words occur in
#: the content lists what the model finds only from here on. A results page that counts
#: "2 found" for a question about something the portal does not have misleads more than an
#: answer that says what it found; the assistant answers cross-language questions from
#: :data:`CONFIDENT` on.
SURE = 0.86


@dataclass(frozen=True)
class _Matrix:
    stamp: tuple
    ids: np.ndarray  # passage ids, one per row
    vectors: np.ndarray  # (rows, dimensions)


_matrices: dict[tuple[int, str, str], _Matrix] = {}
_lock = threading.Lock()


def _stamp(region_id: int, code: str, model: str) -> tuple:
    passages = Passage.objects.filter(region_id=region_id, language=code).aggregate(
        count=Count("id"), last=Max("id")
    )
    vectors = Vector.objects.filter(model=model).aggregate(count=Count("id"), last=Max("id"))
    return (passages["count"], passages["last"], vectors["count"], vectors["last"])


def _matrix(region_id: int, code: str, model: str, dimensions: int) -> _Matrix:
    key = (region_id, code, model)
    stamp = _stamp(region_id, code, model)
    found = _matrices.get(key)
    if found is not None and found.stamp == stamp:
        return found
    rows = list(
        Passage.objects.filter(region_id=region_id, language=code)
        .exclude(embedding_key="")
        .values_list("id", "embedding_key")
    )
    keys = {key for _pk, key in rows}
    vectors = dict(Vector.objects.filter(model=model, key__in=keys).values_list("key", "vector"))
    usable = [(pk, from_bytes(bytes(vectors[k]))) for pk, k in rows if k in vectors]
    matrix = _Matrix(
        stamp,
        np.array([pk for pk, _v in usable], dtype=np.int64),
        np.vstack([v for _pk, v in usable]) if usable else np.zeros((0, dimensions), np.float32),
    )
    with _lock:
        _matrices[key] = matrix
    return matrix


def closest(region_id: int, code: str, text: str, depth: int = DEPTH) -> list[tuple[int, float]]:
    """(passage id, similarity) of the passages closest to ``text`` for readers of ``code``,
    closest first."""
    embedder = get_embedder()
    matrix = _matrix(region_id, code, embedder.name, embedder.dimensions)
    if not len(matrix.ids):
        return []
    similarities = matrix.vectors @ embedder.question(text)
    depth = min(depth, len(similarities))
    best = np.argpartition(-similarities, depth - 1)[:depth]
    best = best[np.argsort(-similarities[best], kind="stable")]
    return [(int(matrix.ids[i]), float(similarities[i])) for i in best]
