"""What a topic page shows: everything a region has on one topic, from every domain.

Core knows topics but not the domains that tag content with them, so each domain app tells
core in its ``AppConfig.ready()`` what it has about a topic (:func:`register_section`: its
list for readers, the same query its API answers ``?topic=`` with) and which organisations
help with one (:func:`register_helpers`). The page orders the sections as registered:
procedures first, then information, courses and events, organisations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from apps.core.models import Region, Topic

#: read(region, code, topic_slug) → the items of one section, in the reader's order.
Reader = Callable[[Region, str, str], list]
#: read_ids(region, topic_slug) → ids of organisations that help with the topic.
HelperReader = Callable[[Region, str], Iterable[int]]


@dataclass(frozen=True)
class _Registered:
    order: int
    kind: str
    read: Reader


_SECTIONS: list[_Registered] = []
_HELPERS: list[HelperReader] = []


def register_section(kind: str, *, order: int, read: Reader) -> None:
    """A domain's list on a topic page (``kind`` names it for the template)."""
    if any(section.kind == kind for section in _SECTIONS):
        return  # ready() may run twice in tests
    _SECTIONS.append(_Registered(order, kind, read))
    _SECTIONS.sort(key=lambda section: section.order)


def register_helpers(read_ids: HelperReader) -> None:
    """A domain's say in which organisations help with a topic (they run its courses, or a
    step of its procedures happens at their place)."""
    if read_ids not in _HELPERS:
        _HELPERS.append(read_ids)


def organisations_helping(region: Region, topic: str) -> set[int]:
    ids: set[int] = set()
    for read_ids in _HELPERS:
        ids.update(read_ids(region, topic))
    return ids


@dataclass(frozen=True)
class Section:
    kind: str  # "procedures", "articles", "events", "organisations"
    items: list


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    sections: list[Section]  # only those with something in them, procedures first

    @property
    def is_empty(self) -> bool:
        return not self.sections


def topic_page(region: Region, code: str, slug: str) -> TopicPage | None:
    """The topic ``slug`` (its subtopics included) with everything on it a reader of ``code``
    is shown; None if the region has no such topic."""
    topic = (
        Topic.objects.filter(region=region, slug=slug)
        .select_related("parent")
        .prefetch_related(Prefetch("children", queryset=Topic.objects.order_by("position", "slug")))
        .first()
    )
    if topic is None:
        return None
    sections = [Section(entry.kind, entry.read(region, code, slug)) for entry in _SECTIONS]
    return TopicPage(topic, [section for section in sections if section.items])
