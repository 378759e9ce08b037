"""Writes of the editorial workflow: revisions, review, publication, archive, the audit log.
Views and the API call only these; the writes of language versions are in
:mod:`apps.translation.services`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.text import normalised
from apps.editorial.encoding import _field, encode_value, revision_data
from apps.editorial.fingerprints import texts_fingerprint
from apps.editorial.merge import Merge, Resolution, merge
from apps.editorial.models import (
    AuditEvent,
    EditorialContent,
    ItemStatus,
    Revision,
    RevisionState,
    localized,
)
from apps.editorial.signals import content_published, live_content_changed
from apps.editorial.workflow import (
    NotAllowed,
    State,
    WorkflowError,
    is_own_content,
    performs,
    require,
    state_of,
)

__all__ = [
    "EditConflict", "NotAllowed", "Resolution", "WorkflowError", "encode_value", "revision_data",
]  # fmt: skip  # and the services below


class EditConflict(WorkflowError):
    """Someone saved a newer revision since the editor opened theirs, and both changed the same
    field: the editor must see the other change and choose, field by field (``merge``)."""

    def __init__(self, *, latest: Revision, base: Revision | None, merge: Merge):
        super().__init__(_("Someone else saved a newer version while you were editing."))
        self.latest = latest
        self.base = base
        self.merge = merge


@dataclass(frozen=True)
class Saved:
    """What saving did: the item's newest revision, whether this save made it (an unchanged
    text makes none) and, if someone saved in between, how the two edits were merged."""

    revision: Revision
    created: bool
    merge: Merge | None = None


# --- helpers -----------------------------------------------------------------------------------


def notify_live_change(item: EditorialContent) -> None:
    """Tell listeners (caches) now and again after commit, so that no other process can keep a
    view of the content it built between the change and the commit."""
    live_content_changed.send(sender=type(item), item=item)
    transaction.on_commit(lambda: live_content_changed.send(sender=type(item), item=item))


def content_type_of(item: EditorialContent | type[EditorialContent]) -> ContentType:
    return ContentType.objects.get_for_model(item)


def audit(
    item, actor, action: str, *, language: str = "", revision: int | None = None, comment: str = ""
):
    AuditEvent.objects.create(
        content_type=content_type_of(item),
        object_id=item.pk,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        language=language,
        revision=revision,
        comment=comment,
    )


def latest_revision(item: EditorialContent) -> Revision | None:
    return item.revisions.order_by("-number").first()


def published_revision(item: EditorialContent) -> Revision | None:
    return item.revisions.filter(state=RevisionState.PUBLISHED).order_by("-number").first()


def lock_item(item: EditorialContent) -> EditorialContent:
    """Serialise writers of one item (a row lock on PostgreSQL)."""
    return type(item).objects.select_for_update().select_related("region").get(pk=item.pk)


def _unique_slug(model: type[EditorialContent], region, title: str) -> str:
    base = slugify(title, allow_unicode=False)[:60] or model._meta.model_name
    slug, counter = base, 2
    while model.objects.filter(region=region, slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


# --- source text: revisions, review, publication --------------------------------------------


@transaction.atomic
def create_item(
    model: type[EditorialContent], *, region, organisation, data: dict, author, slug: str = ""
) -> EditorialContent:
    """A new item with its first revision, written by ``author`` for ``organisation``."""
    item = model(region=region, organisation=organisation, status=ItemStatus.DRAFT)
    require("save", State(item=item, latest=None, own=is_own_content(item)), author)
    if hasattr(item, "slug"):
        # The first translatable field is the item's name (title, term...).
        item.slug = slug or _unique_slug(model, region, data.get(model.translatable_fields[0], ""))
    item.save()
    revision = Revision.objects.create(
        content_type=content_type_of(model),
        object_id=item.pk,
        number=1,
        data=data,
        fingerprint=texts_fingerprint(model, data),
        author=author,
    )
    audit(item, author, "created", revision=revision.number)
    return item


def save_draft(
    item: EditorialContent,
    *,
    data: dict,
    author,
    base_number: int | None,
    resolution: Resolution | None = None,
) -> Revision:
    """The item's newest revision after saving the editor's text (see :func:`save_revision`)."""
    return save_revision(
        item, data=data, author=author, base_number=base_number, resolution=resolution
    ).revision


@transaction.atomic
def save_revision(
    item: EditorialContent,
    *,
    data: dict,
    author,
    base_number: int | None,
    resolution: Resolution | None = None,
) -> Saved:
    """Save the editor's text as a new draft revision; an unchanged text saves nothing.

    ``base_number`` is the revision the editor started from. If someone saved since, the two
    edits are merged field by field (:mod:`apps.editorial.merge`): what only one of them changed
    is kept from each; a field both changed differently raises :class:`EditConflict` until the
    editor, having seen the newest revision, chooses in ``resolution``. Nobody's change is ever
    overwritten unseen.
    """
    item = lock_item(item)
    require("save", state_of(item), author)
    data = normalised(data)
    latest = latest_revision(item)
    merged = None
    if latest is not None and base_number != latest.number:
        base = item.revisions.filter(number=base_number).first() if base_number else None
        merged = merge(type(item), base=base.data if base else None, latest=latest, mine=data)
        data = merged.resolved(resolution)
        if data is None:
            raise EditConflict(latest=latest, base=base, merge=merged)
    if latest is not None and _with_new_fields(type(item), normalised(latest.data), data) == data:
        return Saved(latest, created=False, merge=merged)  # nothing changed
    revision = Revision.objects.create(
        content_type=content_type_of(item),
        object_id=item.pk,
        number=(latest.number if latest else 0) + 1,
        data=data,
        fingerprint=texts_fingerprint(type(item), data),
        author=author,
    )
    audit(item, author, "saved", revision=revision.number)
    return Saved(revision, created=True, merge=merged)


def _with_new_fields(model, old: dict, new: dict) -> dict:
    """``old`` with the fields added to the model since it was saved (absent, or None where no
    value was known) at their defaults: a text saved unchanged after an upgrade is unchanged."""
    filled = dict(old)
    for name in [name for name in new if old.get(name) is None]:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        filled[name] = [] if field.many_to_many else normalised(field.get_default())
    return filled


def pending_revision(item: EditorialContent) -> Revision | None:
    """The newest revision if it is not published yet: the change waiting to go live."""
    latest = latest_revision(item)
    return latest if latest is not None and latest.state != RevisionState.PUBLISHED else None


@performs("submit")
def submit_for_review(item: EditorialContent, *, state: State, user) -> Revision:
    revision = state.pending
    revision.state = RevisionState.IN_REVIEW
    revision.save(update_fields=["state"])
    audit(item, user, "submitted", revision=revision.number)
    return revision


@performs("publish")
def publish(item: EditorialContent, *, state: State, user, comment: str = "") -> Revision:
    """Make the pending revision what migrants read. Translations made from an older source text
    become outdated by themselves: their fingerprint no longer matches."""
    revision = state.pending
    apply_revision(item, revision.data)
    now = timezone.now()
    new_fingerprint = texts_fingerprint(type(item), revision.data)
    if new_fingerprint != item.source_fingerprint:
        item.source_fingerprint = new_fingerprint
        item.source_changed_at = now
    item.status = ItemStatus.PUBLISHED
    item.published_at = now
    item.first_published_at = item.first_published_at or now
    item.save()
    revision.state = RevisionState.PUBLISHED
    revision.reviewed_by, revision.reviewed_at, revision.review_comment = user, now, comment
    revision.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    audit(item, user, "published", revision=revision.number, comment=comment)
    transaction.on_commit(lambda: content_published.send(sender=type(item), item=item))
    notify_live_change(item)
    return revision


_publish = publish  # ``save_own_content`` takes a flag of the same name


@transaction.atomic
def save_own_content(
    model: type[EditorialContent],
    *,
    item: EditorialContent | None,
    organisation,
    data: dict,
    user,
    base_number: int | None = None,
    publish: bool = False,
    slug: str = "",
    resolution: Resolution | None = None,
) -> EditorialContent:
    """Create or change what an organisation says about itself (its events, its places); with
    ``publish`` it goes live at once, if the workflow table lets ``user`` publish it."""
    if item is None:
        item = create_item(
            model, region=organisation.region, organisation=organisation, data=data,
            author=user, slug=slug,
        )  # fmt: skip
    else:
        saved = save_revision(
            item, data=data, author=user, base_number=base_number, resolution=resolution
        )
        # Publishing an unchanged, published text again would be a step with nothing in it.
        publish = publish and saved.revision.state != RevisionState.PUBLISHED
    if publish:
        _publish(item, user=user)
    return item


def _assign(obj, model, names: tuple[str, ...], data: dict) -> dict[str, list]:
    """Set revisioned values on ``obj``; returns the many-to-many ones, to set after saving."""
    many_to_many = {}
    for name in names:
        field = _field(model, name)
        value = data.get(name)
        if field.many_to_many:
            many_to_many[name] = value or []
        elif isinstance(field, models.ForeignKey):
            setattr(obj, field.attname, value)
        elif isinstance(field, models.FileField):
            setattr(obj, name, value or "")
        else:
            setattr(
                obj,
                name,
                field.to_python(value) if value not in (None, "") else field.get_default(),
            )
    return many_to_many


def _set_many_to_many(obj, values: dict[str, list]) -> None:
    for name, ids in values.items():
        getattr(obj, name).set(ids)


def apply_revision(item: EditorialContent, data: dict) -> None:
    """Write revision data into the item's live source-language columns and fields, and make its
    parts' rows match the revision (same uid → same row, so its translations stay)."""
    model = type(item)
    source = item.source_language
    for name in model.translatable_fields:
        setattr(item, localized(name, source), data.get(name, ""))
    many_to_many = _assign(item, model, model.revisioned_fields, data)
    item.save()
    _set_many_to_many(item, many_to_many)
    for part in model.parts:
        part_model = part.model_class
        existing = {row.uid: row for row in part_model.objects.filter(**{part.parent_field: item})}
        wanted = data.get(part.name, [])
        for position, row_data in enumerate(wanted):
            row = existing.get(row_data["uid"]) or part_model(
                **{part.parent_field: item, "uid": row_data["uid"]}
            )
            row.position = position
            for name in part.translatable_fields:
                setattr(row, localized(name, source), row_data.get(name, ""))
            row_many_to_many = _assign(row, part_model, part.revisioned_fields, row_data)
            row.save()
            _set_many_to_many(row, row_many_to_many)
        kept = {row_data["uid"] for row_data in wanted}
        part_model.objects.filter(
            pk__in=[row.pk for uid, row in existing.items() if uid not in kept]
        ).delete()
        if hasattr(item, "_prefetched_objects_cache"):
            item._prefetched_objects_cache.pop(part.name, None)


@performs("send_back")
def send_back(item: EditorialContent, *, state: State, user, comment: str) -> Revision:
    if not comment.strip():
        raise WorkflowError(_("Say what should change, so the author knows."))
    revision = state.pending
    revision.state = RevisionState.SENT_BACK
    revision.reviewed_by, revision.reviewed_at, revision.review_comment = (
        user,
        timezone.now(),
        comment,
    )
    revision.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    audit(item, user, "sent_back", revision=revision.number, comment=comment)
    return revision


@performs("archive")
def archive(item: EditorialContent, *, state: State, user) -> None:
    item.status = ItemStatus.ARCHIVED
    item.save(update_fields=["status", "updated_at"])
    audit(item, user, "archived")
    notify_live_change(item)


@performs("unarchive")
def unarchive(item: EditorialContent, *, state: State, user) -> None:
    item.status = ItemStatus.PUBLISHED
    item.save(update_fields=["status", "updated_at"])
    audit(item, user, "unarchived")
    notify_live_change(item)


@performs("restore")
def restore(
    item: EditorialContent, *, state: State, number: int, user, base_number: int | None
) -> Revision:
    """Start a new draft from an older revision; nothing is ever deleted."""
    old = item.revisions.filter(number=number).first()
    if old is None:
        raise WorkflowError(_("There is no revision %(number)s.") % {"number": number})
    saved = save_revision(item, data=old.data, author=user, base_number=base_number)
    if not saved.created:
        raise WorkflowError(
            _("Revision %(number)s says the same as the current text.") % {"number": number}
        )
    revision = saved.revision
    Revision.objects.filter(pk=revision.pk).update(restored_from=number)
    revision.restored_from = number
    audit(item, user, "restored", revision=revision.number, comment=f"#{number}")
    return revision
