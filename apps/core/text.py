"""Plain-text input, made the same whichever way it came in.

Browsers send the lines of a ``<textarea>`` separated by CR LF, translation tools and the API
mostly by LF. Stored texts use LF only, so that an unchanged text compares equal to itself, a
fingerprint does not change with the browser, and no file we write carries a stray ``&#13;``.
"""

from __future__ import annotations

from typing import Any


def normalise_newlines(text: str) -> str:
    """CR LF and lone CR → LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def normalised(value: Any) -> Any:
    """``value`` with every string in it (in dicts and lists too) using LF line ends only."""
    if isinstance(value, str):
        return normalise_newlines(value)
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(normalised(item) for item in value)
    return value
