"""Procedures in a real browser: ticks kept on the device, and steps reordered by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.editorial import services
from tests.browser.test_editorial_flow import sign_in
from tests.procedures.conftest import (  # noqa: F401 - fixtures
    publish_document,
    publish_place,
    publish_procedure,
    step,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def registration(publish_procedure, publish_document, publish_place):  # noqa: F811
    passport = publish_document("Reisepass", slug="reisepass")
    office = publish_place("Bürgeramt Mitte")
    return publish_procedure(
        "Wohnung anmelden",
        steps=[
            step("termin", "Termin buchen"),
            step("amt", "Zum Bürgeramt gehen", documents=[passport.pk], place=office.pk),
            step("abholen", "Bescheinigung mitnehmen"),
        ],
    )


def test_ticks_survive_a_reload_on_the_device(page, live_server, registration):
    page.goto(f"{live_server.url}/en/step-by-step/wohnung-anmelden/")
    summary = page.locator("[data-progress-summary]")
    expect(summary).to_have_text("0 of 3 steps done")

    page.get_by_label("Done").first.check()
    page.get_by_role("checkbox", name="Reisepass").check()
    expect(summary).to_have_text("1 of 3 steps done")
    page.reload()

    expect(page.get_by_label("Done").first).to_be_checked()
    expect(page.get_by_role("checkbox", name="Reisepass")).to_be_checked()
    expect(page.get_by_label("Done").nth(1)).not_to_be_checked()
    expect(summary).to_have_text("1 of 3 steps done")

    page.get_by_role("button", name="Clear my ticks").click()
    page.reload()
    expect(page.get_by_label("Done").first).not_to_be_checked()


def test_the_arabic_page_is_accessible(page, live_server, registration, axe_violations):
    page.goto(f"{live_server.url}/ar/step-by-step/wohnung-anmelden/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert axe_violations(page) == []


def test_steps_are_reordered_by_keyboard_alone(browser, live_server, registration, people):
    editor = sign_in(browser, live_server, "editor@example.org")
    editor.goto(
        f"{live_server.url}/en/authority/content/procedures.procedure/{registration.pk}/edit/"
    )
    move_down = editor.get_by_role("button", name="Move down: Termin buchen")

    move_down.focus()
    editor.keyboard.press("Enter")
    editor.keyboard.press("Enter")

    # The step moved down twice (past the empty step for a new one); the keyboard moved with it.
    expect(editor.locator("[data-step-status]")).to_have_text(
        "Step “Termin buchen” is now number 3 of 4."
    )
    expect(move_down).to_be_focused()
    legends = editor.locator(".step-editor__step > fieldset > legend")
    expect(legends.nth(2)).to_have_text("Step 3: Termin buchen")
    editor.get_by_role("button", name="Save draft").focus()
    editor.keyboard.press("Enter")

    expect(editor.locator(".messages")).to_contain_text("saved as a new revision")
    data = services.latest_revision(registration).data
    assert [row["uid"] for row in data["steps"]] == ["amt", "abholen", "termin"]


def test_the_editor_works_without_javascript(browser, live_server, registration, people):
    context = browser.new_context(java_script_enabled=False)
    editor = context.new_page()
    editor.goto(f"{live_server.url}/en/accounts/sign-in/")
    editor.get_by_label("E-mail").fill("editor@example.org")
    editor.get_by_label("Password").fill("correct horse battery staple")
    editor.get_by_role("button", name="Sign in").click()
    editor.goto(
        f"{live_server.url}/en/authority/content/procedures.procedure/{registration.pk}/edit/"
    )

    editor.locator("input[name='steps-0-ORDER']").fill("9")
    editor.get_by_role("button", name="Save draft").click()

    data = services.latest_revision(registration).data
    assert [row["uid"] for row in data["steps"]] == ["amt", "abholen", "termin"]
    context.close()
