"""Places: offices and other addresses migrants go to, with opening hours and a map position."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.editorial.models import EditorialContent


@dataclass(frozen=True)
class OpeningInterval:
    day: int  # Monday is 0
    opens: dt.time
    closes: dt.time


class Place(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    name = models.CharField(_("name"), max_length=150)
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Public transport, entrance, floor, step-free access."),
    )
    street = models.CharField(_("street and number"), max_length=150)
    postcode = models.CharField(_("postcode"), max_length=12)
    city = models.CharField(_("town"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    appointment_url = models.URLField(
        _("appointment booking"), blank=True, help_text=_("Where to book an appointment online.")
    )
    wheelchair_accessible = models.BooleanField(_("step-free access"), default=False)
    #: [{"day": 0, "opens": "08:00", "closes": "12:00"}, ...], Monday is 0.
    opening_hours = models.JSONField(_("opening hours"), default=list, blank=True)

    translatable_fields = ("name", "directions")
    markdown_fields = ("directions",)
    spoken_fields = ("name", "directions")
    revisioned_fields = (
        "street",
        "postcode",
        "city",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "appointment_url",
        "wheelchair_accessible",
        "opening_hours",
    )

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_place_slug_per_region")
        ]

    def __str__(self) -> str:
        return self.name or self.slug

    @property
    def address_lines(self) -> list[str]:
        return [self.street, f"{self.postcode} {self.city}".strip()]

    def intervals(self) -> list[OpeningInterval]:
        return sorted(
            (
                OpeningInterval(
                    entry["day"],
                    dt.time.fromisoformat(entry["opens"]),
                    dt.time.fromisoformat(entry["closes"]),
                )
                for entry in self.opening_hours or []
            ),
            key=lambda interval: (interval.day, interval.opens),
        )

    def opening_days(self) -> list[tuple[int, list[OpeningInterval]]]:
        """Each weekday with its intervals (an empty list: closed)."""
        by_day: dict[int, list[OpeningInterval]] = {day: [] for day in range(7)}
        for interval in self.intervals():
            by_day[interval.day].append(interval)
        return list(by_day.items())

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None
