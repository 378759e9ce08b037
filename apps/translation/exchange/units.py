"""What translation files carry: units named by item and field, and what an import found."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.core.text import normalise_newlines
from apps.editorial.models import EditorialContent
from apps.translation.models import Translation, TranslationStatus


class NothingToExport(ValueError):
    """No item matches what was asked for: a file with nothing in it is no file."""


@dataclass
class ImportProblem:
    line: int | None
    message: str


@dataclass
class ImportedUnit:
    line: int | None
    type_key: str
    pk: int
    field: str
    target: str
    fingerprint: str
    version: int
    #: Whether the file says the target is done: XLIFF's state is not "needs review…", the PO
    #: entry is not fuzzy. An unchanged target that still needs review changes nothing.
    confirmed: bool = True


@dataclass
class ImportResult:
    language: str = ""
    problems: list[ImportProblem] = field(default_factory=list)
    items: list[EditorialContent] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def unit_id(item: EditorialContent, name: str) -> str:
    """``articles.article/12/title``: the content type, the item and the translation unit."""
    return f"{item._meta.label_lower}/{item.pk}/{name}"


def parse_unit_id(value: str) -> tuple[str, int, str] | None:
    parts = (value or "").split("/")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


def current_targets(
    item: EditorialContent, translation: Translation | None, language: str
) -> dict[str, str]:
    """What the translator starts from: their draft, else the live text, else nothing."""
    texts = translation.draft if translation is not None else item.live_texts(language)
    return {key: normalise_newlines(text or "") for key, text in texts.items()}


def source_texts(item: EditorialContent) -> dict[str, str]:
    return {key: normalise_newlines(text or "") for key, text in item.source_texts().items()}


def needs_review(item: EditorialContent, translation: Translation | None) -> bool:
    """A translation to look at again before it counts: made from an older original
    (outdated), or a machine draft."""
    return translation is not None and (
        translation.source_fingerprint != item.source_fingerprint
        or translation.status == TranslationStatus.MACHINE
    )
