"""Submitting a page's form as a browser would, without a browser: what it sends back."""

from __future__ import annotations

import lxml.html


def submitted(html: str, *, button: str = "") -> dict[str, list[str]]:
    """The values the page's main form (the one with the most fields) sends as it stands
    (checked boxes, chosen options, every text), textareas with CR LF line ends as browsers
    send them."""
    page = lxml.html.fromstring(html)
    element = max(page.forms, key=lambda form: len(form.inputs))
    textareas = {field.name for field in element.inputs if field.tag == "textarea"}
    values: dict[str, list[str]] = {}
    for name, value in element.form_values():
        if name in textareas:
            # A browser drops the newline right after <textarea> and sends lines as CR LF.
            value = value.removeprefix("\n").replace("\n", "\r\n")
        values.setdefault(name, []).append(value)
    if button:
        values[button] = ["1"]
    return values
