"""The public limit on questions to the assistant (each one runs the embedding model), checked
where a request comes in — the page and the API — before the assistant runs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from apps.core import resilient_cache


def too_many_questions(request: HttpRequest) -> bool:
    """Counts a question (or a "Did this help?" answer) from the request's address."""
    return resilient_cache.over_limit(
        request,
        group="assistant",
        rates=[(resilient_cache.address_key, settings.ASSISTANT_RATE)],
        method=request.method,
    )
