"""'My route' in Chromium, in Arabic: answer the questions, get the route in the order the
papers require, tick a step, and the route says so; opened again, the answers are remembered."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from apps.demo.services import load_demo

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
