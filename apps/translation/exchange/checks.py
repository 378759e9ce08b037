"""What an import checks before it changes anything: that the person may translate into the
file's language, and, per item, that the item exists, every field is known and fits, every
required field is translated and nobody changed the translation since the export.

An item whose targets the file leaves as they were exported changes nothing — its state stays
(an outdated translation stays outdated) — unless the file confirms a translation that needed
review (XLIFF state no longer "needs-review-…", PO entry no longer fuzzy)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from apps.accounts.rules import LanguageScope
from apps.editorial.models import EditorialContent, ItemStatus, TextUnit
from apps.editorial.registry import UnknownContentType, type_for_key
from apps.translation.exchange.units import (
    ImportedUnit,
    ImportProblem,
    current_targets,
    needs_review,
)
from apps.translation.models import Translation
from apps.translation.services import clean_text

#: The units of a file by item: ``(type key, pk) → units``, in the file's order.
Grouped = dict[tuple[str, int], list[ImportedUnit]]


@dataclass(frozen=True)
class Plan:
    """What importing one item's part of a file saves, once the whole file is found valid."""

    item: EditorialContent
    texts: dict[str, str]
    source_fingerprint: str
    version: int  # of the translation when the file was exported; 0 if there was none
    done: bool  # every translated text is confirmed: ready for review


def language_problems(language: str, *, region, user) -> list[ImportProblem]:
    """Whether ``user`` may import a file in ``language`` into ``region`` (the first reason not)."""
    if not region.enables(language):
        message = _("The file's target language “%(code)s” is not enabled in this region.") % {
            "code": language
        }
    elif language == region.source_language:
        message = _("The file's target language is the source language.")
    elif not user.has_perm("editorial.translate", LanguageScope(region, language)):
        message = _("You may not translate into this language.")
    else:
        return []
    return [ImportProblem(None, message)]


def plans(
    grouped: Grouped,
    *,
    items: dict[tuple[type, int], EditorialContent],
    translations: dict[tuple[int, int], Translation],
    problems: list[ImportProblem],
    language: str,
) -> list[Plan]:
    """A plan for each item the file translates; every problem found is added to ``problems``.

    ``items`` and ``translations`` are what the file names, loaded beforehand (see
    ``exchange._items_of``), so checking costs no query per item.
    """
    found = []
    for (type_key, pk), units in grouped.items():
        item = _item(type_key, pk, units[0].line, items, problems)
        if item is None:
            continue
        plan = _plan(item, units, translations, problems, language)
        if plan is not None:
            found.append(plan)
    return found


def _item(type_key: str, pk: int, line, items: dict, problems: list) -> EditorialContent | None:
    try:
        model = type_for_key(type_key).model
    except UnknownContentType:
        problems.append(
            ImportProblem(line, _("Unknown content type “%(type)s”.") % {"type": type_key})
        )
        return None
    item = items.get((model, pk))
    if item is None or item.status == ItemStatus.DRAFT:
        problems.append(
            ImportProblem(
                line,
                _("Item %(id)s does not exist (any more) in this region.")
                % {"id": f"{type_key}/{pk}"},
            )
        )
        return None
    return item


def _plan(
    item: EditorialContent,
    units: list[ImportedUnit],
    translations: dict[tuple[int, int], Translation],
    problems: list[ImportProblem],
    language: str,
) -> Plan | None:
    first_line = units[0].line
    text_units = {text_unit.key: text_unit for text_unit in item.text_units()}
    texts = _texts(units, text_units, problems)
    if not any(text.strip() for text in texts.values()):
        return None  # nothing translated for this item: leave it alone
    current = translations.get((ContentType.objects.get_for_model(type(item)).pk, item.pk))
    before = current_targets(item, current, language)
    changed = any(text != before.get(key, "") for key, text in texts.items())
    done = all(unit.confirmed for unit in units if unit.target.strip())
    if not changed and not (done and needs_review(item, current)):
        return None  # as exported: the translation and its state stay as they are
    if done:
        problems += _untranslated(item, text_units, texts, first_line)
    exported_version = units[0].version
    if (current.version if current else 0) != exported_version:
        problems.append(
            ImportProblem(
                first_line,
                _(
                    "%(item)s: this translation was changed after the file was exported. "
                    "Export again and merge your work."
                )
                % {"item": item},
            )
        )
    return Plan(item, texts, units[0].fingerprint, exported_version, done)


def _texts(
    units: list[ImportedUnit], text_units: dict[str, TextUnit], problems: list[ImportProblem]
) -> dict[str, str]:
    """The file's texts by unit key; unknown fields and texts too long for theirs are problems."""
    texts = {}
    for unit in units:
        if unit.field not in text_units:
            problems.append(
                ImportProblem(unit.line, _("Unknown field “%(field)s”.") % {"field": unit.field})
            )
            continue
        # Titles and names are kept on one line, without control or invisible-only characters.
        target = clean_text(text_units[unit.field], unit.target)
        limit = text_units[unit.field].field.max_length
        if limit and len(target) > limit:
            problems.append(
                ImportProblem(
                    unit.line,
                    _("Too long: at most %(limit)d characters (this has %(length)d).")
                    % {"limit": limit, "length": len(target)},
                )
            )
        texts[unit.field] = target
    return texts


def _untranslated(
    item: EditorialContent, text_units: dict[str, TextUnit], texts: dict[str, str], line
) -> list[ImportProblem]:
    """A required field with an original but no translation, one problem per field."""
    source_texts = item.source_texts()
    return [
        ImportProblem(
            line,
            _("%(item)s: the field “%(field)s” is not translated.")
            % {"item": item, "field": text_unit.label},
        )
        for text_unit in text_units.values()
        if text_unit.required
        and source_texts[text_unit.key]
        and not texts.get(text_unit.key, "").strip()
    ]
