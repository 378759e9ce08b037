"""Template filters for numbers, money, dates and times in the page's language
(see :mod:`apps.core.formatting`; Django's own ``date`` filter is not used for readers)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from apps.core import formatting

register = template.Library()


@register.filter
def money(amount, currency: str = "EUR") -> str:
    return "" if amount is None else formatting.money(amount, currency, get_language())


@register.filter
def time_of_day(value) -> str:
    return "" if value is None else formatting.time_of_day(value, get_language())


@register.filter
def day_name(weekday: int) -> str:
    return formatting.day_name(weekday, get_language())


@register.filter
def date_time(value) -> str:
    """A datetime in its own time zone (give it in the region's)."""
    return "" if value is None else formatting.date_time(value, get_language())


@register.filter
def time_short(value) -> str:
    """The time of a datetime, in its own time zone."""
    return "" if value is None else formatting.time_of_day(value, get_language())


@register.filter
def date_long(value) -> str:
    return "" if value is None else formatting.date_long(value, get_language())


@register.filter
def date_short(value) -> str:
    return "" if value is None else formatting.date_short(value, get_language())


@register.filter
def date_time_short(value) -> str:
    return "" if value is None else formatting.date_time_short(value, get_language())


@register.filter
def month_year(value) -> str:
    return "" if value is None else formatting.month_year(value, get_language())


@register.filter
def ltr(value) -> str:
    """A left-to-right fragment (a URL, an e-mail address) isolated inside any text, so that
    right-to-left text around it cannot move its slashes and dots: ``<bdi dir="ltr">``."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
