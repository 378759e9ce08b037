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
assistant, which count what was asked, and a registrant's own page — opt out that way). A hit
is the response as the miss finished it (compressed or not, with its security headers, Content
Security Policy and language), served before any other middleware or query runs.
``X-Page-Cache: hit|miss`` says which it was.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

from apps.core import resilient_cache as cache

VERSION_KEY = "page-cache:version"
NAMESPACE = "migrant"
#: Apps whose writes never change what a migrant page shows: the search index and what readers
#: asked (search pages are not cached), what readers answered to "Was this page helpful?", what
#: signed-in migrants keep (ticks, saved pages, follows: shown only on their own, uncached
#: pages), sessions, second-factor devices, API tokens, the admin's log. Writing them must not
#: empty the page cache, least of all the ones readers cause.
UNSEEN_APPS = frozenset({
    "search", "feedback", "migrant_accounts", "sessions", "admin", "contenttypes", "otp_totp",
    "otp_static", "authtoken",
})  # fmt: skip
#: Cookies that make a request personal: a page for it is neither served from nor put in the cache.
PERSONAL_COOKIES = ("sessionid", "messages")
#: Headers not kept with a page: ours, and what the server adds to every answer.
_UNKEPT = frozenset({"X-Page-Cache", "Date", "Server"})
_ACCEPTS_GZIP = re.compile(r"\bgzip\b", re.IGNORECASE)
_NOT_SHARED = ("private", "no-store", "no-cache", "max-age=0")


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


class SharedVersion:
    """A version every process reads from the shared cache and any process may move on. Each
    process remembers it for ``PAGE_CACHE_VERSION_SECONDS`` (1 s by default): reading it then
    costs no cache round trip at all, and a change made through another process is seen within
    that second; the process that made the change sees it at once."""

    def __init__(self, key: str):
        self.key = key
        #: (version, until when this process trusts it without asking the cache again).
        self.remembered: tuple[str, float] = ("", 0.0)

    def current(self) -> str:
        version, until = self.remembered
        now = time.monotonic()
        if now < until:
            return version
        version = cache.get_or_set(self.key, lambda: uuid.uuid4().hex, None) or ""
        self.remembered = (version, now + self._trust())
        return version

    def renew(self) -> None:
        version = uuid.uuid4().hex
        cache.set(self.key, version, None)
        self.remembered = (version, time.monotonic() + self._trust())

    @staticmethod
    def _trust() -> float:
        return float(getattr(settings, "PAGE_CACHE_VERSION_SECONDS", 1.0))


#: Moved on by every committed change to what a page may show.
CONTENT = SharedVersion(VERSION_KEY)


def content_version() -> str:
    """The content version (see ``SharedVersion``)."""
    return CONTENT.current()


def content_changed(sender, **kwargs) -> None:
    """Signal receiver: data a page may show changed; every kept page is out of date.

    The version moves when the change is committed: moved before, a page rendered from the old
    data in the meantime would be kept under the new version."""
    if sender._meta.app_label not in UNSEEN_APPS:
        transaction.on_commit(CONTENT.renew)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")


def _personal(request: HttpRequest) -> bool:
    # Outermost, before sessions and authentication: a signed-in person always sends the
    # session cookie, so the cookies alone say whether a request is personal.
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _is_migrant_page(request: HttpRequest) -> bool:
    path = request.path_info
    # Only short addresses are remembered: a flood of long made-up ones must not fill memory.
    return _remembered_migrant_path(path) if len(path) <= 200 else _is_migrant_path(path)


def _is_migrant_path(path: str) -> bool:
    """Whether the address is a page of the migrant portal. The language is not active yet
    (LocaleMiddleware runs inside): the address's own prefix is what ``resolve`` needs."""
    language = translation.get_language_from_path(path)
    if not language:
        return False
    try:
        with translation.override(language):
            return resolve(path).namespace == NAMESPACE
    except Resolver404:
        return False


#: The URLconf does not change while the process runs: an answer holds until it ends.
_remembered_migrant_path = functools.lru_cache(maxsize=4096)(_is_migrant_path)


def page_key(request: HttpRequest) -> str:
    """Host (which names the region), address with its query, and whether the answer is
    compressed: the page's other ``Vary`` headers (language, cookie) are fixed by the address
    and by keeping only anonymous pages."""
    compressed = "gz" if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else ""
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{request.get_host()}:{compressed}:{address}"


def _shareable(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in _NOT_SHARED)
    )


class ProcessCopies:
    """What this process served last, so that a hit need not fetch it from Redis again (a 40 KB
    page; a read model that takes longer to unpickle than to render): only the content version
    (a few bytes) is asked for, and decides as before whether a copy may be served. Bounded in
    entries, least recently used first out; safe for threaded workers."""

    def __init__(self, entries: int):
        self.entries = entries
        self._pages: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self._lock:
            kept = self._pages.get(key)
            if kept is not None:
                self._pages.move_to_end(key)
            return kept

    def put(self, key: str, kept: tuple) -> None:
        with self._lock:
            self._pages[key] = kept
            self._pages.move_to_end(key)
            while len(self._pages) > self.entries:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


#: How many pages each process keeps itself (a demo page is 10–40 KB: at most a few MB).
PROCESS_COPIES = 200
process_copies = ProcessCopies(PROCESS_COPIES)


def _current(kept: tuple | None, version: str) -> bool:
    """A kept page (version, made at, content, headers) still good to serve: made under the
    current content version, and not older than ``PAGE_CACHE_SECONDS``."""
    if not isinstance(kept, tuple) or len(kept) != 4:
        return False
    return kept[0] == version and time.time() - kept[1] < seconds()


class AnonymousPageCacheMiddleware:
    """Serves and keeps migrant pages for anonymous readers (see the module's docstring).

    Near the top of ``MIDDLEWARE``, below ``SecurityMiddleware`` (HTTPS redirect, HSTS) and
    WhiteNoise (static files): a hit skips every other middleware and the database. It costs
    one small cache read (the content version) when this process served the page before, and
    one more (the page) when another process made it. What is kept is the response as those
    middlewares finished it — compressed or not, with its Content Security Policy and
    language — so a hit answers exactly what the miss answered."""

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
        key = page_key(request)
        version = content_version()
        kept = process_copies.get(key)
        if not _current(kept, version):
            kept = cache.get(key)
            if _current(kept, version):
                process_copies.put(key, kept)
        if _current(kept, version):
            _version, _made, content, headers = kept
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        # The version was read before the page is made: a change committed meanwhile moves it
        # on, and the page, made from the older data, is not served after that change.
        made = time.time()
        response = self.get_response(request)
        if _shareable(response):
            headers = {name: value for name, value in response.items() if name not in _UNKEPT}
            kept = (version, made, response.content, headers)
            cache.set(key, kept, seconds())
            process_copies.put(key, kept)
            response["X-Page-Cache"] = "miss"
        return response
