"""The demo town's organisations, places, courses and events, in every language."""

from __future__ import annotations

from django.utils import timezone

from apps.accounts.models import Organisation
from apps.core import languages
from apps.demo.services import load_demo
from apps.editorial.models import ItemStatus
from apps.events.models import Event
from apps.events.queries import current_events


def column(field: str, code: str) -> str:
    return f"{field}_{code.replace('-', '_')}"


def test_demo_events_are_upcoming_published_and_translated(db):
    region, _accounts = load_demo(parts={"events"})

    events = Event.objects.filter(region=region)
    assert events.count() >= 20
    assert set(events.values_list("status", flat=True)) == {ItemStatus.PUBLISHED}
    assert current_events(region).count() == events.count()
    assert events.exclude(rrule="").count() >= 10
    assert events.filter(registration_mode="portal").count() >= 8
    assert all(event.starts_at > timezone.now() for event in events)
    assert events.exclude(organisation__kind="ngo").exists()
    for event in events:
        for field in ("title", "summary", "description"):
            for code in languages.PRIMARY_CODES:
                assert getattr(event, column(field, code)), f"{event.slug} lacks {field} in {code}"

    described = Organisation.objects.filter(region=region).exclude(description_de="")
    assert described.count() >= 6
    for organisation in described:
        assert organisation.languages_spoken
        assert organisation.places.exists()
        for code in languages.PRIMARY_CODES:
            assert getattr(organisation, column("description", code))
            assert getattr(organisation, column("services", code))

    # Loading twice changes nothing.
    load_demo(parts={"events"})
    assert Event.objects.filter(region=region).count() == events.count()
