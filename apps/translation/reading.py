"""What every list for readers shares: items in the reader's language, ordered in the database.

A page and its API endpoint read the same query (STYLE.md: one read model per page). A list
that is ordered by name is ordered by the name each reader is shown — the published
translation's, else the original's, the rule of :func:`presentation.shown_language` — worked
out in SQL, so that the API can paginate in that order and no page sorts on its own.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Case, Exists, F, OuterRef, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce

from apps.core import collation
from apps.editorial.models import EditorialContent, localized
from apps.translation.models import Translation
from apps.translation.reader import LanguageVersion, language_version


class Reading(NamedTuple):
    """An item and its texts as a reader of one language is shown them."""

    item: EditorialContent
    version: LanguageVersion


def readings(items, code: str) -> list[Reading]:
    """``items`` (in their order) each with its language version for a reader of ``code``."""
    return [Reading(item, language_version(item, code)) for item in items]


def untranslated(queryset: QuerySet) -> list:
    """The items of ``queryset`` without their translations (nor anything else it prefetches):
    the caller reads them with the rest of its page's, in one query
    (:func:`apps.translation.reader.attach_reader_translations`)."""
    return list(queryset.prefetch_related(None))


def among(queryset: QuerySet, ids) -> list:
    """The items of ``queryset`` among ``ids`` (those using a glossary term), untranslated.
    No ids, no query."""
    return untranslated(queryset.filter(pk__in=ids)) if ids else []


def section_readings(region, code: str, items) -> list[Reading]:
    """A topic page section's items as readers of ``code`` are shown them, once their
    translations are read (``shown`` of :func:`apps.core.topics.register_section`)."""
    return readings(items, code)


def shown_text(model: type[EditorialContent], field: str, code: str, source: str):
    """SQL: the text of ``field`` a reader of ``code`` is shown, in a region whose original
    texts are in ``source``."""
    original = Coalesce(F(localized(field, source)), Value(""), output_field=TextField())
    if code == source:
        return original
    published = Translation.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id=OuterRef("pk"),
        language=code,
    ).exclude(live_source_fingerprint="")
    return Case(
        When(
            Exists(published),
            then=Coalesce(F(localized(field, code)), Value(""), output_field=TextField()),
        ),
        default=original,
        output_field=TextField(),
    )


def by_shown_text(queryset: QuerySet, field: str, code: str, source: str) -> QuerySet:
    """``queryset`` ordered by the text of ``field`` a reader of ``code`` is shown, in the
    alphabetical order of ``code`` (:mod:`apps.core.collation`), ignoring case; items with the
    same text keep the model's own order."""
    key = collation.sql_order(shown_text(queryset.model, field, code, source), code)
    return queryset.annotate(shown_order=key).order_by(
        "shown_order", *queryset.model._meta.ordering
    )
