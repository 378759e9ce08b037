"""The demo's content gaps: searches people made in Musterstadt that found nothing or little
(driving licences, nursery places, family reunion) and questions the assistant could not
answer, so the authority's view has realistic entries. Counted as the portal counts them:
normalised query, language, day, count."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from apps.core.models import Region
from apps.demo.loaders.data import DATA_DIR, read_data
from apps.search.models import AnswerFeedback, Gap, Outcome
from apps.search.query import parse
from apps.search.services import import_vectors


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
                    outcome=entry.get("outcome", Outcome.NOTHING),
                    count=count,
                )
            )
    Gap.objects.bulk_create(rows)
    feedback = []
    for entry in read_data("search_gaps.json")["feedback"]:
        for helpful, counts in ((True, entry["helpful"]), (False, entry["not_helpful"])):
            feedback += [
                AnswerFeedback(
                    region=region,
                    language=entry["language"],
                    day=today - dt.timedelta(days=2 * days_ago + 1),
                    helpful=helpful,
                    count=count,
                )
                for days_ago, count in enumerate(counts)
                if count
            ]
    AnswerFeedback.objects.bulk_create(feedback)


def load_vectors() -> int:
    """The assistant's vectors of the demo's texts, computed once and kept beside them
    (``vectors.npz``, refreshed by ``manage.py export_demo_vectors``): embedding the whole demo
    takes minutes on a small machine. Texts changed since are embedded by
    ``manage.py rebuild_search_index``."""
    return import_vectors(DATA_DIR / "vectors.npz")
