"""Read-aloud in a real browser: an Urdu reader plays, pauses and resumes a procedure and skips to
the next step, by keyboard alone, with the real audio."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.procedures.conftest import publish_procedure, step  # noqa: F401 - fixtures
from tests.speech.conftest import media, speech  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

URDU = {
    "title": "پتے کا اندراج",
    "summary": "جو بھی یہاں رہتا ہے اسے اپنے پتے کا اندراج کروانا ہوگا۔",
    "body": "یہ **لازمی** ہے۔",
    "steps.termin.title": "اپائنٹمنٹ بک کریں",
    "steps.termin.body": "بیورگرآمٹ (Bürgeramt) میں آن لائن اپائنٹمنٹ بک کریں۔",
    "steps.amt.title": "دفتر جائیں",
    "steps.amt.body": "اپنا پاسپورٹ اور مکان مالک کی تصدیق (Wohnungsgeberbestätigung) لائیں۔",
    "steps.abholen.title": "سرٹیفکیٹ لیں",
    "steps.abholen.body": "آپ کو فوراً اندراج کا سرٹیفکیٹ (Meldebescheinigung) ملتا ہے۔",
}


@pytest.fixture
def urdu_procedure(speech, publish_procedure, translate_item):  # noqa: F811
    procedure = publish_procedure(
        "Wohnung anmelden",
        steps=[
            step("termin", "Termin buchen"),
            step("amt", "Zum Bürgeramt gehen"),
            step("abholen", "Bescheinigung mitnehmen"),
        ],
    )
    translate_item(procedure, "ur", URDU)  # the live server's database commits: recorded now
    return procedure


def _audio(page, expression: str):
    return page.evaluate(
        f"() => {{ const a = document.querySelector('audio'); return {expression}; }}"
    )


def test_an_urdu_reader_listens_step_by_step_by_keyboard(
    page, live_server, urdu_procedure, axe_violations
):
    page.goto(f"{live_server.url}/ur/step-by-step/wohnung-anmelden/")
    player = page.locator("[data-read-aloud]")
    expect(player).to_have_attribute("dir", "rtl")
    play = player.get_by_role("button", name="چلائیں")  # "Play", in Urdu
    expect(play).to_be_visible()
    expect(player.locator("audio")).to_be_hidden()  # the buttons replace the browser's controls

    # Reach "Play" with the Tab key, as a keyboard user does.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.hasAttribute('data-read-aloud-play')"):
            break
    expect(play).to_be_focused()

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 0.5")
    pause = player.get_by_role("button", name="روکیں")  # "Pause"
    expect(pause).to_be_focused()
    now_reading = player.locator("[data-read-aloud-current]")
    expect(now_reading).to_have_text(URDU["title"])

    page.keyboard.press("Enter")
    resume = player.get_by_role("button", name="جاری رکھیں")  # "Resume"
    expect(resume).to_be_visible()
    assert _audio(page, "a.paused")
    stopped_at = _audio(page, "a.currentTime")
    page.wait_for_timeout(400)
    assert _audio(page, "a.currentTime") == stopped_at

    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('audio').currentTime > {stopped_at}")
    assert not _audio(page, "a.paused")

    # Tab on to "Next section": step 1 is read next, and shown as the one being read.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(player.get_by_role("button", name="اگلا حصہ")).to_be_focused()  # "Next section"
    page.keyboard.press("Enter")
    expect(now_reading).to_contain_text(URDU["steps.termin.title"])
    expect(now_reading).to_contain_text("مرحلہ 1")  # "Step 1"
    starts = page.evaluate(
        "() => JSON.parse(document.getElementById('read-aloud-data').textContent)"
        ".files.normal.starts"
    )
    assert starts[1] <= _audio(page, "a.currentTime") < starts[2]
    expect(page.locator('[data-read-aloud-key="steps.termin"]')).to_have_class(
        "step step--then is-being-read"
    )
    expect(player.locator('[data-read-aloud-section="1"]')).to_have_attribute(
        "aria-current", "true"
    )
    assert not _audio(page, "a.paused")

    assert axe_violations(page) == []


def test_without_javascript_the_browser_plays_it_and_each_section_has_a_link(
    browser, live_server, urdu_procedure
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/ur/step-by-step/wohnung-anmelden/")
    player = page.locator("[data-read-aloud]")

    expect(player.locator("audio[controls]")).to_be_visible()
    expect(player.locator("[data-read-aloud-controls]")).to_be_hidden()
    player.locator("summary").click()
    links = player.locator("[data-read-aloud-section]")
    expect(links).to_have_count(4)
    expect(links.nth(2)).to_have_attribute("href", re.compile(r"\.opus#t=\d+\.\d$"))
    response = page.request.get(live_server.url + player.locator("audio").get_attribute("src"))
    assert response.ok and response.headers["content-type"] == "audio/ogg"
    context.close()


def test_each_organisation_has_its_own_player_on_the_organisations_page(
    page,
    live_server,
    speech,  # noqa: F811
    ngo,
    other_ngo,
    axe_violations,
):
    for organisation, name in ((ngo, "أيادي المساعدة"), (other_ngo, "بيت الجيران")):
        organisation.name_ar = name
        organisation.description_ar = "نقدم المشورة المجانية للقادمين الجدد."
        organisation.services_ar = "المساعدة في البحث عن سكن\nدروس اللغة"
        organisation.save()  # committed: recorded now, as after an NGO saves its profile

    page.goto(f"{live_server.url}/ar/organisations/")
    players = page.locator("[data-read-aloud]")
    expect(players).to_have_count(2)
    second = page.locator('[data-read-aloud="read-aloud-data-other-ngo"]')
    expect(second).to_have_attribute("dir", "rtl")
    expect(second.locator("audio")).to_be_hidden()  # the buttons replace the browser's controls

    # Play the second organisation by keyboard: it alone plays, and says what it reads.
    play = second.locator("[data-read-aloud-play]")
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-read-aloud=\"read-aloud-data-other-ngo\"] audio')"
        ".currentTime > 0.3"
    )
    expect(second.locator("[data-read-aloud-current]")).to_have_text("بيت الجيران")
    first = page.locator('[data-read-aloud="read-aloud-data-helping-hands"]')
    assert first.locator("audio").evaluate("a => a.paused && a.currentTime === 0")
    expect(first.locator("[data-read-aloud-now]")).to_be_hidden()
    # Its next section is how it helps.
    second.locator("[data-read-aloud-next]").focus()
    page.keyboard.press("Enter")
    expect(second.locator("[data-read-aloud-current]")).to_contain_text("المساعدة في البحث عن سكن")

    assert axe_violations(page) == []
