"""Revision data: what a revision keeps of a form's (or the API's) values, as JSON.

One spelling per value — an instant in UTC, an amount with its field's decimal places, texts
trimmed and with LF line ends — so that an unchanged text gives the same data again: saving it
makes no revision, and merging sees no change where there is none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from apps.core.text import normalise_newlines
from apps.editorial.models import EditorialContent


def _field(model: type[EditorialContent], name: str) -> models.Field:
    return model._meta.get_field(name)


def encode_value(model: type[EditorialContent], name: str, value: Any) -> Any:
    """A form or model value → JSON for a revision."""
    field = _field(model, name)
    if value is None and not field.null:  # "not given" is the field's empty value
        if isinstance(field, models.BooleanField):
            return bool(field.get_default())
        if isinstance(field, models.CharField | models.TextField):
            return ""
    if isinstance(field, models.JSONField) and isinstance(value, list | tuple):
        if all(isinstance(entry, str) for entry in value):
            return sorted(value)  # a set of choices (languages): one order
        return list(value)
    if field.many_to_many:
        return sorted(obj.pk if hasattr(obj, "pk") else int(obj) for obj in (value or []))
    if isinstance(field, models.FileField):
        return value.name if hasattr(value, "name") else (value or "")
    if isinstance(value, dt.datetime):
        # One spelling per instant, whichever time zone the form worked in.
        return (value.astimezone(dt.UTC) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        places = getattr(field, "decimal_places", None)
        return str(value.quantize(Decimal(1).scaleb(-places)) if places is not None else value)
    if isinstance(field, models.ForeignKey):
        return value.pk if hasattr(value, "pk") else value
    if isinstance(value, str):
        return normalise_newlines(value)
    return value


def revision_data(model: type[EditorialContent], values: dict) -> dict:
    """Keep only what revisions hold, JSON-encoded. Texts are the source language's.

    Parts come as a list of dicts per part name, each with its ``uid``, in the order shown."""
    data = {name: _text(values.get(name)) for name in model.translatable_fields}
    for name in model.revisioned_fields:
        data[name] = encode_value(model, name, values.get(name))
    for part in model.parts:
        rows = []
        for row in values.get(part.name) or []:
            encoded = {"uid": row["uid"]}
            encoded.update({name: _text(row.get(name)) for name in part.translatable_fields})
            for name in part.revisioned_fields:
                encoded[name] = encode_value(part.model_class, name, row.get(name))
            rows.append(encoded)
        data[part.name] = rows
    return data


def _text(value) -> str:
    return normalise_newlines((value or "").strip())
