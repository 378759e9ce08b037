"""The installable portal: a web app manifest per language, a service worker from the root
that keeps the app shell and the offline page of every language, and the offline page."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image

from apps.core import languages


def worker_config(client) -> dict:
    body = client.get("/sw.js").content.decode()
    return json.loads(re.search(r"^const CONFIG = (.*);$", body, flags=re.MULTILINE).group(1))


@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("de", "ltr"), ("zh-hans", "ltr")])
def test_the_manifest_opens_the_portal_in_the_readers_language(client, region, code, direction):
    response = client.get(f"/{code}/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json" and not response.cookies
    manifest = response.json()
    assert (manifest["lang"], manifest["dir"], manifest["start_url"]) == (
        code,
        direction,
        f"/{code}/",
    )
    assert manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == region.primary_colour
    assert manifest["name"] and len(manifest["short_name"]) <= 12


def test_the_app_icons_are_in_the_regions_colour_and_the_declared_sizes(client, region):
    region.primary_colour = "#7a1f5c"
    region.save()
    icons = client.get("/en/manifest.webmanifest").json()["icons"]
    assert {(icon["sizes"], icon["purpose"]) for icon in icons} == {
        ("192x192", "any"), ("192x192", "maskable"), ("512x512", "any"), ("512x512", "maskable")
    }  # fmt: skip
    for icon in icons:
        response = client.get(icon["src"])
        assert response["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(response.content)).convert("RGB")
        size = int(icon["sizes"].split("x")[0])
        assert image.size == (size, size)
        assert image.getpixel((size // 2, size - 3)) == (0x7A, 0x1F, 0x5C)  # the brand colour
    assert client.get("/app-icon-100.png").status_code == 404
    assert client.get("/app-icon-192-huge.png").status_code == 404


def test_the_service_worker_is_served_from_the_root_and_never_kept_stale(client, region):
    response = client.get("/sw.js")
    assert response.status_code == 200 and not response.cookies
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    config = worker_config(client)
    assert (
        "/static/css/portal.css" in config["shell"] and "/static/js/offline.js" in config["shell"]
    )
    assert set(config["offlinePages"]) == {f"/{code}/offline/" for code in region.enabled_languages}
    assert {"/authority/", "/ngo/", "/accounts/", "/api/", "/search/", "/ask/"} <= set(
        config["neverCached"]
    )


def test_a_new_shell_is_a_new_version(client, region):
    before = worker_config(client)["version"]
    assert worker_config(client)["version"] == before  # byte for byte the same: no update
    region.primary_colour = "#1f5c7a"
    region.save()
    assert worker_config(client)["version"] != before


def test_the_offline_page_says_what_works_in_every_language(client, region):
    for code in region.enabled_languages:
        response = client.get(f"/{code}/offline/")
        html = response.content.decode()
        assert response.status_code == 200 and f'lang="{languages.tag(code)}"' in html
        assert "data-saved-list" in html and "data-saved-empty" in html
    arabic = client.get("/ar/offline/").content.decode()
    assert "أنت غير متصل بالإنترنت" in arabic  # "You are offline"


def test_migrant_pages_offer_the_app_and_saving_but_workspaces_do_not(
    client, people, publish_article
):
    article = publish_article(title="Kita-Platz finden")
    page = client.get(f"/de/information/{article.slug}/").content.decode()
    assert '<link rel="manifest" href="/de/manifest.webmanifest">' in page
    assert "/static/js/offline.js" in page
    # Without JavaScript (or a service worker) the button stays hidden: nothing that cannot work.
    assert re.search(r'<div class="save-offline no-print" data-save-offline hidden', page)
    assert 'data-title="Kita-Platz finden"' in page
    client.force_login(people["editor"])
    workspace = client.get("/de/authority/").content.decode()
    assert "manifest.webmanifest" not in workspace and "offline.js" not in workspace
