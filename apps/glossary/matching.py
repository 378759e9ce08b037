"""Finding glossary terms in texts and explaining them, at render time.

Nothing is ever stored inside content texts: a text is marked when it is shown, so renaming or
deleting a term can never break one. For each region there is one :class:`Glossary` per version
of the glossary, holding one Aho-Corasick automaton per text language (built on first use). The
marked result is cached under the glossary version and the text's fingerprint, so a warm page
costs no query at all.

Matching respects word boundaries in scripts that have them, accepts Arabic proclitics (و, ب,
ال…), segments Chinese with jieba (all in :mod:`apps.glossary.words`), prefers the longest of
overlapping terms, marks only the first occurrence of a term per text, and never touches links,
code or attributes (:mod:`apps.glossary.rewriting`).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from functools import cached_property

import ahocorasick
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from apps.core import breaker, languages, links
from apps.core import resilient_cache as cache
from apps.editorial.models import localized
from apps.glossary.rewriting import Span, link_terms, mark_language
from apps.glossary.words import at_word_boundaries, chinese_boundaries, chinese_tokenizer, normalise
from apps.translation.reader import language_version, shown_language

CACHE_SECONDS = 24 * 3600


# --- the glossary of a region ---------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """What a reader sees about one term, in the reader's language (or the source language)."""

    slug: str
    term: str
    definition_html: SafeString
    language: str
    direction: str
    original: str  # the source-language word, when it should be shown beside
    source_language: str
    url: str


class Glossary:
    """All published terms of a region at one version, and their matchers per language."""

    def __init__(self, region, version: str):
        from apps.glossary.queries import published_terms

        self.region = region
        self.version = version
        self.terms = list(published_terms(region).prefetch_related("translations"))
        self._automata: dict[str, ahocorasick.Automaton | None] = {}
        self._explanations: dict[tuple[int, str], Explanation] = {}
        self._tokenizers = {}

    def patterns(self, code: str) -> dict[str, int]:
        """Normalised pattern → term id, for texts in language ``code``. An easy-language text
        is written in its base language's words: it gets the terms' names in both."""
        found: dict[str, int] = {}
        for language in dict.fromkeys((code, languages.base(code))):
            for term in self.terms:
                if shown_language(term, language)[0] != language:
                    continue  # the term has no published version in this language
                words = [
                    getattr(term, localized("term", language)) or "",
                    *(getattr(term, localized("variants", language)) or "").splitlines(),
                ]
                for word in words:
                    pattern = normalise(word.strip())[0]
                    if len(pattern) >= 2:
                        found.setdefault(pattern, term.pk)
        return found

    def automaton(self, code: str) -> ahocorasick.Automaton | None:
        if code not in self._automata:
            patterns = self.patterns(code)
            automaton = None
            if patterns:
                automaton = ahocorasick.Automaton()
                for pattern, term_id in patterns.items():
                    automaton.add_word(pattern, (len(pattern), term_id))
                automaton.make_automaton()
            self._automata[code] = automaton
            if code == "zh-hans":
                self._tokenizers[code] = chinese_tokenizer(patterns)
        return self._automata[code]

    def source_words_in(self, text: str, code: str) -> list[tuple[int, int]]:
        """Where words of the source language's glossary stand, as written there (a German
        noun keeps its capital), in a text in language ``code``: "Meldebescheinigung" in an
        Arabic sentence."""
        source = self.region.source_language
        if languages.base(code) == source:
            return []
        exact = self.source_words
        return [
            (start, stop)
            for start, stop, _term in self.find(text, source)
            if text[start:stop] in exact
        ]

    @cached_property
    def source_words(self) -> set[str]:
        source = self.region.source_language
        words = set()
        for term in self.terms:
            words.add((getattr(term, localized("term", source)) or "").strip())
            variants = getattr(term, localized("variants", source)) or ""
            words.update(word.strip() for word in variants.splitlines())
        return {word for word in words if len(word) >= 2}

    @cached_property
    def by_id(self):
        return {term.pk: term for term in self.terms}

    def explanation(self, term_id: int, reader: str) -> Explanation:
        key = (term_id, reader)
        if key not in self._explanations:
            term = self.by_id[term_id]
            version = language_version(term, reader)
            source = self.region.source_language
            url = links.public_url(term, reader)
            self._explanations[key] = Explanation(
                slug=term.slug,
                term=version.texts["term"],
                definition_html=version.html["definition"],
                language=version.language.code,
                direction=version.dir,
                original=term.original_beside(version.language.code),
                source_language=source,
                url=url,
            )
        return self._explanations[key]

    # --- finding ---------------------------------------------------------------------------------

    def find(self, text: str, code: str) -> list[tuple[int, int, int]]:
        """Non-overlapping (start, end, term id) in ``text``, longest first, in text order."""
        automaton = self.automaton(code)
        if automaton is None or not text:
            return []
        normalised, positions = normalise(text)
        boundaries = None
        if code == "zh-hans":
            boundaries = chinese_boundaries(self._tokenizers.get(code), text)
        candidates = []
        for end, (length, term_id) in automaton.iter(normalised):
            start = positions[end - length + 1]
            stop = positions[end] + 1
            if at_word_boundaries(text, start, stop, code, boundaries):
                candidates.append((start, stop, term_id))
        candidates.sort(key=lambda match: (match[0], -(match[1] - match[0])))
        chosen, reached = [], 0
        for start, stop, term_id in candidates:
            if start >= reached:
                chosen.append((start, stop, term_id))
                reached = stop
        return chosen


# --- versions and caches ----------------------------------------------------------------------

_GLOSSARIES: dict[int, Glossary] = {}  # region id → the newest compiled glossary in this process


def _version_key(region_id: int) -> str:
    return f"glossary:version:{region_id}"


#: key → (since when, version): the versions this process uses while the cache cannot be asked.
_UNCACHED_VERSIONS: dict[str, tuple[float, str]] = {}


def _shared_version(key: str) -> str:
    """The version kept in the cache under ``key``, shared by every process.

    While the cache cannot be asked (Redis down or hung: its circuit breaker is open), no
    process can learn of another's changes, so each makes a version of its own that lasts
    ``UNCACHED_VERSION_SECONDS`` (default 60, as long as nginx keeps a page): a change made in
    another process shows within that time, one made in this process at once (see
    :func:`glossary_changed`), and a page does not load and compile the glossary again for each
    of its texts (with Redis down, that made procedure pages five times slower). A version that
    lasted only the breaker's cool-down (5 s) had every process recompile the glossary and
    recount its uses every 5 s, which alone pushed p95 past its budget with Redis hung
    (bench/README.md, "Load and faults")."""
    fresh = uuid.uuid4().hex
    version = cache.get_or_set(key, fresh, None)
    if version != fresh or not breaker.cache.is_open:
        return version
    now = time.monotonic()
    held = _UNCACHED_VERSIONS.get(key)
    if held is None or now - held[0] >= settings.UNCACHED_VERSION_SECONDS:
        held = (now, f"uncached-{fresh}")
        _UNCACHED_VERSIONS[key] = held
    return held[1]


def _new_version(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)
    _UNCACHED_VERSIONS.pop(key, None)


def glossary_version(region) -> str:
    """The current version of the region's glossary (see :func:`_shared_version`)."""
    return _shared_version(_version_key(region.pk))


def glossary_changed(sender, item, **kwargs) -> None:
    """Signal receiver: a term changed for readers; every process rebuilds on next use."""
    _new_version(_version_key(item.region_id))


def forget(region) -> None:
    """Drop every cached view of the region's glossary and content (e.g. after a data import)."""
    _new_version(_version_key(region.pk))
    _new_version(_CONTENT_VERSION_KEY.format(region=region.pk))
    _GLOSSARIES.pop(region.pk, None)
    _UNCACHED_USAGE.pop(region.pk, None)


def glossary_for(region) -> Glossary:
    version = glossary_version(region)
    glossary = _GLOSSARIES.get(region.pk)
    if glossary is None or glossary.version != version:
        glossary = Glossary(region, version)
        _GLOSSARIES[region.pk] = glossary
    return glossary


# --- marking HTML -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    anchor: str
    explanation: Explanation
    #: Anchors of the same term in other sections of the page, all leading to this note.
    other_anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExplainedText:
    html: SafeString
    notes: list[Note]


def explain(
    html: str, *, region, text_language: str, reader_language: str, prefix: str = "t"
) -> ExplainedText:
    """Mark the first occurrence of each glossary term in ``html`` (safe HTML) and return the
    explanations to show with it. Cached by glossary version and text fingerprint."""
    digest = hashlib.sha256(str(html).encode()).hexdigest()[:32]
    version = glossary_version(region)
    languages_key = f"{text_language}:{reader_language}"
    key = f"glossary:explained:{region.pk}:{version}:{languages_key}:{prefix}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = _explain(html, glossary_for(region), text_language, reader_language, prefix)
    cache.set(key, result, CACHE_SECONDS)
    return result


def merge_notes(*explained: ExplainedText) -> list[Note]:
    """The notes of several sections of one page, each term once; later anchors of a term point
    to the first note (see glossary/notes.html)."""
    merged: dict[str, Note] = {}
    extra: dict[str, list[str]] = {}
    for part in explained:
        for note in part.notes:
            slug = note.explanation.slug
            if slug in merged:
                extra[slug].append(note.anchor)
            else:
                merged[slug] = note
                extra[slug] = []
    return [
        Note(note.anchor, note.explanation, tuple(extra[slug])) for slug, note in merged.items()
    ]


def _explain(
    html: str, glossary: Glossary, text_language: str, reader: str, prefix: str
) -> ExplainedText:
    if html and text_language != glossary.region.source_language:
        source = languages.get(glossary.region.source_language)
        html = mark_language(
            html,
            lambda text: glossary.source_words_in(text, text_language),
            source.code,
            source.dir,
        )
    if not html or glossary.automaton(text_language) is None:
        return ExplainedText(mark_safe(html or ""), [])  # noqa: S308 - the input is safe HTML
    seen: set[int] = set()
    notes: list[Note] = []

    def first_occurrences(text: str) -> list[Span]:
        """The terms in ``text`` not yet met in the texts before it, each with its anchor."""
        spans = []
        for start, stop, term_id in glossary.find(text, text_language):
            if term_id in seen:
                continue
            seen.add(term_id)
            explanation = glossary.explanation(term_id, reader)
            anchor = f"{prefix}-{explanation.slug}"
            notes.append(Note(anchor, explanation))
            spans.append((start, stop, anchor))
        return spans

    return ExplainedText(link_terms(html, first_occurrences), notes)


# --- where terms are used -----------------------------------------------------------------------

_CONTENT_VERSION_KEY = "glossary:content-version:{region}"


#: region id → (key, usage): the newest usage this process worked out while the cache was down.
_UNCACHED_USAGE: dict[int, tuple[str, dict]] = {}


def content_changed(sender, item, **kwargs) -> None:
    """Signal receiver: any live content changed, so term usage must be recomputed."""
    _new_version(_CONTENT_VERSION_KEY.format(region=item.region_id))


def usage(region) -> dict[int, list[tuple[str, int]]]:
    """term id → [(content type key, item id)] of published content whose original uses it."""
    from apps.editorial.models import ItemStatus
    from apps.editorial.registry import editorial_types
    from apps.glossary.models import Term

    content_version = _shared_version(_CONTENT_VERSION_KEY.format(region=region.pk))
    key = f"glossary:usage:{region.pk}:{glossary_version(region)}:{content_version}"
    found = cache.get(key)
    if found is not None:
        return found
    held = _UNCACHED_USAGE.get(region.pk)
    if held is not None and held[0] == key:  # the cache is down; the versions say it is current
        return held[1]
    glossary = glossary_for(region)
    source = region.source_language
    found = {}
    for entry in editorial_types():
        if entry.model is Term or not entry.workspace_pages:
            continue  # tips name no terms on pages of their own
        items = (
            entry.model.objects.filter(region=region, status=ItemStatus.PUBLISHED)
            .select_related("region")
            .prefetch_related(*(part.name for part in entry.model.parts))
        )
        for item in items:
            text = "\n".join(item.source_texts().values())
            for term_id in {term_id for _, _, term_id in glossary.find(text, source)}:
                found.setdefault(term_id, []).append((entry.key, item.pk))
    cache.set(key, found, CACHE_SECONDS)
    if breaker.cache.is_open:
        _UNCACHED_USAGE[region.pk] = (key, found)
    return found


def uses_of(term) -> dict[str, list[int]]:
    """content type key → ids of the published items whose original uses ``term``."""
    by_type: dict[str, list[int]] = {}
    for key, pk in usage(term.region).get(term.pk, []):
        by_type.setdefault(key, []).append(pk)
    return by_type


def used_in(term) -> list:
    """The published items whose original uses ``term``, for editors."""
    from apps.editorial.registry import type_for_key

    items = []
    for key, ids in uses_of(term).items():
        items += list(type_for_key(key).model.objects.filter(pk__in=ids).select_related("region"))
    return items
