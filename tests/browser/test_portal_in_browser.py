import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_migrant_home_in_arabic_is_right_to_left(page, live_server, taxonomy):
    page.goto(f"{live_server.url}/ar/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=3, name="السكن")).to_be_visible()
    # Logical properties put the brand at the right edge in RTL.
    brand = page.locator(".site-brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert brand["x"] > switcher["x"]


def test_language_switcher_keeps_the_page_and_remembers(page, live_server, taxonomy):
    page.goto(f"{live_server.url}/en/organisations/")

    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Українська").click()

    expect(page).to_have_url(re.compile(r"/uk/organisations/$"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    # The choice sticks: the bare address now opens in Ukrainian.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/uk/$"))


def test_switcher_works_by_keyboard(page, live_server, taxonomy):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")  # skip link
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")  # search field
    expect(page.get_by_role("searchbox", name="Search the portal")).to_be_focused()
    page.keyboard.press("Tab")  # search button
    page.keyboard.press("Tab")  # language switcher
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Deutsch", exact=True)).to_be_visible()


def test_staff_sign_in_leads_to_the_workspace(page, live_server, people):
    """A region administrator without two-step sign-in sets it up on the way in."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from apps.accounts import two_factor

    page.goto(f"{live_server.url}/en/accounts/sign-in/")

    page.get_by_label("E-mail address").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/en/accounts/two-step/\?next="))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    device = TOTPDevice.objects.get(user=people["region_admin"], confirmed=False)
    expect(page.locator("code.secret")).to_have_text(two_factor.secret_of(device))
    page.get_by_label("Code from your authenticator app").fill(two_factor.code_for(device))
    page.get_by_role("button", name="Switch on two-step sign-in").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept my recovery codes").click()

    expect(page).to_have_url(re.compile(r"/en/authority/$"))
    expect(page.get_by_role("navigation", name="Workspace")).to_contain_text("People and roles")
