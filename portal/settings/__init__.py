"""Settings for Waypoint, read from the environment.

With nothing set, Waypoint runs as the *embedded default*: SQLite, a local-memory cache and Celery
tasks executed eagerly in the web process. Production sets ``DATABASE_URL`` (PostgreSQL),
``REDIS_URL`` (cache and Celery broker) and ``SECRET_KEY``, and uses ``portal.settings.production``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from apps.core import languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("WAYPOINT_INSECURE_DEV_KEY"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (or DEBUG=1 for a local development server)."
        )
    # Only ever used by `make run` and the test suite.
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_ratelimit",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "rules.apps.AutodiscoverRulesConfig",
    # Two-step sign-in for staff: authenticator apps (TOTP) and recovery codes (static tokens);
    # see apps/accounts/two_factor.py.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.core",
    "apps.accounts",
    "apps.editorial",
    "apps.translation",
    "apps.articles",
    "apps.glossary",
    "apps.places",
    "apps.procedures",
    "apps.statistics",
    "apps.events",
    "apps.speech",
    "apps.search",
    "apps.feedback",
    "apps.migrant_accounts",
    "apps.routes",
    "apps.migrant",
    "apps.workspace",
    "apps.authority",
    "apps.ngo",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Migrant pages for anonymous readers, kept until the next change as the middlewares below
    # finish them: a hit skips them all and the database (apps/core/page_cache.py).
    "apps.core.page_cache.AnonymousPageCacheMiddleware",
    # Compresses anonymous pages without CSRF tokens only (BREACH); see its docstring.
    "apps.core.middleware.AnonymousGZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.core.middleware.LanguageAliasMiddleware",
    "apps.core.middleware.ApiLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "apps.core.middleware.FormTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second sign-in step.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.core.middleware.CurrentRegionMiddleware",
    "apps.core.middleware.QueryTextMiddleware",
    # Innermost: bare 405/429 responses become pages in the reader's language (apps/core/errors.py).
    "apps.core.middleware.ErrorPageMiddleware",
]
# A form refused for its CSRF token: "nothing was saved, reload the form", in the reader's language.
CSRF_FAILURE_VIEW = "apps.core.errors.csrf_failure"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "apps.core.context_processors.portal",
                "apps.migrant.context_processors.migrant_account",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery ---------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
#: Seconds one call to Redis (cache or task queue) may wait, to connect and to read. Redis on the
#: local network answers within a millisecond; a stopped or hung one must not hold pages up.
#: After a failure, callers skip Redis for CIRCUIT_BREAKER_SECONDS (apps/core/breaker.py).
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
CIRCUIT_BREAKER_SECONDS = float(os.environ.get("CIRCUIT_BREAKER_SECONDS", "5"))
#: While the cache is down, a glossary change made in another process reaches this one after at
#: most this many seconds (as long as nginx keeps a page); each renewal recompiles the glossary.
UNCACHED_VERSION_SECONDS = float(os.environ.get("UNCACHED_VERSION_SECONDS", "60"))
#: How long Django keeps a migrant page for anonymous readers at most (any change to the data
#: replaces it at once; apps/core/page_cache.py). 0 switches the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
#: How long a process trusts the content version it read last (a hit then needs no Redis trip);
#: a change made through another process is seen within this time.
#: How long a read model (a procedure page's data in one language) is kept at most; any change
#: replaces it at once (apps/core/read_models.py). 0 switches them off.
READ_MODEL_SECONDS = int(os.environ.get("READ_MODEL_SECONDS", "3600"))
PAGE_CACHE_VERSION_SECONDS = float(os.environ.get("PAGE_CACHE_VERSION_SECONDS", "1"))


def redis_cache(url: str, key_prefix: str = "waypoint") -> dict:
    """The cache on Redis, with short socket timeouts (see apps/core/resilient_cache.py).

    django-redis rather than Django's own Redis backend: it is the Redis backend whose atomic
    counters django-ratelimit supports (its system checks say so), and the public forms'
    rate limits count in this cache, shared by every web process."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT, "SOCKET_TIMEOUT": REDIS_TIMEOUT},
    }


if REDIS_URL:
    # Parallel test workers share one Redis: each gets its own key space.
    CACHES = {
        "default": redis_cache(
            REDIS_URL,
            os.environ.get("CACHE_KEY_PREFIX", "waypoint")
            + os.environ.get("PYTEST_XDIST_WORKER", ""),
        )
    }
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
    CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    # The embedded default only: one process, one in-memory cache, so the public forms' rate
    # limits hold per process, which is all there is. Production requires REDIS_URL and
    # silences nothing (portal/settings/production.py).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "waypoint")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request must never hang because the broker is down: each attempt to publish waits
# REDIS_TIMEOUT at most, it is tried twice at once and no more, and then the request says so
# (apps/core/taskqueue.py). Nobody reads task results, so publishing never touches the result
# store either (with a dead Redis that alone took 19 s of reconnecting).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT,
    "socket_timeout": REDIS_TIMEOUT,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0,
    "interval_max": 0,
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT
CELERY_TIMEZONE = "UTC"

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out sign-ins before any password is checked (apps/accounts/lockout.py).
    "apps.accounts.lockout.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed sign-ins allowed per account from one client address, and per client address over all
# accounts, before that address is refused for a while (apps/accounts/lockout.py).
SIGN_IN_RATE_PER_ACCOUNT = os.environ.get("SIGN_IN_RATE_PER_ACCOUNT", "5/15m")
SIGN_IN_RATE_PER_ADDRESS = os.environ.get("SIGN_IN_RATE_PER_ADDRESS", "50/15m")
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
LOGIN_URL = "accounts:login"
# The name authenticator apps show beside a staff member's entry (two-step sign-in).
OTP_TOTP_ISSUER = os.environ.get("TWO_FACTOR_ISSUER", "Waypoint")
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "migrant:home"

# --- Languages ----------------------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = languages.DJANGO_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "waypoint_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = languages.CODES
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "de")

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves MEDIA_URL itself (with byte ranges, so audio can seek) only when nothing in
# front does: the embedded default. Production's nginx serves /media/ (docker-compose.yml).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production (portal.settings.production) serves hashed, compressed files after
    # collectstatic; the embedded default and the tests serve the source files directly.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Waypoint <noreply@waypoint.example>")

# --- API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so that an anonymous write gets 401 with a WWW-Authenticate challenge.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "apps.core.schema.AutoSchema",
    # Bad query parameters are 400s that say what was wrong (apps.core.params).
    "EXCEPTION_HANDLER": "apps.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Waypoint API",
    "DESCRIPTION": (
        "Public, read-only access to the content of a Waypoint integration portal, per language. "
        "Choose the language with `?lang=<code>` or the `Accept-Language` header."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for "a language code" wherever an API field takes one.
    "ENUM_NAME_OVERRIDES": {
        "LanguageCodeEnum": "apps.core.languages.CODES",
        "SpokenLanguageEnum": "apps.core.languages.PRIMARY_CODES",
        # Search results and the assistant's findings share one set of kinds.
        "SearchResultKindEnum": "apps.search.models.Kind",
    },
}
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# --- Content Security Policy (django-csp) ------------------------------------------------------
# Only our own scripts, styles and images; no inline code (the region colour is a stylesheet of
# its own, see core.views.region_stylesheet). The API docs and the operators' admin bring inline
# code of their own and are left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs/", "/api/v1/redoc/", "/operator/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Machine translation (apps/translation/machine.py): "offline" (tests, demo) or "libretranslate".
MACHINE_TRANSLATION_BACKEND = os.environ.get("MACHINE_TRANSLATION_BACKEND", "offline")
MACHINE_TRANSLATION_URL = os.environ.get("MACHINE_TRANSLATION_URL", "")
MACHINE_TRANSLATION_API_KEY = os.environ.get("MACHINE_TRANSLATION_API_KEY", "")
# Characters per request (LibreTranslate's --char-limit; its public server allows 2000) and seconds.
MACHINE_TRANSLATION_CHAR_LIMIT = int(os.environ.get("MACHINE_TRANSLATION_CHAR_LIMIT", "2000"))
MACHINE_TRANSLATION_TIMEOUT = float(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "60"))
# The first pause before asking a failing server again (then twice as long each time).
MACHINE_TRANSLATION_PAUSE = float(os.environ.get("MACHINE_TRANSLATION_PAUSE", "1"))

# --- Maps -----------------------------------------------------------------------------------------
# Where "show on a map" links of places lead; {lat} and {lon} are filled in. No map tiles are
# loaded by the portal itself for this link.
MAP_LINK_URL = os.environ.get(
    "MAP_LINK_URL", "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
)
# Statistics (apps/statistics): published counts below this are shown as "<N" (and suppressed
# in downloads and the API) so that no one can be identified.
STATISTICS_SUPPRESSION_THRESHOLD = int(os.environ.get("STATISTICS_SUPPRESSION_THRESHOLD", "5"))


# The map of places (Leaflet, vendored). Empty: no map, the places are listed only. For example
# "https://tile.openstreetmap.org/{z}/{x}/{y}.png" — then say whose tiles they are, as their
# licence asks, in MAP_TILE_ATTRIBUTION.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(MAP_TILE_URL.replace("{s}.", ""))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://*.{_tiles.netloc}")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# --- Events ---------------------------------------------------------------------------------------
# Registrants' names and contact details are deleted this many days after their date.
EVENT_RETENTION_DAYS = int(os.environ.get("EVENT_RETENTION_DAYS", "30"))
# Public registration form: attempts per address (django-ratelimit rate).
EVENT_REGISTRATION_RATE = os.environ.get("EVENT_REGISTRATION_RATE", "10/h")

# --- Read-aloud (apps/speech) --------------------------------------------------------------------
# espeak-ng and opusenc (Debian packages espeak-ng and opus-tools): names on PATH or full paths.
# Without them the portal works as before and says that listening is unavailable.
SPEECH_ESPEAK = os.environ.get("SPEECH_ESPEAK", "espeak-ng")
SPEECH_OPUSENC = os.environ.get("SPEECH_OPUSENC", "opusenc")
# Seconds one program may take for one text before it is stopped.
SPEECH_TIMEOUT = int(os.environ.get("SPEECH_TIMEOUT", "120"))

# --- Search ---------------------------------------------------------------------------------------
# Searches that found nothing or little are counted (query, language, day — nobody's identity)
# for the authority's content-gap view, and deleted after this many days.
SEARCH_GAP_RETENTION_DAYS = int(os.environ.get("SEARCH_GAP_RETENTION_DAYS", "180"))
# A search counted fewer times than this is left out of every export (it may be identifying).
SEARCH_GAP_EXPORT_THRESHOLD = int(os.environ.get("SEARCH_GAP_EXPORT_THRESHOLD", "5"))
# The assistant's multilingual embedding model (apps.search.embeddings): a class with the same
# interface can replace it.
SEARCH_EMBEDDER = os.environ.get("SEARCH_EMBEDDER", "apps.search.embeddings.E5Small")
SEARCH_EMBEDDER_THREADS = int(os.environ.get("SEARCH_EMBEDDER_THREADS", "1"))
# Questions to the assistant per address (it costs a model run each): django-ratelimit's rate.
ASSISTANT_RATE = os.environ.get("ASSISTANT_RATE", "30/m")

# --- "Was this page helpful?" (apps/feedback) -----------------------------------------------------
# Ratings (counts per page, language and day) and comments (cleaned of e-mail addresses and phone
# numbers, stored with the day only) are deleted after this many days.
PAGE_FEEDBACK_RETENTION_DAYS = int(os.environ.get("PAGE_FEEDBACK_RETENTION_DAYS", "365"))
# Answers per address (django-ratelimit's rate): enough for a reader, not for a script.
PAGE_FEEDBACK_RATE = os.environ.get("PAGE_FEEDBACK_RATE", "20/h")

# --- Optional migrant accounts (apps/migrant_accounts) ------------------------------------------
# Where the portal is reached, for links in e-mails sent by scheduled tasks.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# A one-time sign-in link works this long; links are deleted after the retention days.
MIGRANT_SIGN_IN_LINK_MINUTES = int(os.environ.get("MIGRANT_SIGN_IN_LINK_MINUTES", "30"))
MIGRANT_SIGN_IN_LINK_RETENTION_DAYS = int(
    os.environ.get("MIGRANT_SIGN_IN_LINK_RETENTION_DAYS", "7")
)
# Links asked for per client address (django-ratelimit's rate) and per e-mail address and hour.
MIGRANT_SIGN_IN_RATE = os.environ.get("MIGRANT_SIGN_IN_RATE", "10/h")
MIGRANT_SIGN_IN_LINKS_PER_HOUR = int(os.environ.get("MIGRANT_SIGN_IN_LINKS_PER_HOUR", "3"))
# A signed-in phone stays signed in this long (revocable: "sign out everywhere").
MIGRANT_SESSION_DAYS = int(os.environ.get("MIGRANT_SESSION_DAYS", "180"))
# Accounts unused this long are deleted, after a warning e-mail this many days before.
MIGRANT_ACCOUNT_INACTIVE_DAYS = int(os.environ.get("MIGRANT_ACCOUNT_INACTIVE_DAYS", "730"))
MIGRANT_ACCOUNT_WARNING_DAYS = int(os.environ.get("MIGRANT_ACCOUNT_WARNING_DAYS", "30"))

CELERY_BEAT_SCHEDULE = {
    "send-follow-digests": {
        "task": "apps.migrant_accounts.tasks.send_digests",
        "schedule": 60 * 60,  # seconds: hourly; each person gets one a day at most
    },
    "forget-inactive-migrant-accounts": {
        "task": "apps.migrant_accounts.tasks.forget_inactive_accounts",
        "schedule": 60 * 60 * 24,  # seconds: daily
    },
    "forget-expired-route-shares": {
        "task": "apps.routes.tasks.forget_expired_shares",
        "schedule": 60 * 60 * 24,  # seconds: daily
    },
    "forget-old-page-feedback": {
        "task": "apps.feedback.tasks.forget_old_feedback",
        "schedule": 60 * 60 * 24,  # seconds: daily
    },
    "forget-old-search-gaps": {
        "task": "apps.search.tasks.forget_old_gaps",
        "schedule": 60 * 60 * 24,  # seconds: daily
    },
    "erase-old-registrations": {
        "task": "apps.events.tasks.erase_old_registrations",
        "schedule": 60 * 60 * 6,  # seconds: four times a day
    },
    "remove-orphaned-recordings": {
        "task": "apps.speech.tasks.remove_orphans",
        "schedule": 60 * 60 * 24,  # seconds: once a day
    },
}
