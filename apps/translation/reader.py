"""The reader's language: what a migrant reading in one language gets of an item — the text, and
the truth about it (a fallback to the original, a machine translation, an outdated one)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet

from apps.core import languages
from apps.core.richtext import render_markdown
from apps.editorial.models import EditorialContent, localized
from apps.translation.models import Translation

_PREFETCH_ATTRIBUTE = "translation_for_reader"


def reader_translation(code: str, through: str = "") -> Prefetch:
    """Prefetches the reader's language row of items (one query for all of them); ``through``
    reaches the items from related rows (e.g. ``"occurrence__event__"``)."""
    return Prefetch(
        f"{through}translations",
        queryset=Translation.objects.filter(language=code),
        to_attr=_PREFETCH_ATTRIBUTE,
    )


def with_reader_translation(queryset: QuerySet, code: str) -> QuerySet:
    return queryset.prefetch_related(reader_translation(code))


def attach_reader_translations(items: Iterable[EditorialContent], code: str) -> None:
    """The reader's language row of items of any kinds, in one query for all of them (where a
    prefetch per relation costs one query per kind): a page's procedure, its documents, offices
    and linked procedures. Items that have theirs already are left alone."""
    pending = [
        (ContentType.objects.get_for_model(item).pk, item)
        for item in items
        if not hasattr(item, _PREFETCH_ATTRIBUTE)
    ]
    if not pending:
        return
    kinds: dict[int, set[int]] = defaultdict(set)
    for content_type, item in pending:
        kinds[content_type].add(item.pk)
    wanted = Q()
    for content_type, ids in kinds.items():
        wanted |= Q(content_type_id=content_type, object_id__in=ids)
    rows = defaultdict(list)
    for row in Translation.objects.filter(wanted, language=code):
        rows[row.content_type_id, row.object_id].append(row)
    for content_type, item in pending:
        setattr(item, _PREFETCH_ATTRIBUTE, rows.get((content_type, item.pk), []))


@dataclass(frozen=True)
class LanguageVersion:
    """An item as shown to a reader of ``requested``.

    ``language`` is the language the texts are actually in: the requested one when a version is
    published for it, otherwise the source language (``is_fallback``).
    """

    requested: languages.Language
    language: languages.Language
    texts: dict[str, str]
    markdown_fields: tuple[str, ...]
    is_fallback: bool
    is_machine: bool
    is_outdated: bool
    source_changed_at: dt.datetime | None

    @cached_property
    def html(self) -> dict[str, str]:
        """Rendered Markdown fields, rendered only when a page shows them (not for teasers)."""
        return {name: render_markdown(self.texts[name]) for name in self.markdown_fields}

    @property
    def dir(self) -> str:
        return self.language.dir


def shown_language(item: EditorialContent, code: str) -> tuple[str, Translation | None]:
    """The language a reader of ``code`` gets the item in, and the translation row used."""
    source = item.source_language
    translation = None
    if code != source:
        prefetched = getattr(item, _PREFETCH_ATTRIBUTE, None)
        if prefetched is not None:
            translation = prefetched[0] if prefetched else None
        elif "translations" in getattr(item, "_prefetched_objects_cache", {}):
            # All languages were prefetched (as the glossary does): pick without a query.
            translation = next(
                (row for row in item.translations.all() if row.language == code), None
            )
        else:
            translation = item.translations.filter(language=code).first()
    use_translation = code == source or (translation is not None and translation.is_live)
    return (code if use_translation else source), translation


def language_version(item: EditorialContent, code: str) -> LanguageVersion:
    shown, translation = shown_language(item, code)
    use_translation = shown == code
    texts = {name: getattr(item, localized(name, shown)) or "" for name in item.translatable_fields}
    return LanguageVersion(
        requested=languages.get(code),
        language=languages.get(shown),
        texts=texts,
        markdown_fields=item.markdown_fields,
        is_fallback=not use_translation,
        is_machine=bool(
            use_translation and translation is not None and translation.live_is_machine
        ),
        is_outdated=bool(
            use_translation
            and translation is not None
            and translation.live_source_fingerprint != item.source_fingerprint
        ),
        source_changed_at=item.source_changed_at,
    )


def part_texts(row, part, shown: str, source: str) -> tuple[dict[str, str], str]:
    """A part row's texts for a reader of an item shown in ``shown``, and their language.

    A row added to the original after the translation was made has no text in ``shown`` yet:
    that row alone is given in the source language."""
    texts = {name: getattr(row, localized(name, shown)) or "" for name in part.translatable_fields}
    model = part.model_class
    complete = all(
        texts[name] for name in part.translatable_fields if not model._meta.get_field(name).blank
    )
    if shown == source or complete:
        return texts, shown
    return {
        name: getattr(row, localized(name, source)) or "" for name in part.translatable_fields
    }, source
