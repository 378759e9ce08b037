"""From texts to what a voice reads: paragraphs of plain text, and the words in another language.

A German word kept inside another language ("Meldebescheinigung" in an Arabic step) is the word a
migrant must recognise at the office, so it is spoken by the German voice, not spelled out by the
Arabic one. Such words are found two ways: the source-language forms of the region's glossary
terms (in any text), and, in a text written in another script, every run of the source
language's script (Latin letters in Arabic, Cyrillic or Chinese text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import html as lxml_html

from apps.core import languages
from apps.core.richtext import render_markdown
from apps.speech.engine import Run

#: Elements that end a paragraph: each is read as one, with a pause after it.
BLOCKS = {"p", "li", "h2", "h3", "h4", "blockquote", "td", "th", "pre", "br", "tr", "hr"}

_LETTERS = {
    "Latn": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f",
    "Cyrl": "\u0400-\u04ff",
    "Arab": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "Hans": "\u3400-\u4dbf\u4e00-\u9fff",
}


def _words_of(script: str) -> re.Pattern | None:
    """Runs of words in ``script`` (joined by spaces, hyphens or apostrophes: "Steuer-ID")."""
    letters = _LETTERS.get(script)
    if letters is None:
        return None
    word = rf"[{letters}]+(?:[-'’.][{letters}0-9]+)*"
    return re.compile(rf"{word}(?:[ \u00a0]+{word})*")


#: (start, stop) of the source-language words in a text.
Spans = list[tuple[int, int]]
#: Finds glossary words of the source language in a text: ``finder(text)``.
Finder = Callable[[str], Spans]


def paragraphs(text: str, *, markdown: bool) -> list[str]:
    """The paragraphs of a text as plain text: Markdown is rendered (and sanitised) first, so
    what is read is exactly what the page shows, without its markup."""
    if not markdown:
        return [" ".join(part.split()) for part in (text or "").split("\n\n") if part.strip()]
    html = str(render_markdown(text))
    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    pieces: list[str] = []

    def walk(element) -> None:
        block = element.tag in BLOCKS
        if block:
            pieces.append("\n")
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if block:
            pieces.append("\n")

    walk(root)
    return [" ".join(line.split()) for line in "".join(pieces).split("\n") if line.strip()]


def foreign_spans(text: str, *, language: str, source: str, finder: Finder | None) -> Spans:
    """Where ``text`` (in ``language``) has words of the ``source`` language, merged."""
    if language == source or not text:
        return []
    spans = list(finder(text)) if finder is not None else []
    text_script = languages.get(language).script
    source_script = languages.get(source).script
    pattern = _words_of(source_script) if source_script != text_script else None
    if pattern is not None:
        spans += [match.span() for match in pattern.finditer(text) if len(match.group()) >= 2]
    merged: Spans = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


def runs(text: str, *, language: str, source: str, finder: Finder | None) -> list[Run]:
    """``text`` cut into runs: the source-language words for the source voice, the rest for the
    voice of ``language``."""
    result: list[Run] = []
    cursor = 0
    for start, stop in foreign_spans(text, language=language, source=source, finder=finder):
        result.append(Run(text[cursor:start], language))
        result.append(Run(text[start:stop], source))
        cursor = stop
    result.append(Run(text[cursor:], language))
    return _joined(run for run in result if run.text.strip())


def _joined(pieces: Iterable[Run]) -> list[Run]:
    joined: list[Run] = []
    for run in pieces:
        if joined and joined[-1].language == run.language:
            joined[-1] = Run(f"{joined[-1].text} {run.text}", run.language)
        else:
            joined.append(Run(run.text.strip(), run.language))
    return joined
