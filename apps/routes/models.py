""" "My route" kept with a migrant's account, and shared with one counsellor by the person's
own consent: a share is for one organisation, for a limited time, revocable at once, and every
look at it and every note on it is logged for the person to see."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoutePlan(models.Model):
    """A signed-in person's route: their answers (on the device only, unless signed in) and
    what they changed (apps.routes.changes), including procedures added by accepting a
    counsellor's suggestion."""

    account = models.OneToOneField(
        "migrant_accounts.MigrantAccount", on_delete=models.CASCADE, related_name="route_plan"
    )
    #: The answers, as the route page's form values (rules.Answers.as_values()).
    answers = models.JSONField(default=dict)
    #: Slugs of procedures added to the route besides those the answers bring.
    added = models.JSONField(default=list)
    #: Procedures the person removed, their own order (slugs) and dates (slug → ISO date).
    removed = models.JSONField(default=list)
    order = models.JSONField(default=list)
    dates = models.JSONField(default=dict)
    #: A separate, optional consent: the route is counted, without the person, in the city's
    #: planning figures (apps.routes.planning).
    counted_for_planning = models.BooleanField(_("counted in planning figures"), default=False)
    #: When the person first kept a route: planning figures count routes per month started.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"route plan {self.pk}"


class RouteShare(models.Model):
    """The person's consent: ``organisation`` may see their route (and progress; the answers
    only if ``includes_answers``) from the moment they open it with ``code`` until
    ``expires_at`` or revocation, whichever comes first."""

    account = models.ForeignKey(
        "migrant_accounts.MigrantAccount", on_delete=models.CASCADE, related_name="route_shares"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    #: Handed over in person; a random, unguessable code, never reused.
    code = models.CharField(max_length=16, unique=True)
    includes_answers = models.BooleanField(_("with my answers"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: When the organisation first opened it with the code (it lists it from then on).
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "expires_at"])]

    def __str__(self) -> str:
        return f"route share {self.pk}"


class RouteNote(models.Model):
    """A counsellor's note on a shared route, or a suggestion to add a procedure (which the
    person accepts or rejects)."""

    class Decision(models.TextChoices):
        OPEN = "", _("waiting for your answer")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    share = models.ForeignKey(RouteShare, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=2000, blank=True)
    #: A suggestion: this procedure, added to the route if the person accepts.
    procedure = models.ForeignKey(
        "procedures.Procedure", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"route note {self.pk}"


class RouteAccess(models.Model):
    """One look at a shared route or one note on it, by whom: the person sees every one."""

    class Action(models.TextChoices):
        OPENED = "opened", _("opened your route with the code")
        VIEWED = "viewed", _("viewed your route")
        NOTED = "noted", _("left a note")
        SUGGESTED = "suggested", _("suggested a procedure")

    share = models.ForeignKey(RouteShare, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"route access {self.pk}"
