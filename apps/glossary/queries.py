"""Reads of the glossary: what is published, the A–Z index per script, search, and usage."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from apps.editorial.models import ItemStatus
from apps.glossary.models import Term
from apps.translation.reader import LanguageVersion, language_version, with_reader_translation

SCRIPT_ORDER = ("Latin", "Arabic", "Cyrillic", "Chinese", "Other")


def published_terms(region) -> QuerySet[Term]:
    return Term.objects.filter(region=region, status=ItemStatus.PUBLISHED).select_related("region")


def _in_language(region, code: str) -> QuerySet[Term]:
    return with_reader_translation(published_terms(region), code)


def terms_for_reader(region, code: str, *, related_texts: bool = False) -> QuerySet[Term]:
    """Published terms for a reader of ``code``, by slug, each with its published related terms
    — with their texts in the reader's language too when a page shows them (``related_texts``):
    the API, and one by one the term page (:func:`term_for_reader`). The A–Z index arranges
    them by script and letter (:func:`glossary_index`)."""
    related = _in_language(region, code) if related_texts else published_terms(region)
    return (
        _in_language(region, code)
        .prefetch_related(Prefetch("related", queryset=related))
        .order_by("slug")
    )


@dataclass(frozen=True)
class IndexEntry:
    term: Term
    version: LanguageVersion

    @property
    def original(self) -> str:
        return self.term.original_beside(self.version.language.code)


@dataclass(frozen=True)
class IndexLetter:
    letter: str
    entries: list[IndexEntry]


@dataclass(frozen=True)
class IndexScript:
    script: str
    letters: list[IndexLetter]


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if "CJK" in name:
        return "Chinese"
    for script in ("Latin", "Arabic", "Cyrillic"):
        if name.startswith(script.upper()):
            return script
    return "Other"


def index_letter(word: str) -> str:
    """The heading a word is filed under: its first letter without accents, or for Chinese the
    first letter of its pinyin."""
    first = word.strip()[:1]
    if not first:
        return "#"
    if script_of(first) == "Chinese":
        from pypinyin import Style, lazy_pinyin

        return lazy_pinyin(first, style=Style.FIRST_LETTER)[0].upper()
    base = unicodedata.normalize("NFKD", first)[0]
    return base.upper()


def glossary_index(region, code: str, *, search: str = "") -> list[IndexScript]:
    """Terms grouped by script and first letter, each in the reader's language if published."""
    entries = [
        IndexEntry(term, language_version(term, code)) for term in _in_language(region, code)
    ]
    if search:
        needle = search.casefold().strip()
        entries = [
            entry
            for entry in entries
            if needle in entry.version.texts["term"].casefold()
            or needle in entry.version.texts["variants"].casefold()
            or needle in entry.term.source_text("term").casefold()
        ]
    grouped: dict[str, dict[str, list[IndexEntry]]] = {}
    for entry in entries:
        word = entry.version.texts["term"]
        script = script_of(word.strip()[:1] or " ")
        grouped.setdefault(script, {}).setdefault(index_letter(word), []).append(entry)
    return [
        IndexScript(
            script,
            [
                IndexLetter(letter, sorted(items, key=lambda entry: _sort_key(entry)))
                for letter, items in sorted(grouped[script].items())
            ],
        )
        for script in SCRIPT_ORDER
        if script in grouped
    ]


def _sort_key(entry: IndexEntry) -> str:
    word = entry.version.texts["term"]
    if script_of(word[:1] or " ") == "Chinese":
        from pypinyin import lazy_pinyin

        return " ".join(lazy_pinyin(word))
    return unicodedata.normalize("NFKD", word).casefold()


def term_for_reader(region, code: str, slug: str) -> Term | None:
    return terms_for_reader(region, code, related_texts=True).filter(slug=slug).first()
