"""Glossary: the bureaucratic words migrants meet, explained in their language where they appear."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.editorial.models import EditorialContent


class Term(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("explanation"), help_text=_("Two or three plain sentences."))
    variants = models.TextField(
        _("other forms"),
        blank=True,
        help_text=_(
            "One per line: plural and inflected forms, short forms and synonyms that should be "
            "explained too (e.g. Meldebescheinigungen)."
        ),
    )
    show_original = models.BooleanField(
        _("show the original word"),
        default=True,
        help_text=_(
            "Show the word in the source language beside the translation, as migrants see it on "
            "letters and signs."
        ),
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related terms"))

    translatable_fields = ("term", "variants", "definition")
    markdown_fields = ("definition",)
    spoken_fields = ("term", "definition")
    revisioned_fields = ("show_original", "related")

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_term_slug_per_region")
        ]

    def __str__(self) -> str:
        return self.term or self.slug

    @classmethod
    def required_translation_fields(cls) -> tuple[str, ...]:
        return ("term", "definition")

    def original_beside(self, shown_language: str) -> str:
        """The source-language word to show beside the term shown in ``shown_language``."""
        # Easy German needs no German word beside it: it is German.
        if not self.show_original or languages.base(shown_language) == self.source_language:
            return ""
        return self.source_name()
