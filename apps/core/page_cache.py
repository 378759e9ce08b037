"""A page cache in Django for anonymous readers of the migrant portal (issue 18).

``deploy/nginx.conf`` keeps anonymous pages for 60 s in front of Django; an installation without
that proxy (the embedded default, a PaaS) rendered every page for every reader. This middleware
keeps a rendered migrant page in the shared cache, keyed by host, address (with its query
string) and the **content version**: one number that any change to the portal's data moves on
(a publication, a registration that takes a seat, an organisation's new address, audio that
became ready — every save or delete of a model outside the list below), so a reader never gets a
page older than the last change, and never one older than ``PAGE_CACHE_SECONDS`` (pages also
depend on the time: past dates drop out of the events list).

Only what is the same for every reader is kept: pages of the migrant portal, for a reader who
is not signed in and sends no session or message cookie, answered 200 without a cookie and
without ``Cache-Control: private/no-store/no-cache`` (``never_cache`` views — search and the
assistant, which count what was asked, and a registrant's own page — opt out that way). The
headers the outer middlewares add (security, CSP, language, compression) are added on a hit as
on a miss. ``X-Page-Cache: hit|miss`` says which it was.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from apps.core import resilient_cache as cache

VERSION_KEY = "page-cache:version"
NAMESPACE = "migrant"
#: Apps whose writes never change what a migrant page shows: the search index and what readers
#: asked (search pages are not cached), sessions, second-factor devices, API tokens, the admin's
#: log. Writing them must not empty the page cache, least of all the ones anonymous readers cause.
UNSEEN_APPS = frozenset(
    {"search", "sessions", "admin", "contenttypes", "otp_totp", "otp_static", "authtoken"}
)
#: Cookies that make a request personal: a page for it is neither served from nor put in the cache.
PERSONAL_COOKIES = ("sessionid", "messages")
#: Headers of a kept page that are the view's own (the outer middlewares add the rest again).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Last-Modified", "ETag")
_NOT_SHARED = ("private", "no-store", "no-cache", "max-age=0")


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def content_version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None) or ""


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def content_changed(sender, **kwargs) -> None:
    """Signal receiver: data a page may show changed; every kept page is out of date.

    The version moves when the change is committed: moved before, a page rendered from the old
    data in the meantime would be kept under the new version."""
    if sender._meta.app_label not in UNSEEN_APPS:
        transaction.on_commit(_new_version)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")


def _personal(request: HttpRequest) -> bool:
    return any(name in request.COOKIES for name in PERSONAL_COOKIES) or (
        request.user.is_authenticated
    )


def _is_migrant_page(request: HttpRequest) -> bool:
    try:
        return resolve(request.path_info).namespace == NAMESPACE
    except Resolver404:
        return False


def page_key(request: HttpRequest, version: str) -> str:
    region = getattr(request.region, "pk", None)
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{region}:{request.get_host()}:{version}:{address}"


def _shareable(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in _NOT_SHARED)
    )


class AnonymousPageCacheMiddleware:
    """Serves and keeps migrant pages for anonymous readers (see the module's docstring).

    Below ``CurrentRegionMiddleware`` (the key names the region) and ``QueryTextMiddleware``
    (a refused query string is never looked up), above ``ErrorPageMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not seconds()
            or request.method != "GET"
            or _personal(request)
            or not _is_migrant_page(request)
        ):
            return self.get_response(request)
        key = page_key(request, content_version())
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _shareable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), seconds())
            response["X-Page-Cache"] = "miss"
        return response
