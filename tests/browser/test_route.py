"""'My route' in Chromium, in Arabic: answer the questions, get the route in the order the
papers require, tick a step, and the route says so; opened again, the answers are remembered."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from apps.demo.services import load_demo
from tests.browser.conftest import sign_in
from tests.browser.test_procedures import registration  # noqa: F401 - fixture
from tests.procedures.conftest import (  # noqa: F401 - fixtures
    publish_document,
    publish_place,
    publish_procedure,
)

pytestmark = pytest.mark.browser


def test_an_arabic_reader_gets_a_route_ticks_a_step_and_comes_back(
    page, live_server, axe_violations
):
    load_demo(parts={"procedures", "events"})
    page.goto(f"{live_server.url}/ar/my-route/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#situation-refugee").check()
    page.locator("#children-yes").check()
    page.locator("#work-no").check()
    page.locator("#german-none").check()
    page.locator("form[data-route-form] button[type=submit]").click()

    items = page.locator("ol.route-list > li")
    expect(items.first.locator("h3 a")).to_have_attribute("href", "/ar/step-by-step/anmeldung/")
    assert items.count() == 8  # not the job centre nor recognition: not looking for work
    assert page.locator("[data-print]").is_visible()
    assert axe_violations(page) == []

    items.first.locator("h3 a").click()
    page.locator("[data-progress-step]").first.check()  # the first step, on this device
    page.goto(f"{live_server.url}/ar/my-route/")  # no answers in the address: remembered
    expect(page).to_have_url(re.compile(r"situation=refugee"))
    expect(items.first.locator("[data-progress-of]")).not_to_be_empty()

    # The route as last shown is kept for reading offline, and the offline page lists it.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now the service worker answers for the page
    address = page.url.removeprefix(live_server.url)
    page.wait_for_function(
        "(path) => path in JSON.parse(localStorage.getItem('waypoint:saved') || '{}')",
        arg=address,
    )
    page.context.set_offline(True)
    page.goto(f"{live_server.url}{address}")
    expect(items).to_have_count(8)
    page.goto(f"{live_server.url}/ar/offline/")
    expect(page.locator("[data-saved-list] a")).to_have_attribute("href", address)
    page.context.set_offline(False)


def test_a_route_shared_with_a_counsellor_by_consent_and_withdrawn(
    browser,
    live_server,
    people,
    ngo,
    registration,  # noqa: F811
    axe_violations,
):
    from apps.routes.models import RouteShare

    migrant = browser.new_context(locale="ar").new_page()
    migrant.set_default_timeout(15_000)
    migrant.goto(f"{live_server.url}/ar/my-route/")
    migrant.locator("#situation-none").check()
    migrant.locator("#children-yes").check()
    migrant.locator("form[data-route-form] button[type=submit]").click()
    expect(migrant.locator("ol.route-list > li")).to_have_count(1)
    migrant.locator("ol.route-list h3 a").click()
    migrant.locator("[data-progress-step]").first.check()

    # Signing in, in Arabic, by the link from the e-mail.
    migrant.goto(f"{live_server.url}/ar/my/")
    migrant.locator("#id_email").fill("amina@example.org")
    migrant.locator("form[action='/ar/my/sign-in/'] button[type=submit]").click()
    expect(migrant.locator("main [role=status]")).to_be_visible()
    link = re.search(r"https?://\S+/my/sign-in/\S+/", mail.outbox[-1].body).group(0)
    migrant.goto(link)
    migrant.locator("main form[method=post] button[type=submit]").click()

    migrant.goto(f"{live_server.url}/ar/my-route/")  # the answers this device remembered
    expect(migrant.locator("[data-progress-of]").first).not_to_be_empty()  # the tick
    migrant.locator("#share-organisation").select_option(label="Helping Hands")
    migrant.locator("button[name=action][value=share]").click()
    code = RouteShare.objects.get().code
    expect(migrant.locator(".share-code")).to_have_text(code)

    counsellor = browser.new_context(locale="en-GB").new_page()
    counsellor.set_default_timeout(15_000)
    sign_in(counsellor, live_server, "ngo-member@example.org")
    counsellor.goto(f"{live_server.url}/en/ngo/helping-hands/shared-routes/")
    counsellor.get_by_label("Code").fill(code.lower())
    counsellor.get_by_role("button", name="Open the route").click()
    expect(counsellor.get_by_role("heading", level=1)).to_have_text("Shared route")
    expect(counsellor.locator("ol.route-list")).to_contain_text("Wohnung anmelden")
    counsellor.get_by_label("Note for the person").fill("Bring your rental contract.")
    counsellor.get_by_role("button", name="Send").click()
    expect(counsellor.locator(".messages")).to_contain_text("The person sees your note")
    shared = counsellor.url

    migrant.reload()
    expect(migrant.locator(".route-note")).to_contain_text("Bring your rental contract.")
    # Opened with the code, viewed, noted, viewed again after the note.
    expect(migrant.locator(".share-list table tbody tr")).to_have_count(4)
    assert axe_violations(migrant) == []
    migrant.locator("button[name=action][value=revoke]").click()
    expect(migrant.locator("button[name=action][value=revoke]")).to_have_count(0)

    assert counsellor.goto(shared).status == 404  # withdrawn: gone at once
    migrant.context.close()
    counsellor.context.close()
