"""A rendered article page reads its article from a read model kept until the content changes
or the day ends (issue 18)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import page_cache


def test_a_kept_article_page_shows_a_revision_once_it_is_published(
    client, outside_transactions, publish_article, revise
):
    article = publish_article(title="Wohnung anmelden", body="Buchen Sie einen Termin.")
    page_cache.CONTENT.renew()  # its publication, committed
    url = f"/de/information/{article.slug}/"
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Buchen Sie einen Termin." in page
    assert len(queries) == 0  # the region, the article and its audio are kept

    revise(article, title="Wohnung anmelden", body="Kommen Sie ohne Termin.")
    page_cache.CONTENT.renew()  # the revision, committed

    assert "Kommen Sie ohne Termin." in client.get(url).content.decode()
    assert (
        "Kommen Sie ohne Termin."
        in client.get(f"/ar/information/{article.slug}/?show=original").content.decode()
    )


def test_a_kept_article_is_gone_the_day_after_its_validity_ends(
    client, outside_transactions, publish_article, monkeypatch
):
    from django.utils import timezone

    today = timezone.localdate()
    article = publish_article(valid_until=today)
    page_cache.CONTENT.renew()
    url = f"/de/information/{article.slug}/"
    assert client.get(url).status_code == 200

    monkeypatch.setattr(timezone, "localdate", lambda: today + dt.timedelta(days=1))

    assert client.get(url).status_code == 404
