"""The search index: passages of published content, per reader language, written on publish.

A :class:`Passage` holds everything a result shows (title, text, link, language notices), so a
search reads this table and nothing else. The search engine's own structures — a ``tsvector``
column with a GIN index on PostgreSQL, FTS5 tables on SQLite — are kept in step with it by the
database itself (triggers created by the migrations, see :mod:`apps.search.engines`).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a result is, in the order results of equal rank are listed."""

    PROCEDURE = "procedure", _("Procedures")
    ARTICLE = "article", _("Information")
    TERM = "term", _("Glossary")
    DOCUMENT = "document", _("Documents")
    EVENT = "event", _("Courses and events")
    ORGANISATION = "organisation", _("Organisations")
    PLACE = "place", _("Places")


class Passage(models.Model):
    """One searchable piece of an item — a procedure's introduction or one of its steps, an
    article section, a glossary term — as a reader of ``language`` is shown it."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)  # the reader's language this passage serves
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(default=0)  # 0: the item itself
    anchor = models.CharField(max_length=80, blank=True)  # where on the page (a step)
    title = models.CharField(max_length=300)  # the item's title as shown
    heading = models.CharField(max_length=300, blank=True)  # a step's or section's heading
    text = models.TextField(blank=True)  # plain text, for excerpts
    url = models.CharField(max_length=500)
    #: The language ``title``, ``heading`` and ``text`` are in: the reader's, or the original's
    #: where there is no published translation (``is_fallback``).
    text_language = models.CharField(max_length=10)
    is_fallback = models.BooleanField(default=False)
    is_machine = models.BooleanField(default=False)
    is_outdated = models.BooleanField(default=False)
    topics = models.CharField(max_length=500, blank=True)  # "|housing|social-housing|"
    boost = models.FloatField(default=1.0)
    shown_from = models.DateTimeField(null=True, blank=True)  # an article's first day
    expires_at = models.DateTimeField(null=True, blank=True)  # an event's last date
    # What the engine indexes: folded text (and stemmed, where the database cannot stem).
    ts_config = models.CharField(max_length=20, default="simple")
    terms_title = models.TextField(blank=True)
    terms_text = models.TextField(blank=True)
    # The original's name and text, unstemmed, for readers of other languages who type its
    # words (Meldebescheinigung, Anmeldung).
    terms_source_title = models.TextField(blank=True)
    terms_source = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=64)
    #: What the assistant's embedding model reads of the passage, hashed: the key of its
    #: :class:`Vector` (the same text in many languages' passages is embedded once).
    embedding_key = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["region", "language", "kind"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.heading or self.title}"


class Vector(models.Model):
    """A passage text's embedding by one model (see :mod:`apps.search.embeddings`), shared by
    every passage with that text."""

    model = models.CharField(max_length=80)
    key = models.CharField(max_length=64)  # Passage.embedding_key
    vector = models.BinaryField()  # float32, normalised

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="unique_search_vector")
        ]

    def __str__(self) -> str:
        return f"{self.model}: {self.key[:12]}"


class Word(models.Model):
    """A word that occurs in a region's passages of one language: the vocabulary a typing
    mistake is corrected against (trigram similarity)."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    word = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "language", "word"], name="unique_search_word"
            )
        ]

    def __str__(self) -> str:
        return self.word


class Outcome(models.TextChoices):
    NOTHING = "nothing", _("Nothing found")
    POOR = "poor", _("Little found")
    UNANSWERED = "unanswered", _("Assistant had no answer")
    UNHELPFUL = "unhelpful", _("Answer did not help")


class Gap(models.Model):
    """How often, on one day, a search in one language found nothing or little — counted
    anonymously: the query as normalised (folded words, no numbers), the language, the day and
    a count. No address, no cookie, no person. Deleted after ``SEARCH_GAP_RETENTION_DAYS``."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("search"), max_length=200)
    day = models.DateField(_("day"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without good results")
        verbose_name_plural = _("searches without good results")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "language", "query", "day", "outcome"], name="unique_gap_day"
            )
        ]
        indexes = [models.Index(fields=["region", "language", "day"])]

    def __str__(self) -> str:
        return f"{self.language} {self.day}: {self.query} ×{self.count}"


class HandledGap(models.Model):
    """An editor's answer to a gap: the content that answers the query. Searches for the query
    show that content first from then on."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("search"), max_length=200)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    handled_at = models.DateTimeField(_("handled"), auto_now=True)

    class Meta:
        verbose_name = _("handled search")
        verbose_name_plural = _("handled searches")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "language", "query"], name="unique_handled_gap"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.query}"


class AnswerFeedback(models.Model):
    """How many of the assistant's answers helped, per language and day ("Did this help?") —
    counts only, like :class:`Gap`. The questions whose answer did not help are gaps."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10)
    day = models.DateField(_("day"))
    helpful = models.BooleanField(_("helped"))
    count = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        verbose_name = _("answer feedback")
        verbose_name_plural = _("answer feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "language", "day", "helpful"], name="unique_feedback_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.day}: {self.helpful} ×{self.count}"
