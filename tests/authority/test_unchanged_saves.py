"""Saving a form nobody changed makes no revision, whatever the kind of content: every value
comes back from the browser exactly as it was stored (texts with CR LF, amounts, instants in
the region's time zone, steps, opening hours)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.editorial import services
from apps.events.models import Event
from apps.statistics.models import Dataset
from tests.browser_forms import submitted
from tests.conftest import publish_new
from tests.events.conftest import event_values
from tests.procedures.conftest import publish_place, publish_procedure, step

__all__ = ["publish_place", "publish_procedure"]  # fixtures


def resubmit(client, person, edit_url: str, item) -> None:
    client.force_login(person)
    before = item.revisions.count()

    response = client.post(edit_url, submitted(client.get(edit_url).content.decode()))

    assert response.status_code == 302, response.content.decode()[-3000:]
    revisions = list(item.revisions.order_by("number"))
    changed = {
        key: (revisions[-2].data.get(key), value)
        for key, value in revisions[-1].data.items()
        if revisions[-2].data.get(key) != value
    } if len(revisions) > before else {}  # fmt: skip
    assert changed == {}


def content_edit(item) -> str:
    key = item._meta.label_lower
    return reverse("authority:content_edit", kwargs={"type": key, "pk": item.pk})


def test_an_unchanged_procedure_with_its_steps(client, people, publish_procedure):
    procedure = publish_procedure(
        steps=[
            step("a", "Termin buchen", body="Zeile eins\nZeile zwei", cost=Decimal("10")),
            step("b", "Hingehen", connector="or", cost=Decimal("12.5"), cost_max=Decimal("20")),
        ]
    )

    resubmit(client, people["editor"], content_edit(procedure), procedure)


def test_an_unchanged_place_with_opening_hours(client, people, publish_place):
    place = publish_place()

    resubmit(client, people["editor"], content_edit(place), place)


def test_an_unchanged_glossary_term(client, people, publish_term):
    term = publish_term("Kita", variants="Kitas\nKindertagesstätte")

    resubmit(client, people["editor"], content_edit(term), term)


def test_an_unchanged_dataset(client, people, authority, region):
    dataset = publish_new(
        Dataset,
        {"title": "Einwohner", "description": "Zeile eins\nZeile zwei", "source": "Amt",
         "licence": "cc-by-4.0"},
        {**people, "editor": people["statistics_manager"]}, authority, region,
    )  # fmt: skip

    resubmit(client, people["statistics_manager"], content_edit(dataset), dataset)


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;COUNT=4", "FREQ=DAILY;INTERVAL=3;COUNT=5", ""])
def test_an_unchanged_event(client, people, authority, region, rule):
    event = publish_new(
        Event,
        services.revision_data(Event, event_values(rrule=rule, cost=Decimal("5"))),
        people, authority, region,
    )  # fmt: skip

    edit_url = reverse("authority:event_edit", kwargs={"pk": event.pk})
    resubmit(client, people["editor"], edit_url, event)
