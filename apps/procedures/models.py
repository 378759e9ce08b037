"""Procedures: step-by-step guides, the documents they ask for and produce, and NGO tips.

Documents are their own translated content, so that every step can point to the same
explanation, and so that "what a procedure produces" links it to the procedures that need it.
A procedure's steps are a :class:`~apps.editorial.models.Part`: revised, reviewed and translated
together with the procedure.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.editorial.models import EditorialContent, EditorialPart, Part, localized


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
    spoken_fields = ("name", "description", "where_to_get")
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


class RouteCondition(models.TextChoices):
    """Besides a life situation, what makes a procedure part of somebody's route ("My route"):
    a procedure with conditions is proposed unless a person's answers rule one of them out."""

    CHILDREN = "children", _("has children of school age")
    LOOKING_FOR_WORK = "looking_for_work", _("is looking for work")
    LEARNING_GERMAN = "learning_german", _("is still learning German")


class Procedure(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=150)
    summary = models.TextField(
        _("who it is for"), help_text=_("One or two sentences: who needs this, and why.")
    )
    body = models.TextField(
        _("introduction"), blank=True, help_text=_("What it is and what happens if you don't.")
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="procedures", verbose_name=_("topics")
    )
    user_types = models.ManyToManyField(
        "core.UserType", blank=True, related_name="procedures", verbose_name=_("life situations")
    )
    produces = models.ManyToManyField(
        Document,
        blank=True,
        related_name="produced_by",
        verbose_name=_("documents it produces"),
        help_text=_(
            "What people have in their hands at the end, e.g. the registration certificate."
        ),
    )

    #: RouteCondition values: for whom, besides the life situations, "My route" proposes it.
    route_conditions = models.JSONField(
        _("only for people who"),
        default=list,
        blank=True,
        help_text=_("Leave empty if it concerns everybody in the chosen life situations."),
    )

    translatable_fields = ("title", "summary", "body")
    markdown_fields = ("body",)
    spoken_fields = ("title", "summary", "body")
    revisioned_fields = ("topics", "user_types", "produces", "route_conditions")
    parts = (
        Part(
            name="steps",
            model="procedures.Step",
            parent_field="procedure",
            label=_("Step %(number)d"),
            translatable_fields=("title", "body"),
            markdown_fields=("body",),
            revisioned_fields=(
                "connector",
                "optional",
                "documents",
                "cost",
                "cost_max",
                "currency",
                "duration_value",
                "duration_unit",
                "place",
                "online_url",
                "leads_to",
            ),
        ),
    )

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_procedure_slug_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def part_numbers(self, part: Part, rows: list[EditorialPart]) -> list[int]:
        """Steps joined by "and" or "or" share the number of the step before them."""
        return [number for number, _step in number_steps(rows)]


class Connector(models.TextChoices):
    """How a step relates to the one before it."""

    THEN = "then", _("Then: a new step")
    AND = "and", _("And: to do as well")
    OR = "or", _("Or: instead of the step before")


def number_steps(steps: list[Step]) -> list[tuple[int, Step]]:
    """GOV.UK-style numbering: a step joined by "and" or "or" shares the number before it."""
    numbered, number = [], 0
    for step in steps:
        if step.connector == Connector.THEN or number == 0:
            number += 1
        numbered.append((number, step))
    return numbered


class DurationUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


class Step(EditorialPart):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("what to do"), max_length=200)
    body = models.TextField(_("how to do it"), blank=True)
    connector = models.CharField(
        _("relation to the step before"),
        max_length=8,
        choices=Connector.choices,
        default=Connector.THEN,
    )
    optional = models.BooleanField(_("optional"), default=False)
    documents = models.ManyToManyField(
        Document, blank=True, related_name="steps", verbose_name=_("documents to bring")
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("0 means free; leave empty when the step costs nothing worth saying."),
    )
    cost_max = models.DecimalField(
        _("cost up to"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("When the fee depends on the case: the highest amount."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter code such as EUR."))],
    )
    duration_value = models.PositiveSmallIntegerField(
        _("how long"), null=True, blank=True, help_text=_("Time it takes, or the wait.")
    )
    duration_unit = models.CharField(
        _("unit"), max_length=8, choices=DurationUnit.choices, blank=True
    )
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("office"),
    )
    online_url = models.URLField(_("do it online"), blank=True)
    leads_to = models.ForeignKey(
        Procedure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by following"),
        help_text=_("Another procedure this step consists of."),
    )

    class Meta(EditorialPart.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [models.UniqueConstraint(fields=["procedure", "uid"], name="unique_step_uid")]

    def __str__(self) -> str:
        return self.title or self.uid

    def source_title(self) -> str:
        return getattr(self, localized("title", self.procedure.source_language)) or ""


class TipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    # Stored as "published": an approved tip is published content (ItemStatus.PUBLISHED), so
    # the translation workflow's queries find it like any other item.
    APPROVED = "published", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Tip(EditorialContent):
    """Advice an NGO adds to a step ("our volunteers can come with you"); shown once approved.

    The NGO writes it in the languages it can (``text`` has a column per language);
    ``language`` is the one it chose to write in, ``written_in`` every language it wrote itself.
    The city approves the tip with its text in the region's language (written by the NGO, or by
    the reviewer from it): that is the original the tip's translations are made from. Approved,
    the tip is a translatable item like any other (coverage, queue, side-by-side editor,
    XLIFF/PO, machine drafts): the NGO's own versions are published as its translations, the
    other languages go to the translators, and readers of a language nobody translated yet get
    the original, marked as such.

    It is not revised through the editorial workflow (no revisions, no workspace pages of its
    own): the NGO changes it on its tips page and the city approves it again.
    """

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="tips")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="tips",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    language = models.CharField(_("written in"), max_length=10)
    written_in = models.JSONField(
        _("written by the organisation in"),
        default=list,
        blank=True,
        help_text=_("The languages the organisation wrote the tip in itself."),
    )
    text = models.TextField(_("tip"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=TipStatus.choices, default=TipStatus.PENDING
    )
    review_comment = models.TextField(_("comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    translatable_fields = ("text",)

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text_in(self.language)[:40]}"

    @property
    def original(self) -> str:
        """The text in the region's language, which translations are made from."""
        return self.source_text("text")

    def source_name(self) -> str:
        """What names the tip in lists (the coverage matrix, the queue): its beginning."""
        text = " ".join(self.source_text("text").split())
        return text if len(text) <= 80 else text[:79].rstrip() + "…"

    def text_in(self, code: str) -> str:
        return getattr(self, localized("text", code)) or ""
