"""Numbers, money, dates and times as each language writes them (CLDR data via Babel).

Every date or time a person reads goes through this module (templates use the filters of
``apps.core.templatetags.formatting``): the locale's own patterns, month names and separators —
Dari with Afghan month names and Dari's comma, Urdu with its own words for the time of day —
never Django's ``date`` filter, whose Persian and Urdu formats differ from CLDR's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_day_names,
)
from babel.numbers import format_currency, get_decimal_symbol
from django.utils import timezone

# Django language codes → CLDR locales where they differ.
_LOCALES = {"zh-hans": "zh_Hans_CN", "fa-af": "fa_AF"}
# CLDR's short Urdu time is "h:mm a", whose day period is the Latin "AM"/"PM": Urdu readers
# get CLDR's Urdu words for the time of day instead ("7:30 شام").
_TIME_SKELETONS = {"ur": "Bhm"}


def babel_locale(code: str) -> str:
    return _LOCALES.get(code, code.replace("-", "_"))


def money(amount: Decimal, currency: str, code: str) -> str:
    """``28,80 €`` in German, ``€28.80`` in English; whole amounts without decimals."""
    locale = babel_locale(code)
    text = format_currency(amount, currency, locale=locale)
    if amount == amount.to_integral_value():
        text = text.replace(get_decimal_symbol(locale) + "00", "")
    return text


def day_name(weekday: int, code: str) -> str:
    """Monday is 0, as in Python."""
    return get_day_names("wide", locale=babel_locale(code))[weekday]


def _local(value):
    """An aware datetime in the current time zone (as Django's ``date`` filter shows it)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def time_of_day(value: dt.time | dt.datetime, code: str) -> str:
    """``18:00`` in German, ``6:00 PM`` in English, ``6:00 شام`` in Urdu."""
    locale = babel_locale(code)
    skeleton = _TIME_SKELETONS.get(code)
    if skeleton:
        return format_skeleton(skeleton, value, locale=locale)
    return format_time(value, "short", locale=locale)


def _combined(date_text: str, time_text: str, code: str, width: str) -> str:
    """A date and a time joined as the locale joins them (``{1}, {0}``; ``{1}، ساعت {0}``)."""
    pattern = str(get_datetime_format(width, locale=babel_locale(code)))
    return pattern.replace("'", "").replace("{1}", date_text).replace("{0}", time_text)


def date_time(value: dt.datetime, code: str) -> str:
    """A moment in its own time zone: ``Montag, 30. März 2026, 18:00``."""
    date_text = format_date(value.date(), "full", locale=babel_locale(code))
    return _combined(date_text, time_of_day(value, code), code, "full")


def date_long(value: dt.date | dt.datetime, code: str) -> str:
    """``4. Dezember 2026``, ``4 декабря 2026 г.``, ``4 دسمبر 2026``."""
    value = _local(value)
    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, "long", locale=babel_locale(code))


def date_short(value: dt.date | dt.datetime, code: str) -> str:
    """``04.12.26``: for tables."""
    value = _local(value)
    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, "short", locale=babel_locale(code))


def date_time_short(value: dt.datetime, code: str) -> str:
    """``04.12.26, 18:00``: for tables (in the current time zone)."""
    value = _local(value)
    return _combined(date_short(value, code), time_of_day(value, code), code, "short")


def month_year(value: dt.date, code: str) -> str:
    """A month as a calendar's heading: ``Dezember 2026``, ``دسمبر 2026``, ``2026年12月``."""
    return format_skeleton("yMMMM", value, locale=babel_locale(code))
