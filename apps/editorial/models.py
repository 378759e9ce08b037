"""The editorial workflow every kind of content shares.

A content model opts in by inheriting :class:`EditorialContent` and naming its translatable and
revisioned fields. Then:

- its *live* texts (what migrants read) live in the model's per-language columns
  (django-modeltranslation), written only when something is published;
- every edit of the source language is a :class:`Revision`, reviewed and published as a whole,
  and the published one's fingerprint is the item's ``source_fingerprint``;
- each language version's state is a ``Translation`` row of :mod:`apps.translation`;
- every step is recorded in the :class:`AuditEvent` log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname


class ItemStatus(models.TextChoices):
    """Whether migrants can read the item at all (its live state)."""

    DRAFT = "draft", _("Never published")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


@dataclass(frozen=True)
class Part:
    """Rows nested in an item that are translated and revised with it (a procedure's steps).

    The rows live in their own model (an :class:`EditorialPart`); revision data holds them as a
    list under ``name``; their texts are translation units keyed ``<name>.<uid>.<field>``, so the
    item's fingerprint, translation drafts and XLIFF/PO files cover them like any other field.
    """

    name: str  # the related name on the item, and the key in revision data
    model: str  # "app_label.Model" of the rows
    parent_field: str  # the rows' foreign key to the item
    label: str  # e.g. gettext_lazy("Step %(number)d")
    translatable_fields: tuple[str, ...]
    markdown_fields: tuple[str, ...] = ()
    revisioned_fields: tuple[str, ...] = ()

    @property
    def model_class(self) -> type[EditorialPart]:
        return apps.get_model(self.model)

    def numbered(self, number: int) -> str:
        return str(self.label) % {"number": number}


def part_key(part: str, uid: str, field: str) -> str:
    return f"{part}.{uid}.{field}"


@dataclass(frozen=True)
class TextUnit:
    """One text a translator translates: an item's field, or a field of one of its parts."""

    key: str
    field: models.Field
    label: str
    markdown: bool
    required: bool


class EditorialPart(models.Model):
    """Base for the rows of a :class:`Part`. ``uid`` stays the same across revisions, so that a
    translation follows its row when rows are reordered."""

    uid = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class EditorialContent(models.Model):
    """Base for content that goes through revisions, review and translation."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    # Fingerprint of the published source-language text; translations compare against it.
    source_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    source_changed_at = models.DateTimeField(_("original last changed"), null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("last published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    revisions = GenericRelation("editorial.Revision")
    # Named by string, not imported: apps.translation builds on this app. The relation lets
    # coverage be one SQL join and deletes an item's translations with it.
    translations = GenericRelation("translation.Translation")

    #: Text fields with one column per language (also registered with modeltranslation).
    translatable_fields: ClassVar[tuple[str, ...]] = ()
    #: Which of them hold Markdown.
    markdown_fields: ClassVar[tuple[str, ...]] = ()
    #: Other fields whose changes go through review too (plain or many-to-many).
    revisioned_fields: ClassVar[tuple[str, ...]] = ()
    #: Nested translatable rows, e.g. steps (see :class:`Part`).
    parts: ClassVar[tuple[Part, ...]] = ()
    #: Audit actions that record access to personal data about the item (who looked at an
    #: event's registrations...), shown only to people holding ``personal_data_permission``
    #: on the item (see :func:`apps.editorial.queries.audit_trail`).
    personal_data_actions: ClassVar[frozenset[str]] = frozenset()
    personal_data_permission: ClassVar[str] = ""
    #: The texts read aloud on the item's public page, in reading order (apps.speech); the
    #: texts of its parts are read after them. Empty: the item is not read aloud.
    spoken_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @property
    def source_language(self) -> str:
        return self.region.source_language

    @classmethod
    def required_translation_fields(cls) -> tuple[str, ...]:
        return tuple(
            name for name in cls.translatable_fields if not cls._meta.get_field(name).blank
        )

    @classmethod
    def name_field(cls) -> str:
        """The field that names an item (title, term...): the first translatable one."""
        return cls.translatable_fields[0]

    def source_name(self) -> str:
        return self.source_text(self.name_field())

    def source_text(self, field: str) -> str:
        return getattr(self, localized(field, self.source_language)) or ""

    # --- translation units: the item's texts and those of its parts, by key ------------------

    def part_rows(self, part: Part) -> list[EditorialPart]:
        """The live rows of a part, in order (from a prefetch when there is one)."""
        return sorted(getattr(self, part.name).all(), key=lambda row: row.position)

    def part_numbers(self, part: Part, rows: list[EditorialPart]) -> list[int]:
        """The number readers see for each of ``rows`` ("Step 3"): their position, unless a
        content type numbers its rows otherwise."""
        return list(range(1, len(rows) + 1))

    def text_units(self) -> list[TextUnit]:
        required = self.required_translation_fields()
        units = [
            TextUnit(
                key=name,
                field=self._meta.get_field(name),
                label=str(self._meta.get_field(name).verbose_name),
                markdown=name in self.markdown_fields,
                required=name in required,
            )
            for name in self.translatable_fields
        ]
        for part in self.parts:
            model = part.model_class
            for number, row in enumerate(self.part_rows(part), start=1):
                for name in part.translatable_fields:
                    field = model._meta.get_field(name)
                    units.append(
                        TextUnit(
                            key=part_key(part.name, row.uid, name),
                            field=field,
                            label=f"{part.numbered(number)} · {field.verbose_name}",
                            markdown=name in part.markdown_fields,
                            required=not field.blank,
                        )
                    )
        return units

    def live_texts(self, code: str) -> dict[str, str]:
        """Every translation unit's live text in language ``code`` ("" where there is none)."""
        texts = {
            name: getattr(self, localized(name, code)) or "" for name in self.translatable_fields
        }
        for part in self.parts:
            for row in self.part_rows(part):
                for name in part.translatable_fields:
                    texts[part_key(part.name, row.uid, name)] = (
                        getattr(row, localized(name, code)) or ""
                    )
        return texts

    def source_texts(self) -> dict[str, str]:
        return self.live_texts(self.source_language)

    def set_live_texts(self, code: str, texts: dict[str, str]) -> None:
        """Write a language version into the live columns of the item and its parts."""
        for name in self.translatable_fields:
            setattr(self, localized(name, code), texts.get(name, ""))
        self.save(
            update_fields=[localized(name, code) for name in self.translatable_fields]
            + ["updated_at"]
        )
        for part in self.parts:
            rows = self.part_rows(part)
            for row in rows:
                for name in part.translatable_fields:
                    setattr(
                        row,
                        localized(name, code),
                        texts.get(part_key(part.name, row.uid, name), ""),
                    )
            part.model_class.objects.bulk_update(
                rows, [localized(name, code) for name in part.translatable_fields]
            )


def localized(field: str, code: str) -> str:
    """Column name of ``field`` in language ``code`` (modeltranslation's naming)."""
    return build_localized_fieldname(field, code)


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    SENT_BACK = "sent_back", _("Sent back")


class Revision(models.Model):
    """One saved version of an item's source-language text and settings. Never changed later,
    except for its workflow state."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("revision"))
    data = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(
        _("state"), max_length=20, choices=RevisionState.choices, default=RevisionState.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["content_type", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="unique_revision_number"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self) -> str:
        return f"#{self.number}"


class AuditEvent(models.Model):
    """Who did what to which item, and when. Append-only."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    language = models.CharField(max_length=10, blank=True)
    revision = models.PositiveIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
