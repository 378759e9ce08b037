"""What a topic page shows: everything a region has on one topic, from every domain.

Core knows topics but not the domains that tag content with them, so each domain app tells
core in its ``AppConfig.ready()`` what it has about a topic (:func:`register_section`: its
list for readers, the same query its API answers ``?topic=`` with) and which organisations
help with one (:func:`register_helpers`). The page orders the sections as registered:
procedures first, then information, courses and events, organisations.

A section reads its items without their translations, and the page reads those of all its
sections in one query, so a topic page costs the same few queries however many domains and
items it lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from apps.core.models import Region, Topic

#: read(region, code, topic_slug) → the items of one section, in the reader's order, without
#: their translations.
Reader = Callable[[Region, str, str], list]
#: shown(region, code, items) → what the page lists of a section's items, once their
#: translations are read.
Shown = Callable[[Region, str, list], list]
#: read_translations(items, code) → None: the reader's language rows of items of any kinds, in
#: one query (``apps.translation.reader.attach_reader_translations``).
TranslationReader = Callable[[Iterable, str], None]
#: read_ids(region, topic_slug) → a query of the ids of organisations that help with the
#: topic (asked as a subquery).
HelperReader = Callable[[Region, str], QuerySet]


@dataclass(frozen=True)
class _Registered:
    order: int
    kind: str
    read: Reader
    shown: Shown | None


_SECTIONS: list[_Registered] = []
_HELPERS: list[HelperReader] = []


def register_section(kind: str, *, order: int, read: Reader, shown: Shown | None = None) -> None:
    """A domain's list on a topic page (``kind`` names it for the template). Without
    ``shown``, its items are listed as read and have no translations to read (an
    organisation's name is translated in its own row)."""
    if any(section.kind == kind for section in _SECTIONS):
        return  # ready() may run twice in tests
    _SECTIONS.append(_Registered(order, kind, read, shown))
    _SECTIONS.sort(key=lambda section: section.order)


def register_helpers(read_ids: HelperReader) -> None:
    """A domain's say in which organisations help with a topic (they run its courses, or a
    step of its procedures happens at their place)."""
    if read_ids not in _HELPERS:
        _HELPERS.append(read_ids)


def organisations_helping(region: Region, topic: str) -> Q:
    """The organisations that help with ``topic``, as a filter of organisations: every
    domain's ids are asked in a subquery, not read on their own."""
    helping = Q(pk__in=[])  # none, unless a domain says so
    for read_ids in _HELPERS:
        helping |= Q(pk__in=read_ids(region, topic))
    return helping


@dataclass(frozen=True)
class Section:
    kind: str  # "procedures", "articles", "events", "organisations"
    items: list


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    subtopics: list[Topic]
    sections: list[Section]  # only those with something in them, procedures first

    @property
    def is_empty(self) -> bool:
        return not self.sections


def topic_page(
    region: Region, code: str, slug: str, *, read_translations: TranslationReader
) -> TopicPage | None:
    """The topic ``slug`` (its subtopics included) with everything on it a reader of ``code``
    is shown; None if the region has no such topic. ``read_translations`` reads the
    translations of every section's items at once (core does not know the translation app)."""
    topic_and_subtopics = list(
        Topic.objects.filter(region=region)
        .filter(Q(slug=slug) | Q(parent__slug=slug))
        .select_related("parent")
    )
    topic = next((found for found in topic_and_subtopics if found.slug == slug), None)
    if topic is None:
        return None
    subtopics = [found for found in topic_and_subtopics if found.parent_id == topic.pk]
    read = [(entry, entry.read(region, code, slug)) for entry in _SECTIONS]
    read_translations([item for entry, items in read if entry.shown for item in items], code)
    sections = [
        Section(entry.kind, entry.shown(region, code, items) if entry.shown else items)
        for entry, items in read
    ]
    return TopicPage(topic, subtopics, [section for section in sections if section.items])
