"""Reading values from query strings and forms that pages and the API depend on.

A value that is not what the page needs — a date out of any sensible range, a number larger
than a database can hold, a link to somewhere else — is the client's mistake. It is answered
with 400 and a message in the reader's language (:class:`InvalidParameter`: an HTML page from
:func:`apps.core.errors.bad_request`, JSON from :func:`apps.core.api.exception_handler`), never
with a server error.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.exceptions import BadRequest, ValidationError
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

#: Record numbers (revisions, pages) fit a 32-bit integer column in every database.
MAX_NUMBER = 2**31 - 1
#: Dates people may ask for: far enough for any course or archive, near enough that adding a
#: year to them stays a date.
EARLIEST_DAY = dt.date(2000, 1, 1)
LATEST_DAY = dt.date(2099, 12, 31)
#: How long a local link (``next=``) may be.
MAX_PATH_LENGTH = 2000


class InvalidParameter(BadRequest):
    """A query parameter or form value that cannot be used; ``message`` says why, for people."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def positive_number(
    value: str | None,
    *,
    parameter: str,
    default: int | None = None,
    maximum: int = MAX_NUMBER,
) -> int:
    """A whole number from 1 to ``maximum``; ``default`` when the parameter is absent."""
    if value in (None, "") and default is not None:
        return default
    try:
        number = int(value or "", 10) if len(value or "") <= 12 else 0
    except ValueError:
        number = 0
    if not 1 <= number <= maximum:
        raise InvalidParameter(
            parameter,
            _("“%(parameter)s” must be a whole number from 1 to %(maximum)s.")
            % {"parameter": parameter, "maximum": maximum},
        )
    return number


def choice(value: str | None, *, parameter: str, choices) -> str:
    """One of ``choices``; ``""`` when the parameter is absent or empty."""
    if value in (None, ""):
        return ""
    if value not in choices:
        raise InvalidParameter(
            parameter,
            _("“%(parameter)s” must be one of: %(choices)s.")
            % {"parameter": parameter, "choices": ", ".join(choices)},
        )
    return value


#: How a yes/no query parameter may be written (the pages' check boxes send "on").
YES = ("1", "true", "on", "yes")
NO = ("", "0", "false", "off", "no")


def flag(value: str | None, *, parameter: str) -> bool:
    """A yes/no parameter: ``true``/``false`` (or 1/0, on/off, yes/no); absent is no."""
    written = (value or "").lower()
    if written not in YES + NO:
        raise InvalidParameter(
            parameter,
            _("“%(parameter)s” must be one of: %(choices)s.")
            % {"parameter": parameter, "choices": "true, false"},
        )
    return written in YES


def unusable_character_message(parameter: str) -> str:
    return _("“%(parameter)s” holds a character that cannot be used.") % {
        "parameter": parameter.replace("\x00", "")
    }


def out_of_range_message() -> str:
    return _("Choose a date between %(earliest)s and %(latest)s.") % {
        "earliest": date_format(EARLIEST_DAY),
        "latest": date_format(LATEST_DAY),
    }


def validate_day(value: dt.date) -> None:
    """Form validator: the date lies between :data:`EARLIEST_DAY` and :data:`LATEST_DAY`."""
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError(out_of_range_message(), code="out_of_range")


def day(value: str | None, *, parameter: str, default: dt.date | None) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` within the range :func:`validate_day` allows."""
    if value in (None, ""):
        return default
    try:
        parsed = parse_date(value)
    except ValueError:  # well-formed but impossible, like 2024-02-31 or 9999-99-99
        parsed = None
    if parsed is None:
        raise InvalidParameter(
            parameter,
            _("“%(parameter)s” must be a date written like 2025-03-31.") % {"parameter": parameter},
        )
    try:
        validate_day(parsed)
    except ValidationError:
        raise InvalidParameter(parameter, out_of_range_message()) from None
    return parsed


def local_path(value: str | None, *, parameter: str, default: str = "/") -> str:
    """A path on this site (``/de/events/?topic=x``), never a link elsewhere."""
    if value in (None, ""):
        return default
    foreign = (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or len(value) > MAX_PATH_LENGTH
        or any(unicodedata.category(char) in ("Cc", "Cs") for char in value)
    )
    if foreign:
        raise InvalidParameter(parameter, _("This link does not lead to a page of this site."))
    return value


def item_key(value: str | None) -> tuple[int, int] | None:
    """``"<content type id>:<object id>"`` — how forms name one item of any kind — as two
    numbers, or None if it is not that (too long, not numbers, out of a database's range)."""
    if not value or len(value) > 40:
        return None
    content_type, _sep, object_id = value.partition(":")
    if not (content_type.isascii() and content_type.isdigit()):
        return None
    if not (object_id.isascii() and object_id.isdigit()):
        return None
    numbers = int(content_type), int(object_id)
    return numbers if all(0 < number < 2**63 for number in numbers) else None
