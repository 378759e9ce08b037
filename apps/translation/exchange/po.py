"""PO (gettext): one entry per text, its context the unit id, and a comment recording the source
fingerprint and translation version it was exported with. Machine drafts and outdated
translations are exported fuzzy: an entry that stays fuzzy and unchanged changes nothing."""

from __future__ import annotations

import polib
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.editorial.models import EditorialContent
from apps.translation.exchange.units import (
    ImportedUnit,
    ImportProblem,
    ImportResult,
    NothingToExport,
    current_targets,
    needs_review,
    parse_unit_id,
    source_texts,
    unit_id,
)
from apps.translation.models import Translation

# --- writing -----------------------------------------------------------------------------------


def build(
    items: list[EditorialContent],
    *,
    translations: dict[tuple[int, int], Translation],
    language: str,
    region,
) -> bytes:
    if not items:
        raise NothingToExport
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "Waypoint",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Waypoint-Region": region.slug,
        "X-Waypoint-Source-Language": region.source_language,
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
    }
    for item in items:
        translation = translations.get((ContentType.objects.get_for_model(item).pk, item.pk))
        for entry in _entries(item, translation, language):
            catalogue.append(entry)
    return str(catalogue).encode("utf-8")


def _entries(
    item: EditorialContent, translation: Translation | None, language: str
) -> list[polib.POEntry]:
    version = translation.version if translation else 0
    sources = source_texts(item)
    targets = current_targets(item, translation, language)
    review = needs_review(item, translation)
    entries = []
    for text_unit in item.text_units():
        source_text = sources[text_unit.key]
        if not source_text:
            continue
        entry = polib.POEntry(
            msgctxt=unit_id(item, text_unit.key),
            msgid=source_text,
            msgstr=targets.get(text_unit.key, ""),
            comment=f"waypoint fingerprint={item.source_fingerprint} version={version}",
            tcomment=text_unit.label,
        )
        if review and entry.msgstr:
            entry.flags.append("fuzzy")
        entries.append(entry)
    return entries


# --- reading -----------------------------------------------------------------------------------


def parse(data: bytes, result: ImportResult) -> list[ImportedUnit]:
    """The units of a PO file; problems (with their lines) go into ``result``."""
    try:
        catalogue = polib.pofile(data.decode("utf-8"))
    except UnicodeDecodeError:
        result.problems.append(ImportProblem(None, _("The file is not UTF-8 encoded.")))
        return []
    except (OSError, ValueError) as error:
        result.problems.append(
            ImportProblem(None, _("The file is not a valid PO file: %(error)s") % {"error": error})
        )
        return []
    result.language = catalogue.metadata.get("Language", "")
    units = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        unit = _unit(entry)
        if unit is None:
            result.problems.append(
                ImportProblem(
                    entry.linenum,
                    _("This entry was not exported by Waypoint (context or comment changed)."),
                )
            )
            continue
        units.append(unit)
    return units


def _unit(entry: polib.POEntry) -> ImportedUnit | None:
    """The unit of one entry, or None if its context or Waypoint's comment was changed."""
    parsed = parse_unit_id(entry.msgctxt or "")
    meta = dict(
        part.split("=", 1)
        for part in (entry.comment or "").replace("waypoint ", "", 1).split()
        if "=" in part
    )
    if parsed is None or "fingerprint" not in meta or not meta.get("version", "").isdigit():
        return None
    # A fuzzy entry is a machine draft, outdated or unfinished: not done until unflagged.
    return ImportedUnit(
        entry.linenum, *parsed, entry.msgstr, meta["fingerprint"], int(meta["version"]),
        confirmed="fuzzy" not in entry.flags,
    )  # fmt: skip
