"""Template filters for numbers, money and times in the page's language."""

from __future__ import annotations

from django import template
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
    return "" if value is None else formatting.time_of_day(value.time(), get_language())
