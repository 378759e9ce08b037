"""Registering for a course in Arabic, in a real browser: confirmation by e-mail, then the
secret link in the e-mail cancels the registration."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from apps.events.models import Registration, RegistrationStatus
from tests.events.conftest import make_event  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def course(make_event, translate_item):  # noqa: F811
    event = make_event(title="Deutschkurs für Frauen", capacity=5, place=None)
    translate_item(
        event,
        "ar",
        {
            "title": "دورة لغة ألمانية للنساء",
            "summary": "تعلّمي الألمانية مع رعاية الأطفال.",
            "description": "كل يوم اثنين.",
            "target_group": "النساء",
        },
    )
    return event


def test_register_in_arabic_then_cancel_with_the_link_from_the_email(
    page, live_server, course, axe_violations
):
    page.goto(f"{live_server.url}/ar/events/{course.slug}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("دورة لغة ألمانية للنساء")
    assert axe_violations(page) == []

    page.get_by_label("اسمك").fill("أمل")
    page.get_by_label("البريد الإلكتروني", exact=False).first.fill("amal@example.org")
    page.get_by_label(re.compile("أوافق")).check()
    page.get_by_role("button", name="التسجيل").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("تسجيلك")
    expect(page.get_by_text("تم حجز مكانك.")).to_be_visible()
    (message,) = mail.outbox
    assert message.to == ["amal@example.org"]
    assert "تم حجز مكانك" in message.subject
    link = re.search(r"https?://\S+/events/registration/\S+/", message.body).group(0)

    page.goto(link)
    page.get_by_role("button", name="إلغاء تسجيلي").click()

    expect(page.get_by_text("أُلغي هذا التسجيل.")).to_be_visible()
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    assert "أُلغي تسجيلك" in mail.outbox[-1].subject
