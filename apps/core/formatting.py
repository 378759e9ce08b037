"""Numbers, money, days and times as each language writes them (CLDR data via Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_currency, get_decimal_symbol

# Django language codes → CLDR locales where they differ.
_LOCALES = {"zh-hans": "zh_Hans_CN", "fa-af": "fa_AF"}


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


def time_of_day(value: dt.time, code: str) -> str:
    return format_time(value, "short", locale=babel_locale(code))


def date_time(value: dt.datetime, code: str) -> str:
    """A moment in its own time zone: ``Montag, 30. März 2026, 18:00``."""
    locale = babel_locale(code)
    time = format_time(value, "short", tzinfo=value.tzinfo, locale=locale)
    return f"{format_date(value.date(), 'full', locale=locale)}, {time}"
