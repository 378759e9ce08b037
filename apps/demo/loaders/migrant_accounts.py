"""A demo migrant with an optional account: Amina, who reads in Arabic, has ticked steps of two
procedures and registered for a course. She signs in like anybody, by a link sent to
amina@example.org (printed in the terminal by ``make run``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from apps.core.models import Region
from apps.events import recurrence
from apps.events import services as event_services
from apps.events.models import Event, Registration
from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress
from apps.procedures.models import Procedure

DEMO_MIGRANT = "amina@example.org"
DEMO_PROGRESS = {
    "anmeldung": ["step:anmeldung-bestaetigung", "step:anmeldung-formular"],
    "krankenversicherung": ["step:krankenversicherung-waehlen"],
}
DEMO_COURSE = "deutschkurs-frauen"


def load_migrant_accounts(region: Region) -> None:
    account, created = MigrantAccount.objects.get_or_create(
        region=region,
        email=DEMO_MIGRANT,
        defaults={"language": "ar", "last_active_on": timezone.localdate()},
    )
    if not created:
        return
    for slug, ticks in DEMO_PROGRESS.items():
        procedure = Procedure.objects.filter(region=region, slug=slug).first()
        if procedure is not None:
            ProcedureProgress.objects.create(account=account, procedure=procedure, ticks=ticks)
    event = Event.objects.filter(region=region, slug=DEMO_COURSE).first()
    now = timezone.now()
    dates = recurrence.dates_between(event, now, now + dt.timedelta(days=90)) if event else []
    if dates and event.takes_registrations:
        # Registered by phone first, so that seeding sends no e-mail; then her address.
        registration = event_services.register(
            event=event, starts_at=dates[-1].starts_at, name="Amina", phone="+49 301 555 0100",
            language="ar", base_url="",
        )  # fmt: skip
        Registration.objects.filter(pk=registration.pk).update(email=DEMO_MIGRANT)
