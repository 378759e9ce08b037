"""Regions (the municipalities an installation serves) and the taxonomy content is tagged with."""

from __future__ import annotations

import dataclasses
import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages

HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits.")
)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def validate_language_codes(value: list[str]) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."))
    unknown = [code for code in value if not languages.is_supported(code)]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s"), params={"codes": ", ".join(unknown)}
        )


MAX_DISTRICTS = 100


def validate_district_names(value: list[str]) -> None:
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ValidationError(_("Write one district per line."))
    if len(value) > MAX_DISTRICTS:
        raise ValidationError(
            _("At most %(count)d districts, please."), params={"count": MAX_DISTRICTS}
        )
    for name in value:
        if not name.strip() or len(name) > 80:
            raise ValidationError(_("A district's name has 1 to 80 characters."))
    if len({name.casefold() for name in value}) < len(value):
        raise ValidationError(_("Each district once, please."))


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class RegionQuerySet(models.QuerySet):
    def for_host(self, host: str) -> Region | None:
        """The region served on ``host``, else the default region (one query)."""
        host = re.sub(r":\d+$", "", host or "").lower()
        candidates = self.filter(models.Q(hostname=host) | models.Q(is_default=True))
        # A region whose hostname matches beats the default one.
        return candidates.order_by(
            models.Case(models.When(hostname=host, then=0), default=1)
        ).first()


class Region(models.Model):
    """A municipality (or district) whose migrants, offices and NGOs use this installation.

    An installation may host several regions; each is reached on its own host name, and the
    default region answers every host that no region claims. A single-region installation
    therefore never shows a region chooser.
    """

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    portal_name = models.CharField(
        _("portal name"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the page header, e.g. “Welcome to Musterstadt”."),
    )
    hostname = models.CharField(
        _("host name"),
        max_length=253,
        blank=True,
        help_text=_("The web address this region is served on, e.g. waypoint.musterstadt.de."),
    )
    is_default = models.BooleanField(
        _("default region"),
        default=False,
        help_text=_("Answers every host name that no other region claims."),
    )
    source_language = models.CharField(
        _("source language"),
        max_length=10,
        choices=languages.PRIMARY_CHOICES,  # a variant is never what editors write in
        default="de",
        help_text=_("The language editors write in; translations are made from it."),
    )
    enabled_languages = models.JSONField(
        _("enabled languages"),
        default=list,
        validators=[validate_language_codes],
        help_text=_("The languages migrants can choose in this region."),
    )
    #: The name migrants see for an easy-language variant, e.g. "Einfache Sprache" (optional).
    easy_language_label = models.CharField(
        _("name of the easy-language version"),
        max_length=60,
        blank=True,
        help_text=_(
            "How the language menu names the easy-language version of the source language, "
            "e.g. “Einfache Sprache”. Empty: its standard name (“Deutsch – einfach”)."
        ),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", validators=[validate_time_zone]
    )
    four_eyes = models.BooleanField(
        _("four-eyes review"),
        default=True,
        help_text=_("Someone other than the author must review and publish every change."),
    )
    publish_machine_translations = models.BooleanField(
        _("publish machine translations"),
        default=False,
        help_text=_(
            "Show machine translations to migrants, labelled as such, until a person has "
            "reviewed them. Otherwise they are only drafts for translators."
        ),
    )
    require_two_factor = models.BooleanField(
        _("two-step sign-in for all staff"),
        default=False,
        help_text=_(
            "Everyone working for an office or organisation of this region must confirm "
            "signing in with a code from an authenticator app. Region administrators, "
            "reviewers and statistics managers always must."
        ),
    )
    read_aloud_off = models.JSONField(
        _("read-aloud switched off"),
        default=list,
        blank=True,
        help_text=_("Readers of these languages are offered no spoken version of the texts."),
    )
    #: Towns or districts a person may say they live in, on "My route" (optional): used only
    #: to count routes per district in the planning figures, never to show anything else.
    districts = models.JSONField(
        _("districts"),
        default=list,
        blank=True,
        validators=[validate_district_names],
        help_text=_(
            "Towns or districts of the region, one per line. “My route” may ask people which one "
            "they live in (they can skip it); the planning figures count routes per district."
        ),
    )
    logo = models.ImageField(_("logo"), upload_to="regions/logos/", blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5394", validators=[HEX_COLOUR]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.TextField(_("contact address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="only_one_default_region",
            ),
            models.UniqueConstraint(
                fields=["hostname"],
                condition=~models.Q(hostname=""),
                name="unique_region_hostname",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        # White header text must stay readable on the brand colour (WCAG AA, 4.5:1).
        if (
            self.primary_colour
            and HEX_COLOUR.regex.match(self.primary_colour)
            and contrast_with_white(self.primary_colour) < 4.5
        ):
            errors["primary_colour"] = _(
                "This colour is too light for white text on it (contrast %(ratio).1f:1; at "
                "least 4.5:1 is needed). Choose a darker colour."
            ) % {"ratio": contrast_with_white(self.primary_colour)}
        if isinstance(self.enabled_languages, list) and self.source_language not in (
            self.enabled_languages or []
        ):
            errors["enabled_languages"] = _("The source language must be one of the enabled ones.")
        elif isinstance(self.enabled_languages, list):
            foreign = [
                languages.get(code).name_local
                for code in self.enabled_languages
                if languages.is_supported(code)
                and languages.get(code).variant_of not in ("", self.source_language)
            ]
            if foreign:
                errors["enabled_languages"] = _(
                    "An easy-language version can only be offered of the source language: "
                    "%(names)s."
                ) % {"names": ", ".join(foreign)}
        if errors:
            raise ValidationError(errors)

    @property
    def languages(self) -> list[languages.Language]:
        """Enabled languages in the canonical order, as :class:`Language` objects; an
        easy-language variant carries the region's name for it."""
        enabled = set(self.enabled_languages or [])
        return [self.named(lang) for lang in languages.LANGUAGES if lang.code in enabled]

    def named(self, language: languages.Language) -> languages.Language:
        """``language`` as this region names it (only easy-language variants are renamed)."""
        if language.is_variant and self.easy_language_label:
            return dataclasses.replace(language, name_local=self.easy_language_label)
        return language

    @property
    def translation_languages(self) -> list[languages.Language]:
        """The languages its content is translated into: the enabled ones but the source."""
        return [lang for lang in self.languages if lang.code != self.source_language]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The region's time zone: dates people see and type are in it."""
        return zoneinfo.ZoneInfo(self.time_zone)

    def enables(self, code: str) -> bool:
        return code in (self.enabled_languages or [])

    def reads_aloud(self, code: str) -> bool:
        """Readers of ``code`` are offered the texts read aloud (apps.speech)."""
        return self.enables(code) and code not in (self.read_aloud_off or [])

    @property
    def display_name(self) -> str:
        return self.portal_name or self.name


class Icon(models.TextChoices):
    """Icons shipped in static/icons/, one per kind of life topic."""

    RESIDENCE = "residence", _("Residence")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    WORK = "work", _("Work")
    LANGUAGE = "language", _("Language")
    FAMILY = "family", _("Family")
    MONEY = "money", _("Money")
    DAILY_LIFE = "daily-life", _("Daily life")
    PERSON = "person", _("Person")


class Topic(models.Model):
    """A life topic (housing, health, ...) that content is filed under. Topics nest."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="topics")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent topic"),
    )
    slug = models.SlugField(_("short name"))
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    icon = models.CharField(_("icon"), max_length=20, choices=Icon.choices, default=Icon.DAILY_LIFE)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_topic_slug_per_region")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id:
            if self.parent.region_id != self.region_id:
                raise ValidationError({"parent": _("The parent topic must be in the same region.")})
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("A topic cannot be nested inside itself.")})
                ancestor = ancestor.parent


class UserType(models.Model):
    """A life situation a migrant can be in (refugee, EU citizen, student, ...)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="user_types")
    slug = models.SlugField(_("short name"))
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("user type")
        verbose_name_plural = _("user types")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_user_type_slug_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.name
