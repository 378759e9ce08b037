"""The whole path of a text, in a real browser: write → review → publish → translate → read."""

import re

import pytest
from playwright.sync_api import expect

from apps.articles.models import Article
from tests.browser.conftest import sign_in as sign_in_with_code

pytestmark = pytest.mark.browser


def sign_in(browser, live_server, email: str):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_with_code(page, live_server, email)
    page.wait_for_url(re.compile(r"/en/authority/$"))
    return page


def test_write_review_publish_translate_and_read(browser, live_server, people):
    # The editor writes, sees the live preview, and submits for review.
    editor = sign_in(browser, live_server, "editor@example.org")
    editor.goto(f"{live_server.url}/en/authority/content/articles.article/new/")
    editor.locator("#id_title").fill("Anmeldung der Wohnung")
    editor.locator("#id_summary").fill("So melden Sie Ihre Wohnung beim Bürgeramt an.")
    editor.locator("#id_body").fill("## Termin\nBuchen Sie **online** einen Termin.")
    expect(editor.locator("[data-preview-output] h2")).to_have_text("Termin")
    expect(editor.locator("[data-preview-output] strong")).to_have_text("online")
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for review")
    expect(editor.locator("#pending-heading + p strong")).to_have_text("In review")
    slug = Article.objects.get().slug

    # The reviewer sees the diff and publishes.
    reviewer = sign_in(browser, live_server, "reviewer@example.org")
    reviewer.goto(editor.url)
    expect(reviewer.locator("ins").first).to_contain_text("Anmeldung der Wohnung")
    reviewer.get_by_role("button", name="Publish", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("Published")

    # The translator translates into Arabic side by side and marks it done.
    translator = sign_in(browser, live_server, "translator@example.org")
    translator.goto(f"{live_server.url}/en/authority/translations/queue/")
    translator.get_by_role("row").filter(has_text="العربية").get_by_role("link").first.click()
    expect(translator.locator(".side-by-side__source").first).to_contain_text(
        "Anmeldung der Wohnung"
    )
    translator.locator("#id_title").fill("تسجيل السكن")
    translator.locator("#id_summary").fill("هكذا تسجلون سكنكم في مكتب المواطنين.")
    translator.locator("#id_body").fill("## موعد\nاحجزوا موعدًا **عبر الإنترنت**.")
    expect(translator.locator("#id_title")).to_have_attribute("dir", "rtl")
    translator.get_by_role("button", name="Save and mark as done").click()
    expect(translator.locator(".messages")).to_contain_text("Marked as done")

    # Before publication, Arabic readers get the original with a notice.
    reader = browser.new_context(locale="ar").new_page()
    reader.goto(f"{live_server.url}/ar/information/{slug}/")
    expect(reader.locator("article")).to_have_attribute("lang", "de")
    expect(reader.locator(".language-notice")).to_be_visible()

    # The reviewer publishes the Arabic version; now Arabic readers get Arabic.
    reviewer.goto(translator.url)
    reviewer.get_by_role("button", name="Publish this language version").click()
    expect(reviewer.locator(".messages")).to_contain_text("published")

    reader.goto(f"{live_server.url}/ar/information/{slug}/")
    expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    expect(reader.locator("article")).to_have_attribute("lang", "ar")
    expect(reader.get_by_role("heading", level=1)).to_have_text("تسجيل السكن")
    expect(reader.locator(".language-notice")).to_have_count(0)
