"""Organisations manage their own events and registrations; the city moderates all events."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from apps.editorial.models import ItemStatus
from apps.events import services
from apps.events.models import Event
from tests.browser_forms import submitted

from .conftest import next_week_at


def form_data(**overrides) -> dict:
    data = {
        "title": "Nähcafé",
        "summary": "Gemeinsam nähen.",
        "description": "Jeden Dienstag.",
        "target_group": "",
        "kind": "event",
        "starts_at": next_week_at(17).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "120",
        "repeat": "FREQ=WEEKLY",
        "repeat_until": "",
        "repeat_count": "5",
        "rrule": "",
        "online_url": "https://meet.example/n",
        "languages_of_instruction": ["de", "fa-af"],
        "cost": "",
        "registration_mode": "portal",
        "capacity": "8",
        "registration_url": "",
    }
    data.update(overrides)
    return data


def test_an_ngo_announces_and_publishes_its_own_event(client, people, ngo):
    client.force_login(people["ngo_member"])

    response = client.post(
        reverse("ngo:event_create", kwargs={"org": ngo.slug}), {**form_data(), "publish": "1"}
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organisation == ngo
    assert event.status == ItemStatus.PUBLISHED
    assert event.rrule == "FREQ=WEEKLY;COUNT=5"
    assert event.starts_at == next_week_at(17)
    assert event.languages_of_instruction == ["de", "fa-af"]
    # The edit form shows the local time and the simple repeat choice again.
    page = client.get(reverse("ngo:event_edit", kwargs={"org": ngo.slug, "pk": event.pk}))
    assert next_week_at(17).strftime("%Y-%m-%dT%H:%M") in page.content.decode()
    assert page.context["form"].initial["repeat_count"] == 5


def test_an_event_title_is_kept_on_one_line(client, people, ngo):
    client.force_login(people["ngo_member"])

    client.post(
        reverse("ngo:event_create", kwargs={"org": ngo.slug}),
        form_data(title="Nähcafé\r\nBcc: everyone@example.org"),
    )

    assert Event.objects.get().revisions.get().data["title"] == "Nähcafé Bcc: everyone@example.org"


def test_a_draft_stays_hidden_until_published(client, people, ngo):
    client.force_login(people["ngo_admin"])
    client.post(reverse("ngo:event_create", kwargs={"org": ngo.slug}), form_data())
    event = Event.objects.get()
    assert event.status == ItemStatus.DRAFT
    assert client.get(reverse("migrant:event", kwargs={"slug": event.slug})).status_code == 404

    client.post(
        reverse("ngo:event_action", kwargs={"org": ngo.slug, "pk": event.pk}), {"action": "publish"}
    )
    assert client.get(reverse("migrant:event", kwargs={"slug": event.slug})).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rrule": "FREQ=HOURLY"}, "rrule"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"registration_mode": "external"}, "registration_url"),
        ({"online_url": ""}, "place"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(client, people, ngo, overrides, field):
    client.force_login(people["ngo_admin"])

    response = client.post(
        reverse("ngo:event_create", kwargs={"org": ngo.slug}), form_data(**overrides)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Nähcafé" in response.content.decode()
    assert not Event.objects.exists()


def test_registrations_export_message_and_cancel(
    client, people, ngo, make_event, first_date, django_capture_on_commit_callbacks
):
    event = make_event()
    date = first_date(event)
    services.register(
        event=event,
        starts_at=date,
        name="=cmd()",
        email="a@example.org",
        language="ar",
        base_url="http://testserver/",
    )
    client.force_login(people["ngo_member"])
    url = reverse(
        "ngo:event_date",
        kwargs={"org": ngo.slug, "pk": event.pk, "timestamp": int(date.timestamp())},
    )

    rows = list(
        csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig")))
    )
    assert rows[1][:2] == ["'=cmd()", "a@example.org"]

    action = url + "action/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action, {"action": "message", "message": "Bitte Stifte mitbringen."})
    assert "Bitte Stifte mitbringen." in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(action, {"action": "cancel", "reason": ""})
    assert event.occurrences.get().cancelled_at is not None
    # Every look at the registrants' data is in the audit log, with who did it.
    from apps.editorial.models import AuditEvent

    assert set(
        AuditEvent.objects.filter(actor=people["ngo_member"]).values_list("action", flat=True)
    ) == {"registrations_exported", "registrants_messaged", "date_cancelled"}


def test_an_ngo_never_sees_another_ngos_events_or_registrations(
    client, people, ngo, other_ngo, make_event, first_date
):
    theirs = make_event(organisation=other_ngo, user=people["other_ngo_admin"])
    date = first_date(theirs)
    services.register(
        event=theirs,
        starts_at=date,
        name="Amal",
        email="a@example.org",
        language="ar",
        base_url="http://testserver/",
    )
    client.force_login(people["ngo_admin"])
    kwargs = {"org": ngo.slug, "pk": theirs.pk}
    date_kwargs = {**kwargs, "timestamp": int(date.timestamp())}

    assert (
        theirs.title
        not in client.get(reverse("ngo:events", kwargs={"org": ngo.slug})).content.decode()
    )
    for name in ("ngo:event_detail", "ngo:event_edit"):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    assert (
        client.get(reverse("ngo:event_date", kwargs=date_kwargs), {"format": "csv"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("ngo:event_date_action", kwargs=date_kwargs), {"action": "cancel"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("ngo:event_action", kwargs=kwargs), {"action": "archive"}).status_code
        == 404
    )
    # Through their own URL: the other NGO's workspace is closed to this person.
    other = {"org": other_ngo.slug, "pk": theirs.pk}
    assert client.get(reverse("ngo:event_detail", kwargs=other)).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == ItemStatus.PUBLISHED
    assert theirs.occurrences.get().cancelled_at is None


def test_the_city_archives_any_event_but_only_reviewers_may(client, people, make_event):
    event = make_event()
    url = reverse("authority:event_moderate", kwargs={"pk": event.pk})

    client.force_login(people["editor"])
    assert client.post(url).status_code == 403
    client.force_login(people["reviewer"])
    listing = client.get(reverse("authority:events"))
    assert event.title in listing.content.decode()
    client.post(url)

    event.refresh_from_db()
    assert event.status == ItemStatus.ARCHIVED


def test_the_city_announces_its_own_events(client, people, authority, region):
    region.four_eyes = False
    region.save()
    client.force_login(people["reviewer"])

    client.post(reverse("authority:event_create"), {**form_data(), "publish": "1"})

    event = Event.objects.get()
    assert event.organisation == authority
    assert event.status == ItemStatus.PUBLISHED


def test_the_ngo_edits_its_profile_with_languages_and_places(client, people, ngo, region):
    client.force_login(people["ngo_admin"])
    response = client.post(
        reverse("ngo:profile", kwargs={"org": ngo.slug}),
        {
            "name_de": "Helfende Hände",
            "description_de": "Wir beraten.",
            "services_de": "Beratung\nBegleitung",
            "languages_spoken": ["ar", "de"],
            "email": "",
            "phone": "",
            "website": "",
            "edit_fingerprint": client.get(reverse("ngo:profile", kwargs={"org": ngo.slug}))
            .context["form"]["edit_fingerprint"]
            .value(),
        },
    )
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.service_list == ["Beratung", "Begleitung"]
    assert ngo.languages_spoken == ["ar", "de"]
    page = client.get(reverse("migrant:organisations"))
    assert "Begleitung" in page.content.decode()


def test_two_people_changing_one_event_keep_both_changes(client, people, ngo):
    client.force_login(people["ngo_member"])
    client.post(
        reverse("ngo:event_create", kwargs={"org": ngo.slug}), {**form_data(), "publish": "1"}
    )
    event = Event.objects.get()
    edit = reverse("ngo:event_edit", kwargs={"org": ngo.slug, "pk": event.pk})
    opened = submitted(client.get(edit).content.decode())
    client.post(edit, {**opened, "title": "Nähcafé am Dienstag", "publish": "1"})

    client.force_login(people["ngo_admin"])
    response = client.post(edit, {**opened, "capacity": "12", "publish": "1"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.capacity, event.status) == ("Nähcafé am Dienstag", 12, "published")
    stale = client.post(edit, {**opened, "title": "Nähcafé (neu)"})
    assert 'name="merge__title"' in stale.content.decode()
