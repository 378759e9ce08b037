"""A route shared with a counsellor by the person's consent: one organisation, for a time,
revocable at once; every look and note logged for the person; nobody else sees anything."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from apps.migrant_accounts.models import MigrantAccount
from apps.routes import sharing
from apps.routes.models import RouteAccess, RoutePlan, RouteShare
from tests.migrant_accounts.conftest import sign_in

ROUTE = "/ar/my-route/"


@pytest.fixture
def amina(client, region):
    sign_in(client, "amina@example.org", code="ar")
    return MigrantAccount.objects.get()


def post(client, data):
    token = client.get(ROUTE) and client.cookies["csrftoken"].value
    return client.post(ROUTE + "share/", data, headers={"X-CSRFToken": token})


def share_with(client, organisation, **extra) -> RouteShare:
    post(client, {"action": "share", "organisation": organisation.pk, "days": "30", **extra})
    return RouteShare.objects.latest("pk")


def counsellor(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def workspace(organisation) -> str:
    return f"/en/ngo/{organisation.slug}/shared-routes/"


def test_signed_in_the_answers_are_kept_with_the_account(client, amina, registration_procedure):
    client.get(ROUTE, {"situation": "", "children": "yes", "show": "1"})
    assert RoutePlan.objects.get(account=amina).answers == {"children": "yes", "show": "1"}
    page = client.get(ROUTE).content.decode()  # no answers in the address: the kept ones
    assert 'id="children-yes" value="yes" checked' in page


def test_a_counsellor_opens_a_shared_route_with_the_code_and_the_person_sees_it(
    client, amina, people, ngo, registration_procedure
):
    client.get(ROUTE, {"children": "yes", "show": "1"})
    share = share_with(client, ngo, answers="1")
    said = [str(message) for message in get_messages(client.get(ROUTE).wsgi_request)]
    assert share.organisation == ngo and share.includes_answers
    assert share.expires_at > timezone.now() + dt.timedelta(days=29)
    assert share.code in client.get(ROUTE).content.decode() or said

    member = counsellor(people["ngo_member"])
    assert member.get(workspace(ngo)).status_code == 200
    detail = workspace(ngo) + f"{share.pk}/"
    assert member.get(detail).status_code == 404  # not opened with the code yet
    opened = member.post(workspace(ngo), {"code": share.code.lower()[:4] + " " + share.code[4:]})
    assert opened["Location"] == detail
    page = member.get(detail).content.decode()
    assert "Wohnung anmelden" in page and "Do you have children of school age?" in page

    member.post(detail, {"text": "Bring the rental contract.", "procedure": "wohnung-anmelden"})
    actions = list(RouteAccess.objects.filter(share=share).values_list("action", flat=True))
    assert sorted(actions) == ["opened", "suggested", "viewed"]

    mine = client.get(ROUTE).content.decode()
    assert "Bring the rental contract." in mine and "Helping Hands" in mine
    assert mine.count("<tr><td>") == 3  # every look and note, for the person to see


def test_nobody_else_sees_a_share(client, amina, people, ngo, other_ngo, registration_procedure):
    share = share_with(client, ngo)
    stranger = counsellor(people["other_ngo_admin"])
    refused = stranger.post(workspace(other_ngo), {"code": share.code})
    assert refused["Location"] == workspace(other_ngo)
    assert stranger.get(workspace(other_ngo) + f"{share.pk}/").status_code == 404
    assert stranger.get(workspace(ngo) + f"{share.pk}/").status_code == 403  # not their NGO
    city = counsellor(people["region_admin"])
    assert city.post("/en/authority/shared-routes/", {"code": share.code}).status_code == 302
    assert city.get(f"/en/authority/shared-routes/{share.pk}/").status_code == 404
    assert not RouteAccess.objects.exists()


def test_revoked_or_expired_means_gone_at_once(client, amina, people, ngo, registration_procedure):
    share = share_with(client, ngo)
    member = counsellor(people["ngo_member"])
    member.post(workspace(ngo), {"code": share.code})
    detail = workspace(ngo) + f"{share.pk}/"
    assert member.get(detail).status_code == 200

    post(client, {"action": "revoke", "share": share.pk})
    assert member.get(detail).status_code == 404
    assert member.post(detail, {"text": "Hello"})["Location"] == workspace(ngo)
    assert member.post(workspace(ngo), {"code": share.code})["Location"] == workspace(ngo)

    later = share_with(client, ngo)
    member.post(workspace(ngo), {"code": later.code})
    RouteShare.objects.filter(pk=later.pk).update(expires_at=timezone.now())
    assert member.get(workspace(ngo) + f"{later.pk}/").status_code == 404
    sharing.forget_expired()
    # The expired share is gone with its log; the withdrawn one stays until its time, so that
    # the person still sees who looked.
    assert list(RouteShare.objects.values_list("pk", flat=True)) == [share.pk]


def test_an_accepted_suggestion_joins_the_route(
    client, amina, people, ngo, registration_procedure, publish_procedure
):
    extra = publish_procedure("Bankkonto eröffnen")
    client.get(ROUTE, {"situation": "", "show": "1"})
    share = share_with(client, ngo)
    member = counsellor(people["ngo_member"])
    member.post(workspace(ngo), {"code": share.code})
    member.post(workspace(ngo) + f"{share.pk}/", {"procedure": extra.slug})
    note = share.notes.get()
    post(client, {"action": "accept", "note": note.pk})
    assert RoutePlan.objects.get(account=amina).added == [extra.slug]
    assert post(client, {"action": "accept", "note": note.pk}).status_code == 302  # once only
    assert RoutePlan.objects.get(account=amina).added == [extra.slug]


@pytest.mark.parametrize(
    "data",
    [
        {"action": "share", "organisation": "999999", "days": "30"},
        {"action": "share", "organisation": "x", "days": "30"},
        {"action": "share", "days": "3650"},
        {"action": "renew", "share": "999999", "days": "30"},
        {"action": "accept", "note": "-1"},
        {"action": "drop table"},
    ],
)
def test_bad_requests_change_nothing(client, amina, ngo, data):
    if data.get("organisation") is None and data["action"] == "share":
        data = {**data, "organisation": ngo.pk}
    answer = post(client, data)
    assert answer.status_code == 302 and not RouteShare.objects.exists()


def test_without_an_account_there_is_nothing_to_share(client, region, ngo):
    page = client.get(ROUTE).content.decode()
    assert 'href="/ar/my/"' in page and 'action="/ar/my-route/share/"' not in page
    assert Client().post(ROUTE + "share/", {"action": "share"})["Location"] == "/ar/my/"


def test_my_data_has_the_shares_and_deleting_the_account_ends_them(
    client, amina, people, ngo, registration_procedure
):
    share = share_with(client, ngo)
    data = json.loads(client.get("/ar/my/data.json").content)
    assert data["route_shares"][0]["code"] == share.code
    token = client.cookies["csrftoken"].value
    client.post("/ar/my/delete/", {"confirm": "1"}, headers={"X-CSRFToken": token})
    assert not RouteShare.objects.exists() and not RoutePlan.objects.exists()
