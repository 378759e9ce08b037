"""The portal's URLs plus pages that fail on purpose, for tests/core/test_error_pages.py: a
refusal without a signed-in person, a rate limit, a bare 429 and a crash."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django_ratelimit.exceptions import Ratelimited

from portal import urls as portal_urls
from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401


def refused(request):
    raise PermissionDenied


def rate_limited(request):
    raise Ratelimited


def bare_429(request):
    return HttpResponse(status=429)


def broken(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [
    path("api/v1/broken/", broken),
    *i18n_patterns(
        path("test-errors/refused/", refused),
        path("test-errors/rate-limited/", rate_limited),
        path("test-errors/bare-429/", bare_429),
        path("test-errors/broken/", broken),
        prefix_default_language=True,
    ),
    *portal_urls.urlpatterns,
]
