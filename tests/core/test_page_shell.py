"""What every page brings along: an icon, a description, a stylesheet cached for long, and
compression for anonymous readers only (no secret in a compressed page: BREACH)."""

import gzip
import io

from PIL import Image

from tests.conftest import PASSWORD


def test_favicon_is_a_small_icon_in_the_regions_colour(client, region):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert (16, 16) in icon.info["sizes"] and (32, 32) in icon.info["sizes"]
    assert len(response.content) < 20_000


def test_pages_link_the_icon_and_describe_themselves(client, region):
    html = client.get("/de/").content.decode()

    assert '<link rel="icon" href="/favicon.ico?v=' in html
    assert '<meta name="description" content="' in html
    description = html.split('<meta name="description" content="')[1].split('"')[0]
    assert len(description) > 40


def test_region_stylesheet_is_cached_for_a_year_when_versioned(client, region):
    version = region.primary_colour.lstrip("#")

    current = client.get(f"/region.css?v={version}")
    stale = client.get("/region.css?v=000000")

    assert "max-age=31536000" in current["Cache-Control"]
    assert "immutable" in current["Cache-Control"]
    assert "max-age=3600" in stale["Cache-Control"]  # an old link gets the new colour soon


def test_anonymous_pages_are_compressed(client, region):
    response = client.get("/de/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)
    assert "Accept-Encoding" in response["Vary"]


def test_pages_with_a_csrf_token_or_for_signed_in_people_are_not_compressed(client, people):
    sign_in = client.get("/de/accounts/sign-in/", HTTP_ACCEPT_ENCODING="gzip")
    assert not sign_in.has_header("Content-Encoding")  # its form carries a CSRF token

    client.login(username="editor@example.org", password=PASSWORD)
    page = client.get("/de/", HTTP_ACCEPT_ENCODING="gzip")
    assert not page.has_header("Content-Encoding")
