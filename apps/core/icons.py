"""The site's icon, drawn in the region's colour (no image file per region to keep up to date)."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw


def _pin(colour: str, size: int, *, full_bleed: bool) -> Image.Image:
    """A white waypoint marker on ``colour``: a rounded square, or (``full_bleed``, for icons
    the system cuts into its own shape) the whole square with the marker inside the middle 60 %."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if full_bleed:
        draw.rectangle((0, 0, size - 1, size - 1), fill=colour)
    else:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 3 // 16, fill=colour)
    scale = size / 192 * (0.6 if full_bleed else 1.0)
    offset = (size - 192 * scale) / 2

    def at(*points: float) -> list[float]:
        return [offset + point * scale for point in points]

    # A map pin: a circle over a triangle, with a hole in the brand colour.
    draw.polygon([tuple(at(56, 92)), tuple(at(136, 92)), tuple(at(96, 168))], fill="white")
    draw.ellipse(at(52, 28, 140, 116), fill="white")
    draw.ellipse(at(78, 54, 114, 90), fill=colour)
    return image


@lru_cache(maxsize=32)
def favicon(colour: str) -> bytes:
    """An ICO file: a rounded square in ``colour`` (``#rrggbb``) with a white waypoint marker."""
    out = io.BytesIO()
    _pin(colour, 192, full_bleed=False).save(
        out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)]
    )
    return out.getvalue()


#: The sizes of the installed app's icons (what browsers ask a web app manifest for).
APP_ICON_SIZES = (192, 512)


@lru_cache(maxsize=32)
def app_icon(colour: str, size: int, *, maskable: bool = False) -> bytes:
    """A PNG icon of the installable portal, in the region's colour."""
    out = io.BytesIO()
    _pin(colour, size, full_bleed=maskable).save(out, format="PNG", optimize=True)
    return out.getvalue()
