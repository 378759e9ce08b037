"""Rewriting safe HTML so that glossary words become links to their explanations, and words
of another language are marked as such.

Only text is rewritten: never attributes, and never the text of links, code, headings or
buttons (words of another language are marked in headings and links too). The result is
cleaned again, allowing just the attributes added here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lxml import html as lxml_html

from apps.core.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

# Headings are skipped too: a term is explained where it is used in a sentence.
SKIPPED_ELEMENTS = {"a", "code", "pre", "abbr", "script", "style", "button", "h1", "h2", "h3", "h4"}
#: Where no other-language word is marked.
SKIPPED_FOR_LANGUAGE = {"code", "pre", "script", "style"}
GLOSSARY_TAGS = ALLOWED_TAGS | {"span"}
GLOSSARY_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "a": ALLOWED_ATTRIBUTES["a"] | {"class", "id", "data-term"},
    "span": {"lang", "dir"},
}

#: (start, stop, anchor): ``text[start:stop]`` links to the note with the id ``anchor``.
Span = tuple[int, int, str]


def link_terms(html: str, spans_in: Callable[[str], Iterable[Span]]) -> SafeString:
    """``html`` (safe HTML) with the ``spans_in(text)`` of each of its texts, in document
    order, made into links ``<a class="term" href="#anchor" id="anchor-ref">``; ``html`` itself
    where there is none."""

    def link(anchor: str):
        return lxml_html.Element(
            "a", {"class": "term", "href": f"#{anchor}", "id": f"{anchor}-ref", "data-term": anchor}
        )

    return _wrap_spans(html, spans_in, link, SKIPPED_ELEMENTS)


def mark_language(
    html: str, spans_in: Callable[[str], Iterable[tuple[int, int]]], language: str, direction: str
) -> SafeString:
    """``html`` with the ``spans_in(text)`` of each of its texts marked as words of
    ``language`` (``<span lang dir>``): German words in an Arabic text, for screen readers."""

    def spans(text: str) -> list[Span]:
        return [(start, stop, "") for start, stop in spans_in(text)]

    def span(_anchor: str):
        return lxml_html.Element("span", {"lang": language, "dir": direction})

    return _wrap_spans(html, spans, span, SKIPPED_FOR_LANGUAGE)


def _wrap_spans(html: str, spans_in, make, skipped: set[str]) -> SafeString:
    root = lxml_html.fragment_fromstring(str(html), create_parent="div")
    linked = False
    made = set()  # the new elements, never rewritten again

    def pieces_of(text: str) -> list:
        """Pieces of ``text``: strings and new elements."""
        nonlocal linked
        pieces, cursor = [], 0
        for start, stop, anchor in spans_in(text):
            link = make(anchor)
            made.add(link)
            link.text = text[start:stop]
            pieces += [text[cursor:start], link]
            cursor = stop
            linked = True
        pieces.append(text[cursor:])
        return pieces

    def place(element, pieces: list, *, as_tail_of=None) -> None:
        """Put ``pieces`` where the original text (or tail) was."""
        first, rest = pieces[0], pieces[1:]
        if as_tail_of is None:
            element.text = first
            index = 0
        else:
            as_tail_of.tail = first
            index = list(element).index(as_tail_of) + 1
        previous = None
        for piece in rest:
            if isinstance(piece, str):
                previous.tail = (previous.tail or "") + piece
            else:
                element.insert(index, piece)
                index += 1
                previous = piece

    def walk(element) -> None:
        if element.tag in skipped or element in made:
            return
        if element.text:
            place(element, pieces_of(element.text))
        for child in list(element):
            walk(child)
            if child.tail:
                place(element, pieces_of(child.tail), as_tail_of=child)

    walk(root)
    if not linked:
        return mark_safe(html)  # noqa: S308 - the input is safe HTML
    marked = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    marked = (escape(root.text) if root.text else "") + marked
    safe = nh3.clean(
        marked,
        tags=GLOSSARY_TAGS,
        attributes=GLOSSARY_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(safe)  # noqa: S308 - cleaned by nh3 just above
