""" "Was this page helpful?" on every content page: yes/no counts per item, language and day, and
the short comments people chose to add — never who sent them.

Ratings are counts, like the search gaps (:mod:`apps.search.models`). A comment is stored with
the day only, after e-mail addresses and phone numbers were taken out
(:func:`apps.feedback.services.clean_comment`); the authority triages comments by marking them
done. Both are deleted after ``PAGE_FEEDBACK_RETENTION_DAYS``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT = 500  # characters: a few sentences, enough to say what was missing


class PageAnswer(models.Model):
    """What every answer is about: a page (an item) as readers of one language saw it, and a
    day — never who answered."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    day = models.DateField(_("day"))
    helpful = models.BooleanField(_("helpful"))

    class Meta:
        abstract = True


class PageRating(PageAnswer):
    count = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        verbose_name = _("page rating")
        verbose_name_plural = _("page ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "content_type", "object_id", "language", "day", "helpful"],
                name="unique_page_rating_day",
            )
        ]
        indexes = [models.Index(fields=["region", "language"])]

    def __str__(self) -> str:
        return f"{self.language} {self.day}: {self.helpful} ×{self.count}"


class PageComment(PageAnswer):
    text = models.CharField(_("comment"), max_length=MAX_COMMENT)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        verbose_name = _("page comment")
        verbose_name_plural = _("page comments")
        indexes = [models.Index(fields=["region", "language", "done_at"])]

    def __str__(self) -> str:
        return f"{self.language} {self.day}: {self.text[:40]}"
