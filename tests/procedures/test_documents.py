"""The document catalogue: written and translated through the workflow, read by migrants."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.editorial.services import revision_data
from apps.procedures.models import Document
from tests.conftest import publish_new


@pytest.fixture
def publish_document(people, authority, region, translate_item):
    def make(
        name,
        description="Das Papier zeigt, wo Sie wohnen.",
        where="Beim Bürgeramt.",
        **translations,
    ):
        data = revision_data(
            Document, {"name": name, "description": description, "where_to_get": where}
        )
        document = publish_new(Document, data, people, authority, region)
        for language, texts in translations.items():
            translate_item(
                document,
                language.replace("_", "-"),
                dict(zip(("name", "description", "where_to_get"), texts, strict=True)),
            )
        return document

    return make


def test_documents_are_listed_and_explained_in_the_readers_language(client, publish_document):
    publish_document(
        "Meldebescheinigung", ar=("شهادة التسجيل", "ورقة تثبت عنوانكم.", "في مكتب المواطنين.")
    )
    publish_document("Mietvertrag")

    listing = client.get("/ar/documents/").content.decode()
    assert (
        '<a href="/ar/documents/meldebescheinigung/" lang="ar" dir="rtl">شهادة التسجيل</a>'
        in listing
    )
    assert '<span class="original-term" lang="de" dir="ltr">(Meldebescheinigung)</span>' in listing
    assert 'lang="de" dir="ltr">Mietvertrag</a>' in listing  # not translated: the original

    page = client.get("/ar/documents/meldebescheinigung/").content.decode()
    assert "ورقة تثبت عنوانكم." in page
    assert "في مكتب المواطنين." in page


def test_untranslated_document_shows_the_original_with_a_notice(client, publish_document):
    publish_document("Mietvertrag")

    page = client.get("/uk/documents/mietvertrag/").content.decode()

    assert '<h1 lang="de" dir="ltr">Mietvertrag' in page
    assert "language-notice" in page


def test_glossary_terms_are_explained_in_documents_too(client, publish_document, publish_term):
    publish_term("Bürgeramt", "Das Amt für Anmeldungen.")
    publish_document("Meldebescheinigung", where="Sie bekommen sie beim Bürgeramt.")

    page = client.get("/de/documents/meldebescheinigung/").content.decode()

    assert 'href="#where-burgeramt"' in page
    assert "Das Amt für Anmeldungen." in page


def test_document_list_query_count_is_fixed(client, publish_document):
    publish_document("Reisepass", ar=("جواز السفر", "وثيقة.", "من بلدكم."))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/ar/documents/")
        return len(queries)

    few = count()
    for index in range(5):
        publish_document(f"Papier {index}", ar=(f"ورقة {index}", "وثيقة.", "هنا."))
    assert count() == few


def test_documents_api_per_language(client, publish_document):
    publish_document(
        "Meldebescheinigung", ar=("شهادة التسجيل", "ورقة تثبت عنوانكم.", "في مكتب المواطنين.")
    )

    data = client.get("/api/v1/documents/", {"lang": "ar"}).json()["results"][0]

    assert (data["name"], data["original_name"], data["language"]) == (
        "شهادة التسجيل",
        "Meldebescheinigung",
        "ar",
    )


def test_only_editors_write_documents(client, people):
    client.force_login(people["ngo_admin"])

    assert client.get("/en/authority/content/procedures.document/new/").status_code == 403


def test_a_term_in_two_sections_is_explained_once_and_reachable_from_both(
    client, publish_document, publish_term
):
    publish_term("Bürgeramt", "Das Amt für Anmeldungen.")
    publish_document("Meldebescheinigung", description="Vom Bürgeramt.", where="Beim Bürgeramt.")

    page = client.get("/de/documents/meldebescheinigung/").content.decode()

    assert page.count("Das Amt für Anmeldungen.") == 1
    assert 'href="#what-burgeramt"' in page and 'href="#where-burgeramt"' in page
    assert '<span id="where-burgeramt"></span>' in page


def test_the_original_name_is_not_repeated_when_the_translation_contains_it(
    client, publish_document
):
    publish_document(
        "Wohnungsgeberbestätigung",
        fa_af=("Wohnungsgeberbestätigung (تأییدیه صاحب خانه)", "فورم.", "از صاحب خانه."),
    )

    page = client.get("/fa-af/documents/wohnungsgeberbestaetigung/").content.decode()

    assert "(Wohnungsgeberbestätigung)" not in page
