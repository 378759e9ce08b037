from django import template

from apps.statistics.queries import display

register = template.Library()


@register.filter
def figure(value) -> str:
    """A suppressed figure as readers see it: the number, "<5" or "×"."""
    return display(value)
