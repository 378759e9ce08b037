"""The optional account of a migrant: an e-mail address, a language, and what they chose to keep
(their progress through procedures). Not a staff account: a separate model that the
authentication of the workspaces never sees, so it can never reach a workspace or be listed to
an organisation. Signing in is by a one-time link sent by e-mail; no password is ever stored."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class MigrantAccount(models.Model):
    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    #: To send sign-in links (and, for this address, to find one's event registrations).
    email = models.EmailField(_("e-mail"))
    #: The language of e-mails and of "My Waypoint".
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: For deleting accounts nobody uses (MIGRANT_ACCOUNT_INACTIVE_DAYS); a day, not a time.
    last_active_on = models.DateField(_("last active"))
    inactivity_warned_on = models.DateField(null=True, blank=True)
    #: Raised by "sign out everywhere": sessions of an older generation are not accepted.
    session_generation = models.PositiveIntegerField(default=0)
    #: The day of the last digest e-mail: at most one a day.
    last_digest_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("migrant account")
        verbose_name_plural = _("migrant accounts")
        constraints = [
            models.UniqueConstraint(fields=["region", "email"], name="unique_migrant_email")
        ]

    def __str__(self) -> str:
        return f"migrant account {self.pk}"  # never the address: logs must not carry it


class SignInLink(models.Model):
    """A one-time link, sent to an address, valid for MIGRANT_SIGN_IN_LINK_MINUTES. The link
    carries this row's id signed with the site's secret key: nothing secret is stored."""

    region = models.ForeignKey("core.Region", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"sign-in link {self.pk}"


class ProcedureProgress(models.Model):
    """The steps and documents a person ticked in one procedure, kept in sync with their
    devices."""

    account = models.ForeignKey(MigrantAccount, on_delete=models.CASCADE, related_name="progress")
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+"
    )
    ticks = models.JSONField(default=list)  # the keys procedure-progress.js ticks
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "procedure"], name="unique_progress")
        ]

    def __str__(self) -> str:
        return f"progress {self.pk}"


class SavedPage(models.Model):
    """A page a person saved for reading offline, kept with the account so that every device
    they sign in on keeps it too (the copy itself lives in each browser's cache)."""

    account = models.ForeignKey(MigrantAccount, on_delete=models.CASCADE, related_name="saved")
    #: The page in its language, e.g. ``/ar/step-by-step/wohnung-anmelden/``.
    path = models.CharField(max_length=300)
    #: The page's title when it was saved, and the language that title is in.
    title = models.CharField(max_length=300)
    title_language = models.CharField(max_length=10)
    #: The item shown (none for the glossary as a whole).
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "path"], name="unique_saved_page")
        ]

    def __str__(self) -> str:
        return f"saved page {self.pk}"

    @property
    def language(self) -> str:
        """The language of the page (its path's prefix)."""
        return translation.get_language_from_path(self.path) or ""


class FollowKind(models.TextChoices):
    PROCEDURE = "procedure", _("Procedure")
    ORGANISATION = "organisation", _("Organisation")
    TOPIC = "topic", _("Topic")


class Follow(models.Model):
    """Something a person wants to be told about, in their language: a procedure whose rules
    change, an organisation's or a topic's new courses and events."""

    account = models.ForeignKey(MigrantAccount, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=20, choices=FollowKind.choices)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "kind", "object_id"], name="unique_follow")
        ]

    def __str__(self) -> str:
        return f"follow {self.pk}"


class NoticeKind(models.TextChoices):
    CHANGED = "changed", _("changed")
    NEW_EVENT = "new_event", _("new course or event")


class Notice(models.Model):
    """One thing to tell a person in their next digest (at most one e-mail a day). Kept after
    sending (``sent_at``) so that a new event is announced once only."""

    account = models.ForeignKey(MigrantAccount, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    #: The procedure that changed, or the new event.
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "account"])]

    def __str__(self) -> str:
        return f"notice {self.pk}"
