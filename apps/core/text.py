"""Cleaning single-line text people type or import: titles, names, column names, table cells.

A title is shown in headings, lists, e-mail subjects, calendar files and CSV downloads. It must
be one line of text someone can see: no line breaks (they broke mail headers), no control
characters (a NUL byte cannot even be stored in PostgreSQL), no invisible direction overrides
(which would turn the text after the title around), and not consisting only of zero-width or
direction marks (which looks like an empty, nameless entry). Marks that scripts need — the
zero-width non-joiner of Dari and Urdu, the right-to-left mark — are kept.

Multi-line text keeps its lines, with LF line ends only: browsers send the lines of a
``<textarea>`` separated by CR LF, translation tools and the API mostly by LF, and an unchanged
text must compare equal to itself (no new revision, no changed fingerprint, no stray ``&#13;`` in
exported files).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Characters that end a line (what ``str.splitlines`` splits on): they become a space.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
#: Explicit direction embeddings, overrides and isolates: they change how the text *around* a
#: title is laid out, and titles are shown in elements that carry their own ``dir``.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Letters that render as nothing (Hangul fillers, the braille blank).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
_SPACES = re.compile(r" {2,}")

#: Fields that hold a title or a name, in every model (and each language's column of them).
TITLE_FIELDS = frozenset({"title", "name", "term", "portal_name", "full_name"})

INVISIBLE_ONLY = _(
    "Use visible letters: this text consists only of spaces or invisible characters."
)


def single_line(text: str) -> str:
    """``text`` as one clean line: line breaks and tabs become spaces, control characters and
    direction overrides are removed, runs of spaces collapse, and the ends are stripped."""
    kept = []
    for char in text:
        if char in LINE_BREAKS or char == "\t":
            kept.append(" ")
        elif char in DIRECTION_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            continue
        else:
            kept.append(char)
    return _SPACES.sub(" ", "".join(kept)).strip()


def without_control_characters(text: str) -> str:
    """Longer text (descriptions, Markdown) as stored: its lines are kept (``\r\n`` becomes
    ``\n``), tabs too, but NUL and the other control characters go; the ends are stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs")
    ).strip()


def has_visible_text(text: str) -> bool:
    """Whether anything in ``text`` would show on screen (not only spaces, zero-width
    characters, direction marks or lone combining marks)."""
    return any(
        unicodedata.category(char) not in _INVISIBLE_CATEGORIES and char not in BLANK_LETTERS
        for char in text
    )


def clean_title(text: str) -> str:
    """A title or name as stored: :func:`single_line`, and refused (``ValidationError``) when
    it is not empty but nothing of it is visible. An empty text stays empty: whether a title
    is required is the form's business."""
    cleaned = single_line(text)
    if has_visible_text(cleaned):
        return cleaned
    if text.strip():
        raise ValidationError(INVISIBLE_ONLY, code="invisible")
    return ""


def visible_line(text: str) -> str:
    """:func:`single_line`, or nothing when nothing of it is visible. For values where empty
    has a meaning of its own: a cell of an uploaded table, a field not yet translated."""
    cleaned = single_line(text)
    return cleaned if has_visible_text(cleaned) else ""


def normalise_newlines(text: str) -> str:
    """CR LF and lone CR → LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def normalised(value: Any) -> Any:
    """``value`` with every string in it (in dicts and lists too) using LF line ends only."""
    if isinstance(value, str):
        return normalise_newlines(value)
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(normalised(item) for item in value)
    return value
