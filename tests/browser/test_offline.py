"""The portal as an installable app in Chromium: the service worker controls the pages, a saved
procedure (with its documents) and its ticks work without a connection, and an unsaved page
shows the offline page with the saved ones. A first visit to a procedure stays light."""

from __future__ import annotations

import gzip

import pytest
from playwright.sync_api import expect

from tests.browser.test_procedures import registration  # noqa: F401 - fixture
from tests.procedures.conftest import (  # noqa: F401 - fixtures
    publish_document,
    publish_place,
    publish_procedure,
)

pytestmark = pytest.mark.browser

PROCEDURE = "/en/step-by-step/wohnung-anmelden/"


def controlled(page, url: str) -> None:
    """Open ``url`` and reload once the service worker is active: it controls the page then."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")


def test_the_installability_criteria_are_met(page, live_server, registration):  # noqa: F811
    controlled(page, f"{live_server.url}{PROCEDURE}")
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["name"] and manifest["start_url"] == "/en/"
    assert manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        status = page.evaluate(f"fetch('{icon['src']}').then(r => r.status)")
        assert status == 200, icon["src"]


def test_a_saved_procedure_and_its_ticks_work_offline(page, live_server, registration):  # noqa: F811
    controlled(page, f"{live_server.url}{PROCEDURE}")
    save = page.get_by_role("button", name="Save for offline")
    save.click()
    status = page.locator("[data-save-status]")
    expect(status).to_contain_text("Saved on this device")
    expect(page.get_by_role("button", name="Remove from this device")).to_be_visible()
    page.get_by_label("Done").first.check()

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wohnung anmelden")
    expect(page.get_by_label("Done").first).to_be_checked()
    expect(status).to_contain_text("You are offline")
    # The documents the procedure needs were saved with it.
    page.get_by_role("link", name="Reisepass").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reisepass")

    # A page nobody saved: the offline page, which lists what was saved.
    page.goto(f"{live_server.url}/en/information/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.locator("[data-saved-list] a")).to_have_text(["Wohnung anmelden"])

    page.context.set_offline(False)
    page.goto(f"{live_server.url}{PROCEDURE}")
    page.get_by_role("button", name="Remove from this device").click()
    expect(page.get_by_role("button", name="Save for offline")).to_be_visible()
    assert (
        page.evaluate("caches.open('waypoint-saved').then(c => c.keys()).then(k => k.length)") <= 1
    )


def test_a_first_visit_to_a_procedure_weighs_less_than_100_kb(browser, live_server, registration):  # noqa: F811
    """Counted as served in production: every response compressed (gzip), as nginx and the
    static files' precompressed copies send them."""
    context = browser.new_context()
    page = context.new_page()
    weights = []
    page.on("response", lambda response: weights.append(len(gzip.compress(response.body()))))
    page.goto(f"{live_server.url}{PROCEDURE}", wait_until="networkidle")
    context.close()
    assert sum(weights) < 100_000, weights
