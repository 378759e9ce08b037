"""The public limit on registration attempts, checked where a request comes in — the event
page's form and the API — before any service runs (services never see the request)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from apps.core import resilient_cache


def too_many_registrations(request: HttpRequest) -> bool:
    """Counts a registration attempt from the request's address against the public limit.

    The address is :func:`resilient_cache.client_address`'s, which also answers for a request
    without one (a server behind a Unix socket): django-ratelimit's own ``"ip"`` key fails
    there, and the person would get a server error instead of a registration."""
    return resilient_cache.over_limit(
        request,
        group="event-registration",
        rates=[(resilient_cache.address_key, settings.EVENT_REGISTRATION_RATE)],
    )
