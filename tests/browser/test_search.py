"""Search in a real browser: from the header of any page, in Arabic and in Chinese, to the step
of the procedure that answers it; keyboard only, and accessible in both directions."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.search.conftest import committed, publish_procedure, registration  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def in_arabic(registration, translate_item, committed):  # noqa: F811
    with committed():
        translate_item(registration, "ar", {
            "title": "تسجيل عنوان السكن",
            "summary": "كل من ينتقل إلى شقة يجب أن يسجل عنوانه خلال أسبوعين.",
            "body": "التسجيل إلزامي بحكم القانون.",
            "steps.form.title": "املأ استمارة التسجيل",
            "steps.form.body": "املأ الاستمارة لكل العائلة.",
            "steps.visit.title": "اذهب إلى مكتب المواطنين",
            "steps.visit.body": "تحصل على شهادة التسجيل فورًا.",
        })  # fmt: skip
    return registration


def test_search_from_the_header_in_arabic_leads_to_the_step(page, live_server, in_arabic):
    page.goto(f"{live_server.url}/ar/glossary/")
    field = page.get_by_role("searchbox", name="البحث في البوابة")
    field.fill("شهادة التسجيل")
    field.press("Enter")

    expect(page.locator(".search-count")).to_contain_text("1")
    result = page.get_by_role("link", name="تسجيل عنوان السكن")
    expect(result).to_have_attribute("dir", "rtl")
    expect(page.locator(".search-result__excerpt mark").first).to_have_text("شهادة")
    result.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/ar/step-by-step/wohnsitz-anmelden/#step-visit")
    expect(page.locator("#step-visit")).to_contain_text("اذهب إلى مكتب المواطنين")


def test_search_from_the_header_in_chinese(page, live_server, registration, axe_violations):  # noqa: F811
    page.goto(f"{live_server.url}/zh-hans/")
    page.get_by_role("searchbox").fill("我想登记住址")
    page.get_by_role("button", name="搜索").click()

    result = page.get_by_role("link", name="住址登记")
    expect(result).to_be_visible()
    assert axe_violations(page) == []
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("住址登记")


def test_an_empty_search_says_what_to_type(page, live_server, registration):  # noqa: F811
    page.goto(f"{live_server.url}/en/search/?q=%20")
    expect(page.get_by_role("alert")).to_contain_text("Type a word or a question")
