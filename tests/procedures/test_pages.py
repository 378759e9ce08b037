"""What migrants see of procedures: lists, a procedure page, the checklist, an office."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.procedures import services as procedure_services
from apps.procedures.models import Procedure
from tests.procedures.conftest import procedure_data, procedure_texts, step


@pytest.fixture
def registration(publish_procedure, publish_document, publish_place):
    """ "Register your address" produces the registration certificate."""
    certificate = publish_document("Meldebescheinigung", slug="meldebescheinigung")
    passport = publish_document("Reisepass", slug="reisepass")
    office = publish_place("Bürgeramt Mitte")
    procedure = publish_procedure(
        "Wohnung anmelden",
        steps=[
            step("termin", "Termin buchen", duration_value=10, duration_unit="minutes"),
            step(
                "amt",
                "Zum Bürgeramt gehen",
                documents=[passport.pk],
                place=office.pk,
                cost="0.00",
                duration_value=30,
                duration_unit="minutes",
            ),
            step("online", "Online anmelden", connector="or", online_url="https://example.org/"),
        ],
        produces=[certificate.pk],
    )
    return {
        "procedure": procedure,
        "certificate": certificate,
        "passport": passport,
        "office": office,
    }


@pytest.fixture
def bank_account(registration, publish_procedure):
    """ "Open a bank account" needs the registration certificate."""
    return publish_procedure(
        "Konto eröffnen",
        steps=[
            step(
                "anmelden",
                "Zuerst anmelden",
                leads_to=registration["procedure"].pk,
                optional=True,
            ),
            step(
                "bank",
                "Zur Bank gehen",
                documents=[registration["certificate"].pk, registration["passport"].pk],
                cost="5.00",
            ),
        ],
    )


def test_the_page_shows_steps_numbered_with_and_or_in_words(client, registration):
    page = client.get("/en/step-by-step/wohnung-anmelden/").content.decode()

    assert '<h1 lang="de" dir="ltr">Wohnung anmelden</h1>' in page
    assert (
        page.index("Termin buchen")
        < page.index("Zum Bürgeramt gehen")
        < page.index("Online anmelden")
    )
    assert '<div class="step__marker" aria-hidden="true">or</div>' in page
    assert "Or, instead, for step 2:" in page  # what a screen reader says instead of the marker
    assert "Bürgeramt Mitte" in page and "Rathausplatz 1" in page
    assert 'href="https://termine.testville.example/"' in page  # the appointment link
    assert "Do this step online" in page
    assert "Total cost</dt><dd>free</dd>" in page


def test_every_step_is_expanded_and_ticking_needs_javascript(client, registration):
    page = client.get("/en/step-by-step/wohnung-anmelden/").content.decode()

    # No accordion: all step texts are in the page; tick boxes appear only with JavaScript,
    # which keeps them on the device.
    assert page.count("So geht") == 3
    assert page.count('<p class="step__done tick-row" hidden>') == 3


def test_the_document_graph_links_procedures(client, registration, bank_account):
    bank = client.get("/en/step-by-step/konto-eroffnen/").content.decode()
    registration_page = client.get("/en/step-by-step/wohnung-anmelden/").content.decode()

    # The bank account needs the certificate, which "register your address" gives you...
    documents = bank[bank.index("Documents to bring") : bank.index('id="steps-heading"')]
    assert "Meldebescheinigung" in documents
    assert 'You get it by: <a href="/en/step-by-step/wohnung-anmelden/"' in documents
    # ... and the step that consists of that procedure links to it.
    assert 'How to do this: <a href="/en/step-by-step/wohnung-anmelden/"' in bank
    # The other way round: what registering gives you, and what it is needed for.
    produced = registration_page[registration_page.index("What you have at the end") :]
    assert 'You need it for: <a href="/en/step-by-step/konto-eroffnen/"' in produced


def test_arabic_readers_get_their_language_right_to_left(client, registration, translate_item):
    procedure = registration["procedure"]
    texts = procedure_texts(procedure, "ar")
    texts.update({"title": "تسجيل السكن", "steps.termin.title": "حجز موعد"})
    translate_item(procedure, "ar", texts)

    page = client.get("/ar/step-by-step/wohnung-anmelden/").content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert '<h1 lang="ar" dir="rtl">تسجيل السكن</h1>' in page
    assert '<span lang="ar" dir="rtl">حجز موعد</span>' in page
    assert 'lang="de" dir="ltr">Bürgeramt Mitte</a>' in page  # the office is not translated


def test_chinese_readers_get_the_original_marked_until_it_is_translated(client, registration):
    page = client.get("/zh-hans/step-by-step/wohnung-anmelden/").content.decode()

    assert '<html lang="zh-hans" dir="ltr">' in page
    assert '<h1 lang="de" dir="ltr">Wohnung anmelden</h1>' in page
    assert 'class="language-notice"' in page
    assert '<span lang="de" dir="ltr">Termin buchen</span>' in page


def test_a_step_added_after_the_translation_is_shown_in_the_original(
    client, registration, translate_item, revise_procedure
):
    procedure = registration["procedure"]
    translate_item(procedure, "ar", procedure_texts(procedure, "ar"))
    data = procedure_data(
        "Wohnung anmelden",
        steps=[step("termin", "Termin buchen"), step("neu", "Bescheinigung abholen")],
    )
    revise_procedure(procedure, data)

    page = client.get("/ar/step-by-step/wohnung-anmelden/").content.decode()

    assert '<span lang="ar" dir="rtl">[ar] steps.termin.title</span>' in page
    assert '<span lang="de" dir="ltr">Bescheinigung abholen</span>' in page


def _queries(client, url: str) -> int:
    client.get(url)  # warm caches (glossary, sessions) so both counts compare the same work
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_procedure_page_costs_the_same_queries_whatever_its_size(
    client, registration, bank_account, publish_procedure, publish_document, people, ngo
):
    def procedure_with(size: int, title: str) -> Procedure:
        documents = [publish_document(f"{title} Papier {n}").pk for n in range(size)]
        procedure = publish_procedure(
            title,
            steps=[
                step(
                    f"s{n}",
                    f"Schritt {n}",
                    documents=[*documents, registration["certificate"].pk],
                    place=registration["office"].pk,
                    leads_to=bank_account.pk,
                    cost="1.00",
                )
                for n in range(size)
            ],
            produces=[registration["passport"].pk, *documents],
        )
        for row in procedure.steps.all():
            tip = procedure_services.suggest_tip(
                step=row, organisation=ngo, author=people["ngo_admin"], language="en",
                texts={"en": "Bring a friend."},
            )  # fmt: skip
            procedure_services.review_tip(
                tip, user=people["reviewer"], approve=True, original="Bringen Sie jemanden mit."
            )
        return procedure

    small = procedure_with(1, "Klein")
    large = procedure_with(12, "Groß")

    assert _queries(client, f"/en/step-by-step/{large.slug}/") == _queries(
        client, f"/en/step-by-step/{small.slug}/"
    )


def test_lists_filter_by_topic_and_life_situation(
    client, publish_procedure, taxonomy, registration
):
    publish_procedure(
        "Sozialwohnung beantragen",
        topics=[taxonomy["housing"].pk],
        user_types=[taxonomy["refugee"].pk],
    )

    everything = client.get("/en/step-by-step/").content.decode()
    housing = client.get("/en/step-by-step/?topic=housing").content.decode()
    students = client.get("/en/step-by-step/?situation=student").content.decode()

    assert "Sozialwohnung beantragen" in everything and "Wohnung anmelden" in everything
    assert "Sozialwohnung beantragen" in housing and "Wohnung anmelden" not in housing
    # A procedure that names no situation concerns everybody.
    assert "Wohnung anmelden" in students and "Sozialwohnung" not in students


def test_drafts_and_archived_procedures_are_not_shown(client, publish_procedure, people):
    procedure = publish_procedure("Alt")
    from apps.editorial import services

    services.archive(procedure, user=people["reviewer"])

    assert client.get("/en/step-by-step/alt/").status_code == 404
    assert "Alt" not in client.get("/en/step-by-step/").content.decode()


def test_the_checklist_lists_papers_and_steps_for_print(client, registration):
    page = client.get("/en/step-by-step/wohnung-anmelden/checklist/").content.decode()

    assert "Reisepass" in page
    assert page.count('<span class="box" aria-hidden="true"></span>') == 4  # 1 paper, 3 steps
    assert "Rathausplatz 1, 12345 Teststadt" in page


def test_an_office_page_shows_hours_and_what_to_do_there(client, registration):
    page = client.get("/de/places/burgeramt-mitte/").content.decode()

    assert '<th scope="row">Montag</th>' in page
    assert "08:00–12:00" in page
    assert "geschlossen" in page
    assert "openstreetmap.org/?mlat=52.500000&amp;mlon=13.400000" in page
    assert 'href="/de/step-by-step/wohnung-anmelden/"' in page


def test_the_term_page_lists_procedures_using_it(client, registration, publish_term):
    publish_term("Bürgeramt")

    page = client.get("/en/glossary/burgeramt/").content.decode()

    assert 'href="/en/step-by-step/wohnung-anmelden/"' in page


@pytest.mark.parametrize("code", ["en", "ar", "zh-hans"])
def test_the_home_page_leads_to_the_procedures(client, registration, code):
    page = client.get(f"/{code}/").content.decode()

    assert f'href="/{code}/step-by-step/wohnung-anmelden/"' in page
    assert Procedure.objects.count() == 1


def test_a_document_page_says_how_to_get_it_and_what_it_is_for(client, registration, bank_account):
    page = client.get("/en/documents/meldebescheinigung/").content.decode()

    got = page[page.index("You get it by") : page.index("You need it for")]
    needed = page[page.index("You need it for") :]
    assert 'href="/en/step-by-step/wohnung-anmelden/"' in got
    assert 'href="/en/step-by-step/konto-eroffnen/"' in needed


def test_lists_and_the_api_order_by_the_title_each_reader_is_shown(
    client, publish_procedure, publish_document, publish_place, translate_item
):
    """The order is worked out in the database, from the texts the reader gets: the home page,
    the lists and the API (which pages through it) agree, in every language."""
    for title in ("Zulassung beantragen", "anmeldung", "Bank-Konto", "Ärztliche Untersuchung"):
        publish_procedure(title)
    approval = Procedure.objects.get(title_de="Zulassung beantragen")
    translate_item(approval, "en", {**procedure_texts(approval, "en"), "title": "Approval"})
    for name, slug in (("Zeugnis", "a-zeugnis"), ("ausweis", "z-ausweis"), ("Bescheid", "")):
        publish_document(name, slug=slug)
    for name in ("Zentrum", "amt", "Beratung"):
        place = publish_place(name)
    translate_item(place, "en", {"name": "Advice", "directions": "Bus 100."})

    expected = {
        # Ä is filed with A, as German readers expect (not after Z, as by code point).
        "en": ["anmeldung", "Approval", "Ärztliche Untersuchung", "Bank-Konto"],
        "de": ["anmeldung", "Ärztliche Untersuchung", "Bank-Konto", "Zulassung beantragen"],
    }
    for code, titles in expected.items():
        listed = client.get(f"/{code}/step-by-step/").context["procedures"]
        assert [row.version.texts["title"] for row in listed] == titles
        home = client.get(f"/{code}/").context["procedures"]
        assert [version.texts["title"] for _, version in home] == titles
        api = client.get("/api/v1/procedures/", {"lang": code}).json()
        assert [item["title"] for item in api["results"]] == titles
    documents = client.get("/en/documents/").context["documents"]
    assert [row.version.texts["name"] for row in documents] == ["ausweis", "Bescheid", "Zeugnis"]
    api = client.get("/api/v1/documents/", {"lang": "en"}).json()["results"]
    assert [item["name"] for item in api] == ["ausweis", "Bescheid", "Zeugnis"]
    places = client.get("/en/places/").context["places"]
    assert [version.texts["name"] for _, version in places] == ["Advice", "amt", "Zentrum"]
    api = client.get("/api/v1/places/", {"lang": "en"}).json()["results"]
    assert [item["name"] for item in api] == ["Advice", "amt", "Zentrum"]
