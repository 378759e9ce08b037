"""A person changes their route: adds, removes, moves, dates — in the address without an
account (no JavaScript, nothing stored), kept with the account when signed in."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict

from apps.routes.changes import Changes, arranged
from apps.routes.models import RoutePlan
from tests.migrant_accounts.conftest import sign_in


def test_changes_travel_in_the_address_and_come_back_the_same():
    changes = Changes(added=("a",), removed=("b",), order=("c", "a"), dates={"a": "2027-01-15"})
    query = QueryDict(mutable=True)
    for name, value in changes.as_query():
        query.appendlist(name, value)
    assert Changes.from_query(query) == changes


def test_moves_removals_and_dates():
    shown = ["a", "b", "c"]
    moved = Changes().changed("down", "a", shown=shown)
    assert moved.order == ("b", "a", "c") and arranged(["a", "b", "c", "d"], moved) == [
        "b", "a", "c", "d",
    ]  # fmt: skip
    assert Changes().changed("up", "a", shown=shown).order == ("a", "b", "c")  # first stays
    gone = moved.changed("date", "a", shown=shown, day="2027-02-01").changed(
        "remove", "a", shown=shown
    )
    assert gone.removed == ("a",) and "a" not in gone.order and gone.dates == {}
    back = gone.changed("add", "a", shown=shown)
    assert back.removed == () and back.added == ("a",)
    assert Changes().changed("date", "a", shown=shown, day="31.12.2027").dates == {}
    assert Changes().changed("date", "a", shown=shown, day="1066-10-14").dates == {}


@pytest.mark.parametrize(
    "query",
    [
        {"added": "../../etc", "removed": "<b>", "order": "x" * 9000, "on-a": "tomorrow"},
        {"on-" + "a" * 200: "2027-01-01"},
        {"order": ",,,", "added": ""},
    ],
)
def test_nonsense_is_left_out(query):
    parsed = Changes.from_query(query)
    assert all(len(slug) <= 80 for slug in (*parsed.added, *parsed.removed, *parsed.order))
    assert "../../etc" not in parsed.added and "<b>" not in parsed.removed
    assert not parsed.dates


def slugs(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="/\w+/step-by-step/([-\w]+)/">', html)


def follow(client, response):
    assert response.status_code == 302
    return client.get(response["Location"])


def test_without_an_account_the_address_keeps_the_changes(
    client, region, registration_procedure, publish_procedure
):
    publish_procedure("Bankkonto eröffnen")
    page = client.get("/en/my-route/", {"show": "1"})
    first, second = slugs(page.content.decode())
    state = {"show": "1", "shown": f"{first},{second}"}
    moved = follow(client, client.get("/en/my-route/change/", {
        **state, "action": "down", "slug": first}))  # fmt: skip
    assert slugs(moved.content.decode()) == [second, first]
    query = parse_qs(urlsplit(moved.wsgi_request.get_full_path()).query)
    dated = follow(client, client.get("/en/my-route/change/", {
        **query, "action": "date", "slug": "wohnung-anmelden", "day": "2027-03-01"}))  # fmt: skip
    html = dated.content.decode()
    assert 'datetime="2027-03-01"' in html, dated.wsgi_request.get_full_path()
    query = parse_qs(urlsplit(dated.wsgi_request.get_full_path()).query)
    removed = follow(client, client.get("/en/my-route/change/", {
        **query, "action": "remove", "slug": "bankkonto-eroffnen"}))  # fmt: skip
    html = removed.content.decode()
    assert slugs(html) == ["wohnung-anmelden"] and "Put it back" in html
    assert 'datetime="2027-03-01"' in html  # the date stayed
    assert not removed.cookies and not RoutePlan.objects.exists()


def test_signed_in_the_changes_are_kept_with_the_account(
    client, region, registration_procedure, publish_procedure
):
    publish_procedure("Bankkonto eröffnen")
    sign_in(client, "amina@example.org", code="en")
    client.get("/en/my-route/", {"show": "1"})
    token = client.cookies["csrftoken"].value
    client.post("/en/my-route/change/", {"action": "remove", "slug": "bankkonto-eroffnen"},
                headers={"X-CSRFToken": token})  # fmt: skip
    assert RoutePlan.objects.get().removed == ["bankkonto-eroffnen"]
    assert slugs(client.get("/en/my-route/").content.decode()) == ["wohnung-anmelden"]
    # A change by GET while signed in changes nothing (a link must not change the account).
    client.get("/en/my-route/change/", {"action": "add", "slug": "bankkonto-eroffnen"})
    assert RoutePlan.objects.get().removed == ["bankkonto-eroffnen"]
