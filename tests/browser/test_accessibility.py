"""axe-core in a real browser, in a left-to-right and a right-to-left language."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("code", ["en", "ar", "ur"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "organisations/",
        "privacy/",
        "accounts/sign-in/",
        "no-such-page/",
        "my/",
        "offline/",
        "my-route/",
    ],
)
def test_public_pages_have_no_serious_violations(
    page, live_server, taxonomy, ngo, axe_violations, code, path
):
    page.goto(f"{live_server.url}/{code}/{path}")

    assert axe_violations(page) == []


@pytest.mark.parametrize("code", ["de", "fa-af"])
def test_workspace_pages_have_no_serious_violations(
    page, live_server, people, axe_violations, code
):
    sign_in(page, live_server, "admin@example.org", code)
    page.wait_for_url(f"**/{code}/authority/")

    for path in ["authority/", "authority/people/", "authority/region/", "authority/topics/new/"]:
        page.goto(f"{live_server.url}/{code}/{path}")
        assert axe_violations(page) == [], path


@pytest.mark.parametrize("code", ["en", "ar"])
def test_reading_pages_have_no_serious_violations(
    page, live_server, publish_article, translate, axe_violations, code
):
    article = publish_article()
    translate(article, "ar")
    publish_article(title="Nur auf Deutsch")

    for path in ["information/", f"information/{article.slug}/", "information/nur-auf-deutsch/"]:
        page.goto(f"{live_server.url}/{code}/{path}")
        assert axe_violations(page) == [], path


def test_editorial_pages_have_no_serious_violations(
    page, live_server, people, publish_article, axe_violations
):
    article = publish_article()
    sign_in(page, live_server, "admin@example.org", "ar")
    page.wait_for_url("**/ar/authority/")

    base = f"{live_server.url}/ar/authority"
    for path in [
        "/content/articles.article/",
        "/content/articles.article/new/",
        f"/content/articles.article/{article.pk}/",
        f"/content/articles.article/{article.pk}/edit/",
        f"/content/articles.article/{article.pk}/translations/fa-af/",
        "/translations/",
        "/translations/queue/",
        "/translations/files/",
    ]:
        page.goto(base + path)
        assert axe_violations(page) == [], path


@pytest.mark.parametrize("code", ["en", "ar", "zh-hans"])
def test_glossary_pages_have_no_serious_violations(
    page, live_server, publish_term, publish_article, axe_violations, code
):
    publish_term("Kita", ar=("روضة", "رعاية الأطفال.", ""), zh_hans=("幼儿园", "照顾孩子。", ""))
    article = publish_article(body="Die Kita ist offen.")

    for path in ["glossary/", "glossary/kita/", f"information/{article.slug}/", "documents/"]:
        page.goto(f"{live_server.url}/{code}/{path}")
        assert axe_violations(page) == [], path


@pytest.mark.parametrize("code", ["en", "ar"])
def test_two_step_sign_in_pages_have_no_serious_violations(
    page, live_server, people, axe_violations, code
):
    from tests.conftest import give_app

    # Setting it up (the QR code and the key), then the recovery codes.
    page.goto(f"{live_server.url}/{code}/accounts/sign-in/")
    page.locator("#id_username").fill("reviewer@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(f"**/{code}/accounts/two-step/?next=*")
    assert axe_violations(page) == []
    page.locator("#id_confirm-code").fill("000000")
    page.locator("button[value=confirm]").click()
    # The post reloads the same address: wait for the answer, not the old page.
    expect(page.locator("#id_confirm-code_error")).to_be_visible()
    assert axe_violations(page) == []

    # The second step of someone who has it on.
    give_app(people["editor"])
    context = page.context.browser.new_context(locale="en-GB")
    other = context.new_page()
    other.goto(f"{live_server.url}/{code}/accounts/sign-in/")
    other.locator("#id_username").fill("editor@example.org")
    other.locator("#id_password").fill(PASSWORD)
    other.locator("form.stacked-form button[type=submit]").click()
    other.wait_for_url(f"**/{code}/accounts/sign-in/code/")
    assert axe_violations(other) == []
    context.close()
