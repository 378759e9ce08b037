"""Opening hours as editors type them ("08:00–12:00, 14:00–18:00") and as they are stored."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_INTERVAL = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})$")


def parse_day(text: str) -> list[tuple[str, str]]:
    """``"8:00-12:00, 14.00–18.00"`` → ``[("08:00", "12:00"), ("14:00", "18:00")]``."""
    intervals = []
    for piece in filter(None, (part.strip() for part in re.split(r"[,;]", text or ""))):
        match = _INTERVAL.match(piece)
        if not match:
            raise ValidationError(
                _("“%(text)s” is not a time range. Write it like 08:00–12:00.") % {"text": piece}
            )
        hours = [int(group) for group in match.groups()]
        try:
            opens = dt.time(hours[0], hours[1])
            closes = dt.time(hours[2], hours[3])
        except ValueError as error:
            raise ValidationError(
                _("“%(text)s” is not a time of day.") % {"text": piece}
            ) from error
        if closes <= opens:
            raise ValidationError(
                _("In “%(text)s” the office closes before it opens.") % {"text": piece}
            )
        if intervals and opens < dt.time.fromisoformat(intervals[-1][1]):
            raise ValidationError(_("The times of one day must not overlap and go in order."))
        intervals.append((opens.strftime("%H:%M"), closes.strftime("%H:%M")))
    return intervals


def format_day(entries: list[dict], day: int) -> str:
    return ", ".join(
        f"{entry['opens']}–{entry['closes']}" for entry in entries if entry["day"] == day
    )
