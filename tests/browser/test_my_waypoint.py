"""The optional account in Chromium: ticks made before signing up are merged into the account
when the person signs in by the link from the e-mail, and another device shows them."""

from __future__ import annotations

import re

import pytest
from django.core import mail
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
