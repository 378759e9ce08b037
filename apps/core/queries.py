"""Reads of regions and taxonomy."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from apps.core.models import Region, Topic, UserType


def topic_tree(region: Region) -> list[Topic]:
    """Top-level topics, each with ``children`` prefetched (two queries in all)."""
    return list(
        Topic.objects.filter(region=region, parent__isnull=True).prefetch_related(
            Prefetch("children", queryset=Topic.objects.order_by("position", "slug"))
        )
    )


def user_types(region: Region) -> QuerySet[UserType]:
    return UserType.objects.filter(region=region)
