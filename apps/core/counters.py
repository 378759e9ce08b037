"""Counts kept as rows (searches without results, answers to "Did this help?", page ratings):
anonymous by design, one row per key and day, counted up under concurrent requests."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Model


def count_up(model: type[Model], **key) -> None:
    """Add one to the ``count`` of ``model``'s row for ``key``, creating it at one. Two requests
    counting the same new key at the same moment both count: the loser of the unique
    constraint adds to the winner's row."""
    if model.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, count=1)
    except IntegrityError:  # counted at the same moment by another request
        model.objects.filter(**key).update(count=F("count") + 1)
