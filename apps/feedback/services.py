"""Recording "Was this page helpful?" answers, triaging comments, and forgetting both."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.counters import count_up
from apps.feedback.models import MAX_COMMENT, PageComment, PageRating
from apps.search.models import Passage

#: What is put where an e-mail address or a phone number was.
REMOVED = "[…]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: A run of digits (any script's: \d is Unicode) with the separators of written phone numbers.
_PHONE = re.compile(r"(?:\+|\b)\d[\d \t()./\-]{4,}\d")
MIN_PHONE_DIGITS = 6  # fewer are dates, fees, step numbers, postcodes
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u2028\u2029]")
_SPACES = re.compile(r"[ \t]+")


class FeedbackError(ValueError):
    """Feedback that cannot be recorded; the message says why, in the reader's language."""


def _phone_or_number(match: re.Match) -> str:
    digits = sum(character.isdigit() for character in match.group())
    return REMOVED if digits >= MIN_PHONE_DIGITS else match.group()


def clean_comment(text: str) -> str:
    """``text`` without e-mail addresses, phone numbers and control characters, its spaces
    tidied: a comment says what was missing on a page, never how to reach its writer."""
    text = _CONTROL.sub(" ", text or "")
    text = _EMAIL.sub(REMOVED, text)
    text = _PHONE.sub(_phone_or_number, text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def is_rateable(region, content_type_id: int, object_id: int) -> bool:
    """Whether the item is published content of ``region`` (what search finds is exactly what
    migrants are shown)."""
    return Passage.objects.filter(
        region=region, content_type_id=content_type_id, object_id=object_id
    ).exists()


def record(region, code: str, item: tuple[int, int], *, helpful: bool, comment: str = "") -> None:
    """Count one answer for the page of ``item`` (content type id, object id) read in ``code``,
    and keep its comment, cleaned. Raises :class:`FeedbackError` and records nothing if the
    item is not the region's published content or the comment is too long."""
    content_type_id, object_id = item
    if not is_rateable(region, content_type_id, object_id):
        raise FeedbackError(_("This page cannot be rated."))
    if len(comment or "") > MAX_COMMENT:
        raise FeedbackError(
            _("Please shorten your comment to %(max)d characters.") % {"max": MAX_COMMENT}
        )
    text = clean_comment(comment)
    today = timezone.localdate()
    key = {
        "region": region,
        "content_type_id": content_type_id,
        "object_id": object_id,
        "language": code,
        "day": today,
        "helpful": helpful,
    }
    with transaction.atomic():
        count_up(PageRating, **key)
        if text:
            PageComment.objects.create(**key, text=text)


def mark_done(region, comment_id: int, user, *, done: bool = True) -> bool:
    """Mark a comment as dealt with (or open again); False if it is not one of the region's."""
    changes = {"done_at": timezone.now(), "done_by": user} if done else {"done_at": None}
    return bool(PageComment.objects.filter(region=region, pk=comment_id).update(**changes))


def forget_old(*, today=None) -> int:
    """Delete ratings and comments older than the retention period; returns how many went."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.PAGE_FEEDBACK_RETENTION_DAYS)
    ratings, _by_model = PageRating.objects.filter(day__lt=cutoff).delete()
    comments, _by_model = PageComment.objects.filter(day__lt=cutoff).delete()
    return ratings + comments


def forget_item(content_type_id: int, object_id: int) -> None:
    """A deleted item takes its ratings and comments with it."""
    for model in (PageRating, PageComment):
        model.objects.filter(content_type_id=content_type_id, object_id=object_id).delete()
