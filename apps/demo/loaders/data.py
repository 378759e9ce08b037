"""Reading the demo data files under ``apps/demo/data/``, and picking values out of entries."""

from __future__ import annotations

import json
from pathlib import Path

from django.db.models import Model
from modeltranslation.utils import build_localized_fieldname

from apps.core.models import Region

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: {language: {slug: {field: text}}}: translations kept beside a data file, one file a language.
Overlays = dict[str, dict[str, dict]]


def read_data(name: str) -> dict:
    """The JSON file ``data/<name>``."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def read_overlays(folder: str) -> Overlays:
    """The translations in ``data/<folder>/<language>.json``, by language."""
    found = {}
    for path in sorted((DATA_DIR / folder).glob("*.json")):
        found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return found


def localized_columns(data: dict, *names: str) -> dict:
    """``{"name": {"de": ..., "ar": ...}}`` → ``{"name_de": ..., "name_ar": ...}``."""
    fields = {}
    for name in names:
        for code, text in data.get(name, {}).items():
            fields[build_localized_fieldname(name, code)] = text
    return fields


def plain(data: dict, *names: str) -> dict:
    """The values of those of ``names`` that ``data`` has."""
    return {name: data[name] for name in names if name in data}


def texts_in(entry: dict, fields: tuple[str, ...], language: str) -> dict[str, str]:
    """The entry's ``fields`` in ``language``; a field the entry leaves out is empty."""
    return {field: entry[field][language] if field in entry else "" for field in fields}


def pks_by_slug(model: type[Model], region: Region) -> dict[str, int]:
    """slug → primary key of the region's ``model`` objects (topics, documents, places...)."""
    return dict(model.objects.filter(region=region).values_list("slug", "pk"))
