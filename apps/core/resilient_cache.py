"""The shared cache, for callers that must keep working when it is down.

Caching makes pages faster; it must never make them fail. If Redis is unreachable, reads miss
and writes are dropped (and logged), so a page costs a few more queries but is still served.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)

try:
    from redis.exceptions import RedisError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency, but the embedded cache needs none
    CACHE_ERRORS = (OSError,)


def _failed(operation: str, key: str, error: BaseException) -> None:
    logger.warning(
        "Cache %s of %s failed (%s); carrying on without the cache.", operation, key, error
    )


def get(key: str, default: Any = None) -> Any:
    try:
        return cache.get(key, default)
    except CACHE_ERRORS as error:
        _failed("read", key, error)
        return default


def set(key: str, value: Any, timeout: float | None = None) -> None:  # noqa: A001 - cache API name
    try:
        cache.set(key, value, timeout)
    except CACHE_ERRORS as error:
        _failed("write", key, error)


def get_or_set(key: str, default: Callable[[], Any] | Any, timeout: float | None = None) -> Any:
    try:
        return cache.get_or_set(key, default, timeout)
    except CACHE_ERRORS as error:
        _failed("read", key, error)
        return default() if callable(default) else default


def over_limit(request, *, group: str, rates: list[tuple]) -> bool:
    """Count a POST against each ``(key, rate)`` of django-ratelimit; True if one is exceeded.

    The counters live in the cache: if it is down, nobody is locked out (it is logged)."""
    from django_ratelimit.core import is_ratelimited

    try:
        return any(
            is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)
            for key, rate in rates
        )
    except CACHE_ERRORS as error:
        logger.warning("Rate limit %s unavailable: %s", group, error)
        return False
