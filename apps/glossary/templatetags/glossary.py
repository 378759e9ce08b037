from __future__ import annotations

from django import template
from django.utils.translation import get_language

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
    """The notes of several sections, each term once; later anchors of a term point to the
    first note (see glossary/notes.html)."""
    merged: dict[str, Note] = {}
    extra: dict[str, list[str]] = {}
    for part in explained:
        for note in part.notes:
            slug = note.explanation.slug
            if slug in merged:
                extra[slug].append(note.anchor)
            else:
                merged[slug] = note
                extra[slug] = []
    return [
        Note(note.anchor, note.explanation, tuple(extra[slug])) for slug, note in merged.items()
    ]
