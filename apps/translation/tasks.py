"""Celery tasks of the translation workflow. The services never import this module: they queue
work through :mod:`apps.core.jobs`, which ``TranslationConfig.ready()`` connects here."""

from __future__ import annotations

from celery import shared_task
from django.contrib.contenttypes.models import ContentType

from apps.translation import services
from apps.translation.machine import MachineTranslationError, get_backend


@shared_task(
    # The name the task had before it moved from apps.editorial: requests already queued (or
    # waiting for a retry) when a new version is deployed are still run, not dropped.
    name="apps.editorial.tasks.machine_translate",
    autoretry_for=(MachineTranslationError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def machine_translate(
    content_type_id: int, object_id: int, language: str, source_fingerprint: str
) -> str:
    """Fetch a machine draft of one item in one language (runs in the Celery worker)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    item = model.objects.select_related("region").filter(pk=object_id).first()
    if item is None or item.source_fingerprint != source_fingerprint:
        return "skipped: item gone or changed"
    source_texts = item.source_texts()
    keys = list(source_texts)
    translated = get_backend().translate(
        [source_texts[key] for key in keys], source=item.source_language, target=language
    )
    result = services.apply_machine_translation(
        item,
        language=language,
        texts=dict(zip(keys, translated, strict=True)),
        source_fingerprint=source_fingerprint,
    )
    return (
        "applied" if result is not None and result.status == "machine" else "kept human translation"
    )
