"""Writes about events: publishing an organisation's own events, registrations, cancellations.

Views, the API and the demo loader call only these. Every e-mail goes out through a Celery task
after the transaction commits, in the registrant's language.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from apps.core import jobs, text
from apps.editorial import services as workflow
from apps.editorial.models import ItemStatus
from apps.events import recurrence
from apps.events.models import Event, Occurrence, Registration, RegistrationStatus

CANCEL_SALT = "events.registration.cancel"
#: The job that sends a registrant an e-mail (``apps.events.tasks.send_registration_mail``).
REGISTRATION_MAIL = "events.registration_mail"

logger = logging.getLogger(__name__)


class RegistrationError(Exception):
    """A registration that cannot be made or changed; the message says why, for the person."""


# --- the organisation's own events --------------------------------------------------------------


def save_event(
    *,
    event: Event | None,
    organisation,
    data: dict,
    user,
    base_number: int | None = None,
    publish: bool = False,
    slug: str = "",
    resolution: workflow.Resolution | None = None,
) -> Event:
    """Create or change an organisation's event; with ``publish`` it goes live at once (an
    organisation announces its own events: see ``workflow.save_own_content``). Concurrent edits
    are merged as for any content (``resolution``: the editor's choices after a conflict)."""
    return workflow.save_own_content(
        Event, item=event, organisation=organisation, data=data, user=user,
        base_number=base_number, publish=publish, slug=slug, resolution=resolution,
    )  # fmt: skip


def publish_event(event: Event, *, user) -> None:
    workflow.publish(event, user=user)


# --- registrations ------------------------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_for_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("occurrence__event__region").filter(pk=pk).first()


def _locked_occurrence(event: Event, starts_at: dt.datetime) -> Occurrence:
    """The row of one date, created if needed, locked until the transaction ends."""
    try:
        with transaction.atomic():
            Occurrence.objects.get_or_create(event=event, starts_at=starts_at)
    except IntegrityError:
        pass  # someone else created it at the same moment: it exists now
    return (
        Occurrence.objects.select_for_update()
        .select_related("event__region")
        .get(event=event, starts_at=starts_at)
    )


def _notify(registration: Registration, kind: str, *, base_url: str, message: str = "") -> None:
    """Queue an e-mail to the registrant once the registration is committed.

    The registration stands whatever happens to its e-mail: a mail that cannot be queued is
    logged, and one that cannot be sent is retried by the task (``send_registration_mail``).
    ``robust`` keeps any other failure of the callback from turning a saved registration into
    an error page (Django logs it).
    """
    if not registration.email:
        return
    transaction.on_commit(
        lambda: _queue_mail(registration.pk, kind, base_url, message), robust=True
    )


def _queue_mail(registration_id: int, kind: str, base_url: str, message: str) -> None:
    try:
        jobs.queue(REGISTRATION_MAIL, registration_id, kind, base_url, message)
    except OperationalError as error:
        logger.error(
            "The %s e-mail of registration %s could not be queued: %s",
            kind,
            registration_id,
            error,
        )


@transaction.atomic
def register(
    *,
    event: Event,
    starts_at: dt.datetime,
    name: str,
    email: str = "",
    phone: str = "",
    language: str,
    base_url: str,
) -> Registration:
    """Give somebody a seat on a date, or a place on its waiting list when it is full.

    Seats are counted under a lock on the date's row, so the last seat goes to exactly one of
    two people registering at the same moment.
    """
    name, email, phone = text.visible_line(name), email.strip().lower(), text.single_line(phone)
    if not name:
        raise RegistrationError(_("Please tell us your name."))
    if not (email or phone):
        raise RegistrationError(_("Please give an e-mail address or a phone number."))
    if event.status != ItemStatus.PUBLISHED or not event.takes_registrations:
        raise RegistrationError(_("This event does not take registrations here."))
    date = recurrence.date_at(event, starts_at)
    if date is None:
        raise RegistrationError(_("There is no date at this time. Please choose another date."))
    if date.starts_at <= timezone.now():
        raise RegistrationError(_("This date has already started. Please choose another date."))
    occurrence = _locked_occurrence(event, date.starts_at)
    if occurrence.cancelled_at:
        raise RegistrationError(_("This date was cancelled. Please choose another date."))
    taken = occurrence.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    full = event.capacity is not None and taken >= event.capacity
    registration = Registration.objects.create(
        occurrence=occurrence,
        name=name,
        email=email,
        phone=phone,
        language=language,
        status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
    )
    _notify(registration, registration.status, base_url=base_url)
    return registration


@transaction.atomic
def cancel_registration(registration: Registration, *, base_url: str) -> Registration:
    """The person gives their seat back; the first on the waiting list gets it."""
    occurrence = Occurrence.objects.select_for_update().get(pk=registration.occurrence_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    had_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _notify(registration, "cancelled", base_url=base_url)
    if had_seat and not occurrence.cancelled_at:
        _promote_waiting(occurrence, base_url=base_url)
    return registration


def _promote_waiting(occurrence: Occurrence, *, base_url: str) -> None:
    capacity = occurrence.event.capacity
    taken = occurrence.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = None if capacity is None else capacity - taken
    waiting = occurrence.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "created_at", "pk"
    )
    for registration in waiting if free is None else waiting[: max(free, 0)]:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        _notify(registration, "promoted", base_url=base_url)


@transaction.atomic
def cancel_date(
    event: Event, *, starts_at: dt.datetime, base_url: str, reason: str = "", user=None
) -> int:
    """The organisation calls off one date; everybody registered is told. Returns how many."""
    if recurrence.date_at(event, starts_at) is None:
        raise RegistrationError(_("There is no date at this time. Please choose another date."))
    occurrence = _locked_occurrence(event, starts_at)
    if occurrence.cancelled_at:
        return 0
    occurrence.cancelled_at = timezone.now()
    occurrence.save(update_fields=["cancelled_at"])
    workflow.audit(event, user, "date_cancelled", comment=starts_at.isoformat())
    told = 0
    for registration in occurrence.registrations.exclude(status=RegistrationStatus.CANCELLED):
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = occurrence.cancelled_at
        registration.save(update_fields=["status", "cancelled_at"])
        _notify(registration, "date_cancelled", base_url=base_url, message=reason)
        told += 1
    return told


def message_registrants(occurrence: Occurrence, *, message: str, base_url: str, user=None) -> int:
    """Send the organisation's message to everybody registered with an e-mail address."""
    registrations = occurrence.registrations.exclude(status=RegistrationStatus.CANCELLED).exclude(
        email=""
    )
    count = 0
    with transaction.atomic():
        workflow.audit(
            occurrence.event, user, "registrants_messaged", comment=occurrence.starts_at.isoformat()
        )
        for registration in registrations:
            _notify(registration, "message", base_url=base_url, message=message)
            count += 1
    return count


@transaction.atomic
def erase_registrations_before(cutoff: dt.datetime) -> int:
    """Delete the registrations (the personal data) of dates that began before ``cutoff``.

    Only how many there were, per date and status, stays on the date, for planning figures."""
    return erase_registrations(Registration.objects.filter(occurrence__starts_at__lt=cutoff))


@transaction.atomic
def erase_registrations(old) -> int:
    """Delete these registrations (a queryset), keeping how many there were per date and status
    on the date."""
    counts = old.values("occurrence", "status").annotate(number=Count("pk")).order_by()
    for row in counts:
        Occurrence.objects.filter(pk=row["occurrence"]).update(
            **{f"erased_{row['status']}": F(f"erased_{row['status']}") + row["number"]}
        )
    count, _unused = old.delete()
    return count
