"""Easy German in a real browser: chosen in the menu, marked on every page, a way back to the
standard version, and the writing help a translator sees."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import make_member

pytestmark = pytest.mark.browser


def test_a_reader_chooses_easy_german_and_finds_the_way_back(
    page, live_server, publish_article, axe_violations
):
    article = publish_article()
    page.goto(f"{live_server.url}/en/information/{article.slug}/")

    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Deutsch – einfach").click()

    expect(page).to_have_url(re.compile(rf"/de-easy/information/{article.slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".easy-language-marker")).to_be_visible()
    expect(page.locator(".language-notice")).to_contain_text("einfacher Sprache")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Normale Fassung lesen").click()

    expect(page).to_have_url(re.compile(rf"/de/information/{article.slug}/$"))
    expect(page.locator(".easy-language-marker")).to_have_count(0)


def test_a_translator_sees_what_breaks_the_rules_before_saving(
    page, live_server, publish_article, authority, axe_violations
):
    make_member(authority, "translator", "easy@example.org", languages=["de-easy"])
    article = publish_article()
    sign_in(page, live_server, "easy@example.org", "de")
    page.goto(
        f"{live_server.url}/de/authority/content/articles.article/{article.pk}/translations/de-easy/"
    )

    page.locator("#id_summary").fill("Die Anmeldung wird vom Amt bestätigt. Sie haben drei Tage.")
    page.get_by_role("button", name="Text prüfen").click()

    expect(page.locator(".writing-help__preview .writing-help__mark--passive")).to_have_text(
        "wird vom Amt bestätigt"
    )
    expect(page.locator(".writing-help__preview .writing-help__mark--number-word")).to_have_text(
        "drei"
    )
    expect(page.locator("#id_summary")).to_have_value(
        "Die Anmeldung wird vom Amt bestätigt. Sie haben drei Tage."
    )
    assert axe_violations(page) == []
