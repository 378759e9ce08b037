"""Fingerprints of source texts: the identity of "what a translation was made from".

Editorial computes them, when a revision is saved and when it is published (the item's
``source_fingerprint``); :mod:`apps.translation` only compares the fingerprints it stored with
them, in SQL.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping

from apps.editorial.models import EditorialContent, part_key

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


def revision_texts(model: type[EditorialContent], data: dict) -> dict[str, str]:
    """The translation units of revision data, by key (see ``EditorialContent.text_units``)."""
    texts = {name: data.get(name, "") for name in model.translatable_fields}
    for part in model.parts:
        for row in data.get(part.name, []):
            for name in part.translatable_fields:
                texts[part_key(part.name, row["uid"], name)] = row.get(name, "")
    return texts


def texts_fingerprint(model: type[EditorialContent], data: dict) -> str:
    """Parts are taken in a fixed order (by key), so reordering rows outdates no translation."""
    texts = revision_texts(model, data)
    own = list(model.translatable_fields)
    return fingerprint(texts, own + sorted(key for key in texts if key not in own))
