"""Where a glossary word starts and ends, language by language.

Texts are compared case- and diacritic-insensitively (:func:`normalise`). A match must stand
at word boundaries in scripts that have them; in Arabic a word may carry proclitics (و, ب,
ال…); Chinese, written without spaces, is cut into words by jieba.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence

ARABIC_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat and tatweel


def normalise(text: str) -> tuple[str, Sequence[int]]:
    """Case- and diacritic-insensitive form of ``text``, and for each of its characters the
    index of the original character it came from."""
    folded = text.casefold()
    if len(folded) == len(text) and not _ARABIC_MARKS.search(text):
        # The usual text: no character folds into two (ß → ss) and none is dropped, so each
        # stays where it was — done in C, without a loop over the characters (5× faster).
        return folded, range(len(text))
    return normalise_by_character(text)


def normalise_by_character(text: str) -> tuple[str, list[int]]:
    """:func:`normalise`, one character at a time: for texts with harakat or with characters
    that fold into more than one."""
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if _ARABIC_MARKS.match(char):
            continue
        folded = char.casefold()
        for piece in folded:
            out.append(piece)
            positions.append(index)
    return "".join(out), positions


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def at_word_boundaries(
    text: str, start: int, stop: int, code: str, boundaries: set[int] | None
) -> bool:
    """Whether ``text[start:stop]`` is a word of its own in language ``code``: between two of
    the ``boundaries`` where a tokenizer cut the text, else between non-word characters (an
    Arabic word may begin with proclitics)."""
    if boundaries is not None:
        return start in boundaries and stop in boundaries
    if stop < len(text) and _is_word_char(text[stop]):
        return False
    if start == 0 or not _is_word_char(text[start - 1]):
        return True
    if code == "ar":
        word_start = start
        while word_start > 0 and _is_word_char(text[word_start - 1]):
            word_start -= 1
        return _ARABIC_MARKS.sub("", text[word_start:start]) in ARABIC_PROCLITICS
    return False


_JIEBA = None  # one tokenizer per process: loading its dictionary takes about a second


def chinese_tokenizer(patterns: dict[str, int]):
    """jieba, taught the glossary words so that they can be cut out as words of their own.

    A glossary word inside a longer dictionary word (申请 in 申请人, applicant) stays part of it.
    """
    global _JIEBA
    if _JIEBA is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        _JIEBA = jieba.Tokenizer()
    for pattern in patterns:
        _JIEBA.add_word(pattern)
    return _JIEBA


def chinese_boundaries(tokenizer, text: str) -> set[int]:
    """The positions in ``text`` where ``tokenizer`` (see :func:`chinese_tokenizer`) cuts it
    into words; none without a tokenizer."""
    if tokenizer is None:
        return set()
    boundaries, offset = {0}, 0
    for token in tokenizer.cut(text, HMM=False):
        offset += len(token)
        boundaries.add(offset)
    return boundaries
