"""The state of each language version of an editorial item.

Each language has a :class:`Translation` row whose ``source_fingerprint`` records the source
text the translation was made from, so "outdated" is a comparison of two columns in SQL with the
item's own ``source_fingerprint`` (kept by :mod:`apps.editorial`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages


class TranslationStatus(models.TextChoices):
    """Per item and language. "Missing" is the absence of a row; "outdated" is computed."""

    IN_PROGRESS = "in_progress", _("In progress")
    MACHINE = "machine", _("Machine draft")
    TRANSLATED = "translated", _("Translated")
    PUBLISHED = "published", _("Published")


class CoverageState(models.TextChoices):
    """What the coverage matrix shows; computed in SQL (see queries._row_state)."""

    MISSING = "missing", _("Missing")
    IN_PROGRESS = "in_progress", _("In progress")
    MACHINE = "machine", _("Machine draft")
    TRANSLATED = "translated", _("Translated")
    PUBLISHED = "published", _("Published")
    OUTDATED = "outdated", _("Outdated")


class Translation(models.Model):
    """The state of one language version of one item.

    ``draft`` is the translator's working text; publishing copies it into the item's live
    columns. ``source_fingerprint`` is the fingerprint of the source text the draft was made from;
    ``live_source_fingerprint`` that of the source the live (published) text was made from.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=10, choices=languages.DJANGO_LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=TranslationStatus.choices)
    draft = models.JSONField(default=dict)
    source_fingerprint = models.CharField(max_length=64)
    live_source_fingerprint = models.CharField(max_length=64, blank=True)
    live_is_machine = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The model moved here from apps.editorial; its table (and the index name derived from
        # it) stayed, so moving it changed no data (see migrations/0001_initial.py).
        db_table = "editorial_translation"
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="one_translation_per_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "language", "status"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}/{self.object_id} {self.language} {self.status}"

    @property
    def is_live(self) -> bool:
        return bool(self.live_source_fingerprint)


class MachineDraftState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being translated")
    RETRYING = "retrying", _("Waiting to try again")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MachineDraftBatch(models.Model):
    """One request for machine drafts of many items at once, so its progress can be shown."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("machine draft request")

    def __str__(self) -> str:
        return f"{self.region_id} {self.created_at:%Y-%m-%d %H:%M}"


class MachineDraft(models.Model):
    """The latest machine-draft request for one item in one language and how it went: what the
    item's page shows ("machine draft failed for ur: service unavailable — try again")."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10, choices=languages.DJANGO_LANGUAGES)
    state = models.CharField(max_length=10, choices=MachineDraftState.choices)
    reason = models.CharField(max_length=20, blank=True)  # a key of machine.REASONS
    detail = models.CharField(max_length=300, blank=True)  # for the operator, not translated
    attempts = models.PositiveSmallIntegerField(default=0)
    via = models.CharField(max_length=20, blank=True)  # the model's language or backend label
    batch = models.ForeignKey(
        MachineDraftBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="drafts"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("machine draft")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="one_machine_draft_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}/{self.object_id} {self.language} {self.state}"

    @property
    def finished(self) -> bool:
        return self.state in (MachineDraftState.DONE, MachineDraftState.FAILED)
