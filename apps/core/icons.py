"""The site's icon, drawn in the region's colour (no image file per region to keep up to date)."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw


@lru_cache(maxsize=32)
def favicon(colour: str) -> bytes:
    """An ICO file: a rounded square in ``colour`` (``#rrggbb``) with a white waypoint marker."""
    size = 192
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=36, fill=colour)
    # A map pin: a circle over a triangle, with a hole in the brand colour.
    draw.polygon([(56, 92), (136, 92), (96, 168)], fill="white")
    draw.ellipse((52, 28, 140, 116), fill="white")
    draw.ellipse((78, 54, 114, 90), fill=colour)
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()
