"""The offices migrants go to, with opening hours, and which organisation receives people where."""

from __future__ import annotations

from decimal import Decimal

from apps.accounts.models import Organisation
from apps.core.models import Region
from apps.demo.loaders.data import read_data, read_overlays
from apps.demo.loaders.publishing import Newsroom, publish_entries
from apps.places.models import Place

SETTINGS = (
    "street", "postcode", "city", "latitude", "longitude", "phone", "email", "website",
    "appointment_url", "wheelchair_accessible", "opening_hours",
)  # fmt: skip


def load_places(region: Region) -> None:
    """Publish the places, each by the organisation that runs it, and their translations."""
    newsroom = Newsroom(region)

    def settings(entry: dict) -> dict:
        values = {name: entry[name] for name in SETTINGS}
        for name in ("latitude", "longitude"):
            values[name] = Decimal(str(values[name]))
        return values

    def create(entry: dict, values: dict) -> Place:
        organisation = Organisation.objects.get(region=region, slug=entry["organisation"])
        return newsroom.publish_new(
            Place,
            slug=entry["slug"],
            values=values,
            author=newsroom.speaker_for(organisation),
            organisation=organisation,
        )

    publish_entries(
        newsroom,
        Place,
        read_data("places.json")["places"],
        fields=("name", "directions"),
        settings=settings,
        overlays=read_overlays("places"),
        create=create,
    )


def link_organisation_places(region: Region, organisations: list[dict]) -> None:
    """Where each organisation receives people (its places, with opening hours)."""
    for organisation_data in organisations:
        if organisation_data.get("places"):
            organisation = Organisation.objects.get(region=region, slug=organisation_data["slug"])
            organisation.places.set(
                Place.objects.filter(region=region, slug__in=organisation_data["places"])
            )
