from __future__ import annotations

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core import icons, languages, params
from apps.core.health import run_checks

DEFAULT_COLOUR = "#0b5394"


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
        raise params.InvalidParameter("lang", _("This language is not offered here."))
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


#: A versioned URL (``?v=`` the colour it carries) never changes: browsers keep it for a year.
YEAR = 365 * 24 * 3600


def _cache_for(response: HttpResponse, request: HttpRequest, version: str) -> HttpResponse:
    """A year when the URL names the current version (a new colour is a new URL), else an
    hour (a page cached before the colour changed still gets the right file soon)."""
    current = request.GET.get("v", "") == version
    max_age = YEAR if current else 3600
    response["Cache-Control"] = f"public, max-age={max_age}" + (", immutable" if current else "")
    return response


def _brand_colour(request: HttpRequest) -> str:
    region = request.region
    return region.primary_colour if region else DEFAULT_COLOUR


@require_GET
def region_stylesheet(request: HttpRequest) -> HttpResponse:
    """The region's brand colour as a stylesheet: no inline style, so the CSP can forbid them."""
    colour = _brand_colour(request)
    response = HttpResponse(f":root {{ --brand: {colour}; }}\n", content_type="text/css")
    return _cache_for(response, request, colour.lstrip("#"))


@require_GET
def app_icon(request: HttpRequest, size: int, purpose: str = "any") -> HttpResponse:
    """The installed app's icon (``/app-icon-192.png``, ``/app-icon-512-maskable.png``)."""
    if size not in icons.APP_ICON_SIZES or purpose not in ("any", "maskable"):
        raise Http404
    colour = _brand_colour(request)
    image = icons.app_icon(colour, size, maskable=purpose == "maskable")
    return _cache_for(HttpResponse(image, content_type="image/png"), request, colour.lstrip("#"))


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers ask for on every site: a small icon in the region's
    colour (16, 32 and 48 pixels in one ICO file)."""
    colour = _brand_colour(request)
    response = HttpResponse(icons.favicon(colour), content_type="image/x-icon")
    return _cache_for(response, request, colour.lstrip("#"))
