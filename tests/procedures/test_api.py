"""The procedures API: per language, with steps, documents, offices and the document graph."""

from __future__ import annotations

import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.procedures import services as procedure_services
from tests.procedures.conftest import procedure_texts, step


def test_a_procedure_with_its_steps_offices_and_links(
    client,
    publish_procedure,
    publish_document,
    publish_place,
    translate_item,
    people,
    ngo,
    taxonomy,
):
    certificate = publish_document("Meldebescheinigung", slug="meldebescheinigung")
    office = publish_place("Bürgeramt Mitte")
    registration = publish_procedure(
        "Wohnung anmelden",
        steps=[step("amt", "Zum Amt", place=office.pk, cost="0.00")],
        produces=[certificate.pk],
    )
    bank = publish_procedure(
        "Konto eröffnen",
        topics=[taxonomy["housing"].pk],
        user_types=[taxonomy["refugee"].pk],
        steps=[
            step("anmelden", "Erst anmelden", leads_to=registration.pk, optional=True),
            step(
                "bank",
                "Zur Bank",
                documents=[certificate.pk],
                cost="5.00",
                duration_value=2,
                duration_unit="weeks",
            ),
            step("online", "Online", connector="or", cost="0.00", online_url="https://x.example/"),
        ],
    )
    translate_item(bank, "uk", procedure_texts(bank, "uk"))
    tip = procedure_services.suggest_tip(
        step=bank.steps.get(uid="bank"), organisation=ngo, author=people["ngo_admin"],
        language="uk", texts={"uk": "Візьміть перекладача."},
    )  # fmt: skip
    procedure_services.review_tip(
        tip, user=people["reviewer"], approve=True, original="Nehmen Sie einen Dolmetscher mit."
    )

    with CaptureQueriesContext(connection) as queries:
        data = client.get("/api/v1/procedures/konto-eroffnen/?lang=uk").json()

    assert len(queries) == 11  # fixed: the page test's reads, one for the audio, one for topics
    assert data["topics"] == ["housing"] and data["user_types"] == ["refugee"]
    assert data["language"] == "uk" and not data["is_fallback"]
    assert data["title"] == "[uk] title"
    assert data["total_cost"] == [{"currency": "EUR", "low": "0.00", "high": "5.00"}]
    assert data["total_minutes"] == {"low": 0, "high": 20160}
    assert [(s["uid"], s["number"], s["connector"], s["optional"]) for s in data["steps"]] == [
        ("anmelden", 1, "then", True),
        ("bank", 2, "then", False),
        ("online", 2, "or", False),
    ]
    bank_step = data["steps"][1]
    assert bank_step["title"] == "[uk] steps.bank.title"
    assert bank_step["documents"] == ["meldebescheinigung"]
    assert bank_step["duration"] == {"value": 2, "unit": "weeks"}
    assert bank_step["tips"] == [
        {
            "organisation": "helping-hands",
            "language": "uk",
            "text": "Візьміть перекладача.",
            "is_original": False,
        }
    ]
    assert data["steps"][0]["leads_to"] == "wohnung-anmelden"
    assert data["requires"] == [
        {
            "document": "meldebescheinigung",
            "name": "Meldebescheinigung",
            "produced_by": ["wohnung-anmelden"],
        }
    ]

    registration_data = client.get("/api/v1/procedures/wohnung-anmelden/?lang=en").json()
    assert registration_data["produces"] == [
        {
            "document": "meldebescheinigung",
            "name": "Meldebescheinigung",
            "needed_by": ["konto-eroffnen"],
        }
    ]
    assert registration_data["steps"][0]["place"] == "burgeramt-mitte"

    listing = client.get("/api/v1/procedures/?lang=uk").json()
    assert [row["slug"] for row in listing["results"]] == ["konto-eroffnen", "wohnung-anmelden"]
    places = client.get("/api/v1/places/?lang=en").json()["results"]
    assert places[0]["opening_hours"][0] == {"day": 0, "opens": "08:00", "closes": "12:00"}
    document = client.get("/api/v1/documents/meldebescheinigung/").json()
    assert document["produced_by"] == ["wohnung-anmelden"]


def test_an_unknown_procedure_is_404(client, region):
    assert client.get("/api/v1/procedures/nothing/").status_code == 404


def test_a_procedure_detail_is_documented_as_it_is(
    client, documented, publish_procedure, publish_place
):
    office = publish_place("Bürgeramt")
    publish_procedure(
        "Wohnung anmelden",
        steps=[
            step("termin", "Termin", place=office.pk, cost="10.00", cost_max="20.00"),
            step("online", "Online", connector="or", duration_value=2, duration_unit="days"),
        ],
    )

    data = documented("GET", "/api/v1/procedures/{slug}/", slug="wohnung-anmelden").json()

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    detail = schema["paths"]["/api/v1/procedures/{slug}/"]["get"]["responses"]["200"]
    component = detail["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    documented_fields = schema["components"]["schemas"][component]["properties"]
    assert set(data) == set(documented_fields)  # every field it returns, and no other
    assert data["steps"][1]["duration"] == {"value": 2, "unit": "days"}
