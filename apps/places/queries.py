"""Reads of places for migrants, and of the organisations that run them."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from apps.accounts import queries as accounts_queries
from apps.accounts.models import Organisation
from apps.core import languages, read_models
from apps.core.topics import organisations_helping
from apps.editorial.models import ItemStatus
from apps.places.models import Place
from apps.speech import queries as speech_queries
from apps.speech.queries import Player
from apps.translation.reader import with_reader_translation
from apps.translation.reading import Reading, by_shown_text, readings


def places_for_reader(region, code: str) -> QuerySet[Place]:
    """Published places for a reader of ``code``, by slug (an organisation's, a place page)."""
    return with_reader_translation(
        Place.objects.filter(region=region, status=ItemStatus.PUBLISHED)
        .select_related("region")
        .order_by("slug"),
        code,
    )


def places_by_name(region, code: str) -> QuerySet[Place]:
    """The same, by the name the reader is shown: the list beside the map, and the API."""
    return by_shown_text(places_for_reader(region, code), "name", code, region.source_language)


def place_list(region, code: str) -> list[Reading]:
    return readings(places_by_name(region, code), code)


class OrganisationRow(NamedTuple):
    organisation: Organisation
    places: list[Reading]
    spoken: list[languages.Language]  # the languages spoken there that Waypoint knows
    player: Player | None = None  # its read-aloud, on the organisations page


def organisations_for_reader(
    region, code: str, *, read_aloud: bool = False
) -> list[OrganisationRow]:
    """The organisations that help, by kind and name, each with its published places and, if
    ``read_aloud``, its player (one query for all of them)."""
    organisations = list(
        accounts_queries.organisations_for_migrants(region, code)
        .select_related("region")
        .prefetch_related(Prefetch("places", queryset=places_for_reader(region, code)))
    )
    players = speech_queries.players(organisations, code) if read_aloud else {}
    return [
        OrganisationRow(
            organisation,
            readings(organisation.places.all(), code),
            [languages.get(c) for c in organisation.languages_spoken if languages.is_supported(c)],
            players.get(organisation.pk),
        )
        for organisation in organisations
    ]


def organisations_page(region, code: str) -> list[OrganisationRow]:
    """The organisations page's rows, with players; kept until the content changes
    (:mod:`apps.core.read_models`)."""
    return read_models.kept(
        "organisations-page",
        (region.pk, code),
        lambda: organisations_for_reader(region, code, read_aloud=True),
    )


def organisations_about(region, code: str, topic: str) -> list[Organisation]:
    """The topic page's organisations: those that help with it (see core.topics), by kind and
    name, in one query."""
    organisations = accounts_queries.organisations_for_migrants(region, code)
    return list(organisations.filter(organisations_helping(region, topic)))


def places_of(organisation) -> QuerySet[Place]:
    """An organisation's own places, in every state, for its workspace."""
    return Place.objects.filter(organisation=organisation).select_related("region").order_by("slug")
