"""The way from publishing to the indexing task, without importing the tasks.

When what migrants read of an item changes (``live_content_changed``, and the publication
signals), the item is noted; when the transaction commits, each noted item is queued once for
indexing (:func:`apps.search.tasks.index_items`, connected by ``SearchConfig.ready()``). A
change echoed after the commit — the editorial services send the signal again then — is not
queued twice. If the queue cannot be reached, publishing still succeeds: the index catches up
with the next change or ``manage.py rebuild_search_index``.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from django.db import connection, transaction

logger = logging.getLogger(__name__)


class _Task(Protocol):
    def delay(self, *args: object) -> object: ...


_task: _Task | None = None
_local = threading.local()
_NOTED = "_search_noted"


def connect_indexing(task: _Task) -> None:
    global _task
    _task = task


def _pending() -> set[tuple[str, int]]:
    if not hasattr(_local, "pending"):
        _local.pending = set()
    return _local.pending


def flush() -> None:
    """Queue every noted item (once each)."""
    pending = _pending()
    keys = sorted(pending)
    pending.clear()
    if not keys:
        return
    if _task is None:
        raise RuntimeError("No indexing task is connected (SearchConfig.ready).")
    try:
        _task.delay([list(key) for key in keys])
    except Exception as error:  # noqa: BLE001 - the broker is down: publishing must not fail
        logger.warning("Search index not updated for %d items: %s", len(keys), error)


def item_changed(sender=None, item=None, **kwargs) -> None:
    """Receiver of the publication signals: note ``item`` for indexing after the commit."""
    from apps.search.chunking import SEARCHED_MODELS

    if item is None or item._meta.label_lower not in SEARCHED_MODELS:
        return
    if not connection.in_atomic_block and getattr(item, _NOTED, False):
        return  # the echo, after the commit, of a change already queued
    if connection.in_atomic_block:
        setattr(item, _NOTED, True)
    _pending().add((item._meta.label_lower, item.pk))
    transaction.on_commit(flush)
