"""The assistant: a question, in any of the portal's languages, answered from the portal's own
published content — by retrieval and extraction, never by writing text of its own.

Two rankings of the index's passages are fused (reciprocal-rank fusion): the keyword engine's
(:mod:`apps.search.engines`, stems and the original's German words) and the embedding model's
(:mod:`apps.search.embeddings`), which finds a passage whatever language it is written in — a
Dari question reaches an article that exists only in German, through its German fallback
passage. The answer is built from the best items: procedures with the steps that matter, the
glossary's explanation of the key word, upcoming courses, the organisations that help, and
further reading; each is a link with an excerpt of the page in the reader's language (or the
original where that is what the page shows, with the same notices). When nothing is close
enough, the answer says so and names organisations that counsel, in the reader's language first.

Vectors of a region's passages in one language are held in memory as one matrix, checked
against the index on every question (one query) and reloaded when it changed; the similarity
search is a brute-force matrix product. At a city's size (a few thousand passages per
language) that takes about a millisecond; beyond some 200,000 passages per language an
approximate index (pgvector's HNSW, or faiss) would be the next step.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organisation, OrganisationKind
from apps.core import languages
from apps.search.embeddings import from_bytes, get_embedder
from apps.search.engines import Scope, get_engine
from apps.search.models import HandledGap, Kind, Passage, Vector
from apps.search.query import Query, parse

MAX_QUESTION = 500  # characters
KEYWORD_DEPTH = 80  # passages taken from each ranking
VECTOR_DEPTH = 80
FUSION_K = 20  # reciprocal-rank fusion: 1 / (K + rank)
#: Below this cosine similarity, a passage the model finds is not considered at all.
CLOSE_ENOUGH = 0.81
#: multilingual-e5 puts off-topic questions ("a pizza recipe") at 0.78-0.85 from the nearest
#: passage, and everyday questions the portal answers at 0.82-0.95 (median 0.89, measured on the
#: demo's evaluation questions in eleven languages): the two overlap. A question none of whose
#: words occur in the content is answered only above this; below, the assistant says it found
#: nothing and names who can help. Most gibberish and off-topic questions stay below; a
#: cross-language question about content that exists only in German is usually just above.
CONFIDENT = 0.835
#: How much the embedding ranking counts against the keyword ranking.
VECTOR_WEIGHT = 1.0
MAX_STEPS = 3
MAX_FINDINGS = 12
MAX_HELPERS = 3

EXPLANATION_KINDS = (Kind.TERM,)
FURTHER_KINDS = (Kind.ARTICLE, Kind.DOCUMENT, Kind.PLACE)

NO_ANSWER = _(
    "I could not find an answer to this on the portal. These organisations can help you in person:"
)


@dataclass(frozen=True)
class Excerpt:
    """A part of a page: a step of a procedure or a section of an article."""

    heading: str
    url: str
    excerpt: SafeString


@dataclass
class Finding:
    """One item of the answer, with its excerpt, and the steps or sections that matter."""

    kind: str
    title: str
    url: str
    excerpt: SafeString
    language: languages.Language  # of title and excerpts
    is_fallback: bool
    is_machine: bool
    is_outdated: bool
    score: float = 0.0
    parts: list[Excerpt] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


@dataclass
class Answer:
    question: Query
    findings: list[Finding] = field(default_factory=list)  # best first, one per item
    helpers: list[Finding] = field(default_factory=list)  # who counsels, when nothing fits

    @property
    def asked(self) -> bool:
        return bool(self.question.terms) and not self.question.problem

    @property
    def answered(self) -> bool:
        return bool(self.findings)

    def _of(self, kinds, limit: int) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind in kinds][:limit]

    @property
    def procedures(self) -> list[Finding]:
        """The procedures to follow: the best one, and a second if it is nearly as good."""
        found = self._of((Kind.PROCEDURE,), 2)
        if len(found) == 2 and found[1].score < found[0].score * 0.6:
            return found[:1]
        return found

    @property
    def explanation(self) -> Finding | None:
        terms = self._of(EXPLANATION_KINDS, 1)
        return terms[0] if terms else None

    @property
    def courses(self) -> list[Finding]:
        return self._of((Kind.EVENT,), 2)

    @property
    def organisations(self) -> list[Finding]:
        return self._of((Kind.ORGANISATION,), 2)

    @property
    def further(self) -> list[Finding]:
        return self._of(FURTHER_KINDS, 3)

    @property
    def normalised(self) -> str:
        return self.question.normalised


# --- the vectors of a region's passages, in memory --------------------------------------------


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


def _vector_ranking(region_id: int, code: str, text: str) -> list[tuple[int, float]]:
    """(passage id, similarity) of the passages closest to the question, closest first."""
    embedder = get_embedder()
    matrix = _matrix(region_id, code, embedder.name, embedder.dimensions)
    if not len(matrix.ids):
        return []
    similarities = matrix.vectors @ embedder.question(text)
    depth = min(VECTOR_DEPTH, len(similarities))
    best = np.argpartition(-similarities, depth - 1)[:depth]
    best = best[np.argsort(-similarities[best], kind="stable")]
    return [(int(matrix.ids[i]), float(similarities[i])) for i in best]


# --- answering --------------------------------------------------------------------------------


def _item(passage: Passage) -> tuple[int, int]:
    return passage.content_type_id, passage.object_id


def _is_shown(passage: Passage, now) -> bool:
    return (passage.shown_from is None or passage.shown_from <= now) and (
        passage.expires_at is None or passage.expires_at > now
    )


def ask(region, code: str, text: str | None, *, now=None) -> Answer:
    """The answer for a reader of ``code`` in ``region`` to the question ``text``."""
    source = region.source_language if region is not None else "de"
    question = parse(text, code, source, limit=MAX_QUESTION)
    answer = Answer(question)
    if not answer.asked or region is None:
        return answer
    now = now or timezone.now()
    engine = get_engine()
    scope = Scope(region.pk, code, now)
    scores: dict[int, float] = {}
    for rank, hit in enumerate(engine.passage_hits(scope, question.terms, limit=KEYWORD_DEPTH)):
        scores[hit.passage_id] = 1 / (FUSION_K + rank + 1)
    closest = _vector_ranking(region.pk, code, question.text)
    if not scores and (not closest or closest[0][1] < CONFIDENT):
        answer.helpers = helpers(region, code)
        return answer
    for rank, (pk, similarity) in enumerate(closest):
        if similarity >= CLOSE_ENOUGH:
            scores[pk] = scores.get(pk, 0.0) + VECTOR_WEIGHT / (FUSION_K + rank + 1)
    passages = [
        passage
        for passage in Passage.objects.in_bulk(list(scores)).values()
        if _is_shown(passage, now)
    ]
    answer.findings = _findings(engine, question, passages, scores, code)
    handled = _handled(region, code, question, engine)
    if handled is not None:
        others = [f for f in answer.findings if (f.kind, f.url) != (handled.kind, handled.url)]
        answer.findings = [handled, *others]
    if not answer.findings:
        answer.helpers = helpers(region, code)
    return answer


def _findings(engine, question: Query, passages, scores: dict[int, float], code: str):
    by_item: dict[tuple[int, int], list[Passage]] = {}
    for passage in sorted(passages, key=lambda p: (-scores[p.pk], p.pk)):
        by_item.setdefault(_item(passage), []).append(passage)
    ranked = sorted(by_item.values(), key=lambda found: (-_item_score(found, scores), found[0].pk))
    ranked = ranked[:MAX_FINDINGS]
    # A procedure is shown by its introduction, with the steps that answer below it.
    introductions = _introductions(
        [found[0] for found in ranked if found[0].kind == Kind.PROCEDURE and found[0].position]
    )
    chosen = []
    for found in ranked:
        best = found[0]
        head = best
        steps: list[Passage] = []
        if best.kind == Kind.PROCEDURE:
            head = next((p for p in found if not p.position), introductions.get(_item(best), best))
            steps = sorted(
                sorted((p for p in found if p.position), key=lambda p: -scores[p.pk])[:MAX_STEPS],
                key=lambda p: p.position,
            )
        chosen.append((head, steps, _item_score(found, scores)))
    excerpts = engine.excerpts(
        [p for head, steps, _score in chosen for p in (head, *steps)], question.terms, code
    )
    return [
        _finding(
            head,
            excerpts.get(head.pk, ""),
            score=score,
            parts=[Excerpt(p.heading, p.url, _safe(excerpts.get(p.pk, ""))) for p in steps],
        )
        for head, steps, score in chosen
    ]


def _finding(head: Passage, excerpt: str, *, score: float = 0.0, parts=()) -> Finding:
    """An item of the answer, shown by its passage ``head`` (a procedure by its introduction)."""
    return Finding(
        kind=head.kind,
        title=head.title,
        url=head.url.split("#")[0] if head.kind == Kind.PROCEDURE else head.url,
        excerpt=_safe(excerpt or _shortened(head.text)),
        language=languages.get(head.text_language),
        is_fallback=head.is_fallback,
        is_machine=head.is_machine,
        is_outdated=head.is_outdated,
        score=score,
        parts=list(parts),
    )


def _introductions(steps: list[Passage]) -> dict[tuple[int, int], Passage]:
    """The introduction (position 0) of the procedures of ``steps``, in the same language."""
    if not steps:
        return {}
    found = Passage.objects.filter(
        region_id=steps[0].region_id,
        language=steps[0].language,
        position=0,
        kind=Kind.PROCEDURE,
        object_id__in=[step.object_id for step in steps],
    )
    return {_item(passage): passage for passage in found}


def _handled(region, code: str, question: Query, engine) -> Finding | None:
    """The content an editor linked to this question as a content gap, if any: it comes first."""
    answer = HandledGap.objects.filter(
        region=region, language=code, query=question.normalised
    ).first()
    if answer is None:
        return None
    head = Passage.objects.filter(
        content_type_id=answer.content_type_id,
        object_id=answer.object_id,
        language=code,
        position=0,
    ).first()
    if head is None or not _is_shown(head, timezone.now()):
        return None
    excerpt = engine.excerpts([head], question.terms, code).get(head.pk, "")
    return _finding(head, excerpt, score=float("inf"))


def _item_score(found: list[Passage], scores: dict[int, float]) -> float:
    """An item counts by its best passage, a little more for a second one that also fits
    (a procedure whose introduction and a step both answer), and by its kind."""
    values = sorted((scores[p.pk] for p in found), reverse=True)
    return (values[0] + 0.25 * sum(values[1:3])) * _KIND_WEIGHT.get(found[0].kind, 1.0)


#: What people asking come for first: what to do.
_KIND_WEIGHT = {Kind.PROCEDURE: 1.3, Kind.TERM: 1.0, Kind.ARTICLE: 1.0, Kind.DOCUMENT: 0.9}


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 - escaped by apps.search.excerpts


def helpers(region, code: str) -> list[Finding]:
    """Organisations that counsel people (not the city's offices), those who speak the reader's
    language first — whom to ask when the portal has no answer."""
    organisations = Organisation.objects.filter(
        region=region, is_active=True, kind=OrganisationKind.NGO
    ).values_list("pk", "languages_spoken")
    speaks = {pk: code in (spoken or []) for pk, spoken in organisations}
    passages = Passage.objects.filter(
        region=region,
        language=code,
        position=0,
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id__in=list(speaks),
    )
    chosen = sorted(passages, key=lambda p: (not speaks.get(p.object_id), p.title))[:MAX_HELPERS]
    return [_finding(passage, "") for passage in chosen]


def _shortened(text: str, words: int = 30) -> str:
    pieces = text.split()
    return escape(" ".join(pieces[:words]) + (" …" if len(pieces) > words else ""))
