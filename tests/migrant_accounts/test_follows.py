"""Follow a procedure, an organisation or a topic, and be told in one's language — one e-mail a
day at most, with an unsubscribe link that works without signing in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, TestCase

from apps.migrant_accounts import follows, tasks
from apps.migrant_accounts.models import Follow, MigrantAccount, Notice
from tests.migrant_accounts.conftest import sign_in


@pytest.fixture
def amina(client, region):
    sign_in(client, "amina@example.org", code="ar")
    client.get("/ar/my/")
    return MigrantAccount.objects.get()


def post_follow(client, kind, object_id, action="follow"):
    return client.post(
        "/ar/my/follow/",
        {"kind": kind, "id": str(object_id), "action": action, "next": "/ar/"},
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )


def texts(title: str) -> dict:
    return {
        "title": title, "summary": title + ".", "body": title + ".",
        "steps.termin.title": title + " 1", "steps.termin.body": title + ".",
        "steps.amt.title": title + " 2", "steps.amt.body": title + ".",
    }  # fmt: skip


def digest(account) -> str:
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.send_digest(account.pk, "http://testserver/")
    return mail.outbox[-1].body


def test_following_from_the_procedure_page(client, amina, registration_procedure):
    page = client.get("/ar/step-by-step/wohnung-anmelden/").content.decode()
    assert 'name="kind" value="procedure"' in page
    assert post_follow(client, "procedure", registration_procedure.pk)["Location"] == "/ar/"
    assert Follow.objects.filter(account=amina, kind="procedure").exists()
    my = client.get("/ar/my/").content.decode()
    assert "Wohnung anmelden" in my and 'value="unfollow"' in my
    post_follow(client, "procedure", registration_procedure.pk, "unfollow")
    assert not Follow.objects.exists()


def test_anybody_else_gets_a_link_to_sign_in_and_the_same_page(region, registration_procedure):
    page = Client().get("/ar/step-by-step/wohnung-anmelden/")
    html = page.content.decode()
    assert not page.cookies and 'href="/ar/my/"' in html and 'action="/ar/my/follow/"' not in html


@pytest.mark.parametrize(
    ("kind", "object_id"), [("procedure", 999999), ("nonsense", 1), ("topic", "x")]
)
def test_what_cannot_be_followed_is_refused(client, amina, kind, object_id):
    assert post_follow(client, kind, object_id).status_code == 400
    assert not Follow.objects.exists()


def test_a_change_in_my_language_is_told_once_a_day(
    client, amina, registration_procedure, translate_item, django_capture_on_commit_callbacks
):
    post_follow(client, "procedure", registration_procedure.pk)
    with django_capture_on_commit_callbacks(execute=True):
        translate_item(registration_procedure, "ar", texts("تسجيل السكن"))
    assert Notice.objects.filter(account=amina, sent_at__isnull=True).count() == 1
    # A change in another language that is not the original says nothing to Amina.
    with django_capture_on_commit_callbacks(execute=True):
        translate_item(registration_procedure, "uk", texts("Реєстрація"))
    assert Notice.objects.filter(account=amina, sent_at__isnull=True).count() == 1

    assert follows.accounts_due() == [amina.pk]
    body = digest(amina)
    message = mail.outbox[-1]
    assert message.to == ["amina@example.org"]
    assert "تسجيل السكن" in body and "http://testserver/ar/step-by-step/wohnung-anmelden/" in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert follows.accounts_due() == []  # sent today: nothing more today

    unsubscribe = re.search(r"http://testserver(/ar/my/unsubscribe/\S+/)", body).group(1)
    stranger = Client(enforce_csrf_checks=True)  # no session, no token: one click in the mail
    assert stranger.get(unsubscribe).status_code == 200 and Follow.objects.exists()
    assert stranger.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Follow.objects.exists()
    assert Client().post("/ar/my/unsubscribe/forged/").status_code == 400


def test_a_new_course_of_a_followed_organisation_is_told_once(
    client, amina, ngo, make_event, django_capture_on_commit_callbacks
):
    post_follow(client, "organisation", ngo.pk)
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(title="Deutschkurs am Abend")
    notices = Notice.objects.filter(account=amina, kind="new_event", object_id=event.pk)
    assert notices.count() == 1
    assert "Deutschkurs am Abend" in digest(amina)
    follows.event_published(event)  # published again (an edit): not new any more
    assert notices.count() == 1


def test_a_failed_notice_never_breaks_a_publication(monkeypatch, registration_procedure):
    def broken(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(follows, "procedure_published", broken)
    follows.on_content_published(sender=None, item=registration_procedure)  # logs, no error


def test_the_api_lists_adds_and_removes_follows(client, amina, registration_procedure, ngo):
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value}
    added = client.post(
        "/api/v1/my/follows/?lang=ar",
        {"kind": "procedure", "id": registration_procedure.pk},
        content_type="application/json",
        headers=headers,
    )
    assert added.status_code == 201
    assert added.json()["path"] == "/ar/step-by-step/wohnung-anmelden/"
    refused = client.post(
        "/api/v1/my/follows/", {"kind": "procedure", "id": 999999},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert refused.status_code == 400 and "id" in refused.json()
    assert [row["kind"] for row in client.get("/api/v1/my/follows/").json()] == ["procedure"]
    gone = client.delete(
        f"/api/v1/my/follows/procedure/{registration_procedure.pk}/", headers=headers
    )
    assert gone.status_code == 204 and client.get("/api/v1/my/follows/").json() == []
    assert Client().get("/api/v1/my/follows/").status_code in (401, 403)
