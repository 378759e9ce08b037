"""Reads of the translation workflow: coverage, the translator's queue. Translation states are
computed in SQL, never per object in Python."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from apps.core import languages
from apps.editorial.models import EditorialContent, ItemStatus
from apps.editorial.registry import editorial_models
from apps.translation import machine
from apps.translation.models import (
    CoverageState,
    MachineDraft,
    MachineDraftBatch,
    MachineDraftState,
    Translation,
)


def _row_state() -> Case:
    """SQL: the coverage state of a translation row joined to its item.

    A row made from another source text than the published one is outdated; otherwise its
    status says what it is. (No row at all means missing.)
    """
    return Case(
        When(
            translations__source_fingerprint=F("source_fingerprint"), then=F("translations__status")
        ),
        default=Value(CoverageState.OUTDATED),
        output_field=CharField(),
    )


def coverage_summary(queryset: QuerySet, codes: list[str]) -> dict[str, dict[str, int]]:
    """{language: {state: count}} over the whole queryset: one join grouped by language and
    state, and one count for the missing ones."""
    summary = {code: dict.fromkeys(CoverageState.values, 0) for code in codes}
    counted = (
        queryset.order_by()
        .filter(translations__language__in=codes)
        # Prefixed names: an item may have fields of its own called "language" (a tip).
        .annotate(coverage_language=F("translations__language"), coverage_state=_row_state())
        .values("coverage_language", "coverage_state")
        .annotate(count=Count("pk"))
    )
    for row in counted:
        summary[row["coverage_language"]][row["coverage_state"]] += row["count"]
    total = queryset.order_by().count()
    for code in codes:
        summary[code][CoverageState.MISSING] = total - sum(summary[code].values())
    return summary


@dataclass(frozen=True)
class CoverageRow:
    item: EditorialContent
    states: list[tuple[str, str]]  # (language code, state)


def coverage_rows(items, codes: list[str]) -> list[CoverageRow]:
    """Rows of the coverage matrix for ``items`` (a list or queryset), in one more query.

    The states come from one join of the items with their translation rows, each state computed
    by SQL (:func:`_row_state`); Python only lays them out as a matrix.
    """
    items = list(items)
    if not items:
        return []
    model = type(items[0])
    states: dict[tuple[int, str], str] = {}
    for start in range(0, len(items), _CHUNK):
        ids = [item.pk for item in items[start : start + _CHUNK]]
        found = (
            model.objects.filter(pk__in=ids, translations__language__in=codes)
            .annotate(coverage_language=F("translations__language"), coverage_state=_row_state())
            .values_list("pk", "coverage_language", "coverage_state")
        )
        states.update(((pk, language), state) for pk, language, state in found)
    return [
        CoverageRow(
            item, [(code, states.get((item.pk, code), CoverageState.MISSING)) for code in codes]
        )
        for item in items
    ]


_CHUNK = 5000  # ids per query: well within SQLite's and PostgreSQL's parameter limits


def coverage_items(
    region, model: type[EditorialContent], codes: list[str], *, state: str = ""
) -> QuerySet:
    """The items a coverage matrix lists, newest change first, optionally only one state."""
    items = translated_items(region, model).order_by("-source_changed_at", "pk")
    if state in CoverageState.values:
        items = filter_by_states(items, codes, [state])
    return items


def filter_by_states(queryset: QuerySet, codes: list[str], states) -> QuerySet:
    """Items that are in one of ``states`` in at least one of ``codes``, decided in SQL."""
    rows = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=OuterRef("pk"),
        language__in=codes,
    )
    condition = Q()
    if CoverageState.MISSING in states:
        present = rows.order_by().values("object_id").annotate(count=Count("pk")).values("count")
        queryset = queryset.annotate(_languages_present=Coalesce(Subquery(present[:1]), Value(0)))
        condition |= Q(_languages_present__lt=len(codes))
    if CoverageState.OUTDATED in states:
        condition |= Exists(rows.exclude(source_fingerprint=OuterRef("source_fingerprint")))
    current = [
        state for state in states if state not in (CoverageState.MISSING, CoverageState.OUTDATED)
    ]
    if current:
        condition |= Exists(
            rows.filter(status__in=current, source_fingerprint=OuterRef("source_fingerprint"))
        )
    return queryset.filter(condition)


def translation_targets(region) -> list[str]:
    """The languages content of ``region`` is translated into."""
    return [lang.code for lang in region.languages if lang.code != region.source_language]


def languages_for_translator(user, region) -> list[str]:
    """The target languages ``user`` may translate into in ``region``."""
    from apps.accounts.rules import LanguageScope

    return [
        code
        for code in translation_targets(region)
        if user.has_perm("editorial.translate", LanguageScope(region, code))
    ]


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
    """What still needs a translator in ``codes``: two queries per content type."""
    entries = []
    for model in editorial_models():
        items = filter_by_states(translated_items(region, model), codes, QUEUE_STATES)
        for row in coverage_rows(items.order_by("-source_changed_at"), codes):
            entries += [
                QueueEntry(row.item, code, state)
                for code, state in row.states
                if state in QUEUE_STATES
            ]
    # Outdated first: migrants are reading something the original no longer says.
    priority = {
        CoverageState.OUTDATED: 0,
        CoverageState.IN_PROGRESS: 1,
        CoverageState.MACHINE: 2,
        CoverageState.MISSING: 3,
    }
    return sorted(entries, key=lambda entry: priority[entry.state])


@dataclass(frozen=True)
class Coverage:
    """What the coverage matrix shows for one content type: its languages (one, if asked
    for), the items in the chosen state (a queryset to page through) and the counts."""

    codes: list[str]
    items: QuerySet
    summary: dict[str, dict[str, int]]


def coverage(
    region, model: type[EditorialContent], *, language: str = "", state: str = ""
) -> Coverage:
    targets = translation_targets(region)
    codes = [language] if language in targets else targets
    return Coverage(
        codes=codes,
        items=coverage_items(region, model, codes, state=state),
        summary=coverage_summary(translated_items(region, model), codes),
    )


def has_topics(model: type[EditorialContent]) -> bool:
    return any(field.name == "topics" for field in model._meta.many_to_many)


def items_to_export(
    region,
    *,
    language: str,
    states,
    model: type[EditorialContent] | None = None,
    topic=None,
    picked: dict[type[EditorialContent], list[int]] | None = None,
) -> list[EditorialContent]:
    """What a translation file for ``language`` holds: the items ``picked`` by the translator
    (whatever their state), or else every item in one of ``states``, optionally of one
    content type and on one topic (or a topic under it)."""
    if picked:
        return [
            item
            for chosen, ids in picked.items()
            for item in translated_items(region, chosen).filter(pk__in=ids).order_by("pk")
        ]
    items = []
    for candidate in editorial_models():
        if (model is not None and candidate is not model) or (topic and not has_topics(candidate)):
            continue
        queryset = filter_by_states(translated_items(region, candidate), [language], states)
        if topic is not None:
            queryset = queryset.filter(Q(topics=topic) | Q(topics__parent=topic)).distinct()
        items += queryset.order_by("pk")
    return items


# --- machine drafts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MachineDraftLine:
    """One machine-draft request as the workspace shows it."""

    request: MachineDraft
    reason: str  # why it failed, in the reader's language
    note: str  # how the draft was made, when that needs saying

    @property
    def language(self):
        return languages.get(self.request.language)


def _line(request: MachineDraft) -> MachineDraftLine:
    return MachineDraftLine(
        request=request,
        reason=str(machine.REASONS.get(request.reason, "")) if request.reason else "",
        note=str(machine.NOTES.get(request.via, "")) if request.via else "",
    )


def machine_drafts_of(item: EditorialContent) -> dict[str, MachineDraftLine]:
    """Language → the latest machine-draft request for ``item``."""
    requests = MachineDraft.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    )
    return {request.language: _line(request) for request in requests}


@dataclass(frozen=True)
class BatchProgress:
    total: int
    done: int
    failed: list[tuple[EditorialContent | None, MachineDraftLine]]
    waiting: int

    @property
    def finished(self) -> int:
        return self.done + len(self.failed)

    @property
    def complete(self) -> bool:
        return self.finished >= self.total


def batch_progress(batch: MachineDraftBatch) -> BatchProgress:
    """How far one bulk request has come, with the items whose drafts failed."""
    requests = list(batch.drafts.order_by("content_type_id", "object_id", "language"))
    failed = [request for request in requests if request.state == MachineDraftState.FAILED]
    items: dict[tuple[int, int], EditorialContent] = {}
    for content_type_id in {request.content_type_id for request in failed}:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        ids = [r.object_id for r in failed if r.content_type_id == content_type_id]
        for item in model.objects.filter(pk__in=ids):
            items[(content_type_id, item.pk)] = item
    return BatchProgress(
        total=len(requests),
        done=sum(request.state == MachineDraftState.DONE for request in requests),
        failed=[(items.get((r.content_type_id, r.object_id)), _line(r)) for r in failed],
        waiting=sum(not request.finished for request in requests),
    )
