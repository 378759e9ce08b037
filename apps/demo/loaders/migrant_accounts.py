"""A demo migrant with an optional account: Amina, who reads in Arabic, has ticked steps of two
procedures, registered for a course, answered the questions of "My route" and shared it with
the refugee counselling service, whose head left her a note. She signs in like anybody, by a
link sent to amina@example.org (printed in the terminal by ``make run``); the counselling
service (ngo-admin@musterstadt.example) finds her route under "Shared routes". Ninety more
people, who never sign in, let their routes be counted for the planning figures."""

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
DEMO_ROUTE_ANSWERS = {
    "situation": "refugee", "children": "yes", "german": "basic", "district": "Nordstadt",
}  # fmt: skip
#: People who let their route be counted, so that the planning figures show numbers: nobody
#: signs in with these addresses (the .invalid domain receives no mail).
DEMO_COUNTED_ROUTES = 90
DEMO_SITUATIONS = ("refugee", "asylum-seeker", "temporary-protection", "family-member", "worker")
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
    _counted_routes(region)


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


def _counted_routes(region: Region) -> None:
    """Routes started over the last six months in every district, some with the integration
    course begun — varied by a fixed rule, so every demo shows the same figures."""
    today = timezone.localdate()
    accounts = MigrantAccount.objects.bulk_create(
        MigrantAccount(
            region=region,
            email=f"route-{number}@demo.invalid",
            language="ar",
            last_active_on=today,
        )
        for number in range(DEMO_COUNTED_ROUTES)
    )
    districts = [*region.districts, ""]
    now = timezone.now()
    plans = []
    for number, person in enumerate(accounts):
        answers = {
            "situation": DEMO_SITUATIONS[number % len(DEMO_SITUATIONS)],
            "german": ("none", "basic", "none", "good")[number % 4],
            "children": ("yes", "no", "")[number % 3],
            "district": districts[(number * 7) % len(districts)],
        }
        started = now - dt.timedelta(days=(number * 37) % 180)
        plans.append(
            RoutePlan(
                account=person, counted_for_planning=True, created_at=started,
                answers={name: value for name, value in answers.items() if value},
            )
        )  # fmt: skip
    RoutePlan.objects.bulk_create(plans)
    course = Procedure.objects.filter(region=region, slug="integrationskurs").first()
    if course is not None:
        ProcedureProgress.objects.bulk_create(
            ProcedureProgress(
                account=person, procedure=course, ticks=["step:integrationskurs-berechtigung"]
            )
            for person in accounts[::3]
        )
