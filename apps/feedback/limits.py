"""The public limit on "Was this page helpful?" answers, per address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from apps.core import resilient_cache


def too_many_answers(request: HttpRequest) -> bool:
    return resilient_cache.over_limit(
        request,
        group="page-feedback",
        rates=[(resilient_cache.address_key, settings.PAGE_FEEDBACK_RATE)],
    )
