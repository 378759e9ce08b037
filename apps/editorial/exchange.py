"""Translation files: export work for a language as XLIFF 1.2 or PO, import it back.

An import is all or nothing. Every problem is reported with its line number, and if there is
any problem nothing changes. Each file records, per item, the fingerprint of the source text it
was made from and the version of the translation at export time — so an imported translation
of an older original is known to be outdated, and a translation changed in the browser after
the export is never silently overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import polib
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from apps.accounts.rules import LanguageScope
from apps.editorial import services
from apps.editorial.models import EditorialContent, ItemStatus, Translation
from apps.editorial.registry import UnknownContentType, type_for_key

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
WAYPOINT_NS = "urn:waypoint:translation:1"
NSMAP = {None: XLIFF_NS, "wp": WAYPOINT_NS}


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


def _unit_id(item: EditorialContent, name: str) -> str:
    return f"{item._meta.label_lower}/{item.pk}/{name}"


def _translation_map(
    items: list[EditorialContent], language: str
) -> dict[tuple[int, int], Translation]:
    by_type = defaultdict(list)
    for item in items:
        by_type[ContentType.objects.get_for_model(item).pk].append(item.pk)
    rows = {}
    for content_type_id, ids in by_type.items():
        for row in Translation.objects.filter(
            content_type_id=content_type_id, object_id__in=ids, language=language
        ):
            rows[(content_type_id, row.object_id)] = row
    return rows


def _current_targets(
    item: EditorialContent, translation: Translation | None, language: str
) -> dict[str, str]:
    """What the translator starts from: their draft, else the live text, else nothing."""
    if translation is not None:
        return translation.draft
    return item.live_texts(language)


def _with_parts(items: list[EditorialContent]) -> list[EditorialContent]:
    """Fetch the parts (steps...) of all items at once rather than item by item."""
    by_model = defaultdict(list)
    for item in items:
        by_model[type(item)].append(item)
    for model, same in by_model.items():
        if model.parts:
            prefetch_related_objects(same, *(part.name for part in model.parts))
    return items


# --- export ------------------------------------------------------------------------------------


def export_xliff(items: list[EditorialContent], *, language: str, region) -> bytes:
    translations = _translation_map(_with_parts(items), language)
    root = etree.Element(f"{{{XLIFF_NS}}}xliff", nsmap=NSMAP, version="1.2")
    for item in items:
        translation = translations.get((ContentType.objects.get_for_model(item).pk, item.pk))
        file_element = etree.SubElement(
            root,
            f"{{{XLIFF_NS}}}file",
            {
                "original": f"{item._meta.label_lower}/{item.pk}",
                "source-language": region.source_language,
                "target-language": language,
                "datatype": "plaintext",
                f"{{{WAYPOINT_NS}}}fingerprint": item.source_fingerprint,
                f"{{{WAYPOINT_NS}}}version": str(translation.version if translation else 0),
            },
        )
        body = etree.SubElement(file_element, f"{{{XLIFF_NS}}}body")
        source_texts = item.source_texts()
        targets = _current_targets(item, translation, language)
        for text_unit in item.text_units():
            source_text = source_texts[text_unit.key]
            if not source_text:
                continue
            unit = etree.SubElement(
                body, f"{{{XLIFF_NS}}}trans-unit", id=_unit_id(item, text_unit.key)
            )
            unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            etree.SubElement(unit, f"{{{XLIFF_NS}}}source").text = source_text
            target = targets.get(text_unit.key, "")
            state = "translated" if target else "needs-translation"
            if translation is not None and translation.status == "machine":
                state = "needs-review-translation"
            etree.SubElement(unit, f"{{{XLIFF_NS}}}target", state=state).text = target
            etree.SubElement(unit, f"{{{XLIFF_NS}}}note").text = text_unit.label
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_po(items: list[EditorialContent], *, language: str, region) -> bytes:
    translations = _translation_map(_with_parts(items), language)
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
        version = translation.version if translation else 0
        source_texts = item.source_texts()
        targets = _current_targets(item, translation, language)
        for text_unit in item.text_units():
            source_text = source_texts[text_unit.key]
            if not source_text:
                continue
            entry = polib.POEntry(
                msgctxt=_unit_id(item, text_unit.key),
                msgid=source_text,
                msgstr=targets.get(text_unit.key, ""),
                comment=f"waypoint fingerprint={item.source_fingerprint} version={version}",
                tcomment=text_unit.label,
            )
            if translation is not None and translation.status == "machine":
                entry.flags.append("fuzzy")
            catalogue.append(entry)
    return str(catalogue).encode("utf-8")


# --- import ------------------------------------------------------------------------------------


def _parse_unit_id(value: str) -> tuple[str, int, str] | None:
    parts = (value or "").split("/")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


def parse_xliff(data: bytes, result: ImportResult) -> list[ImportedUnit]:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        result.problems.append(
            ImportProblem(
                error.lineno, _("The file is not valid XML: %(error)s") % {"error": error.msg}
            )
        )
        return []
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("version") != "1.2":
        result.problems.append(ImportProblem(root.sourceline, _("This is not an XLIFF 1.2 file.")))
        return []
    units = []
    for file_element in root.iter(f"{{{XLIFF_NS}}}file"):
        language = file_element.get("target-language", "")
        if result.language and language != result.language:
            result.problems.append(
                ImportProblem(
                    file_element.sourceline,
                    _("All parts of a file must have the same target language."),
                )
            )
        result.language = result.language or language
        fingerprint = file_element.get(f"{{{WAYPOINT_NS}}}fingerprint", "")
        version = file_element.get(f"{{{WAYPOINT_NS}}}version", "")
        if not fingerprint or not version.isdigit():
            result.problems.append(
                ImportProblem(
                    file_element.sourceline,
                    _(
                        "This part was not exported by Waypoint "
                        "(its fingerprint or version is missing)."
                    ),
                )
            )
            continue
        for unit in file_element.iter(f"{{{XLIFF_NS}}}trans-unit"):
            parsed = _parse_unit_id(unit.get("id", ""))
            if parsed is None:
                result.problems.append(
                    ImportProblem(
                        unit.sourceline, _("Unknown unit id “%(id)s”.") % {"id": unit.get("id", "")}
                    )
                )
                continue
            target = unit.find(f"{{{XLIFF_NS}}}target")
            text = "".join(target.itertext()) if target is not None else ""
            units.append(
                ImportedUnit(
                    unit.sourceline,
                    parsed[0],
                    parsed[1],
                    parsed[2],
                    text,
                    fingerprint,
                    int(version),
                )
            )
    return units


def parse_po(data: bytes, result: ImportResult) -> list[ImportedUnit]:
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
        parsed = _parse_unit_id(entry.msgctxt or "")
        meta = dict(
            part.split("=", 1)
            for part in (entry.comment or "").replace("waypoint ", "", 1).split()
            if "=" in part
        )
        if parsed is None or "fingerprint" not in meta or not meta.get("version", "").isdigit():
            result.problems.append(
                ImportProblem(
                    entry.linenum,
                    _("This entry was not exported by Waypoint (context or comment changed)."),
                )
            )
            continue
        # A fuzzy entry is a machine draft or unfinished: it does not count as translated.
        text = "" if "fuzzy" in entry.flags else entry.msgstr
        units.append(
            ImportedUnit(
                entry.linenum,
                parsed[0],
                parsed[1],
                parsed[2],
                text,
                meta["fingerprint"],
                int(meta["version"]),
            )
        )
    return units


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200]
    return "xliff" if head.startswith(b"<?xml") or head.startswith(b"<xliff") else "po"


def _items_of(grouped: dict, region, language: str) -> tuple[dict, dict]:
    """The items a file names, with their parts and translations, a few queries per type."""
    ids_by_model = defaultdict(set)
    for type_key, pk in grouped:
        try:
            ids_by_model[type_for_key(type_key).model].add(pk)
        except UnknownContentType:
            continue  # reported with the file's line by the caller
    items = {}
    for model, ids in ids_by_model.items():
        found = list(model.objects.filter(region=region, pk__in=ids).select_related("region"))
        for item in _with_parts(found):
            items[(model, item.pk)] = item
    return items, _translation_map(list(items.values()), language)


def import_file(data: bytes, *, region, user) -> ImportResult:
    """Validate every unit; apply all of them, or — if anything is wrong — none."""
    result = ImportResult()
    units = parse_xliff(data, result) if _sniff(data) == "xliff" else parse_po(data, result)
    language = result.language
    if not result.problems and not region.enables(language):
        result.problems.append(
            ImportProblem(
                None,
                _("The file's target language “%(code)s” is not enabled in this region.")
                % {"code": language},
            )
        )
    elif not result.problems and language == region.source_language:
        result.problems.append(
            ImportProblem(None, _("The file's target language is the source language."))
        )
    elif not result.problems and not user.has_perm(
        "editorial.translate", LanguageScope(region, language)
    ):
        result.problems.append(ImportProblem(None, _("You may not translate into this language.")))
    if result.problems:
        return result

    grouped: dict[tuple[str, int], list[ImportedUnit]] = defaultdict(list)
    for unit in units:
        grouped[(unit.type_key, unit.pk)].append(unit)
    items, translations = _items_of(grouped, region, language)
    plans = []
    for (type_key, pk), item_units in grouped.items():
        first_line = item_units[0].line
        try:
            model = type_for_key(type_key).model
        except UnknownContentType:
            result.problems.append(
                ImportProblem(
                    first_line, _("Unknown content type “%(type)s”.") % {"type": type_key}
                )
            )
            continue
        item = items.get((model, pk))
        if item is None or item.status == ItemStatus.DRAFT:
            result.problems.append(
                ImportProblem(
                    first_line,
                    _("Item %(id)s does not exist (any more) in this region.")
                    % {"id": f"{type_key}/{pk}"},
                )
            )
            continue
        texts = {}
        text_units = {text_unit.key: text_unit for text_unit in item.text_units()}
        for unit in item_units:
            if unit.field not in text_units:
                result.problems.append(
                    ImportProblem(
                        unit.line, _("Unknown field “%(field)s”.") % {"field": unit.field}
                    )
                )
                continue
            limit = text_units[unit.field].field.max_length
            if limit and len(unit.target) > limit:
                result.problems.append(
                    ImportProblem(
                        unit.line,
                        _("Too long: at most %(limit)d characters (this has %(length)d).")
                        % {"limit": limit, "length": len(unit.target)},
                    )
                )
            texts[unit.field] = unit.target
        if not any(text.strip() for text in texts.values()):
            continue  # nothing translated for this item: leave it alone
        source_texts = item.source_texts()
        for text_unit in text_units.values():
            if (
                text_unit.required
                and source_texts[text_unit.key]
                and not texts.get(text_unit.key, "").strip()
            ):
                result.problems.append(
                    ImportProblem(
                        first_line,
                        _("%(item)s: the field “%(field)s” is not translated.")
                        % {"item": item, "field": text_unit.label},
                    )
                )
        current = translations.get((ContentType.objects.get_for_model(model).pk, pk))
        exported_version = item_units[0].version
        if (current.version if current else 0) != exported_version:
            result.problems.append(
                ImportProblem(
                    first_line,
                    _(
                        "%(item)s: this translation was changed after the file was exported. "
                        "Export again and merge your work."
                    )
                    % {"item": item},
                )
            )
        plans.append((item, texts, item_units[0].fingerprint, exported_version))

    if result.problems:
        return result
    with transaction.atomic():
        for item, texts, source_fingerprint, version in plans:
            services.save_translation(
                item,
                language=language,
                texts=texts,
                user=user,
                base_version=version if version else None,
                done=True,
                source_fingerprint=source_fingerprint,
                action="translation_imported",
            )
            result.items.append(item)
    return result


def export_filename(region, language: str, file_format: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return f"waypoint-{region.slug}-{language}-{stamp}.{'xlf' if file_format == 'xliff' else 'po'}"
