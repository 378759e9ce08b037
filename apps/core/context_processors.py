from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language

from apps.core import languages

STAFF_NAMESPACES = frozenset({"authority", "ngo", "accounts"})


def portal(request: HttpRequest) -> dict:
    """What the page shell needs on every page: the region and the current language."""
    region = getattr(request, "region", None)
    code = get_language() or "en"
    match = getattr(request, "resolver_match", None)
    in_migrant_portal = match is None or match.namespace not in STAFF_NAMESPACES
    if region is not None and in_migrant_portal:
        # Migrants choose among the languages the region publishes in.
        switcher_languages = region.languages
    else:
        # Staff may work in any interface language (easy German's interface is German's).
        switcher_languages = list(languages.PRIMARY)
    current = languages.BY_CODE.get(code)
    if current is not None and region is not None:
        current = region.named(current)  # the region's name for its easy-language version
    return {
        "region": region,
        "current_language": current,
        "switcher_languages": switcher_languages,
    }
