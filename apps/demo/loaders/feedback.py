"""The demo's "Was this page helpful?" answers, so that the authority's view has realistic
entries: counts per page, language and day, and a few comments, stored as the portal stores
them (cleaned, with the day only)."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.core.models import Region
from apps.demo.loaders.data import read_data
from apps.feedback.models import PageComment, PageRating
from apps.feedback.services import clean_comment


def load_page_feedback(region: Region) -> None:
    if PageRating.objects.filter(region=region).exists():
        return
    today = timezone.localdate()
    ratings, comments = [], []
    for entry in read_data("page_feedback.json")["pages"]:
        model = apps.get_model(entry["model"])
        item = model.objects.get(region=region, slug=entry["slug"])
        key = {
            "region": region,
            "content_type": ContentType.objects.get_for_model(model),
            "object_id": item.pk,
            "language": entry["language"],
        }
        for helpful, counts in ((True, entry["helpful"]), (False, entry["not_helpful"])):
            ratings += [
                PageRating(**key, day=today - dt.timedelta(days=2 * days_ago + 1), helpful=helpful,
                           count=count)
                for days_ago, count in enumerate(counts)
                if count
            ]  # fmt: skip
        comments += [
            PageComment(**key, day=today - dt.timedelta(days=days_ago + 1), helpful=answer == "yes",
                        text=clean_comment(text))
            for days_ago, (answer, text) in enumerate(entry["comments"])
        ]  # fmt: skip
    PageRating.objects.bulk_create(ratings)
    PageComment.objects.bulk_create(comments)
