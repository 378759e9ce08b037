"""People who sign in, the organisations they work for, and the role each membership grants."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.core.models import Region, validate_language_codes


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. Migrants never need an account to read anything.

    ``is_staff`` only opens the Django admin, which is for platform operators; what a person may
    do in the workspaces follows from their memberships.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=languages.DJANGO_LANGUAGES,
        blank=True,
        help_text=_("E-mails to you are written in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform operator"),
        default=False,
        help_text=_("May use the Django admin. Not needed to work in a workspace."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationKind(models.TextChoices):
    AUTHORITY = "authority", _("Public authority")
    NGO = "ngo", _("Non-governmental organisation")


class Organisation(models.Model):
    """A city office or an NGO working in one region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="organisations")
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    slug = models.SlugField(_("short name"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    description = models.TextField(
        _("about the organisation"), blank=True, help_text=_("Two or three sentences.")
    )
    services = models.TextField(_("how it helps"), blank=True, help_text=_("One service per line."))
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    places = models.ManyToManyField(
        "places.Place",
        blank=True,
        related_name="organisations",
        verbose_name=_("places"),
        help_text=_("Where people find you, with opening hours."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive organisations are hidden from migrants.")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_organisation_slug_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def service_list(self) -> list[str]:
        return service_lines(self.services)


def service_lines(services: str) -> list[str]:
    """An organisation's services as the page lists them: one a line, without bullets."""
    return [line.strip("-• ").strip() for line in services.splitlines() if line.strip()]


class Role(models.TextChoices):
    """What a membership lets a person do. Which roles fit which kind: ``ROLES_BY_KIND``."""

    REGION_ADMIN = "region_admin", _("Region administrator")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    TRANSLATOR = "translator", _("Translator")
    STATISTICS_MANAGER = "statistics_manager", _("Statistics manager")
    NGO_ADMIN = "ngo_admin", _("NGO administrator")
    NGO_MEMBER = "ngo_member", _("NGO member")


ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.AUTHORITY: (
        Role.REGION_ADMIN,
        Role.EDITOR,
        Role.REVIEWER,
        Role.TRANSLATOR,
        Role.STATISTICS_MANAGER,
    ),
    OrganisationKind.NGO: (Role.NGO_ADMIN, Role.NGO_MEMBER, Role.TRANSLATOR),
}


def validate_translation_languages(codes: list[str], region: Region) -> None:
    """A translator translates into the region's languages, never into its source language."""
    if region.source_language in codes:
        raise ValidationError(
            _("%(language)s is the source language: texts are written in it, not translated.")
            % {"language": languages.get(region.source_language).name_local}
        )
    offered = {lang.code for lang in region.translation_languages}
    other = [code for code in codes if code not in offered]
    if other:
        raise ValidationError(
            _("Not a language of this region: %(codes)s") % {"codes": ", ".join(other)}
        )


class Membership(models.Model):
    """One role a user holds in one organisation. A person with two roles has two memberships."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("For translators: the languages they translate into."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_role_per_user_and_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        errors = {}
        if self.organisation_id and self.role not in ROLES_BY_KIND[self.organisation.kind]:
            errors["role"] = _("This role does not exist in this kind of organisation.")
        if self.role == Role.TRANSLATOR:
            try:
                validate_language_codes(self.languages)
                if self.organisation_id:
                    validate_translation_languages(self.languages, self.organisation.region)
            except ValidationError as error:
                errors["languages"] = error.messages
        elif self.languages:
            errors["languages"] = _("Only translators are given languages.")
        if errors:
            raise ValidationError(errors)


class SignInFailure(models.Model):
    """One failed sign-in: the account tried, the client address it came from, and when.

    Kept in the database, not the cache, so that a cache outage never lifts a lockout, and only
    as long as the lockout window (see :mod:`apps.accounts.lockout`). Successful sign-ins are
    not recorded.
    """

    account = models.CharField(_("account"), max_length=254)
    address = models.CharField(_("client address"), max_length=64)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [
            models.Index(fields=["account", "address", "at"]),
            models.Index(fields=["address", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.account} {self.address}"
