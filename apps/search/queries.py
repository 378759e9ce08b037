"""Search for readers: one read model for the results page and the API.

A search reads the index (:class:`~apps.search.models.Passage` and the engine's structures) and
never the content tables. Words that occur nowhere in the reader's passages are looked up in the
vocabulary by trigram similarity, and their nearest spelling is searched for as well.

The keyword ranking is fused with the embedding model's (:mod:`apps.search.vectors`,
reciprocal-rank fusion, as the assistant does): "money for my kids" finds child benefit, whose
text says "children", and a question in Dari finds an article that exists only in German. Items
the model finds close that contain none of the words are counted and listed with the others;
when no word matches at all, they are shown only if the model is sure, so that gibberish
still finds nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Max, Q, Sum, When
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from apps.core import languages
from apps.search import vectors
from apps.search.engines import Scope, get_engine
from apps.search.models import AnswerFeedback, Gap, HandledGap, Kind, Outcome, Passage, Word
from apps.search.query import Query, Term, parse, with_corrections
from apps.search.ranking import in_scope, rank
from apps.search.text import is_chinese

PER_PAGE = 10
MAX_PAGE = 50
FUZZY_WORDS = 3  # unknown words corrected per query, at most
#: The best keyword-matched items the fused ranking orders; below them, the keyword order
#: stands (the fused ranking takes :data:`ranking.KEYWORD_DEPTH` passages, all of which belong to
#: these items).
HEAD = 100
#: An item without any of the words is found if it is this close to the query (cosine
#: similarity), less than the closest passage of all. Measured on the 450 questions of
#: ``bench/``: wherever the item a question looks for has none of its words, it is within 0.005
#: of the closest; 0.01 adds 0.2 items per question, 0.03 nearly 3.
RELATED_MARGIN = 0.01
#: ... and only by a passage that says something: the embedding of a bare name ("Helping
#: Hands") is close to almost any short search.
RELATED_MIN_CHARACTERS = 30  # a short sentence in any script
_SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")


@dataclass(frozen=True)
class Result:
    """One item found, with the passage of it that matched best."""

    kind: str
    title: str
    heading: str  # the step or section that matched, if not the item itself
    url: str
    excerpt: SafeString
    language: languages.Language  # of title, heading and excerpt
    is_fallback: bool
    is_machine: bool
    is_outdated: bool

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


@dataclass
class Results:
    query: Query
    kind: str = ""
    topic: str = ""
    results: list[Result] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # items found per kind
    page: int = 1
    per_page: int = PER_PAGE
    corrections: dict[str, str] = field(default_factory=dict)  # mistyped → searched as well
    unknown: list[str] = field(default_factory=list)  # words found nowhere
    normalised: str = ""  # the query as content gaps count it
    related: int = 0  # items found by meaning alone, none of the words in them (of ``counts``)

    @property
    def total(self) -> int:
        return self.counts.get(self.kind, 0) if self.kind else sum(self.counts.values())

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        """(kind, label, count) of the kinds found, in the order of :class:`Kind`."""
        return [(k.value, str(k.label), self.counts[k]) for k in Kind if self.counts.get(k)]

    @property
    def searched(self) -> bool:
        return bool(self.query.terms) and not self.query.problem

    @property
    def outcome(self) -> str:
        """For content gaps: "none" (nothing found), "poor" (most words found nowhere), or ""."""
        if not self.searched:
            return ""
        if not sum(self.counts.values()):
            return Outcome.NOTHING
        if self.related == sum(self.counts.values()):
            return Outcome.POOR
        return Outcome.POOR if len(self.unknown) * 2 > len(self.query.terms) else ""


def _known(region_id: int, code: str, terms: list[Term]) -> set[str]:
    return set(
        Word.objects.filter(
            region_id=region_id, language=code, word__in=[term.word for term in terms]
        ).values_list("word", flat=True)
    )


def _correctable(term: Term) -> bool:
    return len(term.word) >= 4 and not term.word.isdigit() and not is_chinese(term.word)


def _corrections(engine, scope: Scope, unknown: list[Term]) -> dict[str, str]:
    found = {}
    for term in unknown[:FUZZY_WORDS]:
        similar = engine.similar_words(scope.region_id, scope.code, term.word)
        if similar and similar[0][0] != term.word:
            found[term.word] = similar[0][0]
    return found


def clean_choice(kind: str, topic: str) -> tuple[str, str]:
    """A kind and a topic slug from a URL, or "" for anything else."""
    kind = kind if kind in Kind.values else ""
    topic = topic if topic and _SLUG.match(topic) else ""
    return kind, topic


def search(
    region, code: str, text: str | None, *, kind: str = "", topic: str = "", page: int = 1,
    per_page: int = PER_PAGE, now=None,
) -> Results:  # fmt: skip
    """What a reader of ``code`` finds for ``text`` in ``region``: a page of results (items,
    best first, each with its best passage), the number found per kind, and the corrections of
    mistyped words that were searched for as well."""
    kind, topic = clean_choice(kind, topic)
    query = parse(text, code, region.source_language if region is not None else "de")
    results = Results(query, kind=kind, topic=topic, per_page=per_page)
    results.normalised = query.normalised
    if query.problem or region is None:
        return results
    engine = get_engine()
    scope = Scope(region.pk, code, now or timezone.now(), kind=kind, topic=topic)
    known = _known(region.pk, code, query.terms)
    unknown = [term for term in query.terms if term.word not in known and _correctable(term)]
    counts = engine.counts(scope, query.terms)
    if unknown or not counts:
        corrections = _corrections(engine, scope, unknown)
        if corrections:
            corrected = with_corrections(query, corrections)
            better = engine.counts(scope, corrected.terms)
            if sum(better.values()) >= sum(counts.values()):
                query, counts, results.corrections = corrected, better, corrections
                results.query = query
    results.unknown = [t.word for t in unknown if t.word not in results.corrections]
    closest = vectors.closest(region.pk, code, query.text)
    related = _related(engine, scope, query, closest, found_words=bool(counts))
    results.related = len(related)
    for passage in related:
        counts[passage.kind] = counts.get(passage.kind, 0) + 1
    results.counts = counts
    results.page = min(max(1, page), results.pages, MAX_PAGE)
    answer = _answer(region, code, results) if results.page == 1 else None
    if not results.total and answer is None:
        return results
    offset = (results.page - 1) * per_page
    keyword = engine.ranked(scope, query.terms, limit=HEAD, offset=0) if counts else []
    head = _head(engine, scope, query, closest, keyword, related)
    ids = head[offset : offset + per_page]
    if len(ids) < per_page and len(keyword) >= HEAD:
        # Below the head, the keyword ranking goes on where the head stopped.
        rest = engine.ranked(
            scope, query.terms, limit=per_page - len(ids), offset=HEAD + max(0, offset - len(head))
        )
        ids += [hit.passage_id for hit in rest]
    passages = Passage.objects.in_bulk(ids)
    shown = [passages[passage_id] for passage_id in ids if passage_id in passages]
    if answer is not None:
        others = [p for p in shown if _item(p) != _item(answer)]
        if len(others) == len(shown):
            results.counts[answer.kind] = results.counts.get(answer.kind, 0) + 1
        shown = [answer, *others]
    excerpts = engine.excerpts(shown, query.terms, code)
    results.results = [_result(passage, excerpts.get(passage.pk, "")) for passage in shown]
    return results


def _related(engine, scope: Scope, query: Query, closest, *, found_words: bool) -> list[Passage]:
    """Items that contain none of the query's words but that the embedding model finds as close
    to it as the closest passage of all (within :data:`RELATED_MARGIN`), each by its closest
    passage, whatever kind is chosen. When no word matched anything, only if the model is
    sure. The margin keeps a one-word search from listing everything vaguely alike."""
    if not closest:
        return []
    best = closest[0][1]
    floor = max(vectors.CLOSE_ENOUGH if found_words else vectors.SURE, best - RELATED_MARGIN)
    chosen = [pk for pk, similarity in closest if similarity >= floor]
    passages = Passage.objects.in_bulk(chosen)
    items: dict[tuple[int, int], Passage] = {}
    for pk in chosen:
        passage = passages.get(pk)
        if (
            passage is not None
            and len(passage.text.strip()) >= RELATED_MIN_CHARACTERS
            and in_scope(passage, scope, kind=False)
        ):
            items.setdefault(_item(passage), passage)
    matching = engine.matching(scope, query.terms, set(items)) if found_words else set()
    return [passage for item, passage in items.items() if item not in matching]


def _head(engine, scope: Scope, query: Query, closest, keyword: list, related: list) -> list[int]:
    """The passage ids that start the results: the items of the fused ranking
    (:mod:`apps.search.ranking`) that are among the first :data:`HEAD` keyword-ranked items or
    ``related``, in its order, each by its best passage; then the rest of those keyword-ranked
    items, in their order."""
    members = {hit.item for hit in keyword} | {
        _item(passage) for passage in related if not scope.kind or passage.kind == scope.kind
    }
    ids, placed = [], set()
    for found in rank(engine, scope, query, closest).items:
        item = _item(found[0])
        if item in members:
            ids.append(found[0].pk)
            placed.add(item)
    ids += [hit.passage_id for hit in keyword if hit.item not in placed]
    return ids


def _item(passage: Passage) -> tuple[int, int]:
    return passage.content_type_id, passage.object_id


def _answer(region, code: str, results: Results) -> Passage | None:
    """The content an editor linked to this query (a handled gap), if any — shown first."""
    if results.kind or results.topic or not results.normalised:
        return None
    answer = HandledGap.objects.filter(
        region=region, language=code, query=results.normalised
    ).first()
    if answer is None:
        return None
    return Passage.objects.filter(
        content_type_id=answer.content_type_id,
        object_id=answer.object_id,
        language=code,
        position=0,
    ).first()


def _result(passage: Passage, excerpt: str) -> Result:
    return Result(
        kind=passage.kind,
        title=passage.title,
        heading=passage.heading,
        url=passage.url,
        excerpt=mark_safe(excerpt),  # noqa: S308 - escaped by apps.search.excerpts
        language=languages.get(passage.text_language),
        is_fallback=passage.is_fallback,
        is_machine=passage.is_machine,
        is_outdated=passage.is_outdated,
    )


# --- content gaps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    language: languages.Language
    query: str
    searches: int  # in the retention period
    found_nothing: int  # of which found nothing at all
    last_day: dt.date
    asked: int = 0  # of which were questions the assistant could not answer, or not well
    handled_by: str = ""  # the title of the content that answers it
    handled_url: str = ""


def gap_rows(region, *, language: str = "", handled: bool = False) -> list[GapRow]:
    """What people looked for and did not find, most searched first: open gaps, or (with
    ``handled``) those an editor answered with content."""
    gaps = Gap.objects.filter(region=region)
    if language:
        gaps = gaps.filter(language=language)
    answers = {
        (answer.language, answer.query): answer
        for answer in HandledGap.objects.filter(region=region)
    }
    rows = (
        gaps.values("language", "query")
        .annotate(
            searches=Sum("count"),
            nothing=Sum(Case(When(outcome=Outcome.NOTHING, then="count"), default=0)),
            asked=Sum(
                Case(
                    When(outcome__in=[Outcome.UNANSWERED, Outcome.UNHELPFUL], then="count"),
                    default=0,
                )
            ),
            last_day=Max("day"),
        )
        .order_by("-searches", "language", "query")
    )
    passages = _answer_passages(region, answers.values())
    found = []
    for row in rows:
        answer = answers.get((row["language"], row["query"]))
        if (answer is not None) != handled:
            continue
        passage = passages.get((answer.content_type_id, answer.object_id)) if answer else None
        found.append(
            GapRow(
                language=languages.get(row["language"]),
                query=row["query"],
                searches=row["searches"],
                found_nothing=row["nothing"],
                last_day=row["last_day"],
                asked=row["asked"],
                handled_by=passage.title if passage else "",
                handled_url=passage.url if passage else "",
            )
        )
    return found


def _answer_passages(region, answers) -> dict[tuple[int, int], Passage]:
    wanted = Q(pk__in=[])
    for answer in answers:
        wanted |= Q(content_type_id=answer.content_type_id, object_id=answer.object_id)
    return {
        (passage.content_type_id, passage.object_id): passage
        for passage in Passage.objects.filter(
            wanted, region=region, language=region.source_language, position=0
        )
    }


@dataclass(frozen=True)
class Feedback:
    helpful: int
    answers: int  # that people rated


def answer_feedback(region, *, language: str = "") -> Feedback:
    """How many of the assistant's rated answers helped, in the retention period."""
    rows = AnswerFeedback.objects.filter(region=region)
    if language:
        rows = rows.filter(language=language)
    totals = rows.aggregate(
        helpful=Sum(Case(When(helpful=True, then="count"), default=0)), answers=Sum("count")
    )
    return Feedback(totals["helpful"] or 0, totals["answers"] or 0)


def gap_export_rows(region, *, language: str = "") -> list[list]:
    """The open gaps as a table, without those searched fewer than the export threshold times."""
    threshold = settings.SEARCH_GAP_EXPORT_THRESHOLD
    header = ["language", "search", "searches", "found_nothing", "assistant_unanswered", "last_day"]
    return [header] + [
        [
            row.language.code,
            row.query,
            row.searches,
            row.found_nothing,
            row.asked,
            row.last_day.isoformat(),
        ]
        for row in gap_rows(region, language=language)
        if row.searches >= threshold
    ]


def answerable_items(region) -> list[Passage]:
    """The items a gap can be answered with: every searchable item, in the source language."""
    return list(
        Passage.objects.filter(region=region, language=region.source_language, position=0)
        .only("content_type_id", "object_id", "kind", "title")
        .order_by("kind", "title")
    )
