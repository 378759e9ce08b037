"""A rendered procedure page (not served whole from the page cache: a signed-in reader, the
first reader after a change) no longer rebuilds its ORM trees (issue 18)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import page_cache

from .conftest import procedure_data, step


def test_a_rendered_procedure_page_reads_its_procedure_once(
    client, outside_transactions, publish_procedure, revise_procedure
):
    procedure = publish_procedure(
        "Wohnung anmelden", steps=[step("termin", "Termin buchen", "Online oder am Telefon.")]
    )
    page_cache.CONTENT.renew()  # its publication, committed
    url = "/de/step-by-step/wohnung-anmelden/"
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)

    assert "Online oder am Telefon." in page.content.decode()
    # The region, the procedure, its rendered texts and its audio are all kept: no query.
    assert len(queries) == 0

    revise_procedure(
        procedure, procedure_data(steps=[step("termin", "Termin buchen", "Nur mit Termin.")])
    )
    page_cache.CONTENT.renew()  # the revision, committed

    assert "Nur mit Termin." in client.get(url).content.decode()


def test_a_kept_procedure_page_marks_a_glossary_term_published_after_it(
    client, outside_transactions, publish_procedure, publish_term
):
    publish_procedure(
        "Wohnung anmelden", steps=[step("termin", "Termin buchen", "Bringen Sie den Mietvertrag.")]
    )
    page_cache.CONTENT.renew()
    url = "/de/step-by-step/wohnung-anmelden/"
    assert 'href="/de/glossary/mietvertrag/"' not in client.get(url).content.decode()

    publish_term("Mietvertrag")
    page_cache.CONTENT.renew()  # the term's publication, committed

    assert 'href="/de/glossary/mietvertrag/"' in client.get(url).content.decode()
