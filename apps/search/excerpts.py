"""Excerpts of passages with the words that matched marked, as safe HTML.

PostgreSQL writes its excerpts itself (``ts_headline``) with two private-use characters around
matches, made into ``<mark>`` here after escaping; on SQLite :func:`highlight` picks the window
of the text with the most matching words. Chinese texts carry an invisible separator between
their words (see :func:`apps.search.text.segment_chinese`), removed from what is shown.
"""

from __future__ import annotations

import re

from django.utils.html import escape

from apps.search.query import Term
from apps.search.text import fold, is_chinese, stem, words

START, STOP = "\ue000", "\ue001"
SEPARATOR = "\u200b"
WIDTH = 32  # words in an excerpt


def from_markers(text: str) -> str:
    """Text with START/STOP around matches → HTML with ``<mark>``."""
    escaped = escape(text.replace(SEPARATOR, ""))
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


def _matches(word: str, code: str, terms: list[Term]) -> bool:
    for piece in words(fold(word, code)):
        stemmed = stem(piece, code)
        for term in terms:
            if is_chinese(piece):
                found = term.word in piece
            else:
                found = stemmed == term.stem or piece == term.word
                found = found or (
                    term.prefix and (stemmed.startswith(term.stem) or piece.startswith(term.word))
                )
            if found:
                return True
    return False


def highlight(text: str, code: str, terms: list[Term]) -> str:
    """The part of ``text`` with the most matching words, about :data:`WIDTH` words long."""
    pieces = re.split(r"(\w+)", text)
    word_at = [index for index in range(1, len(pieces), 2)]
    matched = {index for index in word_at if _matches(pieces[index], code, terms)}
    if len(word_at) <= WIDTH:
        first, last = 0, len(pieces)
    else:
        best, best_count = 0, -1
        for start in range(0, len(word_at) - WIDTH + 1):
            count = sum(1 for index in word_at[start : start + WIDTH] if index in matched)
            if count > best_count:
                best, best_count = start, count
        best = max(0, best - 3) if best_count else 0
        first = word_at[best]
        last = word_at[min(best + WIDTH, len(word_at)) - 1] + 1
    out = []
    for index in range(first, last):
        piece = pieces[index]
        out.append(f"{START}{piece}{STOP}" if index in matched else piece)
    excerpt = "".join(out).strip()
    if first > 0:
        excerpt = "… " + excerpt
    if last < len(pieces) - 1:
        excerpt += " …"
    return from_markers(excerpt)
