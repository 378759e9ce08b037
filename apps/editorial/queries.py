"""Reads of the workflow. Translation states are computed in SQL, never per object in Python."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from apps.core import languages as language_registry
from apps.editorial.models import (
    AuditEvent,
    CoverageState,
    EditorialContent,
    ItemStatus,
    Revision,
    RevisionState,
    Translation,
)
from apps.editorial.registry import editorial_models


def state_column(code: str) -> str:
    return f"state_{code.replace('-', '_')}"


def translation_state(model: type[EditorialContent], code: str) -> Coalesce:
    """SQL expression: the coverage state of ``model`` rows in language ``code``.

    No row → missing; a row made from another source text than the published one → outdated;
    otherwise the row's status.
    """
    rows = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        language=code,
    ).annotate(
        coverage=Case(
            When(source_fingerprint=OuterRef("source_fingerprint"), then=F("status")),
            default=Value(CoverageState.OUTDATED),
            output_field=CharField(),
        )
    )
    return Coalesce(
        Subquery(rows.values("coverage")[:1], output_field=CharField()),
        Value(CoverageState.MISSING),
        output_field=CharField(),
    )


def with_translation_states(queryset: QuerySet, codes: list[str]) -> QuerySet:
    return queryset.annotate(
        **{state_column(code): translation_state(queryset.model, code) for code in codes}
    )


def coverage_summary(queryset: QuerySet, codes: list[str]) -> dict[str, dict[str, int]]:
    """{language: {state: count}} over the whole queryset, in one query."""
    annotated = with_translation_states(queryset, codes)
    aggregates = {
        f"{state_column(code)}__{state}": Count("pk", filter=Q(**{state_column(code): state}))
        for code in codes
        for state in CoverageState.values
    }
    totals = annotated.aggregate(**aggregates)
    return {
        code: {state: totals[f"{state_column(code)}__{state}"] for state in CoverageState.values}
        for code in codes
    }


@dataclass(frozen=True)
class CoverageRow:
    item: EditorialContent
    states: list[tuple[str, str]]  # (language code, state)


def coverage_row(item: EditorialContent, codes: list[str]) -> CoverageRow:
    """The row of an item annotated by :func:`with_translation_states`."""
    return CoverageRow(item, [(code, getattr(item, state_column(code))) for code in codes])


def coverage_rows(queryset: QuerySet, codes: list[str]) -> list[CoverageRow]:
    return [coverage_row(item, codes) for item in with_translation_states(queryset, codes)]


def with_latest_revision(queryset: QuerySet) -> QuerySet:
    """Annotate ``latest_number`` and ``latest_state``: the newest revision of each item."""
    newest = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
    ).order_by("-number")
    return queryset.annotate(
        latest_number=Subquery(newest.values("number")[:1]),
        latest_state=Subquery(newest.values("state")[:1]),
        latest_title=Subquery(newest.annotate(title=KT("data__title")).values("title")[:1]),
    )


def translation_targets(region) -> list[str]:
    """The languages content of ``region`` is translated into."""
    return [lang.code for lang in region.languages if lang.code != region.source_language]


def translated_items(region, model: type[EditorialContent]) -> QuerySet:
    """Items whose original is live, hence translatable."""
    return (
        model.objects.filter(region=region, status=ItemStatus.PUBLISHED)
        .exclude(source_fingerprint="")
        .select_related("region")
    )


QUEUE_STATES = (
    CoverageState.MISSING,
    CoverageState.IN_PROGRESS,
    CoverageState.MACHINE,
    CoverageState.OUTDATED,
)


@dataclass(frozen=True)
class QueueEntry:
    item: EditorialContent
    language: str
    state: str


def translator_queue(region, codes: list[str]) -> list[QueueEntry]:
    """What still needs a translator in ``codes``: one query per content type."""
    entries = []
    for model in editorial_models():
        items = with_translation_states(translated_items(region, model), codes)
        needing = Q()
        for code in codes:
            needing |= Q(**{f"{state_column(code)}__in": QUEUE_STATES})
        for item in items.filter(needing).order_by("-source_changed_at"):
            for code in codes:
                state = getattr(item, state_column(code))
                if state in QUEUE_STATES:
                    entries.append(QueueEntry(item, code, state))
    # Outdated first: migrants are reading something the original no longer says.
    priority = {
        CoverageState.OUTDATED: 0,
        CoverageState.IN_PROGRESS: 1,
        CoverageState.MACHINE: 2,
        CoverageState.MISSING: 3,
    }
    return sorted(entries, key=lambda entry: priority[entry.state])


def revisions_of(item: EditorialContent) -> QuerySet[Revision]:
    return item.revisions.select_related("author", "reviewed_by").order_by("-number")


def audit_trail(item: EditorialContent) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")


def items_in_review(region) -> list[tuple[EditorialContent, Revision]]:
    """Items whose newest revision waits for a reviewer, across content types."""
    found = []
    for model in editorial_models():
        content_type = ContentType.objects.get_for_model(model)
        revisions = Revision.objects.filter(
            content_type=content_type, state=RevisionState.IN_REVIEW
        )
        items = model.objects.filter(region=region, pk__in=revisions.values("object_id")).in_bulk()
        for revision in revisions.filter(object_id__in=items.keys()).select_related("author"):
            found.append((items[revision.object_id], revision))
    return found


def language_name(code: str) -> str:
    return language_registry.get(code).name_local
