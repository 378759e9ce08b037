"""``{% read_aloud player %}``: the "Listen" player of a content page (speech/player.html)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language, get_language_bidi

register = template.Library()


@register.inclusion_tag("speech/player.html")
def read_aloud(player) -> dict:
    """The player in the reader's language, wherever on the page it stands (inside a text in
    another language too); its script reads the times of each speed from ``data``."""
    data = None
    if player is not None and player.is_ready:
        data = {
            "files": {
                file.speed.value: {"url": file.url, "starts": file.starts, "ends": file.ends}
                for file in player.files
            },
            "sections": [
                {"key": section.key, "label": _label(section)} for section in player.sections
            ],
        }
    return {
        "player": player,
        "data": data,
        "language": get_language(),
        "direction": "rtl" if get_language_bidi() else "ltr",
    }


def _label(section) -> str:
    return f"{section.heading}: {section.title}" if section.heading else section.title
