"""How long and how much, in words of the page's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from apps.core import languages, links
from apps.core.formatting import money
from apps.procedures.models import DurationUnit
from apps.procedures.services import MINUTES, Range, Totals

register = template.Library()


def _amount_in(unit: str, count: int, amount: str) -> str:
    """``count`` units, in the form the language uses for that number (Arabic writes "two
    minutes" as the dual alone, without the digit)."""
    forms = {
        DurationUnit.MINUTES: ngettext("%(amount)s minute", "%(amount)s minutes", count),
        DurationUnit.HOURS: ngettext("%(amount)s hour", "%(amount)s hours", count),
        DurationUnit.DAYS: ngettext("%(amount)s day", "%(amount)s days", count),
        DurationUnit.WEEKS: ngettext("%(amount)s week", "%(amount)s weeks", count),
        DurationUnit.MONTHS: ngettext("%(amount)s month", "%(amount)s months", count),
    }
    return forms[unit] % {"amount": amount}


def _range_in(unit: str, low: int, high: int) -> str:
    """From ``low`` to ``high`` units: both numbers always written (a dual form has none)."""
    forms = {
        DurationUnit.MINUTES: ngettext("%(low)s–%(high)s minute", "%(low)s–%(high)s minutes", high),
        DurationUnit.HOURS: ngettext("%(low)s–%(high)s hour", "%(low)s–%(high)s hours", high),
        DurationUnit.DAYS: ngettext("%(low)s–%(high)s day", "%(low)s–%(high)s days", high),
        DurationUnit.WEEKS: ngettext("%(low)s–%(high)s week", "%(low)s–%(high)s weeks", high),
        DurationUnit.MONTHS: ngettext("%(low)s–%(high)s month", "%(low)s–%(high)s months", high),
    }
    return forms[unit] % {"low": low, "high": high}


def _unit_for(minutes: int) -> str:
    """The unit people would say: "3 weeks" rather than "30240 minutes"."""
    for unit in (DurationUnit.MONTHS, DurationUnit.WEEKS, DurationUnit.DAYS, DurationUnit.HOURS):
        if minutes >= 2 * MINUTES[unit]:
            return unit
    return DurationUnit.MINUTES


@register.filter
def step_duration(step) -> str:
    if step.duration_value is None or not step.duration_unit:
        return ""
    return _amount_in(step.duration_unit, step.duration_value, str(step.duration_value))


@register.filter
def step_cost(step) -> str:
    if step.cost is None:
        return ""
    code = get_language()
    if step.cost_max is not None and step.cost_max != step.cost:
        return _("%(low)s to %(high)s, depending on your case") % {
            "low": money(step.cost, step.currency, code),
            "high": money(step.cost_max, step.currency, code),
        }
    return _("free") if step.cost == 0 else money(step.cost, step.currency, code)


@register.filter
def total_duration(totals: Totals) -> str:
    span: Range | None = totals.minutes
    if span is None or span.high == 0:
        return ""
    unit = _unit_for(span.high)
    low, high = round(span.low / MINUTES[unit]), max(1, round(span.high / MINUTES[unit]))
    if low == high:
        return _("about %(time)s") % {"time": _amount_in(unit, high, str(high))}
    if low == 0:
        return _("up to %(time)s") % {"time": _amount_in(unit, high, str(high))}
    return _range_in(unit, low, high)


@register.filter
def total_cost(totals: Totals) -> str:
    if not totals.costs:
        return ""
    if totals.is_free:
        return _("free")
    code = get_language()
    parts = []
    for currency, span in totals.costs.items():
        if span.is_exact:
            parts.append(money(span.high, currency, code))
        else:
            parts.append(
                _("%(low)s to %(high)s, depending on your way")
                % {"low": money(span.low, currency, code), "high": money(span.high, currency, code)}
            )
    return "; ".join(parts)


@register.filter
def tip_texts(tip) -> list:
    """(language, text) for every language the organisation wrote the tip in, its own language
    first (the city's translations are shown on the translation pages, not here)."""
    codes = dict.fromkeys([tip.language, *(tip.written_in or [])])
    return [(languages.get(code), tip.text_in(code)) for code in codes if tip.text_in(code)]


@register.filter
def tip_public_url(tip) -> str:
    """The tip's step on the public page of its procedure."""
    return f"{links.public_url(tip.step.procedure)}#step-{tip.step.uid}"
