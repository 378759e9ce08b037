"""Procedures and the documents they ask for.

This first part is the document catalogue: the papers migrants bring to offices, each its own
translated content, so that every procedure step can point to the same explanation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.editorial.models import EditorialContent


class Document(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("what it is"), help_text=_("What the paper is and proves."))
    where_to_get = models.TextField(
        _("where to get it"), help_text=_("Where and how to get it, and what it costs.")
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="documents", verbose_name=_("topics")
    )

    translatable_fields = ("name", "description", "where_to_get")
    markdown_fields = ("description", "where_to_get")
    revisioned_fields = ("topics",)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_document_slug_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.slug
