"""Migrant pages whose content is kept rendered per content version (issue 18): a reader
after the first gets what was kept, and never anything older than the last change; a
signed-in migrant's own parts (a follow button) are never kept; time moves the events on."""

from __future__ import annotations

from apps.core import page_cache
from apps.core.models import Region
from apps.events import services as event_services
from tests.events.conftest import first_date, make_event  # noqa: F401 - fixtures
from tests.migrant_accounts.conftest import _generous_limits, sign_in  # noqa: F401


def test_the_events_pages_show_a_date_full_after_the_last_registration(
    client,
    outside_transactions,
    make_event,  # noqa: F811
    first_date,  # noqa: F811
):
    event = make_event(capacity=1, rrule="")
    page_cache.CONTENT.renew()
    assert "Full: waiting list" not in client.get("/en/events/").content.decode()
    assert "Places left: 1" in client.get(f"/en/events/{event.slug}/").content.decode()

    event_services.register(
        event=event, starts_at=first_date(event), name="Amina", email="amina@example.org",
        language="en", base_url="http://testserver/",
    )  # fmt: skip
    page_cache.CONTENT.renew()  # the registration, committed

    assert "Full: waiting list" in client.get("/en/events/").content.decode()
    assert "Full: waiting list" in client.get(f"/en/events/{event.slug}/").content.decode()


def test_the_events_list_is_made_again_when_the_minute_ends(
    client,
    outside_transactions,
    make_event,  # noqa: F811
    monkeypatch,
):
    make_event(title="Nähcafé", rrule="")
    page_cache.CONTENT.renew()
    assert "Nähcafé" in client.get("/de/events/").content.decode()

    # Behind the signals' back (nothing tells the page): only the time renews it.
    from apps.events.models import Event

    Event.objects.filter(title="Nähcafé").update(title="Nähcafé am Abend")
    assert "Nähcafé am Abend" not in client.get("/de/events/").content.decode()

    clock = __import__("time").time() + 61
    monkeypatch.setattr("apps.migrant.kept.time.time", lambda: clock)
    assert "Nähcafé am Abend" in client.get("/de/events/").content.decode()


def test_a_signed_in_migrant_sees_their_own_follow_button_on_a_kept_topic_page(
    client, outside_transactions, taxonomy
):
    topic = taxonomy["housing"]
    url = f"/en/topics/{topic.slug}/"
    page_cache.CONTENT.renew()
    assert "Follow and be told about changes" in client.get(url).content.decode()  # kept

    sign_in(client)
    assert "Follow and be told about changes" not in client.get(url).content.decode()
    client.post("/en/my/follow/", {"kind": "topic", "id": topic.pk, "action": "follow"})
    assert "Stop following" in client.get(url).content.decode()  # not the kept page's button

    client.post("/en/my/sign-out/")
    client.cookies.clear()
    assert "Follow and be told about changes" in client.get(url).content.decode()


def test_a_signed_in_migrant_sees_their_own_follow_buttons_on_the_kept_organisations_page(
    client, outside_transactions, ngo
):
    url = "/en/organisations/"
    assert "Follow and be told about changes" in client.get(url).content.decode()  # kept

    sign_in(client)
    client.post("/en/my/follow/", {"kind": "organisation", "id": ngo.pk, "action": "follow"})
    page = client.get(url).content.decode()
    assert "Stop following" in page
    assert "Follow and be told about changes" not in page


def test_a_form_that_changes_the_region_before_failing_changes_nobody_elses(
    client, outside_transactions, region
):
    from apps.core.queries import region_for_host

    first = region_for_host("testserver")
    first.name = "Changed by a failing form"
    assert region_for_host("testserver").name == region.name
    assert Region.objects.get(pk=region.pk).name == region.name


def test_filters_that_cannot_be_used_answer_400_each_time(client, outside_transactions, region):
    for _ in range(2):  # the second answer comes from what was kept, status included
        response = client.get("/en/events/?start=not-a-date")
        assert response.status_code == 400
        assert "Enter a valid date" in response.content.decode()


def test_a_renamed_region_shows_on_the_next_page(
    client, outside_transactions, region, django_capture_on_commit_callbacks
):
    assert "Neustadt am See" not in client.get("/en/privacy/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        region.name = region.portal_name = "Neustadt am See"
        region.save()

    assert "Neustadt am See" in client.get("/en/privacy/").content.decode()
