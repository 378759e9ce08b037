"""Circuit breakers for the services a request may call but must not wait for: the cache and
the task queue (both Redis in production).

A service that failed once is most likely still down (or hung) a moment later, and every call
would cost a full timeout again: five cache reads on a page against a hung Redis took seconds.
So after a failure the breaker *opens*: for ``CIRCUIT_BREAKER_SECONDS`` (default 5) callers
skip the service and carry on as if it were absent. Then one call may try again while the others
still skip; if it works, the breaker closes. Each process keeps its own breakers.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name: str):
        self.name = name
        self._open_until = 0.0
        self._lock = threading.Lock()
        #: Calls let through, failures recorded and calls skipped (for /healthz and tests).
        self.calls = self.failures = self.skipped = 0

    @staticmethod
    def cooldown() -> float:
        return float(getattr(settings, "CIRCUIT_BREAKER_SECONDS", 5))

    def allows(self) -> bool:
        """Whether to call the service now; counts the call or the skip.

        After the cool-down one call tries the service again (half-open) and the others keep
        skipping it until that call has answered or failed: a hung Redis then holds up one
        request per cool-down, not every request that comes in while the trial waits."""
        with self._lock:
            now = time.monotonic()
            if now < self._open_until:
                self.skipped += 1
                return False
            if self._open_until:  # cooled down: this call is the trial
                self._open_until = now + self.cooldown()
            self.calls += 1
            return True

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self, error: BaseException) -> None:
        with self._lock:
            was_open = self._open_until > 0
            self.failures += 1
            self._open_until = time.monotonic() + self.cooldown()
        if not was_open:
            logger.warning(
                "%s failed (%s); skipping it for %.0f s at a time until it answers again.",
                self.name,
                error,
                self.cooldown(),
            )

    def succeeded(self) -> None:
        if self._open_until:
            with self._lock:
                self._open_until = 0.0
            logger.info("%s answers again.", self.name)

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0
            self.calls = self.failures = self.skipped = 0


cache = CircuitBreaker("The cache")
broker = CircuitBreaker("The task queue")
