"""The optional migrant account: sign in by a one-time link (no password), ticks kept with the
account, my registrations, my data downloaded or deleted, signed out here or everywhere — and
never a way into a workspace or into another person's data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from apps.events import services as event_services
from apps.events.models import Registration, RegistrationStatus
from apps.migrant_accounts import services
from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress, SignInLink
from tests.migrant_accounts.conftest import ask_for_link, link_in_last_mail, sign_in

PROGRESS = "/api/v1/my/progress/wohnung-anmelden/"


def test_a_link_is_sent_in_the_readers_language_whoever_asks(client, region):
    asked = ask_for_link(client, "Amina@Example.ORG", "ar")
    assert asked.status_code == 200 and not asked.cookies
    assert "Amina@Example.ORG" in asked.content.decode()
    message = mail.outbox[-1]
    assert message.to == ["Amina@example.org"]
    assert "/ar/my/sign-in/" in message.body and "دقيقة" in message.body  # Arabic "minutes"
    assert not MigrantAccount.objects.exists()  # made only when the link is used
    # The answer for another address is the same page: nobody learns who has an account.
    other = ask_for_link(client, "someone@example.org", "ar")
    assert other.content.decode().replace(
        "someone@example.org", "X"
    ) == asked.content.decode().replace("Amina@Example.ORG", "X")


def test_opening_the_link_asks_first_then_signs_in_once(client, region):
    ask_for_link(client, "amina@example.org", "en")
    path = "/" + link_in_last_mail().split("://", 1)[1].split("/", 1)[1]
    opened = client.get(path)  # what a link checker in a mail program does
    assert opened.status_code == 200 and not MigrantAccount.objects.exists()
    signed_in = client.post(path)
    assert signed_in.status_code == 302 and signed_in["Location"] == "/en/my/"
    account = MigrantAccount.objects.get()
    assert (account.email, account.language) == ("amina@example.org", "en")
    page = client.get("/en/my/").content.decode()
    assert "amina@example.org" in page and "Sign out on all devices" in page
    again = Client().post(path)
    assert again.status_code == 400 and "does not work any more" in again.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "1:abc:def", "x" * 300])
def test_a_bad_link_is_refused_with_a_new_form(client, region, token):
    response = client.post(f"/en/my/sign-in/{token}/")
    assert response.status_code == 400 and 'name="email"' in response.content.decode()
    assert not MigrantAccount.objects.exists()


def test_an_old_link_does_not_work(client, region, settings):
    ask_for_link(client, "amina@example.org", "en")
    SignInLink.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    path = "/" + link_in_last_mail().split("://", 1)[1].split("/", 1)[1]
    assert client.post(path).status_code == 400


@pytest.mark.parametrize("email", ["", "not an address", "a@b", "x" * 300 + "@example.org"])
def test_a_bad_address_gets_a_clear_message(client, region, email):
    response = client.post("/de/my/sign-in/", {"email": email})
    assert response.status_code == 400 and not mail.outbox
    assert "field-error" in response.content.decode()


def test_links_are_limited_per_address(client, region, settings):
    settings.MIGRANT_SIGN_IN_LINKS_PER_HOUR = 2
    for _ in range(2):
        assert ask_for_link(client, "a@example.org", "en").status_code == 200
    refused = ask_for_link(client, "a@example.org", "en")
    assert refused.status_code == 429 and "Too many links" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_ticks_are_kept_with_the_account(client, region, registration_procedure):
    sign_in(client)
    csrf = client.get("/en/step-by-step/wohnung-anmelden/").content.decode()
    assert f'data-progress-sync="{PROGRESS}"' in csrf
    token = client.cookies["csrftoken"].value
    kept = client.put(
        PROGRESS,
        # A step the procedure no longer has (an old device's tick) is dropped.
        {"ticks": ["step:termin", "document:reisepass", "step:termin", "step:gone"]},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert kept.status_code == 200
    assert kept.json()["ticks"] == ["document:reisepass", "step:termin"]
    assert kept.json()["steps"] == 2
    page = client.get("/en/my/").content.decode()
    assert "Wohnung anmelden" in page and "1 of 2 steps done" in page
    assert client.get("/api/v1/my/progress/").json()[0]["procedure"] == "wohnung-anmelden"


@pytest.mark.parametrize(
    "ticks", ["step:termin", [1, 2], ["drop table"], ["step:termin"] * 201, {"step": "termin"}]
)
def test_ticks_that_are_not_of_the_procedure_are_refused(
    client, region, registration_procedure, ticks
):
    sign_in(client)
    client.get("/en/my/")
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value}
    response = client.put(
        PROGRESS, {"ticks": ticks}, content_type="application/json", headers=headers
    )
    assert response.status_code == 400 and "ticks" in response.json()
    assert not ProcedureProgress.objects.exists()


def test_progress_needs_the_migrants_own_session_and_its_token(
    client, region, registration_procedure, people
):
    assert Client().get(PROGRESS).status_code in (401, 403)
    staff = Client()
    staff.force_login(people["editor"])
    assert staff.get(PROGRESS).status_code in (401, 403)  # a staff session is not a migrant's
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser)
    no_token = browser.put(PROGRESS, {"ticks": []}, content_type="application/json")
    assert no_token.status_code == 403
    assert browser.get("/api/v1/my/progress/nowhere/").status_code == 404


def test_one_migrant_never_sees_another_ones_data(region, registration_procedure):
    amina, omar = Client(), Client()
    sign_in(amina, "amina@example.org")
    sign_in(omar, "omar@example.org")
    amina.get("/en/my/")
    amina.put(PROGRESS, {"ticks": ["step:amt"]}, content_type="application/json",
              headers={"X-CSRFToken": amina.cookies["csrftoken"].value})  # fmt: skip
    assert omar.get(PROGRESS).json()["ticks"] == []
    assert omar.get("/api/v1/my/progress/").json() == []
    assert "amina" not in omar.get("/en/my/data.json").content.decode()


def test_signing_out_everywhere_ends_every_session(region):
    phone, laptop = Client(), Client()
    sign_in(phone)
    sign_in(laptop)
    phone.get("/en/my/")
    phone.post(
        "/en/my/sign-out/",
        {"everywhere": "1"},
        headers={"X-CSRFToken": phone.cookies["csrftoken"].value},
    )
    assert 'name="email"' in laptop.get("/en/my/").content.decode()  # signed out there too
    assert 'name="email"' in phone.get("/en/my/").content.decode()


def test_a_migrant_account_never_opens_a_workspace(client, region, people):
    sign_in(client)
    for path in (
        "/en/authority/",
        "/en/authority/search-gaps/",
        "/en/ngo/",
        "/api/v1/editorial/queue/",
    ):
        assert client.get(path).status_code == 403, path


def test_my_data_and_its_deletion(client, region, registration_procedure, make_event, first_date):
    event = make_event(capacity=1)
    when = first_date(event)
    mine = event_services.register(event=event, starts_at=when, name="Amina", email="amina@example.org",
                                   language="ar", base_url="http://testserver/")  # fmt: skip
    other = event_services.register(event=event, starts_at=when, name="Omar", email="omar@example.org",
                                    language="ar", base_url="http://testserver/")  # fmt: skip
    assert other.status == RegistrationStatus.WAITING
    sign_in(client, "amina@example.org", code="ar")
    page = client.get("/ar/my/").content.decode()
    assert "Deutschkurs für Frauen" in page  # my registration, found by my address
    data = json.loads(client.get("/ar/my/data.json").content)
    assert data["account"]["email"] == "amina@example.org" and data["account"]["language"] == "ar"
    assert [r["name"] for r in data["event_registrations"]] == ["Amina"]
    assert data["retention"]["account_after_inactive_days"] > 0

    token = client.cookies["csrftoken"].value
    refused = client.post("/ar/my/delete/", headers={"X-CSRFToken": token})  # not confirmed
    assert refused.status_code == 302 and MigrantAccount.objects.exists()
    client.post("/ar/my/delete/", {"confirm": "1"}, headers={"X-CSRFToken": token})
    assert not MigrantAccount.objects.exists() and not SignInLink.objects.exists()
    assert not Registration.objects.filter(pk=mine.pk).exists()
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED  # the seat went to the waiting list
    occurrence = other.occurrence
    occurrence.refresh_from_db()
    assert occurrence.erased_cancelled == 1  # what is left of Amina: a count
    assert 'name="email"' in client.get("/ar/my/").content.decode()


def test_unused_accounts_are_warned_then_deleted(
    region, settings, django_capture_on_commit_callbacks
):
    settings.MIGRANT_ACCOUNT_INACTIVE_DAYS, settings.MIGRANT_ACCOUNT_WARNING_DAYS = 100, 10
    today = timezone.localdate()
    account = MigrantAccount.objects.create(
        region=region, email="a@example.org", language="uk",
        last_active_on=today - dt.timedelta(days=95),
    )  # fmt: skip
    fresh = MigrantAccount.objects.create(
        region=region, email="b@example.org", language="uk", last_active_on=today
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.forget_inactive(today=today, base_url="http://testserver/") == (1, 0)
    account.refresh_from_db()
    assert account.inactivity_warned_on == today
    warning = mail.outbox[-1]
    assert warning.to == ["a@example.org"] and "/uk/my/" in warning.body
    later = today + dt.timedelta(days=6)
    assert services.forget_inactive(today=later, base_url="http://testserver/") == (0, 1)
    assert list(MigrantAccount.objects.all()) == [fresh]
