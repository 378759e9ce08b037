"""ETag / Last-Modified for API views, so clients and caches can revalidate cheaply."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod

from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.response import Response


class ConditionalGetMixin(ABC):
    """Answers 304 Not Modified when the client's copy is current.

    Subclasses say what the response depends on, without serialising it.
    """

    @abstractmethod
    def conditional_state(self, request, *args, **kwargs) -> tuple[str, dt.datetime | None]:
        """(ETag, Last-Modified) of the response that would be sent."""

    def _conditional(self, handler, request, *args, **kwargs):
        etag, last_modified = self.conditional_state(request, *args, **kwargs)
        quoted = quote_etag(etag)
        not_modified = False
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match:
            not_modified = quoted in parse_etags(if_none_match) or if_none_match.strip() == "*"
        elif last_modified is not None and request.headers.get("If-Modified-Since"):
            since = parse_http_date_safe(request.headers["If-Modified-Since"])
            not_modified = since is not None and int(last_modified.timestamp()) <= since
        response = (
            Response(status=status.HTTP_304_NOT_MODIFIED)
            if not_modified
            else handler(request, *args, **kwargs)
        )
        response["ETag"] = quoted
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def list(self, request, *args, **kwargs):
        return self._conditional(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._conditional(super().retrieve, request, *args, **kwargs)
