"""Root URLconf: wiring only. Pages carry the language in their URL (/ar/..., /de/...)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from apps.core import media as core_media
from apps.core import views as core_views
from apps.migrant import offline_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/switch/", core_views.switch_language, name="switch_language"),
    path("region.css", core_views.region_stylesheet, name="region_stylesheet"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("app-icon-<int:size>.png", core_views.app_icon, name="app_icon"),
    path("app-icon-<int:size>-<str:purpose>.png", core_views.app_icon, name="app_icon_purpose"),
    # The service worker, from the root so that it may look after every page of the portal.
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("api/v1/", include(("portal.api", "api"), namespace="api")),
    path("operator/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("apps.workspace.account_urls")),
    path("authority/", include("apps.authority.urls")),
    path("ngo/", include("apps.ngo.urls")),
    path("", include("apps.migrant.urls")),
    prefix_default_language=True,
)

# Errors are explained in the reader's language, with a way on (apps/core/errors.py); a request
# the page cannot use (see apps.core.params) says what was wrong with it.
handler400 = "apps.core.errors.bad_request"
handler403 = "apps.core.errors.permission_denied"
handler404 = "apps.core.errors.page_not_found"
handler500 = "apps.core.errors.server_error"

if settings.MEDIA_URL.startswith("/"):
    # Answers only with SERVE_MEDIA (the embedded default); nginx serves media in production.
    urlpatterns.append(path(f"{settings.MEDIA_URL[1:]}<path:path>", core_media.serve))
