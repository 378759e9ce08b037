""" "Was this page helpful?" at the foot of every content page: counted without knowing who
answered, comments cleaned of contact details, refused when sent from another site or too often,
and bad input answered in the reader's language with nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from apps.feedback import services
from apps.feedback.models import MAX_COMMENT, PageComment, PageRating


def test_an_answer_is_counted_and_thanked_in_the_readers_language(client, tenancy, item_key):
    answered = client.post("/ar/page-feedback/", {"item": item_key, "helpful": "yes"})
    assert answered.status_code == 302 and not answered.cookies
    thanks = client.get(answered["Location"])
    html = thanks.content.decode()
    assert thanks.status_code == 200 and 'dir="rtl"' in html
    assert 'href="/ar/information/' in html and "فهم عقد الإيجار" in html  # back to the page
    rating = PageRating.objects.get()
    assert (rating.language, rating.helpful, rating.count) == ("ar", True, 1)
    assert rating.day == timezone.localdate()
    client.post("/ar/page-feedback/", {"item": item_key, "helpful": "yes"})
    assert PageRating.objects.get().count == 2 and not PageComment.objects.exists()


def test_a_comment_is_kept_without_contact_details(client, tenancy, item_key):
    comment = (
        "Ruf mich an: +49 170 1234567 oder ۰۱۷۰ ۱۲۳ ۴۵۶۷, Mail anna.m@example.org.\r\n"
        "Die Kaution (3 Monate, 1.200 Euro) ist nicht erklärt."
    )
    client.post("/de/page-feedback/", {"item": item_key, "helpful": "no", "comment": comment})
    stored = PageComment.objects.get()
    assert stored.text == (
        "Ruf mich an: […] oder […], Mail […].\nDie Kaution (3 Monate, 1.200 Euro) ist nicht erklärt."
    )
    assert (stored.language, stored.helpful, stored.done_at) == ("de", False, None)
    fields = {field.name for field in PageComment._meta.get_fields()}
    assert not fields & {"ip", "address", "user", "email", "session", "created_at"}


@pytest.mark.parametrize(
    "text", ["write me at a@b.co", "tel 030/123 45 67", "(030) 1234-5678", "+٤٩١٧٠١٢٣٤٥٦٧"]
)
def test_contact_details_are_removed_in_any_form(text):
    assert services.clean_comment(text).endswith("[…]")


def test_a_post_from_another_site_is_refused(tenancy, item_key):
    browser = Client(enforce_csrf_checks=True)
    data = {"item": item_key, "helpful": "no", "comment": "spam"}
    refused = browser.post("/en/page-feedback/", data, headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403
    assert not PageRating.objects.exists() and not PageComment.objects.exists()
    sent = browser.post("/en/page-feedback/", data, headers={"Sec-Fetch-Site": "same-origin"})
    assert sent.status_code == 302 and PageRating.objects.get().count == 1


@pytest.mark.parametrize(
    "data",
    [
        {"helpful": "maybe"},
        {"helpful": "yes", "item": "abc"},
        {"helpful": "yes", "item": "1:2:3"},
        {"helpful": "yes", "item": ""},
        {"helpful": "yes", "item": "9" * 60},
    ],
)
def test_bad_values_change_nothing(client, tenancy, data):
    assert client.post("/en/page-feedback/", data).status_code == 400
    assert client.get("/en/page-feedback/").status_code == 405
    assert not PageRating.objects.exists()


def test_a_page_that_is_not_published_content_cannot_be_rated(client, region, other_region):
    user_type = ContentType.objects.get(app_label="core", model="region")
    response = client.post(
        "/ar/page-feedback/", {"item": f"{user_type.pk}:{other_region.pk}", "helpful": "no"}
    )
    assert response.status_code == 400
    assert "لا يمكن تقييم هذه الصفحة" in response.content.decode()  # "cannot be rated", Arabic
    assert not PageRating.objects.exists()


def test_a_too_long_comment_is_refused_and_given_back(client, tenancy, item_key):
    long = "Die Seite ist unklar. " * 40
    assert len(long) > MAX_COMMENT
    response = client.post(
        "/de/page-feedback/", {"item": item_key, "helpful": "no", "comment": long}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Bitte kürzen Sie Ihren Kommentar auf {MAX_COMMENT} Zeichen." in html
    assert long.strip() in html and 'aria-invalid="true"' in html  # nothing typed is lost
    assert not PageRating.objects.exists() and not PageComment.objects.exists()


def test_answers_are_rate_limited(client, tenancy, item_key, settings):
    settings.PAGE_FEEDBACK_RATE = "2/m"
    for _ in range(2):
        assert (
            client.post("/en/page-feedback/", {"item": item_key, "helpful": "yes"}).status_code
            == 302
        )
    refused = client.post("/en/page-feedback/", {"item": item_key, "helpful": "yes"})
    assert refused.status_code == 429 and "Too many answers" in refused.content.decode()
    assert PageRating.objects.get().count == 2


def test_answers_and_comments_are_deleted_after_the_retention_period(tenancy, settings):
    settings.PAGE_FEEDBACK_RETENTION_DAYS = 30
    content_type = ContentType.objects.get_for_model(tenancy)
    services.record(
        tenancy.region, "en", (content_type.pk, tenancy.pk), helpful=False, comment="x y"
    )
    later = timezone.localdate() + dt.timedelta(days=31)
    assert services.forget_old(today=timezone.localdate()) == 0
    assert services.forget_old(today=later) == 2
    assert not PageRating.objects.exists() and not PageComment.objects.exists()


def test_deleting_a_page_deletes_its_answers(tenancy, item_key):
    content_type, object_id = map(int, item_key.split(":"))
    services.record(tenancy.region, "en", (content_type, object_id), helpful=True, comment="ok!")
    tenancy.delete()
    assert not PageRating.objects.exists() and not PageComment.objects.exists()


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, region, settings):
    settings.PAGE_FEEDBACK_RETENTION_DAYS = 90
    html = client.get("/en/privacy/").content.decode()
    assert "Was this page helpful?" in html
    assert "Answers and comments are deleted after 90 days." in html
