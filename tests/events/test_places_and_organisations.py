"""The map of places degrades to a list; the organisation directory shows profiles."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.editorial.services import revision_data
from apps.places.models import Place
from tests.conftest import publish_new


@pytest.fixture
def office(people, authority, region):
    values = {
        "name": "Bürgeramt",
        "directions": "",
        "street": "Rathausplatz 1",
        "postcode": "12345",
        "city": "Teststadt",
        "latitude": Decimal("52.5"),
        "longitude": Decimal("13.4"),
        "wheelchair_accessible": True,
        "opening_hours": [{"day": 0, "opens": "08:00", "closes": "12:00"}],
    }
    return publish_new(Place, revision_data(Place, values), people, authority, region)


def test_without_tiles_the_places_are_a_list_and_no_script_loads(client, office, settings):
    settings.MAP_TILE_URL = ""

    body = client.get(reverse("migrant:places")).content.decode()

    assert "Bürgeramt" in body
    assert "leaflet" not in body
    assert 'id="place-map"' not in body


def test_with_tiles_the_map_gets_its_data_without_inline_script(client, office, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"

    response = client.get(reverse("migrant:places"))
    body = response.content.decode()

    assert "vendor/leaflet/leaflet.js" in body
    data = json.loads(
        body.split('id="place-map-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["tiles"] == settings.MAP_TILE_URL
    assert data["places"][0]["name"] == "Bürgeramt"
    assert data["places"][0]["lat"] == 52.5


def test_the_directory_shows_an_organisations_places_and_hours(client, ngo, office):
    ngo.description_en = "We help with forms."
    ngo.services_en = "Forms\nCounselling"
    ngo.languages_spoken = ["ar", "uk"]
    ngo.save()
    ngo.places.add(office)

    body = client.get(reverse("migrant:organisations")).content.decode()

    assert "We help with forms." in body
    assert "<li>Counselling</li>" in body
    assert "العربية" in body
    assert "Rathausplatz 1" in body
    assert "Monday" in body  # opening hours
    assert (
        reverse("migrant:event_feed_of", kwargs={"kind": "organisation", "slug": ngo.slug}) in body
    )
