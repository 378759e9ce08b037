"""The way from the translation services to the task queue, without importing the tasks.

The Celery task that fetches a machine draft calls the services to store it, so the services
must not import the tasks. Instead a service asks here (:func:`queue_machine_draft`), and
``TranslationConfig.ready()`` connects the task that does the work. Asking before anything is
connected is a programming error and says so, rather than dropping the request.
"""

from __future__ import annotations

from typing import Protocol

from apps.core import taskqueue


class _Task(Protocol):
    def delay(self, *args: object) -> object: ...


_machine_drafts: _Task | None = None


def connect_machine_drafts(task: _Task) -> None:
    """Name the task that makes machine drafts (a Celery task, or anything with ``delay``)."""
    global _machine_drafts
    _machine_drafts = task


def queue_machine_draft(
    *, content_type_id: int, object_id: int, language: str, source_fingerprint: str
) -> None:
    """Queue a machine draft of one item in one language, made from ``source_fingerprint``.

    Raises ``kombu``'s ``OperationalError`` (quickly: :mod:`apps.core.taskqueue`) when the queue
    cannot be reached.
    """
    if _machine_drafts is None:
        raise RuntimeError("No machine translation task is connected (TranslationConfig.ready).")
    # ``delay`` is looked up now, not when connecting, so that a test can stand in for it.
    taskqueue.send(_machine_drafts, content_type_id, object_id, language, source_fingerprint)
