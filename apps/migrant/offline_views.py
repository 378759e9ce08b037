"""The installable portal: its manifest per language, the service worker (served from ``/`` so
that it may look after every page), and the page shown when there is no connection."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from apps.migrant import offline
from apps.migrant.views import MigrantPageMixin


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    region = request.region
    if region is None:
        return HttpResponse(status=503)
    response = JsonResponse(
        offline.manifest(region, get_language()), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """``/sw.js``. Browsers look for a new version at least once a day and compare it byte for
    byte; a changed shell is a new version, which drops the old shell's cache."""
    region = request.region
    if region is None:
        return HttpResponse(status=503)
    response = render(
        request,
        "migrant/service-worker.js",
        {"config": offline.worker_config(region)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


class OfflineView(MigrantPageMixin, TemplateView):
    """What works without a connection, and the pages this device keeps (listed by
    ``offline.js``, from the browser's cache)."""

    template_name = "migrant/offline.html"
