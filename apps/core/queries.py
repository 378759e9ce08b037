"""Reads of regions and taxonomy."""

from __future__ import annotations

import copy

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet

from apps.core import read_models
from apps.core.models import Region, Topic, UserType
from apps.core.page_cache import SharedVersion

#: Moved on by every committed change to a region (not by other content: a publication need not
#: make every process read its region again).
REGIONS = SharedVersion("regions:version")


def region_for_host(host: str) -> Region | None:
    """The region served on ``host`` (see ``RegionQuerySet.for_host``), kept until a region
    changes: every request asks, and the answer changes only when a region does. Each request
    gets its own copy, so a form that changes its region before failing changes nobody else's."""
    region = read_models.kept(
        "region-for-host", (host,), lambda: Region.objects.for_host(host), version=REGIONS
    )
    return copy.copy(region)


def regions_changed(sender, **kwargs) -> None:
    """Signal receiver: a region was saved or deleted; the version moves when it is committed."""
    transaction.on_commit(REGIONS.renew)


def topic_tree(region: Region) -> list[Topic]:
    """Top-level topics, each with ``children`` prefetched (two queries in all)."""
    return list(
        Topic.objects.filter(region=region, parent__isnull=True).prefetch_related(
            Prefetch("children", queryset=Topic.objects.order_by("position", "slug"))
        )
    )


def user_types(region: Region) -> QuerySet[UserType]:
    return UserType.objects.filter(region=region)


#: Matches no row: for a slug no row can have (PostgreSQL refuses to compare text with NUL).
NOTHING = Q(pk__in=[])


def about_topic(topic: str, prefix: str = "") -> Q:
    """Content tagged with the topic or one of its subtopics (``prefix`` reaches it through a
    relation, e.g. ``"event__"``)."""
    if "\x00" in topic:
        return NOTHING
    return Q(**{f"{prefix}topics__slug": topic}) | Q(**{f"{prefix}topics__parent__slug": topic})


def for_situation(user_type: str) -> Q:
    """Content for a life situation; content naming none concerns every situation."""
    if "\x00" in user_type:  # no situation is called that: only content for everybody
        return Q(user_types__isnull=True)
    return Q(user_types__slug=user_type) | Q(user_types__isnull=True)
