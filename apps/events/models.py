"""Events and courses: announcements with a date, recurrence, place and registration.

An :class:`Event` is editorial content (translated and revised like any other). Its dates are
expanded from an RFC 5545 rule when they are read (see :mod:`apps.events.recurrence`); an
:class:`Occurrence` row exists only for a date somebody registered for or that was cancelled.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.editorial.models import EditorialContent


class EventKind(models.TextChoices):
    COURSE = "course", _("Course")
    EVENT = "event", _("Event")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration needed")
    PORTAL = "portal", _("Registration on this portal")
    EXTERNAL = "external", _("Registration on another website")


class Event(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("description"), help_text=_("Markdown: ## for subheadings, - for lists, **bold**.")
    )
    target_group = models.CharField(
        _("who it is for"), max_length=200, blank=True, help_text=_("For example: women, parents.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.EVENT
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="events", verbose_name=_("topics")
    )
    user_types = models.ManyToManyField(
        "core.UserType",
        blank=True,
        related_name="events",
        verbose_name=_("life situations"),
        help_text=_("Leave empty if it is for everybody."),
    )
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("place"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    languages_of_instruction = models.JSONField(_("languages spoken"), default=list, blank=True)
    cost = models.DecimalField(
        _("cost"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty if it is free."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    childcare = models.BooleanField(_("childcare"), default=False)
    wheelchair_accessible = models.BooleanField(_("step-free access"), default=False)
    capacity = models.PositiveIntegerField(
        _("places per date"), null=True, blank=True, help_text=_("Leave empty if unlimited.")
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(_("registration website"), blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), default=60, validators=[MinValueValidator(1)]
    )
    rrule = models.CharField(
        _("repeat rule"),
        max_length=300,
        blank=True,
        help_text=_("RFC 5545, for example FREQ=WEEKLY;COUNT=10. Empty: a single date."),
    )
    #: When the last date ends (null: repeats for ever). Derived on save; lists query on it.
    last_ends_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    #: Why the dates of a stored rule cannot be worked out (empty: they can). Such an event is
    #: left out of every list until its owner fixes the rule; their workspace says why.
    schedule_problem = models.CharField(max_length=300, blank=True, editable=False)

    translatable_fields = ("title", "summary", "description", "target_group")
    markdown_fields = ("description",)
    # Who looked at, downloaded or wrote to the registrations: for those who may see them.
    personal_data_actions = frozenset(
        {"registrations_viewed", "registrations_exported", "registrants_messaged"}
    )
    personal_data_permission = "events.view_registrations"

    spoken_fields = ("title", "summary", "description", "target_group")
    revisioned_fields = (
        "kind",
        "topics",
        "user_types",
        "place",
        "online_url",
        "languages_of_instruction",
        "cost",
        "currency",
        "childcare",
        "wheelchair_accessible",
        "capacity",
        "registration_mode",
        "registration_url",
        "starts_at",
        "duration_minutes",
        "rrule",
    )

    class Meta:
        verbose_name = _("event or course")
        verbose_name_plural = _("events and courses")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_event_slug_per_region")
        ]
        indexes = [models.Index(fields=["region", "status", "last_ends_at"])]

    def __str__(self) -> str:
        return self.title or self.slug

    def save(self, *args, **kwargs) -> None:
        # The schedule is written only by full saves (publishing a revision); partial saves
        # (a translation going live, archiving) leave it as it is.
        if kwargs.get("update_fields") is None:
            from apps.events.recurrence import RuleError, last_end

            try:
                self.last_ends_at = last_end(self) if self.starts_at else None
                self.schedule_problem = ""
            except RuleError as error:
                self.last_ends_at, self.schedule_problem = None, str(error)[:300]
        super().save(*args, **kwargs)

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_free(self) -> bool:
        return self.cost is None or self.cost == 0

    @property
    def takes_registrations(self) -> bool:
        return self.registration_mode == RegistrationMode.PORTAL


class Occurrence(models.Model):
    """One date of an event, stored once somebody registers for it or it is cancelled. Its row
    is what registrations lock, so the last seat goes to exactly one person."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField(_("starts"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # How many registrations there were when their personal data was erased (retention), by
    # status: planning figures keep counting them, and nothing about the people is kept.
    erased_confirmed = models.PositiveIntegerField(default=0, editable=False)
    erased_waiting = models.PositiveIntegerField(default=0, editable=False)
    erased_cancelled = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="one_occurrence_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%Y-%m-%d %H:%M}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """Somebody's place on a date (no account needed). Personal data is deleted
    ``EVENT_RETENTION_DAYS`` after the date (see tasks.erase_old_registrations)."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["occurrence", "status"])]

    def __str__(self) -> str:
        return f"{self.name} · {self.occurrence}"
