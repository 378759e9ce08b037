"""Writes of the translation workflow: translators' drafts, publishing language versions, machine
drafts. Views and the API call only these.

They build on :mod:`apps.editorial.services` (the item's lock, the four-eyes rule, the audit log,
telling caches that what migrants read changed) and never import the Celery tasks: a machine
draft is queued through :mod:`apps.core.jobs`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError

from apps.core import jobs, text
from apps.core import languages as core_languages
from apps.editorial import workflow
from apps.editorial.models import EditorialContent, TextUnit
from apps.editorial.services import (
    WorkflowError,
    audit,
    content_type_of,
    lock_item,
    notify_live_change,
)
from apps.translation.models import (
    MachineDraft,
    MachineDraftBatch,
    MachineDraftState,
    Translation,
    TranslationStatus,
)
from apps.translation.signals import translation_published


class TranslationConflict(WorkflowError):
    def __init__(self, *, current: Translation):
        super().__init__(_("Someone else saved this translation while you were working on it."))
        self.current = current


def _lock_translation(item: EditorialContent, language: str) -> Translation | None:
    return (
        Translation.objects.select_for_update()
        .filter(content_type=content_type_of(item), object_id=item.pk, language=language)
        .first()
    )


def translation_of(item: EditorialContent, language: str) -> Translation | None:
    return item.translations.filter(language=language).first()


def _translatable(item: EditorialContent, language: str) -> None:
    if language == item.source_language:
        raise WorkflowError(_("This is the source language; edit the original instead."))
    if not item.region.enables(language):
        raise WorkflowError(_("This language is not enabled in the region."))
    if not item.source_fingerprint:
        raise WorkflowError(_("Publish the original first; then it can be translated."))


def clean_text(unit: TextUnit, value: str) -> str:
    """A translated text as it is kept, whether typed, imported from a file or made by a machine:
    titles and names become one line of visible text (or nothing), and no text keeps control
    characters (see :mod:`apps.core.text`)."""
    if unit.field.name in text.TITLE_FIELDS:
        return text.visible_line(value)
    return text.without_control_characters(value)


def _clean_texts(units, texts: dict) -> dict:
    return {unit.key: clean_text(unit, texts.get(unit.key) or "") for unit in units}


@transaction.atomic
def save_translation(
    item: EditorialContent,
    *,
    language: str,
    texts: dict,
    user,
    base_version: int | None,
    done: bool,
    source_fingerprint: str | None = None,
    action: str = "",
) -> Translation:
    """Keep a translator's text. ``done`` marks it ready for review.

    ``source_fingerprint`` is the source the translation was made from — the current one for the
    side-by-side editor, the one recorded in the file for imports.
    """
    item = lock_item(item)
    _translatable(item, language)
    translation = _lock_translation(item, language)
    if translation is not None and base_version is not None and base_version != translation.version:
        raise TranslationConflict(current=translation)
    units = item.text_units()
    cleaned = _clean_texts(units, texts)
    if done and not all(cleaned[unit.key] for unit in units if unit.required):
        raise WorkflowError(
            _("Translate every required field before marking the translation done.")
        )
    if translation is None:
        translation = Translation(
            content_type=content_type_of(item), object_id=item.pk, language=language, version=0
        )
    translation.draft = cleaned
    translation.source_fingerprint = source_fingerprint or item.source_fingerprint
    translation.status = TranslationStatus.TRANSLATED if done else TranslationStatus.IN_PROGRESS
    translation.translated_by = user
    translation.version += 1
    translation.save()
    audit(
        item,
        user,
        action or ("translation_done" if done else "translation_saved"),
        language=language,
    )
    return translation


def _make_live(item: EditorialContent, translation: Translation, *, machine: bool) -> None:
    item.set_live_texts(translation.language, translation.draft)
    translation.live_source_fingerprint = translation.source_fingerprint
    translation.live_is_machine = machine


def _publishable_version(state: workflow.State) -> bool:
    translation = state.translation
    return translation is not None and translation.status in (
        TranslationStatus.TRANSLATED,
        TranslationStatus.MACHINE,
    )


def _translator_is_not_publisher(state: workflow.State, user) -> str:
    """Where the region asks for four eyes, a person's translation is published by another."""
    translation = state.translation
    if (
        state.item.region.four_eyes
        and translation.status == TranslationStatus.TRANSLATED
        and translation.translated_by_id == user.pk
    ):
        return _("This region asks for four eyes: someone other than the author must publish.")
    return ""


workflow.declare(
    workflow.Transition(
        "publish_translation",
        gettext_lazy("Publish this language version"),
        (workflow.Need.PUBLISH_TRANSLATION,),
        _publishable_version,
        gettext_lazy("Only a finished translation or a machine draft can be published."),
        _translator_is_not_publisher,
        of_language_version=True,
    )
)


@transaction.atomic
def publish_translation(item: EditorialContent, *, language: str, user) -> Translation:
    item = lock_item(item)
    _translatable(item, language)
    translation = _lock_translation(item, language)
    workflow.require(
        "publish_translation",
        workflow.State(item=item, latest=None, own=False, translation=translation),
        user,
    )
    # A person publishing a machine draft has reviewed it: it is no longer labelled as machine-made.
    return _publish(item, translation, user)


def _publish(item: EditorialContent, translation: Translation, user) -> Translation:
    """Make ``translation`` what readers of its language get, and say so."""
    _make_live(item, translation, machine=False)
    translation.status = TranslationStatus.PUBLISHED
    translation.published_by, translation.published_at = user, timezone.now()
    translation.save()
    audit(item, user, "translation_published", language=translation.language)
    transaction.on_commit(
        lambda: translation_published.send(
            sender=type(item), item=item, language=translation.language
        )
    )
    notify_live_change(item)
    return translation


@transaction.atomic
def publish_own_version(
    item: EditorialContent, *, language: str, texts: dict, author, user
) -> Translation:
    """Publish a language version the item's own author wrote (an NGO's tip in the other
    languages it writes), approved by ``user`` together with the original: no translator and no
    second review are involved. Published from the current original, so it is not outdated."""
    _translatable(item, language)
    translation = _lock_translation(item, language) or Translation(
        content_type=content_type_of(item), object_id=item.pk, language=language, version=0
    )
    translation.draft = _clean_texts(item.text_units(), texts)
    translation.source_fingerprint = item.source_fingerprint
    translation.translated_by = author
    translation.version += 1
    return _publish(item, translation, user)


def machine_targets(codes: list[str]) -> list[str]:
    """The languages of ``codes`` a machine may draft: not the easy-language versions, which
    people write (a translation service cannot simplify a text reliably)."""
    return [code for code in codes if not core_languages.get(code).is_variant]


#: The job that fetches a machine draft (``apps.translation.tasks.machine_translate``).
MACHINE_DRAFT = "translation.machine_draft"


def request_machine_translation(
    item: EditorialContent, *, languages: list[str], user, batch: MachineDraftBatch | None = None
) -> list[str]:
    """Queue machine drafts; returns the languages queued. Human work is never overwritten.

    Each request is kept as a :class:`MachineDraft` row that the task updates, so the item's page
    shows how it went. If the task queue cannot be reached, the editor is told so at once (and the
    rows say so); nothing else is affected.
    """
    for language in languages:
        _translatable(item, language)
        if language not in machine_targets([language]):
            raise WorkflowError(
                _(
                    "Easy-language versions are written by people: a machine translation "
                    "service cannot simplify a text reliably."
                )
            )
    queued = []
    for language in languages:
        request, _created = MachineDraft.objects.update_or_create(
            content_type=content_type_of(item),
            object_id=item.pk,
            language=language,
            defaults={
                "state": MachineDraftState.QUEUED,
                "reason": "",
                "detail": "",
                "attempts": 0,
                "via": "",
                "batch": batch,
                "requested_by": user,
            },
        )
        try:
            jobs.queue(
                MACHINE_DRAFT, content_type_of(item).pk, item.pk, language, item.source_fingerprint
            )
        except OperationalError as error:
            MachineDraft.objects.filter(pk=request.pk).update(
                state=MachineDraftState.FAILED, reason="queue", detail=str(error)[:300]
            )
            raise WorkflowError(
                _("Machine translation is not available right now. Please try again later.")
            ) from error
        queued.append(language)
        audit(item, user, "machine_requested", language=language)
    return queued


def languages_without_translation(item: EditorialContent, targets: list[str]) -> list[str]:
    """The ``targets`` for which ``item`` has no language version at all, or only a machine draft
    of an older original: what "machine drafts for all missing languages" asks for."""
    rows = {row.language: row for row in item.translations.all()}
    return [
        code
        for code in targets
        if code in machine_targets([code])
        and code != item.source_language
        and (
            code not in rows
            or (
                rows[code].status == TranslationStatus.MACHINE
                and rows[code].source_fingerprint != item.source_fingerprint
            )
        )
    ]


def request_missing_machine_drafts(region, items: list[EditorialContent], *, targets, user):
    """One batch of machine drafts for every missing language of ``items`` (those the person may
    request drafts for). Returns the batch, or ``None`` when nothing was missing."""
    wanted = [
        (item, missing)
        for item in items
        if item.region_id == region.pk
        and item.source_fingerprint
        and workflow.permits("machine_translate", item, user)
        and (missing := languages_without_translation(item, targets))
    ]
    if not wanted:
        return None
    batch = MachineDraftBatch.objects.create(region=region, requested_by=user)
    for item, missing in wanted:
        request_machine_translation(item, languages=missing, user=user, batch=batch)
    return batch


def machine_draft_request(content_type_id: int, object_id: int, language: str):
    return MachineDraft.objects.filter(
        content_type_id=content_type_id, object_id=object_id, language=language
    )


def machine_draft_started(content_type_id: int, object_id: int, language: str) -> None:
    machine_draft_request(content_type_id, object_id, language).update(
        state=MachineDraftState.RUNNING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )


def machine_draft_finished(
    content_type_id: int, object_id: int, language: str, *, via: str = ""
) -> None:
    machine_draft_request(content_type_id, object_id, language).update(
        state=MachineDraftState.DONE, reason="", detail="", via=via, updated_at=timezone.now()
    )


def machine_draft_failed(
    content_type_id: int, object_id: int, language: str, *, reason: str, detail: str, final: bool
) -> None:
    """Record a failure; ``final`` when no further try follows."""
    machine_draft_request(content_type_id, object_id, language).update(
        state=MachineDraftState.FAILED if final else MachineDraftState.RETRYING,
        reason=reason,
        detail=detail[:300],
        updated_at=timezone.now(),
    )


@transaction.atomic
def apply_machine_translation(
    item: EditorialContent, *, language: str, texts: dict, source_fingerprint: str
) -> Translation | None:
    item = lock_item(item)
    if item.source_fingerprint != source_fingerprint:
        return (
            None  # the original changed while the machine was translating; a newer request follows
        )
    translation = _lock_translation(item, language)
    human_work = (
        translation is not None
        and translation.status != TranslationStatus.MACHINE
        and translation.source_fingerprint == item.source_fingerprint
    )
    if human_work:
        return translation
    if translation is None:
        translation = Translation(
            content_type=content_type_of(item), object_id=item.pk, language=language, version=0
        )
    translation.draft = _clean_texts(item.text_units(), texts)
    translation.source_fingerprint = source_fingerprint
    translation.status = TranslationStatus.MACHINE
    translation.translated_by = None
    translation.version += 1
    live_is_current_human = (
        translation.is_live
        and not translation.live_is_machine
        and translation.live_source_fingerprint == item.source_fingerprint
    )
    if item.region.publish_machine_translations and not live_is_current_human:
        _make_live(item, translation, machine=True)
        notify_live_change(item)
    translation.save()
    audit(item, None, "machine_draft", language=language)
    return translation
