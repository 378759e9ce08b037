"""Template filters for numbers, money, dates and times in the page's language
(see :mod:`apps.core.formatting`; Django's own ``date`` filter is not used for readers)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from apps.core import formatting, languages

register = template.Library()


@register.filter
def lang_tag(code: str) -> str:
    """The ``lang`` attribute for a text in language ``code`` (easy German is ``de``)."""
    return languages.tag(code) if code else ""


@register.filter
def money(amount, currency: str = "EUR") -> str:
    return "" if amount is None else formatting.money(amount, currency, get_language())


@register.filter
def day_name(weekday: int) -> str:
    return formatting.day_name(weekday, get_language())


def _in_page_language(function):
    def apply(value) -> str:
        return "" if value is None else function(value, get_language())

    apply.__doc__ = function.__doc__
    return apply


#: ``{{ value|date_time }}`` and the like: a date or time as the page's language writes it
#: (datetimes in their own time zone for date_time and time_short — give them in the region's).
for _name, _function in {
    "time_of_day": formatting.time_of_day,
    "time_short": formatting.time_of_day,
    "date_time": formatting.date_time,
    "date_long": formatting.date_long,
    "date_short": formatting.date_short,
    "date_time_short": formatting.date_time_short,
    "month_year": formatting.month_year,
}.items():
    register.filter(_name, _in_page_language(_function))


@register.filter
def ltr(value) -> str:
    """A left-to-right fragment (a URL, an e-mail address) isolated inside any text, so that
    right-to-left text around it cannot move its slashes and dots: ``<bdi dir="ltr">``."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
