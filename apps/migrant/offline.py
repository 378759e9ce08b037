"""What the installable portal needs: the web app manifest of a language, and the service
worker's cache plan (the app shell it keeps, the version of that shell, what it never touches).

The service worker itself is ``templates/migrant/service-worker.js``; the page side (register it,
"Save for offline", "last updated") is ``static/js/offline.js``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core import icons, languages

#: Static files every migrant page uses: kept by the service worker when it is installed.
SHELL_STATIC = (
    "css/portal.css",
    "js/language-menu.js",
    "js/offline.js",
    "js/procedure-progress.js",
    "js/glossary.js",
    "js/read-aloud.js",
    "js/print.js",
)
#: Path parts the service worker never caches or answers for: staff pages, accounts, the API,
#: the operators' admin, media (audio), a migrant's own pages, and the pages that answer one
#: person's query.
NEVER_CACHED = (
    "/api/", "/operator/", "/authority/", "/ngo/", "/accounts/", "/media/", "/my/",
    "/search/", "/ask/", "/page-feedback/", "/events/registration/",
)  # fmt: skip


def shell_urls(region) -> list[str]:
    colour = region.primary_colour.lstrip("#")
    return [
        *(static(path) for path in SHELL_STATIC),
        f"{reverse('region_stylesheet')}?v={colour}",
        f"{reverse('favicon')}?v={colour}",
    ]


def offline_urls(region) -> list[str]:
    """The offline page of every language of the region."""
    urls = []
    for code in region.enabled_languages:
        with translation.override(code):
            urls.append(reverse("migrant:offline"))
    return urls


def shell_version(region) -> str:
    """Changes whenever the shell changes: the static manifest's hash after collectstatic,
    else the shell files' contents; and the region's colour and languages."""
    digest = hashlib.sha256()
    manifest_hash = getattr(staticfiles_storage, "manifest_hash", "")
    if manifest_hash:
        digest.update(manifest_hash.encode())
    else:
        for path in SHELL_STATIC:
            found = finders.find(path)
            if found:
                digest.update(Path(found).read_bytes())
    templates = Path(__file__).parent / "templates" / "migrant"
    for name in ("offline.html", "service-worker.js", "base.html"):
        digest.update((templates / name).read_bytes())
    digest.update(f"{region.primary_colour}|{','.join(region.enabled_languages)}".encode())
    digest.update(settings.LANGUAGE_CODE.encode())
    return digest.hexdigest()[:16]


def worker_config(region) -> str:
    """The service worker's plan as JSON (URLs and paths of this site only)."""
    return json.dumps({
        "version": shell_version(region),
        "shell": shell_urls(region),
        "offlinePages": offline_urls(region),
        "neverCached": NEVER_CACHED,
    })  # fmt: skip


def manifest(region, code: str) -> dict:
    """The web app manifest for readers of ``code``: the portal opens in their language."""
    colour = region.primary_colour
    version = colour.lstrip("#")
    icon_list = []
    for size in icons.APP_ICON_SIZES:
        for purpose, suffix in (("any", ""), ("maskable", "-maskable")):
            icon_list.append({
                "src": f"/app-icon-{size}{suffix}.png?v={version}",
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            })  # fmt: skip
    with translation.override(code):
        start_url = reverse("migrant:home")
        description = _(
            "Here you find, in your language, how to get things done: registering your address, "
            "health insurance, housing, school, language courses and work."
        )
        name = str(region.name)
    return {
        "id": "/",
        "name": name,
        "short_name": name[:12],
        "description": description,
        "lang": languages.tag(code),
        "dir": languages.get(code).dir,
        "start_url": start_url,
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": colour,
        "icons": icon_list,
    }
