"""Celery tasks of the translation workflow. The services never import this module: they queue
work through :mod:`apps.core.jobs`, which ``TranslationConfig.ready()`` connects here."""

from __future__ import annotations

import logging

from celery import shared_task
from django.contrib.contenttypes.models import ContentType

from apps.translation import drafting, services
from apps.translation.machine import MachineTranslationError, get_backend

logger = logging.getLogger(__name__)

#: Tries of the task after the client's own quick tries: a service that is down for a while
#: (restarting, loading models) gets about half an hour before the editor is told it failed.
TASK_RETRIES = 4
TASK_BACKOFF_SECONDS = 60


@shared_task(
    # The name the task had before it moved from apps.editorial: requests already queued (or
    # waiting for a retry) when a new version is deployed are still run, not dropped.
    name="apps.editorial.tasks.machine_translate",
    bind=True,
    max_retries=TASK_RETRIES,
)
def machine_translate(
    self, content_type_id: int, object_id: int, language: str, source_fingerprint: str
) -> str:
    """Fetch a machine draft of one item in one language (runs in the Celery worker).

    A failure that may pass is tried again later with growing pauses; every failure is recorded
    where the item's page shows it, and none ever reaches the person as an error page.
    """
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    item = model.objects.select_related("region").filter(pk=object_id).first()
    request = (content_type_id, object_id, language)
    if item is None or item.source_fingerprint != source_fingerprint:
        services.machine_draft_finished(*request)
        return "skipped: item gone or changed"
    services.machine_draft_started(*request)
    backend = get_backend()
    try:
        texts = drafting.machine_texts(
            item.source_texts(),
            source=item.source_language,
            target=language,
            backend=backend,
            terms=drafting.glossary_terms(item.region, item.source_language, language),
        )
    except MachineTranslationError as error:
        final = not error.transient or self.request.is_eager or self.request.retries >= TASK_RETRIES
        services.machine_draft_failed(*request, reason=error.reason, detail=str(error), final=final)
        logger.warning("Machine draft %s failed: %s", request, error)
        if final:
            return f"failed: {error.reason}"
        raise self.retry(countdown=TASK_BACKOFF_SECONDS * 2**self.request.retries) from error
    result = services.apply_machine_translation(
        item, language=language, texts=texts, source_fingerprint=source_fingerprint
    )
    services.machine_draft_finished(*request, via=backend.note(language))
    return (
        "applied" if result is not None and result.status == "machine" else "kept human translation"
    )
