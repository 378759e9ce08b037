"""Word-level differences between two versions of an item, for reviewers."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.editorial.models import EditorialContent

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString
    changed: bool


def diff_text(old: str, new: str) -> SafeString:
    """Old and new text as HTML with <del> and <ins>; a change of several words reads as one."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    chunks: list[list] = []  # [kind, removed, added] with kind "same" or "changed"
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            chunks.append(["same", removed, removed])
        elif chunks and chunks[-1][0] == "changed":
            chunks[-1][1] += removed
            chunks[-1][2] += added
        else:
            chunks.append(["changed", removed, added])
    # Absorb lone spaces between two changes, so "Wohnung anmelden" → "Titel von Aylin" is one
    # replacement rather than a patchwork.
    merged: list[list] = []
    for chunk in chunks:
        if (
            chunk[0] == "changed"
            and len(merged) >= 2
            and merged[-1][0] == "same"
            and not merged[-1][1].strip()
            and merged[-2][0] == "changed"
        ):
            space = merged.pop()[1]
            merged[-1][1] += space + chunk[1]
            merged[-1][2] += space + chunk[2]
        else:
            merged.append(chunk)
    parts = []
    for kind, removed, added in merged:
        if kind == "same":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _display(model: type[EditorialContent], name: str, value) -> str:
    field = model._meta.get_field(name)
    if field.many_to_many or isinstance(field, models.ForeignKey):
        ids = value if isinstance(value, list) else [value] if value else []
        objects = field.related_model.objects.in_bulk(ids)
        return ", ".join(sorted(str(objects[pk]) for pk in ids if pk in objects))
    if field.choices and value:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    return "" if value is None else str(value)


def _field_diff(label: str, before: str, after: str) -> FieldDiff:
    return FieldDiff(label=label, html=diff_text(before, after), changed=before != after)


def diff_data(model: type[EditorialContent], old: dict | None, new: dict) -> list[FieldDiff]:
    old = old or {}
    diffs = []
    for name in (*model.translatable_fields, *model.revisioned_fields):
        diffs += diff_field(model, name, old.get(name), new.get(name))
    for part in model.parts:
        diffs += diff_field(model, part.name, old.get(part.name), new.get(part.name))
    return diffs


def diff_field(model: type[EditorialContent], name: str, old, new) -> list[FieldDiff]:
    """One field's difference; a part (steps) gives one per row and field, and the order."""
    part = next((part for part in model.parts if part.name == name), None)
    if part is not None:
        return _part_diffs(part, old or [], new or [])
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # revision data the model no longer has
        return []
    return [_field_diff(label, _display(model, name, old), _display(model, name, new))]


@dataclass(frozen=True)
class MergedField:
    name: str
    label: str
    theirs: list[FieldDiff]  # what the other person changed, from the common start
    mine: list[FieldDiff]  # what the editor changed


def merge_report(merge) -> dict[str, list[MergedField]]:
    """For the editor after a conflict: the fields to decide, and those taken automatically."""

    def entry(field) -> MergedField:
        theirs = [d for d in diff_field(merge.model, field.name, field.base, field.theirs)
                  if d.changed]  # fmt: skip
        mine = [d for d in diff_field(merge.model, field.name, field.base, field.mine) if d.changed]
        label = theirs[0].label if len(theirs) == 1 else _label(merge.model, field.name)
        return MergedField(field.name, label, theirs, mine)

    return {
        "conflicts": [entry(field) for field in merge.conflicts],
        "taken": [entry(field) for field in merge.taken],
    }


def _label(model: type[EditorialContent], name: str) -> str:
    part = next((part for part in model.parts if part.name == name), None)
    if part is not None:
        return str(part.model_class._meta.verbose_name_plural)
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _part_diffs(part, old_rows: list[dict], new_rows: list[dict]) -> list[FieldDiff]:
    """Rows are matched by uid: a row's texts are compared with its own earlier texts, wherever
    it moved; an added or removed row shows as all new or all gone; a move shows as the order."""
    part_model = part.model_class
    old_by_uid = {row["uid"]: row for row in old_rows}
    new_uids = {row["uid"] for row in new_rows}
    name_field = part.translatable_fields[0]
    diffs = []
    numbered = [
        (part.numbered(n), row, old_by_uid.get(row["uid"], {})) for n, row in enumerate(new_rows, 1)
    ]
    numbered += [
        (part.numbered(n), {}, row)
        for n, row in enumerate(old_rows, 1)
        if row["uid"] not in new_uids
    ]
    for label, after, before in numbered:
        for name in (*part.translatable_fields, *part.revisioned_fields):
            diffs.append(
                _field_diff(
                    f"{label} · {part_model._meta.get_field(name).verbose_name}",
                    _display(part_model, name, before.get(name)),
                    _display(part_model, name, after.get(name)),
                )
            )
    # The order is that of the rows kept on both sides, by uid: a renamed row has not moved.
    # Both sides are shown with the rows' new names, so only a move shows as a change.
    new_by_uid = {row["uid"]: row for row in new_rows}
    old_uids = [row["uid"] for row in old_rows if row["uid"] in new_by_uid]
    new_uids_kept = [row["uid"] for row in new_rows if row["uid"] in old_by_uid]
    diffs.append(
        FieldDiff(
            label=str(_("Order")),
            html=diff_text(
                "\n".join(new_by_uid[uid].get(name_field, "") for uid in old_uids),
                "\n".join(new_by_uid[uid].get(name_field, "") for uid in new_uids_kept),
            ),
            changed=old_uids != new_uids_kept,
        )
    )
    return diffs
