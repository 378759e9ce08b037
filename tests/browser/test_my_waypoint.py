"""The optional account in Chromium: ticks made before signing up are merged into the account
when the person signs in by the link from the e-mail, and another device shows them."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.test_procedures import registration  # noqa: F401 - fixture
from tests.procedures.conftest import (  # noqa: F401 - fixtures
    publish_document,
    publish_place,
    publish_procedure,
)

pytestmark = pytest.mark.browser

PROCEDURE = "/en/step-by-step/wohnung-anmelden/"


def sign_in_by_mail(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/en/my/")
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("status")).to_contain_text("We sent a link")
    link = re.search(r"https?://\S+/my/sign-in/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My Waypoint")


def test_ticks_follow_the_person_to_another_device(
    browser,
    live_server,
    registration,  # noqa: F811
    axe_violations,
):
    phone = browser.new_context(locale="en-GB").new_page()
    phone.goto(f"{live_server.url}{PROCEDURE}")
    phone.get_by_label("Done").first.check()  # before there is any account

    sign_in_by_mail(phone, live_server, "amina@example.org")
    procedures = phone.locator("#my-procedures + ul")
    expect(procedures).to_contain_text("Wohnung anmelden")
    expect(procedures).to_contain_text("1 of 3 steps done")

    laptop = browser.new_context(locale="en-GB").new_page()
    sign_in_by_mail(laptop, live_server, "amina@example.org")
    with laptop.expect_response(lambda r: "/api/v1/my/progress/" in r.url):  # the merge
        laptop.goto(f"{live_server.url}{PROCEDURE}")
    expect(laptop.get_by_label("Done").first).to_be_checked()
    kept = "/api/v1/my/progress/wohnung-anmelden/"
    with laptop.expect_response(lambda r: kept in r.url and r.request.method == "PUT") as put:
        laptop.get_by_label("Done").nth(1).check()
    assert put.value.ok and len(put.value.json()["ticks"]) == 2

    phone.goto(f"{live_server.url}/en/my/")
    expect(procedures).to_contain_text("2 of 3 steps done")
    phone.goto(f"{live_server.url}/ar/my/")  # signed in, right to left
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    assert axe_violations(phone) == []
    phone.context.close()
    laptop.context.close()


CACHED = (
    "(path) => caches.open('waypoint-saved')"
    ".then(cache => cache.match(location.origin + path)).then(Boolean)"
)


LISTED = "(path) => path in JSON.parse(localStorage.getItem('waypoint:saved') || '{}')"


def cached(page, path: str) -> bool:
    """Whether this browser keeps a saved copy of ``path``."""
    return page.evaluate(CACHED, path)


def test_saved_pages_follow_the_person_to_another_device(
    browser,
    live_server,
    registration,  # noqa: F811
):
    phone = browser.new_context(locale="en-GB").new_page()
    phone.set_default_timeout(15_000)
    phone.goto(f"{live_server.url}{PROCEDURE}")
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.get_by_role("button", name="Save for offline").click()  # before there is any account
    expect(phone.locator("[data-save-status]")).to_contain_text("Saved on this device")

    sign_in_by_mail(phone, live_server, "amina@example.org")  # the page is merged, then shown
    expect(phone.locator("#my-saved + ul")).to_contain_text("Wohnung anmelden")

    laptop = browser.new_context(locale="en-GB").new_page()
    laptop.set_default_timeout(15_000)
    sign_in_by_mail(laptop, live_server, "amina@example.org")
    laptop.evaluate("navigator.serviceWorker.ready.then(() => true)")
    laptop.wait_for_function(LISTED, arg=PROCEDURE)  # listed once it is kept with what it needs
    assert cached(laptop, PROCEDURE)
    assert cached(laptop, "/en/documents/reisepass/")  # with the document it needs
    laptop.reload()  # now the service worker answers for the page
    laptop.context.set_offline(True)
    laptop.goto(f"{live_server.url}{PROCEDURE}")
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Wohnung anmelden")
    laptop.context.set_offline(False)

    with laptop.expect_response(lambda r: r.url.endswith("/api/v1/my/saved/")):
        laptop.goto(f"{live_server.url}{PROCEDURE}")  # the account's list, on its way
    with laptop.expect_response(
        lambda r: "/api/v1/my/saved/" in r.url and r.request.method == "DELETE"
    ):
        laptop.get_by_role("button", name="Remove from all my devices").click()
    expect(laptop.get_by_role("button", name="Save for offline")).to_be_visible()

    phone.goto(f"{live_server.url}/en/my/")  # removed elsewhere: gone here too
    expect(phone.locator("#my-saved")).to_be_visible()
    phone.wait_for_function(f"(path) => ({CACHED})(path).then(found => !found)", arg=PROCEDURE)
    expect(phone.locator("#my-saved + ul")).to_have_count(0)
    phone.context.close()
    laptop.context.close()


def test_a_followed_procedure_brings_a_digest_in_my_language(
    page,
    live_server,
    registration,  # noqa: F811
    translate_item,
):
    from apps.migrant_accounts import tasks

    sign_in_by_mail(page, live_server, "amina@example.org")
    page.locator("#account-language").select_option("uk")  # e-mails in Ukrainian
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{live_server.url}{PROCEDURE}")
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()

    texts = {
        "title": "Реєстрація житла", "summary": "Як зареєструвати адресу.", "body": "Коротко.",
        "steps.termin.title": "Записатися", "steps.termin.body": "Онлайн.",
        "steps.amt.title": "Піти до установи", "steps.amt.body": "З паспортом.",
        "steps.abholen.title": "Забрати довідку", "steps.abholen.body": "Одразу.",
    }  # fmt: skip
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_item(registration, "uk", texts)
    assert tasks.send_digests() == 1
    message = mail.outbox[-1]
    assert message.to == ["amina@example.org"] and "Реєстрація житла" in message.body
    assert message.subject != "" and "News about" not in message.subject  # in Ukrainian

    unsubscribe = re.search(r"https?://[^/\s]+(/uk/my/unsubscribe/\S+/)", message.body).group(1)
    page.goto(f"{live_server.url}{unsubscribe}")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    with translation.override("uk"):
        stop = gettext("Stop the e-mails")
    assert stop != "Stop the e-mails"
    page.get_by_role("button", name=stop).click()
    expect(page.get_by_role("status")).to_be_visible()
    page.goto(f"{live_server.url}/en/my/")
    expect(page.locator("#my-follows + p")).to_be_visible()  # nothing followed any more


def test_my_data_is_downloaded_then_deleted(page, live_server, registration):  # noqa: F811
    import json

    sign_in_by_mail(page, live_server, "amina@example.org")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download all my data (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == "amina@example.org"
    assert {"progress", "follows", "saved_for_offline", "event_registrations"} <= set(data)

    page.get_by_label("Yes, delete everything").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".messages")).to_contain_text("deleted")
    expect(page.get_by_label("Your e-mail address")).to_be_visible()  # signed out, no account
