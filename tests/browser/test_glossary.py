"""Explanations open where the word is, by keyboard and by pointer, and work without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_explanation_opens_in_place_by_keyboard_and_closes_with_escape(
    page, live_server, publish_term, publish_article
):
    publish_term(
        "Meldebescheinigung",
        "Das Papier über Ihre Adresse.",
        ar=("شهادة التسجيل", "ورقة تثبت عنوانكم.", ""),
    )
    article = publish_article(body="Sie bekommen die Meldebescheinigung beim Bürgeramt.")
    page.goto(f"{live_server.url}/ar/information/{article.slug}/")
    term = page.locator("a.term")

    term.focus()
    page.keyboard.press("Enter")

    popup = page.locator(".term-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("ورقة تثبت عنوانكم.")
    expect(term).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(term).to_be_focused()


def test_without_javascript_the_term_leads_to_its_explanation(
    browser, live_server, publish_term, publish_article
):
    publish_term("Meldebescheinigung", "Das Papier über Ihre Adresse.")
    article = publish_article(body="Sie bekommen die Meldebescheinigung beim Bürgeramt.")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/de/information/{article.slug}/")

    page.locator("a.term").click()

    expect(page).to_have_url(re.compile(r"#body-meldebescheinigung$"))
    expect(page.locator("#body-meldebescheinigung")).to_contain_text(
        "Das Papier über Ihre Adresse."
    )
    context.close()
