from __future__ import annotations

from django import template
from django.utils.translation import get_language

from apps.glossary import matching
from apps.glossary.matching import ExplainedText, Note, explain

register = template.Library()


@register.simple_tag(takes_context=True)
def explain_terms(context, html, text_language: str, prefix: str = "t") -> ExplainedText:
    """``{% explain_terms html "de" as explained %}``: the HTML with glossary terms marked."""
    request = context["request"]
    return explain(
        html,
        region=request.region,
        text_language=text_language,
        reader_language=get_language(),
        prefix=prefix,
    )


@register.simple_tag
def merge_notes(*explained: ExplainedText) -> list[Note]:
    """``{% merge_notes what where as notes %}``: see :func:`matching.merge_notes`."""
    return matching.merge_notes(*explained)
