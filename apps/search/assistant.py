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

The fused ranking is :mod:`apps.search.ranking`'s, shared with the search results page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organisation, OrganisationKind
from apps.core import languages
from apps.search.engines import Scope, get_engine
from apps.search.models import HandledGap, Kind, Passage
from apps.search.query import Query, parse
from apps.search.ranking import Ranking, in_scope, item_of, rank

MAX_QUESTION = 500  # characters
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


# --- answering --------------------------------------------------------------------------------


def ask(region, code: str, text: str | None, *, now=None) -> Answer:
    """The answer for a reader of ``code`` in ``region`` to the question ``text``."""
    source = region.source_language if region is not None else "de"
    question = parse(text, code, source, limit=MAX_QUESTION)
    answer = Answer(question)
    if not answer.asked or region is None:
        return answer
    now = now or timezone.now()
    engine = get_engine()
    ranking = rank(engine, Scope(region.pk, code, now), question)
    answer.findings = _findings(engine, question, ranking, code)
    handled = _handled(region, code, question, engine)
    if handled is not None:
        others = [f for f in answer.findings if (f.kind, f.url) != (handled.kind, handled.url)]
        answer.findings = [handled, *others]
    if not answer.findings:
        answer.helpers = helpers(region, code)
    return answer


def _findings(engine, question: Query, ranking: Ranking, code: str) -> list[Finding]:
    scores = ranking.scores
    ranked = ranking.items[:MAX_FINDINGS]
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
            head = next(
                (p for p in found if not p.position), introductions.get(item_of(best), best)
            )
            steps = sorted(
                sorted((p for p in found if p.position), key=lambda p: -scores[p.pk])[:MAX_STEPS],
                key=lambda p: p.position,
            )
        chosen.append((head, steps, ranking.score(found)))
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
    return {item_of(passage): passage for passage in found}


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
    if head is None or not in_scope(head, Scope(region.pk, code, timezone.now())):
        return None
    excerpt = engine.excerpts([head], question.terms, code).get(head.pk, "")
    return _finding(head, excerpt, score=float("inf"))


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
