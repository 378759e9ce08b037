"""Celery tasks of read-aloud: record an item after it changed, record a region, tidy up."""

from __future__ import annotations

from celery import shared_task
from django.contrib.contenttypes.models import ContentType

from apps.core.models import Region
from apps.speech import services
from apps.speech.models import Recording


@shared_task(ignore_result=True)
def record_item(content_type_id: int, object_id: int) -> str:
    """Bring the recordings of one item up to date (after it was published or changed)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    item = services.items_to_record(model).filter(pk=object_id).first() if model else None
    if item is None:  # deleted, or no longer published: nobody is offered its audio
        Recording.objects.filter(content_type_id=content_type_id, object_id=object_id).delete()
        return "forgotten"
    return str(services.record_item(item))


@shared_task(ignore_result=True)
def record_region(region_id: int, languages: list[str] | None = None) -> str:
    """Record a region's items (for languages just enabled or switched on again)."""
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        return "no such region"
    return str(services.record_region(region, only=languages))


@shared_task(ignore_result=True)
def remove_orphans() -> str:
    """Celery beat, daily: recordings nobody is offered, and files no recording uses."""
    recordings, files = services.remove_orphans()
    return f"{recordings} recordings and {files} files removed"
