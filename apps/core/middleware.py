"""Request plumbing: which region is being served, and the API's language choice."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from apps.core import languages
from apps.core.models import Region


class CurrentRegionMiddleware:
    """Sets ``request.region`` from the host name (falling back to the default region)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.region = Region.objects.for_host(request.get_host())
        return self.get_response(request)


class ApiLanguageMiddleware:
    """Lets API clients pick the response language with ``?lang=`` (besides Accept-Language).

    Runs before Django's LocaleMiddleware, which otherwise decides from the cookie and the
    Accept-Language header for URLs without a language prefix.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("lang", "")
        if request.path.startswith("/api/") and languages.is_supported(code):
            # Django's LocaleMiddleware reads the cookie first; an explicit parameter wins.
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = code
            translation.activate(code)
        return self.get_response(request)
