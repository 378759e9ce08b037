"""Procedures built through the real workflow: documents, places, procedures with steps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.editorial import services
from apps.editorial.models import part_key
from apps.editorial.services import revision_data
from apps.places.models import Place
from apps.procedures.models import Document, Procedure
from tests.conftest import publish_new


def step(uid: str, title: str, body: str = "", **settings) -> dict:
    return {
        "uid": uid,
        "title": title,
        "body": body or f"So geht {title}.",
        "connector": "then",
        "optional": False,
        "documents": [],
        "cost": None,
        "cost_max": None,
        "currency": "EUR",
        "duration_value": None,
        "duration_unit": "",
        "place": None,
        "online_url": "",
        "leads_to": None,
        **settings,
    }


def procedure_data(title: str = "Wohnung anmelden", steps=None, **settings) -> dict:
    return revision_data(
        Procedure,
        {
            "title": title,
            "summary": f"Für alle, die {title.lower()} müssen.",
            "body": "Das ist **Pflicht**.",
            "steps": steps if steps is not None else [step("a", "Termin buchen")],
            **settings,
        },
    )


def procedure_texts(procedure: Procedure, language: str) -> dict:
    """Complete texts for a translation: every unit of the procedure, marked with the language."""
    return {unit.key: f"[{language}] {unit.key}" for unit in procedure.text_units()}


@pytest.fixture
def publish_procedure(people, authority, region):
    def make(title: str = "Wohnung anmelden", steps=None, **settings) -> Procedure:
        return publish_new(
            Procedure, procedure_data(title, steps, **settings), people, authority, region
        )

    return make


@pytest.fixture
def revise_procedure(people):
    def make(procedure: Procedure, data: dict) -> Procedure:
        latest = services.latest_revision(procedure)
        services.save_draft(
            procedure, data=data, author=people["editor"], base_number=latest.number
        )
        services.submit_for_review(procedure, user=people["editor"])
        services.publish(procedure, user=people["reviewer"])
        procedure.refresh_from_db()
        return procedure

    return make


@pytest.fixture
def publish_document(people, authority, region):
    def make(name: str, slug: str = "") -> Document:
        data = revision_data(
            Document,
            {"name": name, "description": f"{name} ist ein Papier.", "where_to_get": "Amt"},
        )
        item = services.create_item(
            Document,
            region=region,
            organisation=authority,
            data=data,
            author=people["editor"],
            slug=slug,
        )
        services.submit_for_review(item, user=people["editor"])
        services.publish(item, user=people["reviewer"])
        item.refresh_from_db()
        return item

    return make


@pytest.fixture
def publish_place(people, authority, region):
    def make(name: str = "Bürgeramt Mitte", **settings) -> Place:
        values = {
            "name": name,
            "directions": "Bus 100 bis Rathaus.",
            "street": "Rathausplatz 1",
            "postcode": "12345",
            "city": "Teststadt",
            "latitude": Decimal("52.5"),
            "longitude": Decimal("13.4"),
            "appointment_url": "https://termine.testville.example/",
            "opening_hours": [
                {"day": 0, "opens": "08:00", "closes": "12:00"},
                {"day": 3, "opens": "14:00", "closes": "18:00"},
            ],
            **settings,
        }
        return publish_new(Place, revision_data(Place, values), people, authority, region)

    return make


__all__ = ["part_key", "procedure_data", "procedure_texts", "step"]
