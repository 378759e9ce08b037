"""When what readers can read changes, queue its recording (connected in ``SpeechConfig``).

Recording runs in the Celery worker after the change is committed, never in the request that
made it; if the queue cannot be reached, publishing still succeeds and the page says the audio
is being prepared until ``manage.py generate_speech`` (or the next change) records it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from apps.core import jobs, languages
from apps.core.models import Region
from apps.speech.scripts import is_spoken

logger = logging.getLogger(__name__)

#: The jobs this module queues (connected to their tasks in ``SpeechConfig.ready``).
RECORD_ITEM = "speech.record_item"
RECORD_REGION = "speech.record_region"

_state = threading.local()


@contextmanager
def paused() -> Iterator[None]:
    """Queue nothing while loading many items at once (the demo); record them afterwards."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def _is_paused() -> bool:
    return bool(getattr(_state, "paused", 0))


def _recently_queued() -> OrderedDict:
    if not hasattr(_state, "queued"):
        _state.queued = OrderedDict()
    return _state.queued


def _queue(job: str, *args) -> None:
    try:
        jobs.queue(job, *args)
    except Exception:
        # A read-aloud problem (the broker down, or, with tasks run in-process, a failure
        # while recording) must never undo or break a publication that has been committed.
        logger.exception("Read-aloud: could not queue %s%s", job, args)


def item_changed(sender, item, **kwargs) -> None:
    """Receiver of ``content_published``, ``translation_published`` and
    ``live_content_changed``: queue the item's recording once the change is committed.

    One publication sends several of these signals (some again after the commit): they are
    told apart by the item's ``updated_at``, which every change of its live texts sets."""
    if _is_paused() or not is_spoken(type(item)) or item.pk is None:
        return
    content_type_id = ContentType.objects.get_for_model(item).pk
    change = (content_type_id, item.pk, str(getattr(item, "updated_at", "")))
    queued = _recently_queued()
    if change in queued:
        return
    queued[change] = True
    while len(queued) > 256:
        queued.popitem(last=False)
    transaction.on_commit(lambda: _queue(RECORD_ITEM, content_type_id, item.pk))


def organisation_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save of an organisation (its profile edited, switched off or on): queue its
    recording once the change is committed. An unchanged profile queues a job that finds its
    recordings current and makes nothing."""
    if raw or _is_paused() or instance.pk is None:
        return
    content_type_id = ContentType.objects.get_for_model(instance).pk
    transaction.on_commit(lambda: _queue(RECORD_ITEM, content_type_id, instance.pk))


def request_region(region: Region, only: list[str] | None = None) -> None:
    """Queue the recording of a region's items, after the current transaction commits."""
    transaction.on_commit(lambda: _queue(RECORD_REGION, region.pk, only))


def _read_aloud_languages(region: Region) -> set[str]:
    return {code for code in languages.CODES if region.reads_aloud(code)}


def region_saving(sender, instance: Region, **kwargs) -> None:
    """pre_save: remember which languages were read aloud before."""
    before = Region.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._read_aloud_before = _read_aloud_languages(before) if before else set()


def region_saved(sender, instance: Region, **kwargs) -> None:
    """post_save: languages just enabled or switched on again need their recordings."""
    added = _read_aloud_languages(instance) - getattr(instance, "_read_aloud_before", set())
    if added and not _is_paused() and instance.pk is not None:
        request_region(instance, sorted(added))
