"""Production settings: everything in the base settings, plus the hardening `check --deploy` asks.

Behind the nginx proxy of docker-compose.yml, TLS ends at the proxy, which sets
X-Forwarded-Proto. Production runs several processes (web workers, Celery), so it needs what
they share: Redis for the cache (and the rate limits counted in it) and the task queue. It
silences no system check.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from . import *  # noqa: F403
from . import REDIS_URL, env_bool

if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: the cache, the public forms' rate limits and the "
        "task queue are shared by all processes through Redis."
    )

DEBUG = False
SILENCED_SYSTEM_CHECKS: list[str] = []

# nginx serves /media/ (deploy/nginx.conf); Django only if told to.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
