"""What is searchable of each kind of item, cut into passages, for a reader of one language.

A procedure is its introduction plus one passage per step (so a search can point to the step
that matches); an article is cut at its subheadings; a glossary term, a document, an event, a
place and an organisation are one passage each. Texts are the reader's language version, or the
original where there is none (:func:`apps.translation.reader.language_version`), and carry the
same truth about their language as the pages do.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Model
from django.utils import timezone

from apps.core import links
from apps.editorial.models import ItemStatus, localized
from apps.search.models import Kind
from apps.translation.reader import language_version, part_texts


@dataclass
class Piece:
    heading: str
    text: str
    anchor: str = ""
    source: str | None = None  # the original's text of this piece (default: the item's)


@dataclass
class Chunked:
    """An item as a reader of one language finds it: its pieces and what every piece shares."""

    kind: str
    title: str
    url: str
    text_language: str
    pieces: list[Piece]
    is_fallback: bool = False
    is_machine: bool = False
    is_outdated: bool = False
    topics: list[str] = field(default_factory=list)
    #: The original's name and text, searched too by readers of other languages (German words).
    source_title: str = ""
    source_text: str = ""
    expires_at: dt.datetime | None = None
    shown_from: dt.datetime | None = None


_MARKUP = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>]+>"), " "),  # raw HTML, never shown anyway
    (re.compile(r"(?m)^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+"), ""),  # headings, quotes, lists
    (re.compile(r"(\*{1,3}|_{2,3}|`+|^\s*\|?-{3,}.*$)", re.M), ""),  # emphasis, code, rules
    (re.compile(r"\s*\|\s*"), " "),  # table cells
]


@lru_cache(maxsize=2048)
def plain(markdown_text: str) -> str:
    """The words of a Markdown text, without its markup (cheaply: it is not shown as such)."""
    text = markdown_text or ""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def sections(markdown_text: str) -> list[tuple[str, str]]:
    """(subheading, text) of each part of a Markdown text cut at ``##`` headings; the part
    before the first one has no heading."""
    parts: list[tuple[str, str]] = []
    heading, lines = "", []
    for line in (markdown_text or "").replace("\r\n", "\n").split("\n"):
        match = re.match(r"^#{1,3}\s+(.*)$", line)
        if match:
            if heading or "".join(lines).strip():
                parts.append((heading, "\n".join(lines)))
            heading, lines = match.group(1).strip(), []
        else:
            lines.append(line)
    if heading or "".join(lines).strip():
        parts.append((heading, "\n".join(lines)))
    return parts


def _topics(item) -> list[str]:
    slugs = set()
    for topic in item.topics.all():
        slugs.add(topic.slug)
        if topic.parent_id:
            slugs.add(topic.parent.slug)
    return sorted(slugs)


def _editorial(item, code: str, kind: str, pieces: Callable) -> Chunked:
    version = language_version(item, code)
    source = item.source_language
    texts = version.texts
    original = language_version(item, source).texts if version.language.code != source else {}
    return Chunked(
        kind=kind,
        title=texts[item.name_field()],
        url=links.public_url(item, code),
        text_language=version.language.code,
        pieces=pieces(item, texts, version.language.code),
        is_fallback=version.is_fallback,
        is_machine=version.is_machine,
        is_outdated=version.is_outdated,
        topics=_topics(item) if hasattr(item, "topics") else [],
        source_title=" ".join(original.get(name, "") for name in _NAMES.get(kind, ("title",))),
        source_text=" ".join(plain(value) for value in original.values()),
    )


#: The fields that name an item of each kind, in the original too.
_NAMES = {Kind.TERM: ("term", "variants"), Kind.DOCUMENT: ("name",), Kind.PLACE: ("name",)}


def _procedure_pieces(item, texts: dict, shown: str) -> list[Piece]:
    pieces = [Piece("", f"{texts['summary']} {plain(texts['body'])}")]
    part, source = item.parts[0], item.source_language
    for row in item.part_rows(part):
        step, _language = part_texts(row, part, shown, source)
        original = part_texts(row, part, source, source)[0] if shown != source else {}
        pieces.append(
            Piece(
                step["title"],
                plain(step["body"]),
                f"step-{row.uid}",
                source=" ".join([original.get("title", ""), plain(original.get("body", ""))]),
            )
        )
    return pieces


def _article_pieces(item, texts: dict, shown: str) -> list[Piece]:
    parts = sections(texts["body"]) or [("", "")]
    first_heading, first_text = parts[0]
    pieces = [Piece("", f"{texts['summary']} {first_heading} {plain(first_text)}".strip())]
    pieces += [Piece(heading, plain(text), source="") for heading, text in parts[1:]]
    return pieces


def _term_pieces(item, texts: dict, shown: str) -> list[Piece]:
    variants = " ".join(texts["variants"].split())
    return [Piece("", f"{plain(texts['definition'])} {variants}".strip())]


def _document_pieces(item, texts: dict, shown: str) -> list[Piece]:
    return [Piece("", f"{plain(texts['description'])} {plain(texts['where_to_get'])}")]


def _event_pieces(item, texts: dict, shown: str) -> list[Piece]:
    return [Piece("", f"{texts['summary']} {plain(texts['description'])} {texts['target_group']}")]


def _place_pieces(item, texts: dict, shown: str) -> list[Piece]:
    address = f"{item.street}, {item.postcode} {item.city}"
    return [Piece("", f"{plain(texts['directions'])} {address}".strip())]


def _midnight(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def _organisation(organisation, code: str) -> Chunked:
    source = organisation.region.source_language

    def text(name: str, language: str) -> str:
        return getattr(organisation, localized(name, language)) or ""

    shown = code if text("name", code) and text("description", code) else source
    fields = ("name", "description", "services")
    return Chunked(
        kind=Kind.ORGANISATION,
        title=text("name", shown) or organisation.slug,
        url=f"{links.link('organisations', code)}#{organisation.slug}",
        text_language=shown,
        pieces=[Piece("", f"{text('description', shown)} {text('services', shown)}".strip())],
        is_fallback=shown != code,
        source_title=text("name", source) if shown != source else "",
        source_text=" ".join(text(name, source) for name in fields) if shown != source else "",
    )


#: How each kind of item is cut: model label → (kind, pieces).
_EDITORIAL: dict[str, tuple[str, Callable]] = {
    "procedures.procedure": (Kind.PROCEDURE, _procedure_pieces),
    "articles.article": (Kind.ARTICLE, _article_pieces),
    "glossary.term": (Kind.TERM, _term_pieces),
    "procedures.document": (Kind.DOCUMENT, _document_pieces),
    "events.event": (Kind.EVENT, _event_pieces),
    "places.place": (Kind.PLACE, _place_pieces),
}
SEARCHED_MODELS = (*_EDITORIAL, "accounts.organisation")


def is_searchable(item: Model) -> bool:
    """Whether migrants can find the item at all (published, shown, in a list they see)."""
    label = item._meta.label_lower
    if label == "accounts.organisation":
        return item.is_active
    if label not in _EDITORIAL or item.status != ItemStatus.PUBLISHED:
        return False
    if label == "events.event":
        return not item.schedule_problem and (
            item.last_ends_at is None or item.last_ends_at > timezone.now()
        )
    return True


def chunk(item: Model, code: str) -> Chunked:
    """``item`` as a reader of ``code`` finds it (only for :func:`is_searchable` items)."""
    label = item._meta.label_lower
    if label == "accounts.organisation":
        return _organisation(item, code)
    kind, pieces = _EDITORIAL[label]
    chunked = _editorial(item, code, kind, pieces)
    if label == "events.event":
        chunked.expires_at = item.last_ends_at
    elif label == "articles.article":
        chunked.shown_from = _midnight(item.valid_from)
        until = _midnight(item.valid_until)
        chunked.expires_at = until + dt.timedelta(days=1) if until else None
    return chunked
