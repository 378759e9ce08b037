"""Queueing Celery tasks from a request, without waiting for a task queue that is down.

Publishing a task talks to the broker (Redis). If it is stopped or hangs, a short socket timeout
and a bounded publish retry (settings) limit what one attempt costs; after a failure the
broker's circuit breaker (:mod:`apps.core.breaker`) refuses at once for a few seconds. Callers
get :class:`QueueUnavailable` — a kombu ``OperationalError``, what Celery raises itself — and
tell the person to try later, or log it.
"""

from __future__ import annotations

from typing import Any

from kombu.exceptions import OperationalError

from apps.core import breaker

try:
    from redis.exceptions import RedisError

    BROKER_ERRORS: tuple[type[BaseException], ...] = (OperationalError, RedisError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency
    BROKER_ERRORS = (OperationalError, OSError)


class QueueUnavailable(OperationalError):
    """The task queue cannot be reached now; nothing was queued."""


def send(task: Any, *args: Any) -> Any:
    """``task.delay(*args)``, or :class:`QueueUnavailable` quickly when the broker is down.

    When tasks run in-process (no broker configured), the task's own errors are its own and
    pass through unchanged.
    """
    if getattr(task, "app", None) is not None and task.app.conf.task_always_eager:
        return task.delay(*args)
    if not breaker.broker.allows():
        raise QueueUnavailable("The task queue failed a moment ago; not trying again yet.")
    try:
        result = task.delay(*args)
    except BROKER_ERRORS as error:
        breaker.broker.failed(error)
        raise QueueUnavailable(str(error)) from error
    breaker.broker.succeeded()
    return result
