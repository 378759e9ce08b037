"""Fingerprints of source texts: the identity of "what a translation was made from"."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping

_SPACES = re.compile(r"[ \t\u00a0]+")


def normalise(text: str) -> str:
    """Ignore differences no translator needs to know about: line endings and spacing."""
    lines = (
        _SPACES.sub(" ", line).strip() for line in (text or "").replace("\r\n", "\n").split("\n")
    )
    return "\n".join(lines).strip()


def fingerprint(texts: Mapping[str, str], fields: Iterable[str]) -> str:
    payload = json.dumps(
        [[field, normalise(texts.get(field, ""))] for field in fields], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()
