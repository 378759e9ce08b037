"""The floor of bench/serving.py: the least a Django view can do — return the bytes of one page
(the file named by ``BENCH_PAGE_FILE``), with no middleware, no database and no templates.
What Waypoint does per request beyond this is what its ratio to this floor measures.

    BENCH_PAGE_FILE=page.html gunicorn --chdir bench bare_django:application
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = Path(os.environ.get("BENCH_PAGE_FILE", __file__)).read_bytes()


def page(request, anything: str = ""):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("<path:anything>", page), path("", page)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only",  # noqa: S106 - serves one static page on loopback
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)
application = get_wsgi_application()
