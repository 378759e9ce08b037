"""XLIFF 1.2: one ``<file>`` per item, recording the source fingerprint and translation version
it was exported with (in Waypoint's own namespace), one ``<trans-unit>`` per text.

A target's ``state`` says what it is: ``needs-translation`` (empty), ``needs-review-translation``
(an outdated translation or a machine draft: the original changed, look again), ``translated``,
``final`` (published). Texts are plain (Markdown): inline codes such as ``<g>`` or ``<x/>`` that
a tool adds are refused on import with their line, never silently dropped; ``<mrk>`` (a tool's
segment marker) keeps its text."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from lxml import etree

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
from apps.translation.models import Translation, TranslationStatus

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
WAYPOINT_NS = "urn:waypoint:translation:1"
NSMAP = {None: XLIFF_NS, "wp": WAYPOINT_NS}
#: Target states that ask for another look: such a target counts only once its state changes.
NEEDS_REVIEW = ("needs-review-translation", "needs-review-l10n", "needs-review-adaptation")


def _tag(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


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
    root = etree.Element(_tag("xliff"), nsmap=NSMAP, version="1.2")
    for item in items:
        translation = translations.get((ContentType.objects.get_for_model(item).pk, item.pk))
        _add_file(root, item, translation, language=language, region=region)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_file(root, item: EditorialContent, translation: Translation | None, *, language, region):
    file_element = etree.SubElement(
        root,
        _tag("file"),
        {
            "original": f"{item._meta.label_lower}/{item.pk}",
            "source-language": region.source_language,
            "target-language": language,
            "datatype": "plaintext",
            f"{{{WAYPOINT_NS}}}fingerprint": item.source_fingerprint,
            f"{{{WAYPOINT_NS}}}version": str(translation.version if translation else 0),
        },
    )
    body = etree.SubElement(file_element, _tag("body"))
    sources = source_texts(item)
    targets = current_targets(item, translation, language)
    review = needs_review(item, translation)
    for text_unit in item.text_units():
        source_text = sources[text_unit.key]
        if not source_text:
            continue
        unit = etree.SubElement(body, _tag("trans-unit"), id=unit_id(item, text_unit.key))
        unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        etree.SubElement(unit, _tag("source")).text = source_text
        target = targets.get(text_unit.key, "")
        etree.SubElement(
            unit, _tag("target"), state=_state(target, translation, review)
        ).text = target
        etree.SubElement(unit, _tag("note")).text = text_unit.label


def _state(target: str, translation: Translation | None, review: bool) -> str:
    if not target:
        return "needs-translation"
    if review:
        return "needs-review-translation"
    if translation is not None and translation.status == TranslationStatus.PUBLISHED:
        return "final"
    return "translated"


# --- reading -----------------------------------------------------------------------------------


def parse(data: bytes, result: ImportResult) -> list[ImportedUnit]:
    """The units of an XLIFF file; problems (with their lines) go into ``result``."""
    root = _root(data, result)
    if root is None:
        return []
    units = []
    for file_element in root.iter(_tag("file")):
        units += _file_units(file_element, result)
    return units


def _root(data: bytes, result: ImportResult):
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
        return None
    if root.tag != _tag("xliff") or root.get("version") != "1.2":
        result.problems.append(ImportProblem(root.sourceline, _("This is not an XLIFF 1.2 file.")))
        return None
    return root


def _file_units(file_element, result: ImportResult) -> list[ImportedUnit]:
    """The units of one ``<file>`` (one item), which must all be for the file's language."""
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
        return []
    units = []
    for unit in file_element.iter(_tag("trans-unit")):
        parsed = parse_unit_id(unit.get("id", ""))
        if parsed is None:
            result.problems.append(
                ImportProblem(
                    unit.sourceline, _("Unknown unit id “%(id)s”.") % {"id": unit.get("id", "")}
                )
            )
            continue
        target = unit.find(_tag("target"))
        text = _target_text(target, result) if target is not None else ""
        if text is None:
            continue
        confirmed = target is None or target.get("state", "") not in NEEDS_REVIEW
        units.append(
            ImportedUnit(unit.sourceline, *parsed, text, fingerprint, int(version), confirmed)
        )
    return units


def _target_text(target, result: ImportResult) -> str | None:
    """The target's text; None (and a problem) if it holds inline codes we cannot keep."""
    for element in target.iterdescendants():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction: no text of the translation
        name = etree.QName(element).localname
        if name != "mrk":
            result.problems.append(
                ImportProblem(
                    element.sourceline,
                    _(
                        "The translation contains the inline code <%(tag)s>, which Waypoint "
                        "cannot keep: the texts are plain text (Markdown). Remove the code, "
                        "keep its words, and import again."
                    )
                    % {"tag": name},
                )
            )
            return None
    return "".join(target.itertext())
