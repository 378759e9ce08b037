"""Reads of places for migrants."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.editorial.models import ItemStatus
from apps.places.models import Place
from apps.translation.reader import with_reader_translation


def places_for_reader(region, code: str) -> QuerySet[Place]:
    return with_reader_translation(
        Place.objects.filter(region=region, status=ItemStatus.PUBLISHED).select_related("region"),
        code,
    )


def places_of(organisation) -> QuerySet[Place]:
    """An organisation's own places, in every state, for its workspace."""
    return Place.objects.filter(organisation=organisation).select_related("region").order_by("slug")
