"""Signing in by a one-time link, the progress kept with an account, and what a person can do
with their data: download it, delete it. Accounts nobody uses are warned, then deleted."""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.core import jobs
from apps.events import services as event_services
from apps.events.models import Registration, RegistrationStatus
from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress, SignInLink
from apps.translation.reader import language_version, reader_translation

logger = logging.getLogger(__name__)

SIGN_IN_MAIL = "migrant-sign-in-mail"
INACTIVITY_MAIL = "migrant-inactivity-mail"
_SALT = "migrant-sign-in"
MAX_TICKS = 200
_TICK = re.compile(r"^(step|document):[-\w]{1,80}$")


def normalise_email(email: str) -> str:
    local, _at, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def link_token(link: SignInLink) -> str:
    return signing.dumps(link.pk, salt=_SALT)


@transaction.atomic
def request_sign_in(region, email: str, code: str, *, base_url: str) -> SignInLink:
    """Send a one-time sign-in link to ``email``, in the reader's language. The same happens
    whether or not the address has an account: the page never says which addresses do."""
    minutes = settings.MIGRANT_SIGN_IN_LINK_MINUTES
    link = SignInLink.objects.create(
        region=region,
        email=normalise_email(email),
        language=code,
        expires_at=timezone.now() + dt.timedelta(minutes=minutes),
    )
    transaction.on_commit(lambda: _queue(SIGN_IN_MAIL, link.pk, base_url), robust=True)
    return link


def _queue(job: str, *args) -> None:
    try:
        jobs.queue(job, *args)
    except OperationalError as error:
        logger.error("The e-mail %s (%s) could not be queued: %s", job, args[0], error)


@transaction.atomic
def use_link(region, token: str) -> MigrantAccount | None:
    """The account the link signs in to (created on its first use), or None if the link is
    unknown, used, expired or of another region. A link works once."""
    try:
        pk = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    link = SignInLink.objects.select_for_update().filter(pk=pk, region=region).first()
    now = timezone.now()
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    link.used_at = now
    link.save(update_fields=["used_at"])
    account, _created = MigrantAccount.objects.get_or_create(
        region=region,
        email=link.email,
        defaults={"language": link.language, "last_active_on": timezone.localdate()},
    )
    return account


def touch(account: MigrantAccount) -> None:
    """Note that the account is used today (once a day at most)."""
    today = timezone.localdate()
    if account.last_active_on != today or account.inactivity_warned_on:
        MigrantAccount.objects.filter(pk=account.pk).update(
            last_active_on=today, inactivity_warned_on=None
        )
        account.last_active_on, account.inactivity_warned_on = today, None


def sign_out_everywhere(account: MigrantAccount) -> None:
    account.session_generation += 1
    account.save(update_fields=["session_generation"])


def set_language(account: MigrantAccount, code: str) -> None:
    if code in account.region.enabled_languages:
        account.language = code
        account.save(update_fields=["language"])


# --- progress ---------------------------------------------------------------------------------


def valid_ticks(procedure, ticks: object) -> list[str] | None:
    """The ticks, if they are a list of a procedure's step and document keys; else None."""
    if not isinstance(ticks, list) or len(ticks) > MAX_TICKS:
        return None
    if not all(isinstance(tick, str) and _TICK.match(tick) for tick in ticks):
        return None
    known = {f"step:{uid}" for uid in procedure.steps.values_list("uid", flat=True)}
    known |= {
        f"document:{slug}"
        for slug in procedure.steps.values_list("documents__slug", flat=True)
        if slug
    }
    return sorted(set(ticks) & known)


def save_progress(account: MigrantAccount, procedure, ticks: list[str]) -> ProcedureProgress:
    """Keep ``ticks`` (already checked by :func:`valid_ticks`) as the account's progress."""
    progress, _created = ProcedureProgress.objects.update_or_create(
        account=account, procedure=procedure, defaults={"ticks": ticks}
    )
    return progress


def ticks_by_procedure(account: MigrantAccount) -> dict[str, list[str]]:
    """Procedure slug → the keys ticked in it, kept with the account."""
    return {row.procedure.slug: row.ticks for row in account.progress.select_related("procedure")}


def forget_progress(account: MigrantAccount, procedure) -> None:
    ProcedureProgress.objects.filter(account=account, procedure=procedure).delete()


def progress_overview(account: MigrantAccount, code: str) -> list[dict]:
    """The account's published procedures — ticked or saved for offline — most recently
    ticked first, then most recently saved; each with its reader's version (in ``code``), its
    number of steps, how many are ticked (and the progress row, if any). Four queries for any
    number of procedures."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from apps.editorial.models import ItemStatus
    from apps.procedures.models import Procedure

    progress = {row.procedure_id: row for row in account.progress.all()}
    saved_at = dict(
        account.saved.filter(content_type=ContentType.objects.get_for_model(Procedure))
        .order_by("saved_at")
        .values_list("object_id", "saved_at")
    )
    procedures = (
        Procedure.objects.filter(
            pk__in=set(progress) | set(saved_at),
            region=account.region,
            status=ItemStatus.PUBLISHED,
        )
        .annotate(step_count=Count("steps"))
        .select_related("region")
        .prefetch_related(reader_translation(code))
    )
    rows = []
    for procedure in procedures:
        kept = progress.get(procedure.pk)
        done = sum(tick.startswith("step:") for tick in kept.ticks) if kept else 0
        rows.append({
            "procedure": procedure,
            "progress": kept,
            "version": language_version(procedure, code),
            "steps": procedure.step_count,
            "done": min(done, procedure.step_count),
            "saved": procedure.pk in saved_at,
        })  # fmt: skip
    newest_first = sorted(
        rows,
        key=lambda row: (
            row["progress"] is not None,
            row["progress"].updated_at if row["progress"] else saved_at[row["procedure"].pk],
        ),
        reverse=True,
    )
    return newest_first


# --- my data ----------------------------------------------------------------------------------


def registrations_of(account: MigrantAccount, code: str | None = None):
    """The event registrations made with the account's address, in its region (with their
    events' versions for a reader of ``code``, if given)."""
    registrations = Registration.objects.filter(
        email__iexact=account.email, occurrence__event__region=account.region
    ).select_related("occurrence__event__region")
    if code:
        registrations = registrations.prefetch_related(
            reader_translation(code, through="occurrence__event__")
        )
    return registrations


def export(account: MigrantAccount) -> dict:
    """Everything the portal holds about the person, as JSON-ready data."""
    return {
        "account": {
            "email": account.email,
            "language": account.language,
            "created_at": account.created_at.isoformat(),
            "last_active_on": account.last_active_on.isoformat(),
        },
        "progress": [
            {
                "procedure": progress.procedure.slug,
                "ticks": progress.ticks,
                "updated_at": progress.updated_at.isoformat(),
            }
            for progress in account.progress.select_related("procedure").order_by("procedure__slug")
        ],
        "event_registrations": [
            {
                "event": registration.occurrence.event.slug,
                "date": registration.occurrence.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "language": registration.language,
                "status": registration.status,
                "registered_at": registration.created_at.isoformat(),
                "cancelled_at": registration.cancelled_at.isoformat()
                if registration.cancelled_at
                else None,
            }
            for registration in registrations_of(account).order_by("created_at")
        ],
        "follows": [
            {"kind": follow.kind, "id": follow.object_id, "since": follow.created_at.isoformat()}
            for follow in account.follows.order_by("created_at")
        ],
        "saved_for_offline": [
            {"path": page.path, "title": page.title, "saved_at": page.saved_at.isoformat()}
            for page in account.saved.order_by("saved_at")
        ],
        **_route_export(account),
        "notices_waiting": account.notices.filter(sent_at__isnull=True).count(),
        "sign_in_links": SignInLink.objects.filter(
            region=account.region, email=account.email
        ).count(),
        "retention": retention(),
    }


def _route_export(account: MigrantAccount) -> dict:
    """The route and its shares (apps.routes keeps them; it needs the account, not we it)."""
    from apps.routes.sharing import export_of

    return export_of(account)


def retention() -> dict:
    """When each kind of data is deleted automatically (days)."""
    return {
        "account_after_inactive_days": settings.MIGRANT_ACCOUNT_INACTIVE_DAYS,
        "event_registrations_after_date_days": settings.EVENT_RETENTION_DAYS,
        "sign_in_links_after_days": settings.MIGRANT_SIGN_IN_LINK_RETENTION_DAYS,
    }


@transaction.atomic
def delete_account(account: MigrantAccount, *, base_url: str) -> None:
    """Delete the account and everything linked to it. Registrations made with its address
    give their seats back (dates still to come) and become anonymous counts."""
    registrations = registrations_of(account)
    for registration in registrations.filter(occurrence__starts_at__gte=timezone.now()).exclude(
        status=RegistrationStatus.CANCELLED
    ):
        event_services.cancel_registration(registration, base_url=base_url)
    event_services.erase_registrations(registrations_of(account))
    SignInLink.objects.filter(region=account.region, email=account.email).delete()
    account.delete()


def forget_inactive(*, today=None, base_url: str) -> tuple[int, int]:
    """Warn accounts unused for the inactivity period less the warning days, and delete those
    still unused after it; sign-in links go after their retention. Returns (warned, deleted)."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=settings.MIGRANT_ACCOUNT_INACTIVE_DAYS)
    warn_from = limit + dt.timedelta(days=settings.MIGRANT_ACCOUNT_WARNING_DAYS)
    deleted = 0
    for account in MigrantAccount.objects.filter(last_active_on__lt=limit):
        delete_account(account, base_url=base_url)
        deleted += 1
    to_warn = MigrantAccount.objects.filter(
        last_active_on__lt=warn_from, inactivity_warned_on__isnull=True
    )
    warned = 0
    for account in to_warn:
        MigrantAccount.objects.filter(pk=account.pk).update(inactivity_warned_on=today)
        transaction.on_commit(
            lambda pk=account.pk: _queue(INACTIVITY_MAIL, pk, base_url), robust=True
        )
        warned += 1
    link_cutoff = timezone.now() - dt.timedelta(days=settings.MIGRANT_SIGN_IN_LINK_RETENTION_DAYS)
    SignInLink.objects.filter(created_at__lt=link_cutoff).delete()
    return warned, deleted
