"""The shared cache, for callers that must keep working when it is down.

Caching makes pages faster; it must never make them fail, nor make them wait. If Redis is
unreachable or hangs, reads miss and writes are dropped (and logged), so a page costs a few
more queries but is still served. A short socket timeout (settings) bounds the one call that
finds out; after it the cache's circuit breaker (:mod:`apps.core.breaker`) skips the cache
for a few seconds, as if there were none.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from apps.core import breaker

logger = logging.getLogger(__name__)

try:
    from redis.exceptions import RedisError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency, but the embedded cache needs none
    CACHE_ERRORS = (OSError,)
try:
    from django_redis.exceptions import ConnectionInterrupted

    CACHE_ERRORS = (*CACHE_ERRORS, ConnectionInterrupted)
except ImportError:  # pragma: no cover - production's cache backend (see settings)
    pass


def _failed(operation: str, key: str, error: BaseException) -> None:
    logger.warning(
        "Cache %s of %s failed (%s); carrying on without the cache.", operation, key, error
    )
    breaker.cache.failed(error)


def get(key: str, default: Any = None) -> Any:
    if not breaker.cache.allows():
        return default
    try:
        value = cache.get(key, default)
    except CACHE_ERRORS as error:
        _failed("read", key, error)
        return default
    breaker.cache.succeeded()
    return value


def get_many(keys: list[str]) -> dict[str, Any]:
    """The values of those ``keys`` that are in the cache, in one round trip."""
    if not breaker.cache.allows():
        return {}
    try:
        values = cache.get_many(keys)
    except CACHE_ERRORS as error:
        _failed("read", keys[0] if keys else "", error)
        return {}
    breaker.cache.succeeded()
    return values


def set(key: str, value: Any, timeout: float | None = None) -> None:  # noqa: A001 - cache API name
    if not breaker.cache.allows():
        return
    try:
        cache.set(key, value, timeout)
    except CACHE_ERRORS as error:
        _failed("write", key, error)
    else:
        breaker.cache.succeeded()


def get_or_set(key: str, default: Callable[[], Any] | Any, timeout: float | None = None) -> Any:
    if not breaker.cache.allows():
        return default() if callable(default) else default
    try:
        value = cache.get_or_set(key, default, timeout)
    except CACHE_ERRORS as error:
        _failed("read", key, error)
        return default() if callable(default) else default
    breaker.cache.succeeded()
    return value


def client_address(request: HttpRequest) -> str:
    """The client's address (``RATELIMIT_IP_META_KEY`` behind a proxy). IPv6 clients usually
    hold a whole /64 network, so the network is what counts."""
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    raw = str(request.META.get(key, "")).split(",")[0].strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw[:64] or "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def address_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key for "per address": :func:`client_address` (its own ``"ip"`` key
    fails for a request without one, a server behind a Unix socket)."""
    return client_address(request)


def over_limit(request, *, group: str, rates: list[tuple], method: str = "POST") -> bool:
    """Count a request (of ``method``) against each ``(key, rate)`` of django-ratelimit; True if
    one is exceeded.

    The counters live in the cache: if it is down, nobody is held back (it is logged). Only
    public forms use this (event registrations, the assistant); staff sign-in counts its
    failures in the database (:mod:`apps.accounts.lockout`)."""
    from django_ratelimit.core import is_ratelimited

    if not breaker.cache.allows():
        return False
    try:
        limited = any(
            is_ratelimited(request, group=group, key=key, rate=rate, method=method, increment=True)
            for key, rate in rates
        )
    except CACHE_ERRORS as error:
        logger.warning("Rate limit %s unavailable: %s", group, error)
        breaker.cache.failed(error)
        return False
    breaker.cache.succeeded()
    return limited
