"""What migrants read: the right language, or the original with an honest notice."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from apps.core.models import UserType
from tests.conftest import PASSWORD


def test_unpublished_language_shows_the_original_with_a_notice_in_the_readers_language(
    client, publish_article
):
    article = publish_article()

    html = client.get(f"/ur/information/{article.slug}/").content.decode()

    assert '<html lang="ur" dir="rtl">' in html
    assert '<article lang="de" dir="ltr">' in html
    assert "Wohnung anmelden" in html
    with translation.override("ur"):
        notice = gettext(
            "This text is not yet translated into %(requested)s. It is shown in the original language, %(shown)s."
        ) % {
            "requested": "اردو",
            "shown": "Deutsch",
        }
    assert notice in html
    assert (
        notice
        != "This text is not yet translated into اردو. It is shown in the original language, Deutsch."
    )


def test_published_translation_is_shown_in_its_language(client, publish_article, translate):
    article = publish_article()
    translate(article, "ar", title="تسجيل السكن", body="## موعد\nاحجزوا موعدًا.")

    html = client.get(f"/ar/information/{article.slug}/").content.decode()

    assert '<article lang="ar" dir="rtl">' in html
    assert "<h1>تسجيل السكن</h1>" in html
    assert "<h2>موعد</h2>" in html
    assert "language-notice" not in html


def test_outdated_translation_says_when_the_original_changed_and_links_to_it(
    client, publish_article, translate, people, revise
):
    article = publish_article()
    translate(article, "ar", title="تسجيل السكن")
    revise(article, title="Wohnsitz anmelden")

    html = client.get(f"/ar/information/{article.slug}/").content.decode()

    assert "تسجيل السكن" in html  # still visible
    assert f'href="/ar/information/{article.slug}/?show=original"' in html
    with translation.override("ar"):
        assert gettext("Read the original") in html

    original = client.get(f"/ar/information/{article.slug}/?show=original").content.decode()
    assert '<article lang="de" dir="ltr">' in original
    assert "Wohnsitz anmelden" in original


def test_list_filters_by_topic_and_situation(client, publish_article, taxonomy, region):
    publish_article(title="Wohnung finden", topics=[taxonomy["housing"].children.get()])
    publish_article(title="Nur für Geflüchtete", user_types=[taxonomy["refugee"]])
    publish_article(title="Für alle")
    UserType.objects.create(region=region, slug="student", name_en="Student")

    by_parent_topic = client.get("/de/information/", {"topic": "housing"}).content.decode()
    assert "Wohnung finden" in by_parent_topic
    assert "Für alle" not in by_parent_topic

    for_students = client.get("/de/information/", {"situation": "student"}).content.decode()
    assert "Für alle" in for_students and "Wohnung finden" in for_students
    assert "Nur für Geflüchtete" not in for_students


def test_validity_dates_hide_articles_outside_them(client, publish_article):
    publish_article(
        title="Vorbei", valid_until=(dt.date.today() - dt.timedelta(days=1)).isoformat()
    )
    publish_article(title="Später", valid_from=(dt.date.today() + dt.timedelta(days=3)).isoformat())
    publish_article(title="Jetzt")

    html = client.get("/de/information/").content.decode()

    assert "Jetzt" in html
    assert "Vorbei" not in html and "Später" not in html


def test_article_list_query_count_is_fixed(client, publish_article, translate):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/ar/information/")
        return len(queries)

    translate(publish_article(title="Eins"), "ar")
    few = count()
    for index in range(6):
        translate(publish_article(title=f"Mehr {index}"), "ar")
    assert count() == few


def test_markdown_is_sanitised_for_readers(client, publish_article):
    article = publish_article(body='Hallo <script>alert("x")</script> [Link](javascript:alert(1))')

    html = client.get(f"/de/information/{article.slug}/").content.decode()

    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_pages_are_served_when_the_cache_is_down(
    client, publish_article, publish_term, people, settings
):
    """Redis going down costs speed, not pages (PRODUCT §7)."""
    publish_term("Termin", "Eine feste Uhrzeit.")
    article = publish_article(body="Buchen Sie einen Termin.")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

    for url in (
        "/de/",
        "/de/information/",
        f"/de/information/{article.slug}/",
        "/de/glossary/termin/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert 'class="term"' in client.get(f"/de/information/{article.slug}/").content.decode()
    assert client.get("/healthz").status_code == 503
    signed_in = client.post(
        "/de/accounts/sign-in/", {"username": "editor@example.org", "password": PASSWORD}
    )
    assert signed_in.status_code == 302  # rate limiting fails open rather than locking staff out


def test_the_information_list_has_no_skipped_heading_level(client, publish_article):
    publish_article()

    html = client.get("/en/information/").content.decode()

    assert "<h3" not in html.split("<h1")[1].split("<h2")[0]
    assert '<h2 class="article-list__title">' in html
