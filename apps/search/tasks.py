"""Celery tasks of search. The services never import this module (see :mod:`apps.search.jobs`)."""

from __future__ import annotations

from celery import shared_task

from apps.search import services


@shared_task
def index_items(keys: list[list]) -> int:
    """Index the items ``[[label, pk], ...]``; returns how many changed."""
    return sum(services.index_by_label(label, int(pk)) for label, pk in keys)


@shared_task
def forget_old_gaps() -> int:
    """Celery beat, daily: delete the counts of searches older than the retention period."""
    return services.forget_old_gaps()
