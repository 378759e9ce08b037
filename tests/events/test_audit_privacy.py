"""Who looked at registrations is personal-data access: only those who may see the
registrations themselves see it in an event's audit trail (staff API and workspace page)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from apps.editorial.services import revision_data
from apps.events import services
from apps.events.models import Event
from tests.conftest import publish_new

from .conftest import event_values

PERSONAL = {"registrations_viewed", "registrations_exported", "registrants_messaged"}


def _look_at_the_registrations(client, user, event, date, namespace: str, **url_kwargs) -> None:
    services.register(
        event=event,
        starts_at=date,
        name="Amal",
        email="amal@example.org",
        language="ar",
        base_url="http://testserver/",
    )
    client.force_login(user)
    url = reverse(
        f"{namespace}:event_date",
        kwargs={**url_kwargs, "pk": event.pk, "timestamp": int(date.timestamp())},
    )
    assert client.get(url).status_code == 200
    assert client.get(url, {"format": "csv"}).status_code == 200
    client.post(url + "action/", {"action": "message", "message": "Bitte Stifte mitbringen."})
    client.logout()


def _audit_via_api(client, user, event) -> set[str]:
    token, _ = Token.objects.get_or_create(user=user)
    response = client.get(
        f"/api/v1/editorial/items/events.event/{event.pk}/",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200
    return {entry["action"] for entry in response.json()["audit"]}


@pytest.fixture
def ngo_event_looked_at(client, people, ngo, make_event, first_date):
    event = make_event()
    _look_at_the_registrations(
        client, people["ngo_admin"], event, first_date(event), "ngo", org=ngo.slug
    )
    return event


@pytest.mark.parametrize("role", ["translator", "editor", "reviewer", "region_admin"])
def test_city_staff_do_not_see_who_looked_at_an_ngos_registrations(
    client, people, ngo_event_looked_at, role
):
    actions = _audit_via_api(client, people[role], ngo_event_looked_at)

    assert "published" in actions
    assert not actions & PERSONAL


def test_the_workspace_page_leaves_them_out_too(client, people, ngo_event_looked_at):
    client.force_login(people["translator"])

    response = client.get(
        reverse(
            "authority:content_detail",
            kwargs={"type": "events.event", "pk": ngo_event_looked_at.pk},
        )
    )

    assert response.status_code == 200
    assert not {event.action for event in response.context["audit"]} & PERSONAL
    assert "looked at the registrations" not in response.content.decode()


def test_the_ngo_sees_the_record_of_its_own_registrations(people, ngo_event_looked_at):
    from apps.editorial.queries import audit_trail

    actions = {
        event.action for event in audit_trail(ngo_event_looked_at, viewer=people["ngo_member"])
    }

    assert actions >= PERSONAL
    assert (
        not {
            event.action
            for event in audit_trail(ngo_event_looked_at, viewer=people["other_ngo_admin"])
        }
        & PERSONAL
    )


def test_for_city_events_those_who_manage_them_see_the_record(
    client, people, authority, region, first_date
):
    event = publish_new(Event, revision_data(Event, event_values()), people, authority, region)
    _look_at_the_registrations(client, people["editor"], event, first_date(event), "authority")

    assert _audit_via_api(client, people["reviewer"], event) >= PERSONAL
    assert not _audit_via_api(client, people["translator"], event) & PERSONAL
    assert not _audit_via_api(client, people["statistics_manager"], event) & PERSONAL
