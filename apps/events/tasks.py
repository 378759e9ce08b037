"""Celery tasks of events: e-mails to registrants, and deleting their data when it is due."""

from __future__ import annotations

import datetime as dt
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core import links, text
from apps.events import services
from apps.events.models import Registration
from apps.translation.reader import language_version


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirmed": _("Your place is booked: %(title)s"),
        "waiting": _("You are on the waiting list: %(title)s"),
        "promoted": _("A place became free for you: %(title)s"),
        "cancelled": _("Your registration is cancelled: %(title)s"),
        "date_cancelled": _("Cancelled: %(title)s"),
        "message": _("A message about %(title)s"),
    }
    # A subject is a mail header: a line break in it would make every mail of the event fail.
    return text.single_line(subjects[kind] % {"title": text.single_line(title)})


@shared_task(
    # A mail server that is down or refuses for a while: try again later, not never.
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    retry_kwargs={"max_retries": 6},
)
def send_registration_mail(
    registration_id: int, kind: str, base_url: str, message: str = ""
) -> str:
    """One e-mail to one registrant, written in the language they registered in."""
    registration = (
        Registration.objects.select_related(
            "occurrence__event__region", "occurrence__event__place__region"
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        return "skipped"
    event = registration.occurrence.event
    with translation.override(registration.language), timezone.override(event.region.time_zone):
        version = language_version(event, registration.language)
        # The registrant's own page and the calendar file, wherever a frontend serves them.
        site = base_url.rstrip("/")
        link = site + links.link(
            "event_registration", registration.language, token=services.cancel_token(registration)
        )
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "version": version,
            # The place as published in the registrant's language, like on the event page.
            "place_version": language_version(event.place, registration.language)
            if event.place
            else None,
            "starts_at": timezone.localtime(registration.occurrence.starts_at),
            "link": link,
            "calendar_link": site
            + links.link("event_calendar", registration.language, slug=event.slug),
            "message": message,
            "retention_days": settings.EVENT_RETENTION_DAYS,
        }
        subject = _subject(kind, version.texts["title"])
        body = render_to_string("events/email/registration.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    return kind


@shared_task
def erase_old_registrations() -> int:
    """Delete registrants' personal data ``EVENT_RETENTION_DAYS`` after their date (beat)."""
    cutoff = timezone.now() - dt.timedelta(days=settings.EVENT_RETENTION_DAYS)
    return services.erase_registrations_before(cutoff)
