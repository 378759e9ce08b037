"""What a newcomer tripped over (issue 19), checked in a real browser: ticks and the printed
checklist, explanations that move no line, the language menu, targets, long words, and axe's
structure rules (definition lists, heading order, landmarks) on the pages concerned."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from apps.core.models import Topic
from tests.browser.conftest import AXE
from tests.conftest import translated
from tests.events.conftest import make_event  # noqa: F401 - fixture
from tests.procedures.conftest import (  # noqa: F401 - fixtures
    publish_document,
    publish_place,
    publish_procedure,
    step,
)

pytestmark = pytest.mark.browser

#: axe rules about the page's structure, whatever their impact (several are "moderate").
STRUCTURE_RULES = [
    "definition-list",
    "dlitem",
    "heading-order",
    "landmark-unique",
    "landmark-complementary-is-top-level",
    "landmark-no-duplicate-main",
    "list",
    "listitem",
    "target-size",
    "region",
    "duplicate-id",
    "aria-allowed-attr",
    "nested-interactive",
]


def structure_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (rules) => await axe.run(document, {runOnly: {type: 'rule', values: rules}})",
        STRUCTURE_RULES,
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
        for violation in result["violations"]
    ]


def on_page(locator) -> list[float]:
    """Where an element is on the page (not in the viewport, which scrolls)."""
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }"
    )


@pytest.fixture
def registration(publish_procedure, publish_document, publish_place, publish_term):  # noqa: F811
    publish_term("Termin", "Eine feste Zeit bei einem Amt.", ar=("موعد", "وقت محدد.", ""))
    passport = publish_document("Reisepass", slug="reisepass")
    office = publish_place("Bürgeramt Mitte")
    return publish_procedure(
        "Wohnung anmelden",
        steps=[
            step("termin", "Termin buchen", "Buchen Sie online einen Termin."),
            step(
                "amt",
                "Zum Bürgeramt gehen",
                "Der Termin ist pünktlich.",
                documents=[passport.pk],
                place=office.pk,
            ),
            step("abholen", "Bescheinigung mitnehmen"),
        ],
    )


def test_ticks_are_big_rows_that_tick_and_done_comes_after_the_step(
    page, live_server, registration
):
    page.goto(f"{live_server.url}/en/step-by-step/wohnung-anmelden/")
    box = page.get_by_role("checkbox", name="Reisepass")
    size = box.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24

    # Tapping the row's text ticks; the document page has a link of its own.
    page.locator("label[for='doc-reisepass']").click()
    expect(box).to_be_checked()
    expect(page).to_have_url(f"{live_server.url}/en/step-by-step/wohnung-anmelden/")
    more = page.get_by_role("link", name=re.compile(r"About this document ?: Reisepass"))
    expect(more).to_have_attribute("href", "/en/documents/reisepass/")
    assert more.bounding_box()["height"] >= 24

    # "Done" follows the step's text in the reading and tab order.
    order = page.evaluate(
        """() => {
          const step = document.getElementById('step-termin');
          const text = step.querySelector('.prose');
          const done = step.querySelector('[data-progress-step]');
          return text.compareDocumentPosition(done) & Node.DOCUMENT_POSITION_FOLLOWING;
        }"""
    )
    assert order
    done = page.get_by_role("checkbox", name=re.compile(r"Done ?: Termin buchen"))
    assert done.bounding_box()["width"] >= 24


def test_the_printable_checklist_shows_the_ticks(page, live_server, registration):
    page.goto(f"{live_server.url}/en/step-by-step/wohnung-anmelden/")
    page.get_by_role("checkbox", name="Reisepass").check()
    page.get_by_role("checkbox", name=re.compile(r"Done ?: Termin buchen")).check()

    page.goto(f"{live_server.url}/en/step-by-step/wohnung-anmelden/checklist/")

    done = page.locator(".paper-checklist li.is-done")
    expect(done).to_have_count(2)
    expect(page.locator("li[data-progress-item='document:reisepass']")).to_have_class("is-done")
    expect(page.locator("li[data-progress-item='step:termin']")).to_contain_text("Done:")
    expect(page.locator("li[data-progress-item='step:amt']")).not_to_have_class("is-done")
    page.emulate_media(media="print")
    tick = page.evaluate(
        "() => getComputedStyle(document.querySelector('li.is-done .box'), '::after').content"
    )
    assert "✓" in tick


@pytest.mark.parametrize("code", ["en", "ar"])
def test_an_explanation_opens_without_moving_the_sentence(page, live_server, registration, code):
    page.goto(f"{live_server.url}/{code}/step-by-step/wohnung-anmelden/")
    term = page.locator("a.term").first
    paragraph = page.locator("#step-termin .prose p").first
    before = on_page(paragraph)
    after_step = on_page(page.locator("#step-amt"))

    term.focus()
    page.keyboard.press("Enter")

    popup = page.locator(".term-popup")
    expect(popup).to_be_visible()
    assert on_page(paragraph) == before  # nothing reflowed
    assert on_page(page.locator("#step-amt")) == after_step
    box = popup.bounding_box()
    assert box["y"] >= term.bounding_box()["y"] + term.bounding_box()["height"] - 1
    page.keyboard.press("Tab")  # the link inside the explanation comes next
    expect(popup.locator("a")).to_be_focused()
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(term).to_be_focused()


def test_the_language_menu_closes_on_escape_and_when_focus_leaves(page, live_server, region):
    page.goto(f"{live_server.url}/en/")
    menu = page.locator(".language-switcher details")
    summary = page.locator(".language-switcher summary")

    summary.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()

    page.keyboard.press("Enter")
    for _ in range(len(region.enabled_languages) + 1):  # through every language and out
        page.keyboard.press("Tab")
    expect(menu).not_to_have_attribute("open", "")


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_open_menu_covers_no_navigation_link(
    browser, live_server, region, javascript
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/ur/")
    page.locator(".language-switcher summary").click()
    menu = page.locator(".language-switcher ul").bounding_box()

    for link in page.locator(".site-nav a").all():
        box = link.bounding_box()
        overlaps = not (
            box["x"] + box["width"] <= menu["x"]
            or menu["x"] + menu["width"] <= box["x"]
            or box["y"] + box["height"] <= menu["y"]
            or menu["y"] + menu["height"] <= box["y"]
        )
        assert not overlaps, link.inner_text()
    context.close()


@pytest.mark.parametrize("width", [390, 768, 1024])
@pytest.mark.parametrize("code", ["de", "ru"])
def test_long_words_stay_inside_their_cards(page, live_server, region, code, width):
    long_names = {
        "de": ("Wohnberechtigungsschein", "Krankenversicherungsangelegenheiten"),
        "ru": ("Квалифицированный специалист", "Высококвалифицированные"),
    }[code]
    for position, name in enumerate(long_names):
        Topic.objects.create(
            region=region, slug=f"long-{position}", icon="housing", **translated(name={code: name})
        )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/{code}/")

    spilling = page.evaluate(
        """() => [...document.querySelectorAll('.card')]
             .filter(card => card.scrollWidth > card.clientWidth + 1)
             .map(card => card.textContent.trim().slice(0, 40))"""
    )
    assert spilling == []


def test_structure_of_the_pages_concerned(
    page,
    live_server,
    registration,
    make_event,  # noqa: F811
    publish_term,
    taxonomy,
):
    publish_term("Kita", zh_hans=("幼儿园", "照顾孩子。", ""))
    event = make_event(title="Deutschkurs", rrule="FREQ=WEEKLY;COUNT=8")

    for path in [
        "ar/step-by-step/wohnung-anmelden/",
        "ar/step-by-step/wohnung-anmelden/checklist/",
        "ur/events/",
        f"ur/events/{event.slug}/",
        "zh-hans/glossary/",
        "fa-af/topics/housing/",
        "ar/search/?q=Anmeldung",
        "ur/",
    ]:
        page.goto(f"{live_server.url}/{path}")
        assert structure_violations(page) == [], path


def test_urdu_prefers_a_nastaliq_face_and_other_languages_keep_theirs(page, live_server, region):
    page.goto(f"{live_server.url}/ur/")

    urdu = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    arabic = page.evaluate(
        "() => getComputedStyle(document.querySelector('.language-switcher a[lang=ar]')).fontFamily"
    )
    assert urdu.startswith('"Noto Nastaliq Urdu"')
    assert "Nastaliq" not in arabic
    # No web font is downloaded for it: the device's own face or none.
    fonts = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)")
    assert not [name for name in fonts if name.endswith((".woff", ".woff2", ".ttf", ".otf"))]
