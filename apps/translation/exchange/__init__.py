"""Translation files: export work for a language as XLIFF 1.2 or PO, import it back.

An import is all or nothing. Every problem is reported with its line number, and if there is
any problem nothing changes. Each file records, per item, the fingerprint of the source text it
was made from and the version of the translation at export time — so an imported translation
of an older original is known to be outdated, and a translation changed in the browser after
the export is never silently overwritten.

This module loads what a file is about and applies an import; :mod:`.xliff` and :mod:`.po`
write and read the two formats, and :mod:`.checks` decides what an import would change.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from apps.editorial.models import EditorialContent
from apps.editorial.registry import UnknownContentType, type_for_key
from apps.translation import services
from apps.translation.exchange import checks, po, xliff
from apps.translation.exchange.units import ImportedUnit, ImportResult, NothingToExport
from apps.translation.models import Translation

__all__ = ["NothingToExport", "export_filename", "export_po", "export_xliff", "import_file"]

# --- export ------------------------------------------------------------------------------------


def export_xliff(items: list[EditorialContent], *, language: str, region) -> bytes:
    translations = _translation_map(_with_parts(items), language)
    return xliff.build(items, translations=translations, language=language, region=region)


def export_po(items: list[EditorialContent], *, language: str, region) -> bytes:
    translations = _translation_map(_with_parts(items), language)
    return po.build(items, translations=translations, language=language, region=region)


def export_filename(region, language: str, file_format: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return f"waypoint-{region.slug}-{language}-{stamp}.{'xlf' if file_format == 'xliff' else 'po'}"


# --- import ------------------------------------------------------------------------------------


def import_file(data: bytes, *, region, user) -> ImportResult:
    """Validate every unit; apply all of them, or — if anything is wrong — none."""
    result = ImportResult()
    units = xliff.parse(data, result) if _sniff(data) == "xliff" else po.parse(data, result)
    if not result.problems:
        result.problems += checks.language_problems(result.language, region=region, user=user)
    if result.problems:
        return result
    grouped = _by_item(units)
    items, translations = _items_of(grouped, region, result.language)
    plans = checks.plans(
        grouped, items=items, translations=translations, problems=result.problems,
        language=result.language,
    )  # fmt: skip
    if not result.problems:
        result.items = _apply(plans, language=result.language, user=user)
    return result


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200]
    return "xliff" if head.startswith(b"<?xml") or head.startswith(b"<xliff") else "po"


def _by_item(units: list[ImportedUnit]) -> checks.Grouped:
    grouped: checks.Grouped = defaultdict(list)
    for unit in units:
        grouped[(unit.type_key, unit.pk)].append(unit)
    return grouped


@transaction.atomic
def _apply(plans: list[checks.Plan], *, language: str, user) -> list[EditorialContent]:
    for plan in plans:
        services.save_translation(
            plan.item,
            language=language,
            texts=plan.texts,
            user=user,
            base_version=plan.version if plan.version else None,
            done=plan.done,
            source_fingerprint=plan.source_fingerprint,
            action="translation_imported",
        )
    return [plan.item for plan in plans]


# --- loading what a file is about, a few queries per content type -------------------------------


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


def _with_parts(items: list[EditorialContent]) -> list[EditorialContent]:
    """Fetch the parts (steps...) of all items at once rather than item by item."""
    by_model = defaultdict(list)
    for item in items:
        by_model[type(item)].append(item)
    for model, same in by_model.items():
        if model.parts:
            prefetch_related_objects(same, *(part.name for part in model.parts))
    return items


def _items_of(grouped: checks.Grouped, region, language: str) -> tuple[dict, dict]:
    """The items a file names, with their parts and translations, a few queries per type."""
    ids_by_model = defaultdict(set)
    for type_key, pk in grouped:
        try:
            ids_by_model[type_for_key(type_key).model].add(pk)
        except UnknownContentType:
            continue  # reported with the file's line by checks.plans
    items = {}
    for model, ids in ids_by_model.items():
        found = list(model.objects.filter(region=region, pk__in=ids).select_related("region"))
        for item in _with_parts(found):
            items[(model, item.pk)] = item
    return items, _translation_map(list(items.values()), language)
