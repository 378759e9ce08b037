"""The optional account of a migrant: an e-mail address, a language, and what they chose to keep
(their progress through procedures). Not a staff account: a separate model that the
authentication of the workspaces never sees, so it can never reach a workspace or be listed to
an organisation. Signing in is by a one-time link sent by e-mail; no password is ever stored."""

from __future__ import annotations

from django.db import models
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
