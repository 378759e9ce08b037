"""What is read aloud of an item for a reader of one language: its script.

A :class:`Script` holds the texts the page shows, in reading order and in sections: the item's
own texts (its ``spoken_fields``), then one section per row of its parts — a procedure's steps,
numbered as the page numbers them. Each section is in the language the page shows it in: the
published language version, else the original (a step added after the translation was made is
read in the original language, like the page shows it).

``Script.fingerprint`` identifies those texts. A page computes it from what it is about to show
(no query) and offers a recording only if it was made from the same texts, so an outdated
recording is never served. :func:`spoken` turns a script into what the engine reads, with the
words in another language marked for their own voice; only the worker does that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.utils import translation

from apps.editorial.models import EditorialContent
from apps.speech.engine import SpokenSection
from apps.speech.text import Finder, paragraphs, runs
from apps.translation.reader import LanguageVersion, part_texts

MAIN = "main"


def is_spoken(model: type) -> bool:
    """Items of ``model`` are read aloud (they name their ``spoken_fields``)."""
    return bool(getattr(model, "spoken_fields", ()))


@dataclass(frozen=True)
class Text:
    text: str
    language: str
    markdown: bool = False


@dataclass(frozen=True)
class Section:
    key: str  # "main", or "<part>.<uid>" for a part's row
    part: str  # the part's name, "" for the item's own texts
    number: int  # the row's number as the page shows it ("Step 3"); 0 for the item's texts
    language: str  # the language the section's texts are in
    texts: tuple[Text, ...]  # the first is its heading (a title)

    @property
    def title(self) -> str:
        return self.texts[0].text if self.texts else ""


@dataclass(frozen=True)
class Script:
    language: str  # the language the item's own texts are shown in
    source: str  # the region's source language
    sections: tuple[Section, ...]

    @cached_property
    def fingerprint(self) -> str:
        payload = [
            [section.key, section.number, section.language]
            + [[text.text, text.language, text.markdown] for text in section.texts]
            for section in self.sections
        ]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def script_for(item: EditorialContent, version: LanguageVersion) -> Script:
    """The script of ``item`` as shown in ``version``. Reads only what the page has loaded: the
    version's texts and the item's part rows (prefetched by the pages that show them)."""
    model = type(item)
    shown, source = version.language.code, item.source_language
    own = [
        Text(version.texts[name], shown, name in model.markdown_fields)
        for name in model.spoken_fields
    ]
    # A glossary term shows its word in the original language beside the translation: that word
    # is what migrants meet on letters, so it is read too, in the original's voice.
    original_beside = getattr(item, "original_beside", None)
    original = original_beside(shown) if callable(original_beside) else ""
    if original:
        own.insert(1, Text(original, source))
    sections = [Section(MAIN, "", 0, shown, tuple(text for text in own if text.text.strip()))]
    for part in model.parts:
        rows = item.part_rows(part)
        for number, row in zip(item.part_numbers(part, rows), rows, strict=True):
            texts, language = part_texts(row, part, shown, source)
            sections.append(
                Section(
                    key=f"{part.name}.{row.uid}",
                    part=part.name,
                    number=number,
                    language=language,
                    texts=tuple(
                        Text(texts[name], language, name in part.markdown_fields)
                        for name in part.translatable_fields
                        if texts[name].strip()
                    ),
                )
            )
    return Script(shown, source, tuple(section for section in sections if section.texts))


def heading(model: type[EditorialContent], part_name: str, number: int) -> str:
    """What a part's section is called ("Step 3"), in the active language; "" for the item's
    own texts, which the item's title names."""
    part = next((part for part in model.parts if part.name == part_name), None)
    return part.numbered(number) if part is not None else ""


def spoken(
    item,
    script: Script,
    *,
    finder: Finder | None,
    heading_of: Callable[[str, int], str] | None = None,
) -> list[tuple[Section, SpokenSection]]:
    """The script as the engine reads it: each section's heading ("Step 3: ..."; by default an
    editorial item's part, else ``heading_of(part, number)``), then its paragraphs, cut into
    runs so that words of the source language get the source voice. Sections with nothing to
    say (only markup) are left out."""
    if heading_of is None:
        heading_of = lambda part, number: heading(type(item), part, number)  # noqa: E731
    result = []
    for section in script.sections:
        with translation.override(section.language):
            label = heading_of(section.part, section.number)
        spoken_paragraphs = []
        for number, text in enumerate(section.texts):
            for paragraph in paragraphs(text.text, markdown=text.markdown):
                if number == 0 and label:
                    paragraph = f"{label}: {paragraph}"
                spoken_paragraphs.append(
                    runs(paragraph, language=text.language, source=script.source, finder=finder)
                )
        spoken_paragraphs = [paragraph for paragraph in spoken_paragraphs if paragraph]
        if spoken_paragraphs:
            result.append((section, SpokenSection(section.language, spoken_paragraphs)))
    return result
