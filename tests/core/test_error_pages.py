"""Error pages speak the reader's language, in the shell of the part of the site they are in,
say what happened and offer a way on; the API keeps answering JSON; the 500 page needs no
database."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from apps.core import errors
from portal import urls as portal_urls
from tests.conftest import PASSWORD

#: (language, the <html> tag it gets, how "Page not found" etc. read in it)
GERMAN = ("de", '<html lang="de" dir="ltr">')
ARABIC = ("ar", '<html lang="ar" dir="rtl">')
BOTH = pytest.mark.parametrize("language,html_tag", [GERMAN, ARABIC])

TITLES = {
    ("de", "404"): "Seite nicht gefunden",
    ("ar", "404"): "الصفحة غير موجودة",
    ("de", "403"): "Sie dürfen diese Seite nicht öffnen",
    ("ar", "403"): "لا يمكنك فتح هذه الصفحة",
    ("de", "405"): "Diese Seite kann so nicht verwendet werden",
    ("ar", "405"): "لا يمكن استخدام هذه الصفحة بهذه الطريقة",
    ("de", "429"): "Zu viele Anfragen",
    ("ar", "429"): "طلبات كثيرة جدًا",
    ("de", "500"): "Bei uns ist etwas schiefgegangen",
    ("ar", "500"): "حدث خطأ من جهتنا",
    ("de", "csrf"): "Das Formular konnte nicht gesendet werden",
    ("ar", "csrf"): "تعذّر إرسال النموذج",
    ("de", "400"): "Diese Anfrage konnte nicht verwendet werden",
    ("ar", "400"): "تعذّر استخدام هذا الطلب",
}


def assert_error_page(response, status: int, language: str, html_tag: str, kind: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert html_tag in html
    assert f"<h1>{TITLES[language, kind]}</h1>" in html
    assert f'href="/{language}/"' in html  # the way home, in the same language
    return html


def test_the_root_urlconf_names_the_handlers(settings):
    assert portal_urls.handler400 == "apps.core.errors.bad_request"
    assert portal_urls.handler403 == "apps.core.errors.permission_denied"
    assert portal_urls.handler404 == "apps.core.errors.page_not_found"
    assert portal_urls.handler500 == "apps.core.errors.server_error"
    assert settings.CSRF_FAILURE_VIEW == "apps.core.errors.csrf_failure"


@BOTH
def test_a_missing_page_offers_home_and_search(client, region, language, html_tag):
    response = client.get(f"/{language}/no-such-page/")

    html = assert_error_page(response, 404, language, html_tag, "404")
    assert f'action="/{language}/search/"' in html  # search for what was missing
    assert 'class="site-nav"' in html  # in the migrant portal's shell
    assert 'name="robots" content="noindex"' in html


def test_the_back_link_leads_only_to_this_site(client, region):
    inside = client.get("/de/no-such-page/", headers={"referer": "http://testserver/de/events/"})
    outside = client.get("/de/no-such-page/", headers={"referer": "https://evil.example/"})

    assert 'href="http://testserver/de/events/">Zurück zur vorherigen Seite' in (
        inside.content.decode()
    )
    assert "evil.example" not in outside.content.decode()
    assert "private" in inside["Cache-Control"]  # nginx never hands it to the next reader
    assert "private" not in outside.get("Cache-Control", "")


def test_a_missing_page_without_a_language_follows_the_browser(client, region):
    response = client.get("/no-such-page/", headers={"accept-language": "ar"})

    assert_error_page(response, 404, *ARABIC, "404")


def test_a_missing_page_in_a_workspace_has_the_workspace_shell(client, people):
    client.force_login(people["editor"])

    response = client.get("/de/authority/no-such-page/")

    html = assert_error_page(response, 404, *GERMAN, "404")
    assert 'class="workspace' in html
    assert 'class="site-nav"' not in html
    assert 'href="/de/accounts/home/"' in html  # back to their workspace


@BOTH
def test_a_refused_page_says_so_to_a_signed_in_person(client, people, language, html_tag):
    client.force_login(people["ngo_member"])

    response = client.get(f"/{language}/authority/")

    html = assert_error_page(response, 403, language, html_tag, "403")
    assert 'class="workspace' in html
    assert f'href="/{language}/accounts/home/"' in html  # back to their own workspace
    assert "/accounts/sign-in/" not in html.split("<main")[1]  # already signed in


@BOTH
@pytest.mark.urls("tests.core.error_urls")
def test_a_refused_page_offers_signing_in(client, region, language, html_tag):
    response = client.get(f"/{language}/test-errors/refused/")

    html = assert_error_page(response, 403, language, html_tag, "403")
    assert f'href="/{language}/accounts/sign-in/?next=/{language}/test-errors/refused/"' in html


@BOTH
def test_a_method_a_page_does_not_take_gets_the_page_and_keeps_allow(
    client, region, language, html_tag
):
    response = client.post(f"/{language}/")  # the home page only shows

    assert_error_page(response, 405, language, html_tag, "405")
    assert "GET" in response["Allow"]


def test_a_405_in_the_workspace_has_the_workspace_shell(client, people):
    client.force_login(people["editor"])

    response = client.get("/ar/accounts/sign-out/")  # signing out is a form (POST)

    html = assert_error_page(response, 405, *ARABIC, "405")
    assert 'class="site-nav"' not in html


@BOTH
@pytest.mark.urls("tests.core.error_urls")
def test_a_rate_limit_asks_to_try_again_in_a_minute(client, region, language, html_tag):
    for url in (f"/{language}/test-errors/rate-limited/", f"/{language}/test-errors/bare-429/"):
        response = client.get(url)

        html = assert_error_page(response, 429, language, html_tag, "429")
        assert response["Retry-After"] == "60"
        assert f'href="{url}"' in html  # try again


def test_a_page_that_explains_its_own_405_is_left_alone(rf):
    from django.http import HttpResponseNotAllowed

    from apps.core.middleware import ErrorPageMiddleware

    own = HttpResponseNotAllowed(["POST"], content=b"<p>Use the form.</p>")
    middleware = ErrorPageMiddleware(lambda request: own)

    assert middleware(rf.get("/de/")).content == b"<p>Use the form.</p>"


@BOTH
def test_a_stale_form_says_nothing_was_saved(region, language, html_tag):
    client = Client(enforce_csrf_checks=True)
    client.get(f"/{language}/")  # a visit before, so that the page comes from somewhere

    response = client.post(
        f"/{language}/accounts/sign-in/",
        {"username": "someone@example.org", "password": PASSWORD},
        headers={"referer": f"http://testserver/{language}/accounts/sign-in/"},
    )

    html = assert_error_page(response, 403, language, html_tag, "csrf")
    assert f'href="http://testserver/{language}/accounts/sign-in/"' in html  # reload the form
    explanation = {"de": "Es wurde nichts gespeichert.", "ar": "لم يُحفظ شيء."}[language]
    assert explanation in html


def test_a_refused_public_form_is_in_the_portal_shell(region):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/de/search/", {"q": "Wohnung"})

    html = assert_error_page(response, 403, *GERMAN, "csrf")
    assert 'class="site-nav"' in html
    assert "Cookies" in html  # no cookie at all: forms need one


@BOTH
def test_a_request_that_cannot_be_used_is_explained(client, region, language, html_tag):
    response = client.get(
        reverse("switch_language"),
        {"lang": language, "next": "https://evil.example/"},
        headers={"accept-language": language},
    )

    html = assert_error_page(response, 400, language, html_tag, "400")
    explanation = {
        "de": "Dieser Link führt nicht zu einer Seite dieser Website.",
        "ar": "هذا الرابط لا يؤدي إلى صفحة من هذا الموقع.",
    }
    assert explanation[language] in html
    assert 'class="site-nav"' in html


def test_a_foreign_host_name_gets_a_general_400(client, region):
    response = client.get("/ar/", HTTP_HOST="evil.example")

    html = assert_error_page(response, 400, *ARABIC, "400")
    assert "evil.example" not in html.split("<main")[1]


def test_an_unknown_language_in_the_switcher_is_a_readable_400(client, region):
    response = client.get(reverse("switch_language"), {"lang": "xx"}, HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 400
    assert "Diese Sprache wird hier nicht angeboten." in response.content.decode()


# --- the API keeps answering JSON ------------------------------------------------------------


@pytest.mark.parametrize(
    "language,detail",
    [("de", "Unter dieser Adresse gibt es nichts."), ("ar", "لا يوجد شيء على هذا العنوان.")],
)
def test_a_missing_api_address_is_json_in_the_language(client, region, language, detail):
    response = client.get("/api/v1/no-such-endpoint/", {"lang": language})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(detail)


def test_the_apis_own_404_stays_drfs(client, region):
    response = client.get("/api/v1/regions/no-such-region/")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.urls("tests.core.error_urls")
def test_a_crash_in_the_api_is_json(region):
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/broken/", headers={"accept-language": "de"})

    assert response.status_code == 500
    assert response.json() == {
        "detail": "Bei uns ist etwas schiefgegangen. "
        "Bitte versuchen Sie es in ein paar Minuten noch einmal."
    }


# --- the 500 page needs nothing that may be down ------------------------------------------------


@pytest.fixture
def database_and_cache_down():
    down = OperationalError("the database is down")
    with (
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=down),
        mock.patch.object(cache, "get", side_effect=ConnectionError("the cache is down")),
        mock.patch.object(cache, "set", side_effect=ConnectionError("the cache is down")),
    ):
        yield


@BOTH
def test_the_500_page_renders_with_the_database_down(database_and_cache_down, language, html_tag):
    client = Client(raise_request_exception=False)

    response = client.get(f"/{language}/step-by-step/")  # finding the region needs the database

    html = assert_error_page(response, 500, language, html_tag, "500")
    assert f'href="/{language}/search/"' in html
    assert f'href="/{language}/step-by-step/">' in html  # try again


def test_the_api_answers_json_with_the_database_down(database_and_cache_down):
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/regions/", {"lang": "ar"})

    assert response.status_code == 500
    assert response.json() == {"detail": "حدث خطأ من جهتنا. حاول مرة أخرى بعد بضع دقائق."}


@pytest.mark.urls("tests.core.error_urls")
def test_a_crash_in_a_page_shows_the_region_it_already_knew(region):
    client = Client(raise_request_exception=False)

    response = client.get("/ar/test-errors/broken/")

    html = assert_error_page(response, 500, *ARABIC, "500")
    assert "تستفيل" in html  # the region's name, found before the crash


def test_the_500_page_uses_no_context_processor():
    from django.test import RequestFactory

    request = RequestFactory().get("/de/")
    with mock.patch("apps.core.context_processors.portal", side_effect=AssertionError):
        response = errors.server_error(request)

    assert response.status_code == 500
    assert '<html lang="de" dir="ltr">' in response.content.decode()


# --- where a page belongs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,namespace",
    [
        ("/de/authority/no-such-page/", "authority"),
        ("/ar/ngo/helping-hands/nothing/", "ngo"),
        ("/de/accounts/nothing/", "accounts"),
        ("/de/nothing/", "migrant"),
        ("/api/v1/nothing/", "api"),
        ("/nothing", None),
    ],
)
def test_a_path_belongs_to_the_part_of_the_site_it_lies_in(path, namespace):
    assert errors.namespace_of(path) == namespace


def test_the_500_page_still_answers_when_its_template_breaks():
    from django.test import RequestFactory

    request = RequestFactory().get("/ar/")
    with mock.patch.object(errors.loader, "render_to_string", side_effect=RuntimeError):
        response = errors.server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>حدث خطأ من جهتنا</h1>" in html
    assert 'href="/"' in html
