"""A demo migrant with an optional account: Amina, who reads in Arabic, has ticked steps of two
procedures, registered for a course, answered the questions of "My route" and shared it with
the refugee counselling service, whose head left her a note. She signs in like anybody, by a
link sent to amina@example.org (printed in the terminal by ``make run``); the counselling
service (ngo-admin@musterstadt.example) finds her route under "Shared routes"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from apps.accounts.models import Organisation, User
from apps.core.models import Region
from apps.events import recurrence
from apps.events import services as event_services
from apps.events.models import Event, Registration
from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress
from apps.procedures.models import Procedure
from apps.routes.models import RouteAccess, RouteNote, RoutePlan, RouteShare

DEMO_MIGRANT = "amina@example.org"
DEMO_PROGRESS = {
    "anmeldung": ["step:anmeldung-bestaetigung", "step:anmeldung-formular"],
    "krankenversicherung": ["step:krankenversicherung-waehlen"],
}
DEMO_COURSE = "deutschkurs-frauen"
DEMO_ROUTE_ANSWERS = {"situation": "refugee", "children": "yes", "german": "basic"}
DEMO_SHARE_CODE = "AMNA2345"
DEMO_COUNSELLING = "refugee-counselling"
DEMO_COUNSELLOR = "ngo-admin@musterstadt.example"
DEMO_NOTE = "أحضري عقد الإيجار وجواز السفر إلى موعدنا يوم الثلاثاء. سنملأ استمارة التسجيل معًا."


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
    _share_route(region, account)


def _share_route(region: Region, account: MigrantAccount) -> None:
    RoutePlan.objects.create(account=account, answers=DEMO_ROUTE_ANSWERS, counted_for_planning=True)
    organisation = Organisation.objects.filter(region=region, slug=DEMO_COUNSELLING).first()
    counsellor = User.objects.filter(email=DEMO_COUNSELLOR).first()
    if organisation is None or RouteShare.objects.filter(code=DEMO_SHARE_CODE).exists():
        return
    now = timezone.now()
    share = RouteShare.objects.create(
        account=account, organisation=organisation, code=DEMO_SHARE_CODE,
        includes_answers=True, expires_at=now + dt.timedelta(days=30), opened_at=now,
    )  # fmt: skip
    RouteNote.objects.create(share=share, author=counsellor, text=DEMO_NOTE)
    for action in (RouteAccess.Action.OPENED, RouteAccess.Action.NOTED):
        RouteAccess.objects.create(share=share, user=counsellor, action=action)
