"""What translation files carry: units named by item and field, and what an import found."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.editorial.models import EditorialContent
from apps.translation.models import Translation


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
    if translation is not None:
        return translation.draft
    return item.live_texts(language)
