"""Reads of the glossary: what is published, the A–Z index per script, search, and usage."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core import collation, languages
from apps.editorial.models import ItemStatus
from apps.glossary.models import Term
from apps.translation.reader import LanguageVersion, language_version, with_reader_translation

#: The scripts of an A–Z index, in this order, with the ISO 15924 codes of apps.core.languages.
SCRIPT_ORDER = ("Latin", "Arabic", "Cyrillic", "Chinese", "Other")
_ISO_SCRIPTS = {"Latin": "Latn", "Arabic": "Arab", "Cyrillic": "Cyrl", "Chinese": "Hans"}
#: What a screen reader announces for each part of the index, in the reader's language.
SCRIPT_NAMES = {
    "Latin": _("Latin letters"),
    "Arabic": _("Arabic letters"),
    "Cyrillic": _("Cyrillic letters"),
    "Chinese": _("Chinese characters, by pinyin"),
    "Other": _("Other scripts"),
}


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
    language: str  # whose alphabet orders this part (see glossary_index)

    @property
    def name(self) -> str:
        return str(SCRIPT_NAMES[self.script])


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if "CJK" in name:
        return "Chinese"
    for script in ("Latin", "Arabic", "Cyrillic"):
        if name.startswith(script.upper()):
            return script
    return "Other"


def glossary_index(region, code: str, *, search: str = "") -> list[IndexScript]:
    """Terms grouped by script and first letter, each in the reader's language if published.

    Each script is ordered by the alphabet of the reader's language when it is written in that
    script, else by the source language's (the words not yet translated): Dari's پ after ب,
    Chinese by pinyin (see :mod:`apps.core.collation`)."""
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
    by_script: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        word = entry.version.texts["term"].strip()
        by_script.setdefault(script_of(word[:1] or " "), []).append(entry)
    reader_script = languages.get(code).script
    parts = []
    for script in SCRIPT_ORDER:
        if script not in by_script:
            continue
        alphabet = code if _ISO_SCRIPTS.get(script) == reader_script else region.source_language
        letters: dict[str, list[IndexEntry]] = {}
        for entry in collation.sorted_by(by_script[script], _word, alphabet):
            letters.setdefault(collation.index_letter(_word(entry), alphabet), []).append(entry)
        ordered = sorted(letters, key=collation.letter_order(alphabet))
        parts.append(
            IndexScript(
                script, [IndexLetter(letter, letters[letter]) for letter in ordered], alphabet
            )
        )
    return parts


def _word(entry: IndexEntry) -> str:
    return entry.version.texts["term"].strip()


def term_for_reader(region, code: str, slug: str, *, related_texts: bool = True) -> Term | None:
    return terms_for_reader(region, code, related_texts=related_texts).filter(slug=slug).first()
