"""Django keeps migrant pages for anonymous readers until the next change (issue 18), so an
installation without the proxy cache renders a page once, not once per reader."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import page_cache
from apps.search.models import Gap


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    # Each test starts with nothing kept (the data of other tests was never committed).
    page_cache.CONTENT.renew()
    page_cache.process_copies.clear()


@pytest.fixture
def article(publish_article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_article(title="Wohnung anmelden", body="Buchen Sie einen Termin.")


def url(article, language="de") -> str:
    return f"/{language}/information/{article.slug}/"


def test_the_second_reader_gets_the_kept_page_without_a_query(client, article):
    first = client.get(url(article))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url(article))

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content and "Buchen Sie einen Termin." in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "de"
    assert second.has_header("Content-Security-Policy")
    assert len(queries) == 0  # not even the region: the host name is part of the key


def test_a_compressed_and_a_plain_copy_are_kept_apart(client, article):
    plain = client.get(url(article))
    compressed = client.get(url(article), HTTP_ACCEPT_ENCODING="gzip, br")
    again = client.get(url(article), HTTP_ACCEPT_ENCODING="gzip")

    assert compressed["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip" and again.content == compressed.content
    assert not client.get(url(article)).has_header("Content-Encoding")
    assert plain["X-Page-Cache"] == "miss"


def test_each_language_and_address_is_kept_apart(client, article):
    client.get(url(article, "de"))
    arabic = client.get(url(article, "ar"))
    assert arabic["X-Page-Cache"] == "miss" and 'dir="rtl"' in arabic.content.decode()
    assert client.get(url(article, "de") + "?x=1")["X-Page-Cache"] == "miss"


def test_a_publication_replaces_the_kept_page_at_once(
    client, article, revise, django_capture_on_commit_callbacks
):
    client.get(url(article))
    with django_capture_on_commit_callbacks(execute=True):
        revise(article, title="Wohnung anmelden", body="Kommen Sie ohne Termin.")

    page = client.get(url(article))

    assert page["X-Page-Cache"] == "miss"
    assert "Kommen Sie ohne Termin." in page.content.decode()


def test_a_change_not_yet_committed_does_not_replace_it(client, article, revise):
    """The version moves on commit: a page rendered meanwhile from the old data must not be
    kept under the new version."""
    client.get(url(article))
    revise(article, title="Wohnung anmelden", body="Kommen Sie ohne Termin.")  # never committed
    assert client.get(url(article))["X-Page-Cache"] == "hit"


def test_signed_in_staff_neither_get_nor_leave_kept_pages(client, article, people):
    client.get(url(article))
    client.force_login(people["editor"])

    page = client.get(url(article))

    assert not page.has_header("X-Page-Cache")
    client.logout()
    assert client.get(url(article))["X-Page-Cache"] == "hit"
    assert people["editor"].email not in client.get(url(article)).content.decode()


def test_searches_are_never_kept_because_each_one_is_counted(client, article):
    for _ in range(2):
        page = client.get("/de/search/", {"q": "Staubsauger"})
        assert not page.has_header("X-Page-Cache")
        assert "no-store" in page["Cache-Control"]
    assert Gap.objects.get().count == 2


def test_what_readers_answer_and_keep_does_not_replace_kept_pages(client, article, region):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from apps.feedback.models import PageRating
    from apps.migrant_accounts.models import MigrantAccount, SavedPage

    client.get(url(article))
    item = ContentType.objects.get_for_model(article)
    PageRating.objects.create(region=region, content_type=item, object_id=article.pk,
                              language="de", day=timezone.localdate(), helpful=True,
                              count=1)  # fmt: skip
    account = MigrantAccount.objects.create(
        region=region, email="a@example.org", language="de", last_active_on=timezone.localdate()
    )
    SavedPage.objects.create(account=account, path=url(article), title="x", title_language="de")
    assert client.get(url(article))["X-Page-Cache"] == "hit"


def test_error_pages_and_other_portals_are_not_kept(client, article):
    assert not client.get("/de/information/nothing-here/").has_header("X-Page-Cache")
    assert not client.get("/api/v1/articles/?lang=de").has_header("X-Page-Cache")


def test_switched_off_it_keeps_nothing(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url(article))
    assert not client.get(url(article)).has_header("X-Page-Cache")


def test_a_page_made_by_another_process_is_served_from_the_shared_cache(client, article):
    client.get(url(article))
    page_cache.process_copies.clear()  # as another gunicorn worker sees it

    second = client.get(url(article))

    assert second["X-Page-Cache"] == "hit"
    assert "Buchen Sie einen Termin." in second.content.decode()


def test_a_kept_page_is_not_served_after_its_time(client, article, monkeypatch):
    import time

    client.get(url(article))
    later = time.time() + 61
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    assert client.get(url(article))["X-Page-Cache"] == "miss"


def test_each_process_keeps_a_bounded_number_of_pages(monkeypatch):
    copies = page_cache.ProcessCopies(entries=2)
    for name in ("a", "b", "c"):
        copies.put(name, (name,))
    assert copies.get("a") is None and copies.get("c") == ("c",)


def test_long_made_up_addresses_are_not_remembered(client, article):
    """Whether an address is a migrant page is remembered per process, for short ones only:
    a flood of long made-up addresses must not fill the memory."""
    remembered = page_cache._remembered_migrant_path.cache_info().currsize

    assert client.get("/de/" + "x" * 300 + "/").status_code == 404

    assert page_cache._remembered_migrant_path.cache_info().currsize == remembered
