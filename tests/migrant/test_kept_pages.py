"""Pages read from read models kept until the content changes (issue 18) show what was
published after they were first kept: the home page, the glossary index, the organisations."""

from __future__ import annotations

from apps.core import page_cache


def test_the_home_page_lists_an_article_published_after_it_was_kept(
    client, outside_transactions, publish_article
):
    publish_article(title="Wohnung anmelden")
    page_cache.CONTENT.renew()
    assert "Wohnung anmelden" in client.get("/de/").content.decode()

    publish_article(title="Konto eröffnen")
    page_cache.CONTENT.renew()  # the publication, committed

    assert "Konto eröffnen" in client.get("/de/").content.decode()


def test_the_glossary_index_lists_a_term_published_after_it_was_kept(
    client, outside_transactions, publish_term
):
    publish_term("Meldebescheinigung")
    page_cache.CONTENT.renew()
    assert "Meldebescheinigung" in client.get("/de/glossary/").content.decode()

    publish_term("Aufenthaltstitel")
    page_cache.CONTENT.renew()

    page = client.get("/de/glossary/").content.decode()
    assert "Aufenthaltstitel" in page
    # A search is kept per query, and answers from the glossary as it is now.
    assert "Meldebescheinigung" not in client.get("/de/glossary/?q=aufenthalt").content.decode()


def test_the_organisations_page_shows_a_rename_once_it_is_saved(client, outside_transactions, ngo):
    page_cache.CONTENT.renew()
    assert ngo.name in client.get("/de/organisations/").content.decode()

    ngo.name = "Helfende Hände e.V."
    ngo.save()
    page_cache.CONTENT.renew()  # the change, committed

    assert "Helfende Hände e.V." in client.get("/de/organisations/").content.decode()
