"""The demo's content gaps: searches people made in Musterstadt that found nothing or little
(driving licences, nursery places, family reunion), so the authority's view has realistic
entries. Counted as the portal counts them: normalised query, language, day, count."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from apps.core.models import Region
from apps.demo.loaders.data import read_data
from apps.search.models import Gap, Outcome
from apps.search.query import parse


def load_search_gaps(region: Region) -> None:
    if Gap.objects.filter(region=region).exists():
        return
    today = timezone.localdate()
    rows = []
    for entry in read_data("search_gaps.json")["gaps"]:
        query = parse(entry["query"], entry["language"], region.source_language).normalised
        for days_ago, count in enumerate(entry["counts"]):
            rows.append(
                Gap(
                    region=region,
                    language=entry["language"],
                    query=query,
                    day=today - dt.timedelta(days=3 * days_ago + 1),
                    outcome=Outcome.NOTHING,
                    count=count,
                )
            )
    Gap.objects.bulk_create(rows)
