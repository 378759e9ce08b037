"""Request plumbing: which region is being served, the API's language choice, form text with
one kind of line end, and error pages for bare 405/429 responses."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import translation

from apps.core import errors, languages, params
from apps.core.queries import region_for_host
from apps.core.text import normalise_newlines


class CurrentRegionMiddleware:
    """Sets ``request.region`` from the host name (falling back to the default region)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.region = region_for_host(request.get_host())
        return self.get_response(request)


class LanguageAliasMiddleware:
    """Accept-Language names some of our languages by codes Django does not know: ``prs`` is
    Dari's ISO 639-3 code (a Dari browser sends it), which leads to ``/fa-af/``."""

    ALIASES = {"prs": "fa-af", "prs-af": "fa-af"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = ",".join(
                self._alias(part) for part in header.split(",")
            )
        return self.get_response(request)

    def _alias(self, part: str) -> str:
        code, _, rest = part.strip().partition(";")
        alias = self.ALIASES.get(code.strip().lower())
        return f"{alias};{rest}" if alias and rest else alias or part


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


class FormTextMiddleware:
    """Every text typed into a form reaches the views with LF line ends only.

    Browsers separate the lines of a ``<textarea>`` with CR LF; the texts shown to them were
    stored with LF. Without this, saving an unchanged form would look like a change of every
    multi-line text (a new revision, a changed fingerprint, ``&#13;`` in exported files).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            posted = request.POST
            if any("\r" in value for values in posted.lists() for value in values[1]):
                cleaned = posted.copy()
                for key, values in posted.lists():
                    cleaned.setlist(key, [normalise_newlines(value) for value in values])
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)


class AnonymousGZipMiddleware(GZipMiddleware):
    """Compresses pages for anonymous readers (a 35 KB procedure page travels as about 8 KB).

    Never a page that carries a secret an attacker could learn by compression (BREACH): not for
    a signed-in person, nor a page with a CSRF token (a form), nor a response with cookies. The
    page's Content Security Policy is a header and untouched. Placed right below WhiteNoise (which
    serves its own precompressed files) so that it compresses what every other middleware made.
    Behind ``deploy/nginx.conf`` the proxy asks for uncompressed pages, caches them and
    compresses them itself for anonymous readers.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or response.cookies
        ):
            return response
        return super().process_response(request, response)


class ErrorPageMiddleware:
    """Gives a bare 405 or 429 answer the error page in the reader's language.

    Django's views answer a method they do not take with ``HttpResponseNotAllowed`` (no body,
    no handler hook); a rate limit may answer 429 the same way. Such an HTML response without a
    body of its own gets the page of :mod:`apps.core.errors`, keeping its headers (``Allow``).
    A response with a body (a form that explains itself) and the API's JSON are left alone.
    Innermost in ``MIDDLEWARE``, so the region and the language are known.
    """

    STATUSES = {405: "405", 429: "429"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        kind = self.STATUSES.get(response.status_code)
        if (
            kind is None
            or response.streaming
            or response.content
            or errors.is_api(request)
            or not response.get("Content-Type", "text/html").startswith("text/html")
        ):
            return response
        return errors.render_error(request, kind, response=response)


class QueryTextMiddleware:
    """In the API, a query string whose names or values hold a NUL character is a 400 naming
    the parameter: no parameter can use one (PostgreSQL cannot even compare text with it), and
    a client that sends one has made a mistake worth hearing about. So is a ``?lang=`` that
    names no language of ours (the schema lists them). Pages are left to their forms, which
    refuse NUL themselves, and to the filters, which match nothing with it
    (:func:`apps.core.queries.about_topic`). Placed after the language is known, so the 400
    speaks it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise params.InvalidParameter(
                    name.replace("\x00", ""), params.unusable_character_message(name)
                )
        params.choice(request.GET.get("lang"), parameter="lang", choices=languages.CODES)
        return self.get_response(request)
