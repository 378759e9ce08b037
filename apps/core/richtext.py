"""Markdown for editors, safe HTML for readers.

Editors write Markdown; it is rendered and then sanitised with nh3 (an allowlist), so whatever an
editor, a translator or an imported file puts in a text, readers only ever get harmless HTML.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Control characters (other than tab and line breaks) are never meant to be shown, and XML
# tools further down the line refuse them.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitise(html: str) -> SafeString:
    cleaned = nh3.clean(
        _CONTROL_CHARACTERS.sub("", html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just made it safe


# A list that starts right under a sentence ("Bring:\n- passport") — as people write it — needs a
# blank line before it in Markdown; add it rather than show the list as one run-on paragraph.
_LIST_AFTER_TEXT = re.compile(
    r"(?m)^((?![ \t]*(?:[-*+]|\d+\.)[ \t]).*\S.*)\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])"
)


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML. Raw HTML in the source is escaped away by the sanitiser."""
    text = _LIST_AFTER_TEXT.sub(r"\1\n\n", (text or "").replace("\r\n", "\n"))
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    # Headings start at h2: the page title is the only h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitise(html)
