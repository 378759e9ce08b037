"""What migrants see: lists with filters, the calendar, the event page, calendar files."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from apps.editorial.services import revision_data
from apps.events import services
from apps.events.models import Event

from .conftest import BERLIN, event_values


def titles(response) -> set[str]:
    return {listing.event.title for listing in response.context["listings"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Deutschkurs", "Kochabend", "Fahrradwerkstatt"}),
        ({"topic": "housing"}, {"Deutschkurs"}),
        ({"free": "on"}, {"Deutschkurs", "Fahrradwerkstatt"}),
        ({"free": "on", "childcare": "on"}, {"Deutschkurs", "Fahrradwerkstatt"}),
        ({"free": "on", "accessible": "on"}, {"Deutschkurs"}),
        ({"language": "uk"}, {"Fahrradwerkstatt"}),
        ({"language": "ar", "free": "on", "accessible": "on"}, {"Deutschkurs"}),
        ({"situation": "refugee", "accessible": "on"}, {"Deutschkurs", "Kochabend"}),
        ({"childcare": "on", "language": "uk", "topic": "housing"}, set()),
        ({"organisation": "other-ngo"}, {"Fahrradwerkstatt"}),
    ],
)
def test_filters_combine(client, events, query, expected):
    response = client.get(reverse("migrant:events"), query)

    assert response.status_code == 200
    assert titles(response) == expected


def test_a_date_range_narrows_the_list_and_past_events_leave_it(client, events):
    today = timezone.now().astimezone(BERLIN).date()
    response = client.get(
        reverse("migrant:events"),
        {"start": str(today + dt.timedelta(days=14)), "end": str(today + dt.timedelta(days=20))},
    )
    # Only the weekly courses have a date in their third week.
    assert titles(response) == {"Deutschkurs", "Fahrradwerkstatt"}
    assert "Vorbei" not in titles(client.get(reverse("migrant:events")))


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-02-31", "end": "x"}, "start"),
        ({"start": "9999-12-31"}, "start"),
        ({"end": "9999-12-31"}, "end"),
        ({"start": "0001-01-01"}, "start"),
        ({"end": "9999-99-99"}, "end"),
    ],
)
def test_bad_filter_input_is_explained_not_an_error(client, events, query, field):
    response = client.get(reverse("migrant:events"), query)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "<form" in response.content.decode()  # the page, with what was wrong


def test_an_impossible_date_is_explained_in_the_readers_language(client, events):
    response = client.get("/de/events/", {"start": "9999-12-31"})

    assert response.status_code == 400
    assert "Wählen Sie ein Datum zwischen" in response.content.decode()


def test_the_month_calendar_shows_the_dates(client, events):
    first = events["course"].starts_at.astimezone(BERLIN)
    response = client.get(reverse("migrant:events"), {"view": "month", "month": f"{first:%Y-%m}"})

    assert response.status_code == 200
    days = {day: listed for week in response.context["month"].weeks for day, listed in week}
    assert [listing.event.title for listing in days[first.date()]][:1]


def test_the_event_page_offers_registration_with_a_privacy_notice(client, events):
    response = client.get(reverse("migrant:event", kwargs={"slug": events["course"].slug}))

    assert response.status_code == 200
    assert response.context["can_register"]
    assert "30" in response.content.decode()


def test_registering_on_the_page(client, events, mailoutbox):
    event = events["course"]
    page = client.get(reverse("migrant:event", kwargs={"slug": event.slug}))
    date = next(iter(page.context["form"].fields["date"].choices))[0]

    response = client.post(
        reverse("migrant:event", kwargs={"slug": event.slug}),
        {"date": date, "name": "Amal", "email": "amal@example.org", "consent": "on"},
    )

    assert response.status_code == 302
    assert "/events/registration/" in response["Location"]
    assert event.occurrences.get().registrations.get().name == "Amal"


@pytest.mark.parametrize(
    "extra",
    [{"consent": ""}, {"website": "http://spam.example"}, {"email": "", "phone": ""}],
)
def test_registering_without_consent_or_as_a_bot_keeps_what_was_typed(client, events, extra):
    event = events["course"]
    page = client.get(reverse("migrant:event", kwargs={"slug": event.slug}))
    date = next(iter(page.context["form"].fields["date"].choices))[0]
    data = {"date": date, "name": "Amal", "email": "amal@example.org", "consent": "on", **extra}

    response = client.post(reverse("migrant:event", kwargs={"slug": event.slug}), data)

    assert response.status_code == 400
    assert not event.occurrences.filter(registrations__isnull=False).exists()
    assert 'value="Amal"' in response.content.decode()


def test_the_registration_form_is_rate_limited(client, events, settings):
    settings.EVENT_REGISTRATION_RATE = "2/h"
    event = events["course"]
    url = reverse("migrant:event", kwargs={"slug": event.slug})
    page = client.get(url)
    date = next(iter(page.context["form"].fields["date"].choices))[0]
    for number in range(3):
        response = client.post(
            url, {"date": date, "name": f"P{number}", "phone": "1", "consent": "on"}
        )

    assert response.status_code == 400
    assert event.occurrences.get().registrations.count() == 2


def test_the_event_calendar_file_is_valid_with_its_time_zone(client, events):
    event = events["course"]
    response = client.get(reverse("migrant:event_ics", kwargs={"slug": event.slug}))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (component,) = calendar.walk("VEVENT")
    assert component.decoded("dtstart") == event.starts_at
    assert component["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert component["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    assert str(component["SUMMARY"]) == "Deutschkurs"


def test_feeds_per_organisation_and_topic_are_valid_and_list_cancellations(client, events):
    course = events["course"]
    cancelled = services.cancel_date(
        course, starts_at=course.starts_at, base_url="http://testserver/"
    )
    assert cancelled == 0
    feeds = {
        "all": reverse("migrant:event_feed"),
        "organisation": reverse(
            "migrant:event_feed_of", kwargs={"kind": "organisation", "slug": "other-ngo"}
        ),
        "topic": reverse("migrant:event_feed_of", kwargs={"kind": "topic", "slug": "housing"}),
    }
    summaries = {}
    for name, url in feeds.items():
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        summaries[name] = {str(component["SUMMARY"]) for component in calendar.walk("VEVENT")}
        if name == "topic":
            (component,) = calendar.walk("VEVENT")
            assert component.get("EXDATE") is not None

    assert summaries["all"] == {"Deutschkurs", "Kochabend", "Fahrradwerkstatt"}
    assert summaries["organisation"] == {"Fahrradwerkstatt"}
    assert summaries["topic"] == {"Deutschkurs"}
    assert client.get("/en/events/feed/nonsense/x.ics").status_code == 404


def test_an_event_in_another_language_says_so(client, events, translate_item):
    event = events["course"]
    translate_item(
        event,
        "ar",
        {
            "title": "دورة اللغة",
            "summary": "تعلم الألمانية.",
            "description": "كل يوم اثنين.",
            "target_group": "النساء",
        },
    )
    response = client.get(
        reverse("migrant:event", kwargs={"slug": event.slug}).replace("/en/", "/ar/")
    )
    body = response.content.decode()
    assert "دورة اللغة" in body
    assert 'lang="ar"' in body


def test_the_list_costs_a_fixed_number_of_queries(
    client, events, make_event, django_assert_max_num_queries
):
    client.get(reverse("migrant:events"))  # warm caches (region, taxonomy)
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("migrant:events"))
    for number in range(4):
        make_event(title=f"Mehr {number}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("migrant:events"))


def test_events_are_in_the_translators_coverage(events):
    from apps.editorial.registry import type_for_model

    assert type_for_model(Event).key == "events.event"
    assert revision_data(Event, event_values())["rrule"] == "FREQ=WEEKLY;COUNT=4"


def test_a_long_list_is_cut_at_a_day_with_a_link_to_later_dates(client, make_event):
    make_event(title="Täglich", rrule="FREQ=DAILY;COUNT=60", capacity=None)

    response = client.get(reverse("migrant:events"))

    listed = response.context["listings"]
    assert 0 < len(listed) <= 40
    later = response.context["later_url"]
    assert "start=" in later
    following = client.get(reverse("migrant:events") + later).context["listings"]
    assert following[0].date.starts_at > listed[-1].date.starts_at


def test_the_event_page_costs_the_same_queries_whatever_its_number_of_dates(
    client, make_event, django_assert_num_queries
):
    few = make_event(title="Wenige", rrule="FREQ=WEEKLY;COUNT=2")
    many = make_event(title="Viele", rrule="FREQ=DAILY;COUNT=300")
    client.get(reverse("migrant:event", kwargs={"slug": few.slug}))  # warm caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(reverse("migrant:event", kwargs={"slug": few.slug}))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("migrant:event", kwargs={"slug": many.slug}))


def test_an_end_date_in_the_calendar_file_is_in_utc(client, make_event):
    event = make_event(title="Bis Juni", rrule="FREQ=WEEKLY;UNTIL=20300630T235959")

    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("migrant:event_ics", kwargs={"slug": event.slug})).content
    )

    (component,) = calendar.walk("VEVENT")
    assert component["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20300630T215959Z"


def test_a_repeating_course_is_one_card_with_its_next_date_and_more_dates(client, make_event):
    make_event(title="Deutschkurs", rrule="FREQ=WEEKLY;COUNT=12")
    make_event(title="Kochabend", rrule="")

    response = client.get(reverse("migrant:events"))

    cards = response.context["cards"]
    assert [card.event.title for card in cards].count("Deutschkurs") == 1
    course = next(card for card in cards if card.event.title == "Deutschkurs")
    assert len(course.later) == 11
    html = response.content.decode()
    assert html.count(">Deutschkurs</a></h2>") == 1
    assert "11 more dates" in html
    # The calendar still shows every date on its day.
    month = client.get(reverse("migrant:events"), {"view": "month"}).content.decode()
    assert month.count("Deutschkurs") >= 1


def test_the_events_list_has_no_skipped_heading_level(client, make_event):
    make_event(title="Deutschkurs")

    html = client.get(reverse("migrant:events")).content.decode()

    assert "<h3" not in html.split("<h1")[1].split("<h2")[0]
    assert '<h2 class="event-teaser__title">' in html


def test_the_event_page_sets_no_cookie_and_its_form_works_without_one(events, mailoutbox):
    """The registration form needs no CSRF cookie, so the page can be kept by the proxy cache
    and shared between readers (issue 18); a real browser's same-site post is accepted."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    event = events["course"]
    url = reverse("migrant:event", kwargs={"slug": event.slug})
    page = browser.get(url)
    date = next(iter(page.context["form"].fields["date"].choices))[0]

    assert not page.cookies and "csrfmiddlewaretoken" not in page.content.decode()
    response = browser.post(
        url,
        {"date": date, "name": "Amal", "email": "amal@example.org", "consent": "on"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 302
    registration_page = browser.get(response["Location"])
    assert not registration_page.cookies
    assert "no-store" in registration_page["Cache-Control"]  # one person's page: never cached
    cancelled = browser.post(response["Location"], headers={"Sec-Fetch-Site": "same-origin"})
    assert cancelled.status_code in (200, 302)
    assert event.occurrences.get().registrations.get().status == "cancelled"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another host of the same site is another portal
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
)
def test_a_registration_sent_from_another_site_is_refused_and_saves_nothing(
    client, events, headers
):
    event = events["course"]
    url = reverse("migrant:event", kwargs={"slug": event.slug})
    date = next(iter(client.get(url).context["form"].fields["date"].choices))[0]

    response = client.post(
        url,
        {"date": date, "name": "Amal", "email": "amal@example.org", "consent": "on"},
        headers=headers,
    )

    assert response.status_code == 403
    assert "Nothing was saved" in response.content.decode()
    assert not event.occurrences.filter(registrations__isnull=False).exists()
