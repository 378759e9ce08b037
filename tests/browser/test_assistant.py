"""The assistant in a real browser: a question in Dari typed into the box at the foot of a
page, answered with the procedure and the step that matters, followed to that step — by
keyboard, right to left, and accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.search.conftest import committed, publish_procedure, registration  # noqa: F401

pytestmark = pytest.mark.browser


def test_ask_a_question_in_dari_and_follow_the_answer(
    page,
    live_server,
    registration,  # noqa: F811
    axe_violations,
):
    page.goto(f"{live_server.url}/fa-af/glossary/")
    box = page.get_by_role(
        "textbox", name="با کلمات خود بپرسید. جواب از صفحه‌های همین پورتال می‌آید."
    )
    box.fill("من به خانه نو رفتم، تصدیق ثبت آدرس را از کجا بگیرم؟")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/fa-af/ask/\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text("یک سوال بپرسید")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    procedure = page.get_by_role("link", name="ثبت آدرس", exact=True)
    expect(procedure).to_have_attribute("href", "/fa-af/step-by-step/wohnsitz-anmelden/")
    step = page.get_by_role("link", name="به دفتر شهروندان بروید")
    expect(step).to_be_visible()
    expect(page.get_by_role("group", name="آیا این کمک کرد؟")).to_be_visible()
    assert axe_violations(page) == []

    step.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/fa-af/step-by-step/wohnsitz-anmelden/#step-visit")
    expect(page.locator("#step-visit")).to_contain_text("به دفتر شهروندان بروید")


def test_did_this_help_by_keyboard(page, live_server, registration):  # noqa: F811
    page.goto(f"{live_server.url}/en/ask/?q=where+do+I+get+the+registration+certificate")
    page.get_by_role("button", name="Yes").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    expect(page.get_by_role("button", name="Yes")).to_have_count(0)
