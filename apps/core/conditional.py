"""ETag / Last-Modified for API views, so clients and caches can revalidate cheaply."""

from __future__ import annotations

import datetime as dt
import hashlib
from abc import ABC, abstractmethod

from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from django.utils.translation import get_language
from rest_framework import status
from rest_framework.response import Response


class ConditionalGetMixin(ABC):
    """Answers 304 Not Modified when the client's copy is current.

    Subclasses say what the response depends on, without serialising it. The check runs after
    authentication and content negotiation and before the handler, so it also covers viewsets
    that write their own ``list``/``retrieve``.
    """

    conditional_actions = ("list", "retrieve")

    @abstractmethod
    def conditional_state(self, request, *args, **kwargs) -> tuple[str, dt.datetime | None]:
        """(ETag, Last-Modified) of the response that would be sent."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._validators = None
        if request.method not in ("GET", "HEAD"):
            return
        if getattr(self, "action", None) not in self.conditional_actions:
            return
        etag, last_modified = self.conditional_state(request, *args, **kwargs)
        self._validators = (quote_etag(etag), last_modified)
        if _not_modified(request, *self._validators):
            # dispatch() looks the handler up after initial(): answer without running it.
            setattr(self, request.method.lower(), _answer_not_modified)

    def finalize_response(self, request, response, *args, **kwargs):
        validators = getattr(self, "_validators", None)
        if validators and response.status_code in (200, 304):
            etag, last_modified = validators
            response["ETag"] = etag
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified.timestamp())
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return super().finalize_response(request, response, *args, **kwargs)


def _not_modified(request, etag: str, last_modified: dt.datetime | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:  # wins over If-Modified-Since (RFC 9110 13.2.2)
        return etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    if last_modified is not None and request.headers.get("If-Modified-Since"):
        since = parse_http_date_safe(request.headers["If-Modified-Since"])
        return since is not None and int(last_modified.timestamp()) <= since
    return False


def _answer_not_modified(request, *args, **kwargs) -> Response:
    return Response(status=status.HTTP_304_NOT_MODIFIED)


class ContentVersionConditionalMixin(ConditionalGetMixin):
    """ETag from the portal's content version (``apps.core.page_cache``): one number that every
    committed change to what readers see moves on — a publication, a registration that takes a
    seat, audio that became ready. Costs one cache read and no query, and is never stale; the
    price is that any change anywhere revalidates every client once.

    The tag also covers everything else the response depends on: the address with its query,
    the language, the format, who asks (a member may see more), and ``time_bucket()`` for
    answers that move with the calendar without any change to the data.
    """

    def time_bucket(self, request) -> str:
        return ""

    def conditional_state(self, request, *args, **kwargs):
        from apps.core.page_cache import content_version

        renderer = getattr(request, "accepted_renderer", None)
        parts = (
            content_version(),
            request.get_host(),
            request.get_full_path(),
            get_language(),
            getattr(renderer, "format", ""),
            request.user.pk or "",
            self.time_bucket(request),
        )
        key = "|".join(str(part) for part in parts)
        return hashlib.sha256(key.encode()).hexdigest()[:32], None
