"""Writes through the API follow the same permission table as the workspaces."""

import pytest
from rest_framework.authtoken.models import Token

from apps.accounts.models import Organisation


def auth(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


@pytest.mark.parametrize(
    ("role", "organisation", "status"),
    [
        ("anonymous", "helping-hands", 401),
        ("ngo_member", "helping-hands", 200),
        ("ngo_member", "other-ngo", 403),
        ("other_ngo_admin", "helping-hands", 403),
        ("editor", "helping-hands", 403),
        ("region_admin", "helping-hands", 200),
        ("region_admin", "city-office", 200),
        ("foreign_region_admin", "helping-hands", 403),
    ],
)
def test_who_may_change_an_organisation(client, people, role, organisation, status):
    target = Organisation.objects.get(slug=organisation)
    headers = auth(people[role]) if people[role] else {}

    response = client.patch(
        f"/api/v1/organisations/{target.pk}/",
        {"phone": "+49 30 999"},
        content_type="application/json",
        **headers,
    )

    assert response.status_code == status
    target.refresh_from_db()
    assert (target.phone == "+49 30 999") == (status == 200)


def test_texts_are_written_in_the_request_language(client, people, ngo):
    response = client.patch(
        f"/api/v1/organisations/{ngo.pk}/?lang=ar",
        {"name": "أيادي المساعدة"},
        content_type="application/json",
        **auth(people["ngo_admin"]),
    )

    assert response.status_code == 200
    assert response.json()["language"] == "ar"
    ngo.refresh_from_db()
    assert ngo.name_ar == "أيادي المساعدة"
    assert ngo.name_en == "Helping Hands"


def test_region_admin_creates_organisations_in_their_region_only(
    client, people, region, other_region
):
    def create(region_slug: str, user):
        return client.post(
            "/api/v1/organisations/?lang=de",
            {"region": region_slug, "slug": "neu", "kind": "ngo", "name": "Neu e.V."},
            content_type="application/json",
            **auth(user),
        )

    assert create("elsewhere", people["region_admin"]).status_code == 403
    assert create("testville", people["ngo_admin"]).status_code == 403
    assert create("testville", people["region_admin"]).status_code == 201
    assert Organisation.objects.get(slug="neu", region=region).name_de == "Neu e.V."


def test_validation_errors_answer_in_the_users_language(client, people, ngo):
    response = client.patch(
        f"/api/v1/organisations/{ngo.pk}/",
        {"kind": "authority", "website": "not a url"},
        content_type="application/json",
        headers={"accept-language": "de"},
        **auth(people["region_admin"]),
    )

    assert response.status_code == 400
    errors = response.json()
    assert "website" in errors
    assert "URL" in errors["website"][0]
    assert errors["website"][0] != "Enter a valid URL."


def test_me_lists_roles_and_permissions(client, people):
    response = client.get("/api/v1/me/", **auth(people["ngo_member"]))

    assert response.status_code == 200
    data = response.json()
    assert data["memberships"] == [
        {
            "organisation": "helping-hands",
            "organisation_kind": "ngo",
            "region": "testville",
            "role": "ngo_member",
            "languages": [],
        }
    ]
    assert data["permissions"] == [
        "accounts.change_organisation",
        "ngo.change_profile",
        "ngo.manage_events",
        "ngo.suggest_tips",
        "ngo.view_workspace",
    ]


def test_me_needs_a_signed_in_user(client, db):
    assert client.get("/api/v1/me/").status_code in {401, 403}


def test_names_written_through_the_api_are_one_visible_line(client, people, ngo):
    url = f"/api/v1/organisations/{ngo.pk}/?lang=de"
    headers = auth(people["ngo_admin"])

    cleaned = client.patch(
        url, {"name": "Helfende\r\nHände\x07"}, content_type="application/json", **headers
    )
    invisible = client.patch(
        url, {"name": "\u200b\u202e\u200f"}, content_type="application/json", **headers
    )

    assert cleaned.status_code == 200
    assert invisible.status_code == 400
    assert list(invisible.json()) == ["name"]
    ngo.refresh_from_db()
    assert ngo.name_de == "Helfende Hände"
