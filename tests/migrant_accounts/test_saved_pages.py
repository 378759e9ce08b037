"""Pages saved for offline are kept with the account, so every device keeps them; and "My
Waypoint" costs the same number of queries whatever a person keeps."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.migrant_accounts import follows, services
from apps.migrant_accounts.models import MigrantAccount, SavedPage
from tests.migrant_accounts.conftest import sign_in

SAVED = "/api/v1/my/saved/"
PROCEDURE = "/ar/step-by-step/wohnung-anmelden/"


@pytest.fixture
def amina(client, region):
    sign_in(client, "amina@example.org", code="ar")
    client.get("/ar/my/")
    return MigrantAccount.objects.get()


def post(client, path):
    return client.post(
        SAVED, {"path": path}, content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )  # fmt: skip


def test_a_saved_page_is_kept_with_the_account(client, amina, registration_procedure):
    page = client.get(PROCEDURE).content.decode()
    assert 'name="waypoint-saved-sync" content="/api/v1/my/saved/"' in page
    created = post(client, PROCEDURE)
    assert created.status_code == 201
    # No Arabic version yet: the title is the original's, and says so.
    assert created.json() | {"saved_at": None} == {
        "path": PROCEDURE, "language": "ar", "title": "Wohnung anmelden",
        "title_language": "de", "saved_at": None,
    }  # fmt: skip
    assert post(client, PROCEDURE).status_code == 200  # again: still one
    assert post(client, "/ar/glossary/").json()["title"] == "المسرد"
    assert [p["path"] for p in client.get(SAVED).json()] == ["/ar/glossary/", PROCEDURE]

    my = client.get("/ar/my/").content.decode()
    assert f'href="{PROCEDURE}" lang="de" dir="ltr">Wohnung anmelden' in my
    assert "0 of 2 steps done" not in my  # Arabic page: the Arabic text of it
    data = json.loads(client.get("/ar/my/data.json").content)
    assert {p["path"] for p in data["saved_for_offline"]} == {PROCEDURE, "/ar/glossary/"}

    token = client.cookies["csrftoken"].value
    gone = client.delete(f"{SAVED}?path={PROCEDURE}", headers={"X-CSRFToken": token})
    assert gone.status_code == 204
    assert [p["path"] for p in client.get(SAVED).json()] == ["/ar/glossary/"]


def test_a_procedure_saved_without_ticks_is_among_my_procedures(
    client, amina, registration_procedure
):
    post(client, PROCEDURE)
    row = services.progress_overview(amina, "en")[0]
    assert (row["procedure"], row["done"], row["steps"], row["saved"]) == (
        registration_procedure, 0, 2, True,
    )  # fmt: skip
    assert client.get("/api/v1/my/progress/").json() == []  # nothing ticked


@pytest.mark.parametrize(
    "path",
    [
        "/ar/step-by-step/nothing-here/",  # no such procedure
        "/ar/step-by-step/wohnung-anmelden/?x=1",  # not the page's own path
        "/ar/step-by-step/wohnung-anmelden",
        "/ar/events/",  # not a page that can be saved
        "/ar/my/",
        "/api/v1/my/saved/",
        "https://elsewhere.example/ar/glossary/",
        "/xx/glossary/",
        "",
        "/ar/" + "a" * 400,
    ],
)
def test_what_cannot_be_saved_is_refused(client, amina, registration_procedure, path):
    answer = post(client, path)
    assert answer.status_code == 400 and "path" in answer.json()
    assert not SavedPage.objects.exists()


def test_the_list_is_the_accounts_own_and_needs_its_token(client, amina, registration_procedure):
    post(client, PROCEDURE)
    assert Client().get(SAVED).status_code == 401  # not signed in
    other = Client()
    sign_in(other, "omar@example.org", code="ar")
    assert other.get(SAVED).json() == []
    without_token = Client(enforce_csrf_checks=True)
    without_token.cookies = client.cookies
    assert without_token.delete(f"{SAVED}?path={PROCEDURE}").status_code == 403
    assert without_token.post(SAVED, {"path": "/ar/glossary/"}).status_code == 403
    assert SavedPage.objects.count() == 1


def test_too_many_saved_pages_are_refused(client, amina, registration_procedure, settings):
    from apps.migrant_accounts import saved

    settings.DEBUG = False
    saved.MAX_SAVED, before = 1, saved.MAX_SAVED
    try:
        post(client, PROCEDURE)
        refused = post(client, "/ar/glossary/")
        assert refused.status_code == 400 and "path" in refused.json()
    finally:
        saved.MAX_SAVED = before


def test_my_waypoint_costs_the_same_whatever_is_kept(
    client, amina, publish_procedure, make_event, first_date, ngo
):
    from apps.events import services as event_services

    def keep(count: int) -> None:
        for number in range(count):
            procedure = publish_procedure(f"Verfahren {len(SavedPage.objects.all())} {number}")
            services.save_progress(amina, procedure, [])
            follows.follow(amina, "procedure", procedure.pk)
            post(client, f"/ar/step-by-step/{procedure.slug}/")
            event = make_event(title=f"Kurs {procedure.pk}")
            event_services.register(event=event, starts_at=first_date(event), name="Amina",
                                    email="amina@example.org", language="ar",
                                    base_url="http://testserver/")  # fmt: skip
        follows.follow(amina, "organisation", ngo.pk)

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    keep(1)
    few = [queries("/ar/my/"), queries("/api/v1/my/progress/"), queries(SAVED)]
    keep(3)
    assert [queries("/ar/my/"), queries("/api/v1/my/progress/"), queries(SAVED)] == few
