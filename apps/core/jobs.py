"""The way from a domain's services to the task queue, without importing the tasks.

A Celery task usually calls its app's services, so services must not import tasks (that is an
import circle). Instead a service asks for a job by name (:func:`queue`), and the app's
``AppConfig.ready()`` connects the task that does it (:func:`connect`). Asking for a job nothing
is connected to is a programming error and says so, rather than dropping the request.
"""

from __future__ import annotations

from typing import Protocol

from apps.core import taskqueue


class Task(Protocol):
    def delay(self, *args: object) -> object: ...


_TASKS: dict[str, Task] = {}


def connect(name: str, task: Task) -> None:
    """Name the task (a Celery task, or anything with ``delay``) that does job ``name``."""
    _TASKS[name] = task


def queue(name: str, *args: object) -> None:
    """Queue job ``name``. Raises kombu's ``OperationalError`` (quickly: see
    :mod:`apps.core.taskqueue`) when the queue cannot be reached."""
    try:
        task = _TASKS[name]
    except KeyError:
        raise RuntimeError(f"No task is connected to the job {name!r} (AppConfig.ready).") from None
    # ``delay`` is looked up now, not when connecting, so that a test can stand in for it.
    taskqueue.send(task, *args)
