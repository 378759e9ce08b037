"""Registering for a date without an account: seats, waiting list, e-mails, cancelling."""

from __future__ import annotations

import datetime as dt
import threading
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.urls import reverse
from django.utils import translation

from apps.events import services
from apps.events.models import Registration, RegistrationStatus
from apps.events.tasks import erase_old_registrations
from tests.services import require

BASE = "http://testserver/"


def register(event, starts_at, name, email="", language="en", phone=""):
    return services.register(
        event=event,
        starts_at=starts_at,
        name=name,
        email=email,
        phone=phone,
        language=language,
        base_url=BASE,
    )


def test_seats_then_waiting_list_then_promotion_when_someone_cancels(
    make_event, first_date, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    date = first_date(event)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, date, "Amal", "amal@example.org", "ar")
        register(event, date, "Boris", "boris@example.org", "ru")
        third = register(event, date, "Chen", "chen@example.org", "zh-hans")

    assert first.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITING
    assert len(mail.outbox) == 3
    # Each person is written to in the language they registered in.
    with translation.override("ar"):
        assert mail.outbox[0].subject.startswith(
            translation.gettext("Your place is booked: %(title)s")[:5]
        )
    assert "/events/registration/" in mail.outbox[0].body
    assert f"/ar/events/{event.slug}.ics" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first, base_url=BASE)

    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    assert {message.to[0] for message in mail.outbox} == {"amal@example.org", "chen@example.org"}


def test_a_registration_needs_a_name_and_a_way_to_reach_the_person(make_event, first_date):
    event = make_event()
    date = first_date(event)
    with pytest.raises(services.RegistrationError):
        register(event, date, "", "a@example.org")
    with pytest.raises(services.RegistrationError):
        register(event, date, "Amal")
    assert register(event, date, "Amal", phone="+49 301 1234").status == "confirmed"


def test_only_real_future_dates_that_are_not_cancelled_take_registrations(make_event, first_date):
    event = make_event()
    date = first_date(event)
    with pytest.raises(services.RegistrationError):
        register(event, date + dt.timedelta(hours=1), "Amal", "a@example.org")
    services.cancel_date(event, starts_at=date, base_url=BASE)
    with pytest.raises(services.RegistrationError):
        register(event, date, "Amal", "a@example.org")
    outside = make_event(registration_mode="external", registration_url="https://x.example")
    with pytest.raises(services.RegistrationError):
        register(outside, first_date(outside), "Amal", "a@example.org")


def test_cancelling_a_date_tells_everybody_registered(
    make_event, first_date, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    date = first_date(event)
    register(event, date, "Amal", "amal@example.org", "ar")
    register(event, date, "Boris", "boris@example.org", "ru")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_date(event, starts_at=date, base_url=BASE, reason="Krank.")

    assert told == 2
    assert len(mail.outbox) == 2
    assert all("Krank." in message.body for message in mail.outbox)
    assert not Registration.objects.exclude(status=RegistrationStatus.CANCELLED).exists()


def test_registrants_data_is_deleted_after_the_retention_period(make_event, settings):
    settings.EVENT_RETENTION_DAYS = 30
    event = make_event()
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    recent = dt.datetime.now(dt.UTC) - dt.timedelta(days=29)
    for starts_at in (old, recent):
        occurrence = event.occurrences.create(starts_at=starts_at)
        occurrence.registrations.create(
            name="Amal", email="a@example.org", language="ar", status="confirmed"
        )

    assert erase_old_registrations.delay().get() == 1

    assert list(Registration.objects.values_list("occurrence__starts_at", flat=True)) == [recent]


def test_the_cancel_link_is_secret_and_works_once(client, make_event, first_date):
    event = make_event()
    registration = register(event, first_date(event), "Amal", "amal@example.org")
    token = services.cancel_token(registration)

    assert (
        client.get(reverse("migrant:registration", kwargs={"token": token + "x"})).status_code
        == 404
    )
    page = client.get(reverse("migrant:registration", kwargs={"token": token}))
    assert page.status_code == 200
    client.post(reverse("migrant:registration", kwargs={"token": token}))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_the_last_seat_goes_to_exactly_one_of_two_people_at_once(make_event, first_date):
    require(connection.vendor == "postgresql", "PostgreSQL (row locks)")
    event = make_event(capacity=1)
    date = first_date(event)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def attempt(name: str) -> None:
        try:
            barrier.wait()
            results.append(register(event, date, name, f"{name}@example.org").status)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(name,)) for name in ("amal", "boris")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(results) == ["confirmed", "waiting"]


def test_the_e_mail_names_the_place_as_published_in_the_registrants_language(
    make_event, first_date, django_capture_on_commit_callbacks, people, authority, region
):
    from apps.editorial import services as workflow
    from apps.places.models import Place
    from apps.translation import services as translation_workflow
    from tests.conftest import publish_new

    place = publish_new(
        Place,
        workflow.revision_data(
            Place,
            {"name": "Frauenzentrum", "street": "Gartenweg 8", "postcode": "12345", "city": "Teststadt"},
        ),
        people, authority, region,
    )  # fmt: skip
    translation_workflow.save_translation(
        place, language="ar", texts={"name": "مركز النساء"}, user=people["translator"],
        base_version=None, done=True,
    )  # fmt: skip
    translation_workflow.publish_translation(place, language="ar", user=people["reviewer"])
    event = make_event(place=place.pk)

    with django_capture_on_commit_callbacks(execute=True):
        register(event, first_date(event), "Amal", "amal@example.org", "ar")

    assert "مركز النساء, Gartenweg 8, 12345 Teststadt" in mail.outbox[0].body


class FailingMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("The mail server is down.")


def _register_on_the_page(client, event):
    url = reverse("migrant:event", kwargs={"slug": event.slug})
    date = next(iter(client.get(url).context["form"].fields["date"].choices))[0]
    return client.post(
        url, {"date": date, "name": "Amal", "email": "amal@example.org", "consent": "on"}
    )


def test_a_line_break_in_an_event_title_never_breaks_a_registration(
    client, make_event, django_capture_on_commit_callbacks
):
    # Stored through the service, as titles were before forms and imports cleaned them.
    event = make_event(title="Deutschkurs\r\nfür Frauen")

    with django_capture_on_commit_callbacks(execute=True):
        response = _register_on_the_page(client, event)

    assert response.status_code == 302
    assert "/events/registration/" in response["Location"]
    assert [message.subject for message in mail.outbox] == [
        "Your place is booked: Deutschkurs für Frauen"
    ]


def test_a_failing_mail_server_never_turns_a_saved_registration_into_an_error(
    client, make_event, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingMailServer"
    event = make_event()

    with django_capture_on_commit_callbacks(execute=True):
        response = _register_on_the_page(client, event)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Amal" in page.content.decode()
    assert any(record.levelname == "ERROR" for record in caplog.records)


class FlakyMailServer(BaseEmailBackend):
    failures_left = 2

    def send_messages(self, email_messages):
        if FlakyMailServer.failures_left:
            FlakyMailServer.failures_left -= 1
            raise ConnectionRefusedError("The mail server is restarting.")
        mail.outbox.extend(email_messages)
        return len(email_messages)


@pytest.fixture
def retries_in_process():
    """In-process, a task's retry runs at once (a worker waits between tries) — as long as
    errors are not propagated to the caller, which the suite otherwise wants."""
    from portal.celery import app

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


def test_a_mail_that_cannot_be_sent_yet_is_retried(
    client, make_event, settings, retries_in_process, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyMailServer"
    event = make_event()

    with django_capture_on_commit_callbacks(execute=True):
        response = _register_on_the_page(client, event)

    assert response.status_code == 302
    assert FlakyMailServer.failures_left == 0
    assert len(mail.outbox) == 1
