"""Error pages in the reader's language: 400, 403, 404, 405, 429, 500 and a refused form (CSRF).

Each page says what happened and offers a way on (the start page, search, back, signing in,
trying again), in the shell of the part of the site the address belongs to: the migrant portal,
or the workspace shell for the staff areas. ``/api/`` addresses get JSON (``{"detail": ...}``),
as DRF's own errors do.

The root URLconf names the handlers (``handler400`` ...), ``CSRF_FAILURE_VIEW`` names
:func:`csrf_failure`, and :class:`apps.core.middleware.ErrorPageMiddleware` dresses bare 405 and
429 responses, which have no handler hook. The 500 page needs neither the database nor the cache
nor any context processor: it is what people see when those are down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import URLResolver, get_resolver
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited

from apps.core import languages, params
from apps.core.context_processors import STAFF_NAMESPACES

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait after a 429 (the page says "in a minute").
RETRY_AFTER = 60


@dataclass(frozen=True)
class ErrorPage:
    """What one kind of error says: a title (also the page's ``<h1>``) and what happened."""

    status: int
    title: str
    explanation: str


PAGES = {
    "400": ErrorPage(
        400,
        gettext_lazy("This request could not be used"),
        gettext_lazy("This request could not be understood."),
    ),
    "403": ErrorPage(
        403,
        gettext_lazy("You may not open this page"),
        gettext_lazy("This page is only for people whose role allows it."),
    ),
    "404": ErrorPage(
        404,
        gettext_lazy("Page not found"),
        gettext_lazy(
            "There is no page at this address. It may have moved, or the link may be mistyped."
        ),
    ),
    "405": ErrorPage(
        405,
        gettext_lazy("This page cannot be used this way"),
        gettext_lazy(
            "The page was asked to do something it does not do, for example to receive a form "
            "it does not have. Nothing was changed."
        ),
    ),
    "429": ErrorPage(
        429,
        gettext_lazy("Too many requests"),
        gettext_lazy(
            "Too many requests came from your connection in a short time. "
            "Please wait a minute, then try again."
        ),
    ),
    "500": ErrorPage(
        500,
        gettext_lazy("Something went wrong on our side"),
        gettext_lazy(
            "This page could not be shown because of an error on our server. It is not your "
            "fault. Please try again in a few minutes."
        ),
    ),
    "csrf": ErrorPage(
        403,
        gettext_lazy("The form could not be sent"),
        gettext_lazy(
            "For your safety, the form was not accepted: perhaps it was opened before you "
            "signed in or out. Nothing was saved. Reload the form and try again."
        ),
    ),
}

#: What the API says for the errors Django (not DRF) answers on ``/api/`` addresses.
API_DETAILS = {
    "403": gettext_lazy("You do not have permission to do this."),
    "404": gettext_lazy("There is nothing at this address. The API is described at /api/v1/docs/."),
    "429": gettext_lazy("Too many requests. Please wait a minute, then try again."),
    "500": gettext_lazy("Something went wrong on our side. Please try again in a few minutes."),
    "csrf": gettext_lazy("The request was refused because its CSRF token was missing or wrong."),
}


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def reader_language(request: HttpRequest) -> str:
    """The language of the address (``/ar/...``), else the one the reader's cookie or browser
    asks for — what LocaleMiddleware decides, decided again because an error may come before
    it ran (or after the view changed the active language)."""
    code = translation.get_language_from_request(request, check_path=True)
    return code if languages.is_supported(code) else translation.get_language() or "en"


def namespace_of(path: str) -> str | None:
    """The URL namespace (``migrant``, ``authority``...) whose part of the site ``path`` lies in,
    even when no page of that part answers it (a mistyped address in the NGO workspace is still
    in the NGO workspace)."""

    def walk(resolver: URLResolver, rest: str) -> str | None:
        for pattern in resolver.url_patterns:
            if not isinstance(pattern, URLResolver):
                continue
            match = pattern.pattern.match(rest)
            if match is None:
                continue
            found = walk(pattern, match[0]) if pattern.namespace is None else pattern.namespace
            if found:
                return found
        return None

    root = get_resolver()
    match = root.pattern.match(path)
    # The language prefix matches only the active language.
    with translation.override(translation.get_language_from_path(path) or get_language()):
        return walk(root, match[0]) if match else None


def in_workspace(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match is not None else namespace_of(request.path_info)
    return (namespace or "").split(":")[0] in STAFF_NAMESPACES


def back_url(request: HttpRequest) -> str:
    """The page the reader came from, if it is a page of this site (else "")."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def render_error(
    request: HttpRequest,
    kind: str,
    *,
    message: str = "",
    response: HttpResponse | None = None,
    **extra,
) -> HttpResponse:
    """The page for ``kind`` (a key of :data:`PAGES`), in the reader's language and the shell of
    the part of the site the address belongs to. With ``response``, its body is replaced and its
    headers (``Allow``...) are kept."""
    page = PAGES[kind]
    with translation.override(reader_language(request)):
        workspace = in_workspace(request)
        context = {
            "error": page,
            "kind": kind,
            "message": message,
            "workspace": workspace,
            "back_url": back_url(request),
            "retry_url": request.get_full_path() if request.method in ("GET", "HEAD") else "",
            **extra,
        }
        template = "errors/workspace.html" if workspace else "errors/migrant.html"
        content = loader.render_to_string(template, context, request=request)
        language = translation.get_language()
    if response is None:
        response = HttpResponse(status=page.status)
    response.content = content
    response["Content-Type"] = "text/html; charset=utf-8"
    response["Content-Language"] = language
    if page.status == 429:
        response["Retry-After"] = str(RETRY_AFTER)
    if context["back_url"]:
        # The way back is this reader's own: no shared cache (nginx keeps 404s briefly) may
        # hand it, or the page it names, to the next reader.
        patch_cache_control(response, private=True)
    return response


def api_error(request: HttpRequest, kind: str, status: int, detail: str = "") -> JsonResponse:
    with translation.override(reader_language(request)):
        return JsonResponse({"detail": detail or str(API_DETAILS[kind])}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: what was wrong with the request, in the reader's language (an HTML page, or JSON
    for the API). Only :class:`~apps.core.params.InvalidParameter` messages are shown; other
    bad requests (a foreign host name, a broken upload...) get a general sentence."""
    with translation.override(reader_language(request)):
        if isinstance(exception, params.InvalidParameter):
            message, parameter = exception.message, exception.parameter
        else:
            message, parameter = _("This request could not be understood."), ""
        if is_api(request):
            body = {parameter: [message]} if parameter else {"detail": message}
            return JsonResponse(body, status=400)
    return render_error(request, "400", message=message)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403, or 429 when a rate limit refused the request (django-ratelimit's ``Ratelimited`` is
    a ``PermissionDenied``). A message given with the refusal (``PermissionDenied("You do not
    work for an NGO in this region.")``) is shown."""
    if isinstance(exception, Ratelimited):
        if is_api(request):
            response = api_error(request, "429", 429)
            response["Retry-After"] = str(RETRY_AFTER)
            return response
        return render_error(request, "429")
    message = str(exception) if exception is not None and exception.args else ""
    if is_api(request):
        return api_error(request, "403", 403, message)
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return render_error(request, "403", message=message, signed_in=signed_in)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: nothing at this address."""
    if is_api(request):
        return api_error(request, "404", 404)
    return render_error(request, "404")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form whose CSRF token was missing or stale (``CSRF_FAILURE_VIEW``): nothing was
    saved; reload the form and try again. Without the cookie, say that forms need it."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE

    logger.warning("Form refused (CSRF): %s %s", reason, request.path)
    if is_api(request):
        return api_error(request, "csrf", 403)
    return render_error(request, "csrf", no_cookie=reason == REASON_NO_CSRF_COOKIE)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, shown when anything may be broken: no database, no cache, no context processor.

    The page is a template of its own (``errors/500.html``) rendered without the request, so
    no context processor runs; the region's name is shown only if the region was already found.
    """
    kind = "500"
    try:
        language = reader_language(request)
    except Exception:  # noqa: BLE001 — a 500 page must not fail on a broken request
        language = "en"
    with translation.override(language):
        if is_api(request):
            return JsonResponse({"detail": str(API_DETAILS[kind])}, status=500)
        page = PAGES[kind]
        try:
            region = getattr(request, "region", None)
            context = {
                "error": page,
                "brand": region.display_name if region is not None else _("Waypoint"),
                "retry_url": request.get_full_path() if request.method in ("GET", "HEAD") else "",
            }
            content = loader.render_to_string("errors/500.html", context)
        except Exception:
            logger.exception("The 500 page could not be rendered; answering the bare minimum.")
            content = _bare_page(page, language)
    response = HttpResponse(content, status=500, content_type="text/html; charset=utf-8")
    response["Content-Language"] = language
    return response


def _bare_page(page: ErrorPage, language: str) -> str:
    """The 500 page without template, URL or static file: the title and what happened."""
    code = languages.BY_CODE.get(language)
    direction = code.dir if code is not None else "ltr"
    title, explanation = escape(page.title), escape(page.explanation)
    tag = languages.tag(language)
    return (
        f'<!DOCTYPE html><html lang="{tag}" dir="{direction}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body><main><h1>{title}</h1><p>{explanation}</p>"
        f'<p><a href="/">{escape(_("Go to the start page"))}</a></p></main></body></html>'
    )
