"""``{% read_aloud player %}``: the "Listen" player of a content page (speech/player.html)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language, get_language_bidi

register = template.Library()


@register.inclusion_tag("speech/player.html")
def read_aloud(player, scope: str = "", about: str = "") -> dict:
    """The player in the reader's language, wherever on the page it stands (inside a text in
    another language too); its script reads the times of each speed from ``data``.

    A page with several players (the organisations page) names each by ``scope`` (its ids stay
    unique) and by ``about``, the id of the heading of what it reads ("Listen" + the name)."""
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
        "title_id": f"read-aloud-title-{scope}" if scope else "read-aloud-title",
        "data_id": f"read-aloud-data-{scope}" if scope else "read-aloud-data",
        "speed_name": f"read-aloud-speed-{scope}" if scope else "read-aloud-speed",
        "labelled_by": f"read-aloud-title-{scope} {about}".strip() if scope else "read-aloud-title",
    }


def _label(section) -> str:
    return f"{section.heading}: {section.title}" if section.heading else section.title
