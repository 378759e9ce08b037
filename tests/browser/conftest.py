"""Playwright driving Debian's Chromium (no browser download is possible on these machines)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.services import require

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, chromium_sandbox=False
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.14.1 (MPL-2.0), from npm


@pytest.fixture
def axe_violations():
    """Runs axe-core (WCAG 2.0–2.2 A/AA rules) on the page; returns serious and critical ones."""

    def run(page) -> list[str]:
        # Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        )
        return [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}× e.g. "
            f"{violation['nodes'][0]['target']})"
            for violation in result["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    return run


def sign_in(page, live_server, email: str, code: str = "en") -> None:
    """Sign in through the pages, with the second step for whoever needs it (they are given an
    authenticator app first, whose current code is typed in)."""
    from apps.accounts import two_factor
    from apps.accounts.models import User
    from tests.conftest import PASSWORD, give_app

    user = User.objects.get(email=email)
    needs_code = two_factor.required_for(user) or two_factor.is_enabled(user)
    device = give_app(user) if needs_code else None
    page.goto(f"{live_server.url}/{code}/accounts/sign-in/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    if device is not None:
        page.wait_for_url(f"**/{code}/accounts/sign-in/code/")
        page.locator("#id_code").fill(two_factor.code_for(device))
        page.locator("form.stacked-form button[type=submit]").click()
