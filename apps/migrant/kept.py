"""Migrant pages whose content is kept rendered: the same for every reader of a language at one
address, rendered once per content version and served from what was kept (issue 18)."""

from __future__ import annotations

import hashlib
import time

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from apps.core import read_models


class KeptContentMixin:
    """A page whose content is the same for every reader of a language at one address (its
    query string included): the content is rendered from ``content_template_name`` once per
    content version and ``moment()`` and kept (apps.core.read_models); per request only the
    frame around it is rendered. Nothing personal may be in the content.

    Each page defines ``content_context()``, the content's context. ``content_status()`` gives
    the page's status (400 for filters that cannot be used, which the content explains);
    ``frame_context()`` the few plain values the frame shows besides (the title); ``personal()``
    whether the content is this reader's own (a signed-in migrant's follow buttons): then it is
    rendered afresh."""

    content_template_name: str
    #: How long the content may stand for the time it was made in: the day by default (what is
    #: valid today), a minute for dates that drop out once they begin.
    moment_seconds = 24 * 60 * 60

    def content_status(self, context: dict) -> int:
        return 200

    def frame_context(self, context: dict) -> dict:
        return {}

    def personal(self) -> bool:
        return False

    def moment(self) -> str:
        if self.moment_seconds >= 24 * 60 * 60:
            return timezone.localdate().isoformat()  # the day the queries' validity uses
        return str(int(time.time() // self.moment_seconds))

    def get(self, request, *args, **kwargs):
        if self.personal():
            content, status, frame = self.rendered_content()
        else:
            address = hashlib.blake2b(request.get_full_path().encode(), digest_size=16)
            content, status, frame = read_models.kept(
                f"content:{request.resolver_match.view_name}",
                (request.get_host(), get_language(), address.hexdigest(), self.moment()),
                self.rendered_content,
                seconds=self.moment_seconds,
            )
        context = self.get_context_data(content=content, **frame)
        return self.render_to_response(context, status=status)

    def rendered_content(self) -> tuple[str, int, dict]:
        context = self.content_context()
        content = self.render_content(context)
        return content, self.content_status(context), self.frame_context(context)

    def render_content(self, context: dict) -> str:
        return render_to_string(self.content_template_name, context, request=self.request)

    def render_page(self, content_context: dict, status: int) -> HttpResponse:
        """The page with content of its own, never kept (a form sent back with its errors)."""
        context = self.get_context_data(
            content=self.render_content(content_context), **self.frame_context(content_context)
        )
        return self.render_to_response(context, status=status)
