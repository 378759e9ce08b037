"""Information articles: news and general guidance for newcomers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.editorial.models import EditorialContent

MAX_IMAGE_BYTES = 2 * 1024 * 1024


def validate_image_size(image) -> None:
    if image and getattr(image, "size", 0) > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 2 MB. Please make it smaller."))


class ArticleKind(models.TextChoices):
    GUIDANCE = "guidance", _("Guidance")
    NEWS = "news", _("News")


class Article(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.GUIDANCE
    )
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(
        _("text"), help_text=_("Markdown: ## for subheadings, - for lists, **bold**.")
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="articles", verbose_name=_("topics")
    )
    user_types = models.ManyToManyField(
        "core.UserType",
        blank=True,
        related_name="articles",
        verbose_name=_("life situations"),
        help_text=_("Leave empty if the article concerns everybody."),
    )
    valid_from = models.DateField(_("show from"), null=True, blank=True)
    valid_until = models.DateField(_("show until"), null=True, blank=True)
    image = models.ImageField(
        _("image"),
        upload_to="articles/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), validate_image_size],
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    translatable_fields = ("title", "summary", "body", "image_alt")
    markdown_fields = ("body",)
    spoken_fields = ("title", "summary", "body")
    revisioned_fields = ("kind", "topics", "user_types", "valid_from", "valid_until", "image")

    class Meta:
        verbose_name = _("information article")
        verbose_name_plural = _("information articles")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_article_slug_per_region"
            )
        ]
        indexes = [models.Index(fields=["region", "status", "kind"])]

    def __str__(self) -> str:
        return self.title or self.slug
