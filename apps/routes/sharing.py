"""Sharing a route with a counsellor, by the person's consent, and only so.

Every read by an organisation goes through :func:`readable_by` — the one place that says
whether a share may be seen: it is the organisation's own, it was opened with its code, it is
neither revoked nor expired, and the reader works for that organisation. Every look and every
note is logged (:class:`RouteAccess`) and shown to the person; expired shares are deleted daily.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Organisation
from apps.accounts.queries import memberships_of
from apps.editorial.models import ItemStatus
from apps.procedures.models import Procedure
from apps.routes import rules
from apps.routes.changes import Changes
from apps.routes.models import RouteAccess, RouteNote, RoutePlan, RouteShare
from apps.translation.reader import reader_translation

#: Unambiguous characters (no 0/O, 1/I/L): read aloud and typed in by hand.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
DURATIONS = (7, 30, 90)  # days a person may choose
MAX_OPEN_SHARES = 10


class SharingError(Exception):
    """What the person or the counsellor asked for cannot be done; ``str()`` says why."""


# --- the person's side ------------------------------------------------------------------------


def plan_of(account) -> RoutePlan:
    """The account's plan, made when something is to be kept in it."""
    plan, _created = RoutePlan.objects.get_or_create(account=account)
    return plan


def kept_plan(account) -> RoutePlan | None:
    """The account's plan if it has one (reading never makes one)."""
    return RoutePlan.objects.filter(account=account).first()


def keep_answers(account, answers: rules.Answers) -> RoutePlan:
    """Signed in, the answers are kept with the account (so a counsellor can see the route)."""
    # "show": the person asked for their route (even with every question skipped).
    kept = {**answers.as_values(), "show": "1"}
    plan, _created = RoutePlan.objects.update_or_create(account=account, defaults={"answers": kept})
    return plan


def count_for_planning(account, yes: bool) -> None:
    """The separate consent to be counted, without one's name, in the planning figures."""
    plan = plan_of(account)
    plan.counted_for_planning = yes
    plan.save(update_fields=["counted_for_planning", "updated_at"])


def organisations_to_share_with(region):
    return Organisation.objects.filter(region=region, is_active=True).order_by("kind", "name")


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What people type: lower case, spaces and dashes are fine."""
    return "".join(str(code).split()).replace("-", "").upper()[:32]


@transaction.atomic
def share(account, organisation: Organisation, *, days: int, includes_answers: bool) -> RouteShare:
    if days not in DURATIONS:
        raise SharingError("duration")
    if organisation.region_id != account.region_id or not organisation.is_active:
        raise SharingError("organisation")
    if open_shares(account).count() >= MAX_OPEN_SHARES:
        raise SharingError("too_many")
    plan_of(account)
    while True:
        code = new_code()
        if not RouteShare.objects.filter(code=code).exists():
            break
    return RouteShare.objects.create(
        account=account,
        organisation=organisation,
        code=code,
        includes_answers=includes_answers,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )


def open_shares(account):
    return account.route_shares.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def shares_of(account, code: str | None = None):
    """Every share the person gave that is not deleted yet, newest first, with its log (and the
    suggested procedures as a reader of ``code`` gets them, if given)."""
    shares = account.route_shares.select_related("organisation").prefetch_related(
        "accesses", "notes__procedure__region"
    )
    if code:
        shares = shares.prefetch_related(reader_translation(code, through="notes__procedure__"))
    return shares.order_by("-created_at")


def _own(account, share_id) -> RouteShare:
    found = account.route_shares.filter(pk=share_id).first()
    if found is None:
        raise SharingError("unknown")
    return found


def revoke(account, share_id) -> None:
    """At once: the next request of the organisation finds nothing."""
    account.route_shares.filter(pk=share_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def renew(account, share_id, *, days: int) -> RouteShare:
    found = _own(account, share_id)
    if days not in DURATIONS:
        raise SharingError("duration")
    if found.revoked_at is not None:
        raise SharingError("revoked")
    found.expires_at = max(found.expires_at, timezone.now()) + dt.timedelta(days=days)
    found.save(update_fields=["expires_at"])
    return found


@transaction.atomic
def decide(account, note_id, *, accept: bool) -> None:
    """The person's answer to a suggestion; an accepted procedure joins their route."""
    note = (
        RouteNote.objects.select_related("procedure")
        .filter(pk=note_id, share__account=account, procedure__isnull=False)
        .exclude(decision=RouteNote.Decision.ACCEPTED)
        .first()
    )
    if note is None:
        raise SharingError("unknown")
    note.decision = RouteNote.Decision.ACCEPTED if accept else RouteNote.Decision.REJECTED
    note.save(update_fields=["decision"])
    if accept:
        plan = plan_of(account)
        Changes.from_plan(plan).changed("add", note.procedure.slug, shown=[]).keep_in(plan)


# --- the counsellor's side --------------------------------------------------------------------


def _valid(share: RouteShare | None) -> bool:
    return share is not None and share.revoked_at is None and share.expires_at > timezone.now()


def _works_for(user, organisation_id) -> bool:
    return any(m.organisation_id == organisation_id for m in memberships_of(user))


def readable_by(share: RouteShare | None, user) -> bool:
    """The one check before anything of a share is shown or changed by an organisation."""
    return _valid(share) and share.opened_at is not None and _works_for(user, share.organisation_id)


def _log(share: RouteShare, user, action: str) -> None:
    RouteAccess.objects.create(share=share, user=user, action=action)


@transaction.atomic
def open_with_code(code: str, user, organisations) -> RouteShare | None:
    """The share given to one of ``organisations`` (those the reader works for, in this
    workspace) under ``code``, if it is still valid; logged. None for anything else — a wrong
    code, another organisation's share, an expired or revoked one — alike."""
    found = (
        RouteShare.objects.select_for_update()
        .filter(code=normalise_code(code), organisation__in=organisations)
        .first()
    )
    if not (_valid(found) and _works_for(user, found.organisation_id)):
        return None
    if found.opened_at is None:
        found.opened_at = timezone.now()
        found.save(update_fields=["opened_at"])
    _log(found, user, RouteAccess.Action.OPENED)
    return found


def shared_with(organisations, user):
    """The valid shares opened by ``organisations`` that ``user`` works for."""
    mine = {m.organisation_id for m in memberships_of(user)}
    return (
        RouteShare.objects.filter(
            organisation__in=organisations,
            organisation_id__in=mine,
            opened_at__isnull=False,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("organisation")
        .order_by("-opened_at")
    )


def shared_route(share_id, user) -> RouteShare | None:
    """A share for reading by a counsellor (logged), or None if they may not."""
    found = (
        RouteShare.objects.select_related("account__region", "organisation")
        .filter(pk=share_id)
        .first()
    )
    if not readable_by(found, user):
        return None
    _log(found, user, RouteAccess.Action.VIEWED)
    return found


def answers_of(plan: RoutePlan | None, region) -> rules.Answers:
    situations = region.user_types.values_list("slug", flat=True)
    return rules.Answers.from_values(
        plan.answers if plan else {}, list(situations), region.districts
    )


@transaction.atomic
def add_note(share_id, user, *, text: str = "", procedure_slug: str = "") -> RouteNote:
    """A note, a suggestion of a procedure, or both; refused unless the share is readable."""
    found = RouteShare.objects.select_related("account").filter(pk=share_id).first()
    if not readable_by(found, user):
        raise SharingError("gone")
    text = (text or "").strip()
    procedure = None
    if procedure_slug:
        procedure = Procedure.objects.filter(
            region_id=found.account.region_id, slug=procedure_slug, status=ItemStatus.PUBLISHED
        ).first()
        if procedure is None:
            raise SharingError("procedure")
    if not text and procedure is None:
        raise SharingError("empty")
    if len(text) > 2000:
        raise SharingError("too_long")
    note = RouteNote.objects.create(share=found, author=user, text=text, procedure=procedure)
    _log(found, user, RouteAccess.Action.SUGGESTED if procedure else RouteAccess.Action.NOTED)
    return note


def forget_expired(*, now=None) -> int:
    """Daily (beat): shares past their time go, with their notes and their log (a revoked
    share is kept until then, so that the person still sees who looked at it)."""
    deleted, _by_model = RouteShare.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def export_of(account) -> dict:
    """The route, its shares, the notes on them and who looked, for the person's download."""
    plan = RoutePlan.objects.filter(account=account).first()
    return {
        "route": {
            "answers": plan.answers,
            "added": plan.added,
            "removed": plan.removed,
            "order": plan.order,
            "dates": plan.dates,
            "counted_for_planning": plan.counted_for_planning,
        }
        if plan
        else None,
        "route_shares": [
            {
                "organisation": found.organisation.name,
                "code": found.code,
                "with_answers": found.includes_answers,
                "created_at": found.created_at.isoformat(),
                "expires_at": found.expires_at.isoformat(),
                "revoked_at": found.revoked_at.isoformat() if found.revoked_at else None,
                "notes": [
                    {
                        "text": note.text,
                        "suggested": note.procedure.slug if note.procedure else None,
                        "decision": note.decision,
                        "at": note.created_at.isoformat(),
                    }
                    for note in found.notes.all()
                ],
                "accesses": [
                    {"action": access.action, "at": access.at.isoformat()}
                    for access in found.accesses.all()
                ],
            }
            for found in shares_of(account)
        ],
    }
