"""An item as the reader of the page's language gets it, in a template: ``{% with
version=item|for_reader %}{{ version.texts.title }}{% endwith %}`` (one query for the item's
translation; for lists, prefetch ``reader_translation`` in the view instead)."""

from django import template
from django.utils.translation import get_language

from apps.translation.reader import LanguageVersion, language_version

register = template.Library()


@register.filter
def for_reader(item) -> LanguageVersion:
    return language_version(item, get_language())
