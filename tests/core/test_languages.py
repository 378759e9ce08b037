import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from apps.core import languages

RTL = {"ar", "fa-af", "ur"}


def test_eleven_languages_and_easy_german_with_native_names():
    assert [code for code, _ in settings.LANGUAGES] == [
        "ar", "zh-hans", "fa-af", "nl", "en", "de", "de-easy", "it", "ru", "es", "uk", "ur"
    ]  # fmt: skip
    assert tuple(c for c, _ in settings.LANGUAGES if c != "de-easy") == languages.PRIMARY_CODES
    assert dict(settings.LANGUAGES)["fa-af"] == "دری"
    assert dict(settings.LANGUAGES)["zh-hans"] == "简体中文"


def test_dari_is_declared_as_dari_not_persian():
    info = get_language_info("fa-af")
    assert info["name"] == "Dari"
    assert info["name_local"] == "دری"
    assert info["bidi"] is True


@pytest.mark.parametrize("code", languages.CODES)
def test_every_page_says_its_language_and_direction(client, region, code):
    with translation.override(code):
        url = reverse("migrant:home")

    html = client.get(url).content.decode()

    direction = "rtl" if code in RTL else "ltr"
    # Easy German is German to browsers, screen readers and search engines.
    assert re.search(rf'<html lang="{languages.tag(code)}" dir="{direction}">', html)


@pytest.mark.parametrize("code", sorted(RTL))
def test_bidi_flag_drives_direction(code):
    with translation.override(code):
        assert translation.get_language_bidi()


def test_first_visit_follows_accept_language(client, region):
    response = client.get("/", headers={"accept-language": "uk,en;q=0.5"})

    assert response.status_code == 302
    assert response["Location"] == "/uk/"


def test_dari_accept_language_is_recognised(client, region):
    response = client.get("/", headers={"accept-language": "fa-AF"})

    assert response["Location"] == "/fa-af/"


def test_switcher_keeps_the_page_and_the_choice_sticks(client, region):
    response = client.get(
        reverse("switch_language"), {"lang": "ar", "next": "/en/organisations/?page=1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/ar/organisations/?page=1"
    # Coming back later without a language in the URL lands in Arabic.
    assert client.get("/", headers={"accept-language": "de"})["Location"] == "/ar/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "0", "/de/\x00"]
)
def test_switcher_refuses_links_elsewhere_in_the_readers_language(client, region, next_url):
    response = client.get(reverse("switch_language"), {"lang": "de", "next": next_url})

    assert response.status_code == 400
    assert "Location" not in response
    assert "does not lead to a page of this site" in response.content.decode()
    german = client.get(
        reverse("switch_language"),
        {"lang": "de", "next": next_url},
        headers={"accept-language": "de"},
    )
    assert "führt nicht zu einer Seite dieser Website" in german.content.decode()


def test_switcher_rejects_unknown_languages(client, region):
    assert client.get(reverse("switch_language"), {"lang": "xx"}).status_code == 400


def test_switcher_lists_region_languages_by_native_name(client, region):
    region.enabled_languages = ["de", "en", "ar"]
    region.save()

    html = client.get("/en/").content.decode()

    assert 'lang="ar" hreflang="ar" dir="rtl"' in html
    assert ">العربية</a>" in html
    assert ">Українська</a>" not in html


def test_language_not_enabled_in_region_falls_back_to_source(client, region):
    region.enabled_languages = ["de", "en"]
    region.save()

    response = client.get("/ru/organisations/")

    assert response.status_code == 302
    assert response["Location"] == "/de/organisations/"


def test_interface_is_translated(client, region):
    html = client.get("/de/").content.decode()

    assert "Zum Hauptinhalt springen" in html or "Hauptinhalt" in html
