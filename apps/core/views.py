from __future__ import annotations

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core import languages, params
from apps.core.health import run_checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Service status as JSON: 200 when everything answers, 503 otherwise."""
    report = run_checks()
    return JsonResponse(report, status=200 if report["ok"] else 503)


@never_cache
@require_GET
def switch_language(request: HttpRequest) -> HttpResponse:
    """Go to the same page in another language, and remember the choice.

    A plain link (GET) rather than Django's POST ``set_language`` view: pages then need no CSRF
    token, so anonymous pages stay cacheable by the proxy, and the switcher works without
    JavaScript.
    """
    code = request.GET.get("lang", "")
    if not languages.is_supported(code):
        return HttpResponseBadRequest("Unknown language.")
    # Only a page of this site; anything else is refused (400), not followed.
    next_url = params.local_path(request.GET.get("next"), parameter="next")
    # translate_url resolves the path in the active language, so activate the one it carries.
    with translation.override(translation.get_language_from_path(next_url)):
        target = translate_url(next_url, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


@require_GET
def region_stylesheet(request: HttpRequest) -> HttpResponse:
    """The region's brand colour as a stylesheet: no inline style, so the CSP can forbid them."""
    region = request.region
    colour = region.primary_colour if region else "#0b5394"
    response = HttpResponse(f":root {{ --brand: {colour}; }}\n", content_type="text/css")
    # The URL carries the colour, so a changed colour is a new URL: cache for long.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: what was wrong with the request, in the reader's language (an HTML page, or JSON
    for the API). Only :class:`~apps.core.params.InvalidParameter` messages are shown; other
    bad requests (a foreign host name, a broken upload...) get a general sentence."""
    if isinstance(exception, params.InvalidParameter):
        message, parameter = exception.message, exception.parameter
    else:
        message, parameter = _("This request could not be understood."), ""
    if request.path.startswith("/api/"):
        body = {parameter: [message]} if parameter else {"detail": message}
        return JsonResponse(body, status=400)
    return render(request, "400.html", {"message": message}, status=400)
