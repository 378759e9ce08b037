"""Merging two people's edits of one item, field by field.

When an editor saves a text that someone else changed since the editor opened it, the three
versions are compared per field: the revision the editor started from (*base*), the newer one
(*theirs*) and the editor's (*mine*). A field only one side changed takes that side's value by
itself; a field both changed the same way is simply the same; a field both changed differently
is a *conflict*, and the editor chooses — keep mine or take theirs — having seen both. A part's
rows (a procedure's steps) are merged row by row, by uid, where that is unambiguous; otherwise
the part as a whole is one conflict.

Every revision form uses this through :func:`apps.editorial.services.save_revision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import cached_property

from apps.core.text import normalised
from apps.editorial.models import EditorialContent, Revision


class Outcome(StrEnum):
    SAME = "same"  # neither changed it, or both the same way
    MINE = "mine"  # only the editor changed it
    THEIRS = "theirs"  # only the other person changed it: taken from them
    COMBINED = "combined"  # both changed different rows of a part: both kept
    CONFLICT = "conflict"  # both changed it differently: the editor chooses


MINE, THEIRS = Outcome.MINE.value, Outcome.THEIRS.value


@dataclass(frozen=True)
class FieldMerge:
    name: str  # the key in revision data
    outcome: Outcome
    base: Any
    theirs: Any
    mine: Any


@dataclass(frozen=True)
class Resolution:
    """What the editor decided after seeing a conflict: the newest revision they were shown
    (``seen``) and, per conflicting field, ``"mine"`` or ``"theirs"``."""

    seen: int | None = None
    choices: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Merge:
    model: type[EditorialContent]
    latest: Revision  # theirs
    fields: list[FieldMerge]
    data: dict  # merged; a conflicting field holds the editor's value until they choose

    @property
    def conflicts(self) -> list[FieldMerge]:
        return [entry for entry in self.fields if entry.outcome == Outcome.CONFLICT]

    @property
    def taken(self) -> list[FieldMerge]:
        """The fields that have the other person's changes without asking."""
        return [
            entry for entry in self.fields if entry.outcome in (Outcome.THEIRS, Outcome.COMBINED)
        ]

    def resolved(self, resolution: Resolution | None) -> dict | None:
        """The merged data with the editor's choices, or None while a conflict is undecided or
        the choices were made against an older revision than the newest."""
        if not self.conflicts:
            return self.data
        if resolution is None or resolution.seen != self.latest.number:
            return None
        data = dict(self.data)
        for entry in self.conflicts:
            choice = resolution.choices.get(entry.name)
            if choice not in (MINE, THEIRS):
                return None
            data[entry.name] = entry.theirs if choice == THEIRS else entry.mine
        return data

    @cached_property
    def report(self):
        """What the editor is shown: each field's changes on both sides, as word diffs."""
        from apps.editorial.diff import merge_report

        return merge_report(self)


def merge(
    model: type[EditorialContent], *, base: dict | None, latest: Revision, mine: dict
) -> Merge:
    """Three-way merge of revision data, per field of ``model`` and per part row."""
    base, theirs, mine = normalised(base or {}), normalised(latest.data), normalised(mine)
    names = [*model.translatable_fields, *model.revisioned_fields]
    parts = {part.name: part for part in model.parts}
    names += [name for name in parts if name not in names]
    names += [name for name in mine if name not in names]  # anything else the form sent
    fields, data = [], {}
    for name in names:
        old, their, my = base.get(name), theirs.get(name), mine.get(name)
        outcome, value = _three_way(old, their, my)
        if outcome == Outcome.CONFLICT and name in parts:
            rows = _merge_rows(old or [], their or [], my or [])
            if rows is not None:
                outcome, value = Outcome.COMBINED, rows
        fields.append(FieldMerge(name, outcome, old, their, my))
        data[name] = value
    return Merge(model=model, latest=latest, fields=fields, data=data)


def _three_way(old, their, my) -> tuple[Outcome, Any]:
    if their == my:
        return Outcome.SAME, my
    if their == old:
        return Outcome.MINE, my
    if my == old:
        return Outcome.THEIRS, their
    return Outcome.CONFLICT, my


def _merge_rows(old: list[dict], their: list[dict], my: list[dict]) -> list[dict] | None:
    """Both sides changed a part: merge its rows by uid, or None where they collide (the same
    row changed differently, changed by one and removed by the other, moved by both)."""
    by_uid = [{row["uid"]: row for row in rows} for rows in (old, their, my)]
    old_rows, their_rows, my_rows = by_uid
    kept: dict[str, dict] = {}
    for uid in {*old_rows, *their_rows, *my_rows}:
        before, theirs, mine = old_rows.get(uid), their_rows.get(uid), my_rows.get(uid)
        if before is None:  # added on one side (uids are new for each added row)
            kept[uid] = theirs if theirs is not None else mine
            if theirs is not None and mine is not None and theirs != mine:
                return None
        elif theirs is None or mine is None:  # removed on one side or both
            remaining = theirs if theirs is not None else mine
            if remaining is not None and remaining != before:
                return None  # changed by one, removed by the other
        else:
            row = {}
            for key in {*before, *theirs, *mine}:
                outcome, value = _three_way(before.get(key), theirs.get(key), mine.get(key))
                if outcome == Outcome.CONFLICT:
                    return None
                row[key] = value
            kept[uid] = row
    order = _order([row["uid"] for row in old], [row["uid"] for row in their],
                   [row["uid"] for row in my], set(kept))  # fmt: skip
    if order is None:
        return None
    return [{"uid": uid, **{k: v for k, v in kept[uid].items() if k != "uid"}} for uid in order]


def _order(old: list[str], their: list[str], my: list[str], kept: set[str]) -> list[str] | None:
    """The rows in order: whichever side moved rows gives the order; the other side's new rows
    follow the row they followed there. None if both moved rows differently."""
    common = kept & set(old) & set(their) & set(my)
    relative = [[uid for uid in rows if uid in common] for rows in (old, their, my)]
    if relative[1] == relative[0]:
        backbone, other = my, their
    elif relative[2] in (relative[0], relative[1]):
        backbone, other = their, my
    else:
        return None
    result = [uid for uid in backbone if uid in kept]
    for index, uid in enumerate(other):
        if uid in kept and uid not in result:
            before = next((other[j] for j in range(index - 1, -1, -1) if other[j] in result), None)
            result.insert(result.index(before) + 1 if before else 0, uid)
    return result
