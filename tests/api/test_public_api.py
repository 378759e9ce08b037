import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Organisation


def test_languages_are_listed_with_direction(client, db):
    data = client.get("/api/v1/languages/").json()

    assert len(data) == 12
    assert {
        "code": "fa-af",
        "name": "Dari",
        "name_local": "دری",
        "bidi": True,
        "script": "Arab",
        "variant_of": "",
        "tag": "fa-af",
    } in data
    easy = next(language for language in data if language["code"] == "de-easy")
    assert (easy["variant_of"], easy["tag"], easy["bidi"]) == ("de", "de", False)


@pytest.mark.parametrize(
    ("how", "expected"),
    [({"data": {"lang": "ar"}}, "السكن"), ({"headers": {"accept-language": "zh-Hans"}}, "住房")],
)
def test_topics_come_in_the_requested_language(client, taxonomy, how, expected):
    response = client.get("/api/v1/topics/", **how)

    housing = next(t for t in response.json()["results"] if t["slug"] == "housing")
    assert housing["name"] == expected
    assert housing["language"] in {"ar", "zh-hans"}
    assert "name_de" not in housing  # one language per response


def test_topics_filter_by_parent(client, taxonomy):
    data = client.get("/api/v1/topics/", {"parent__slug": "housing"}).json()

    assert [topic["slug"] for topic in data["results"]] == ["social-housing"]


def test_topic_list_costs_a_fixed_number_of_queries(client, region, taxonomy):
    from apps.core.models import Topic

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/topics/").status_code == 200
        return len(queries)

    before = count_queries()
    for index in range(10):
        Topic.objects.create(
            region=region, slug=f"t{index}", name_en=f"T{index}", parent=taxonomy["housing"]
        )
    assert count_queries() == before


def test_organisations_hide_inactive_ones_and_people(client, region, ngo, other_ngo, people):
    Organisation.objects.filter(pk=other_ngo.pk).update(is_active=False)

    data = client.get("/api/v1/organisations/", {"region__slug": "testville", "kind": "ngo"}).json()

    assert [org["slug"] for org in data["results"]] == ["helping-hands"]
    assert "memberships" not in data["results"][0]


def test_the_public_cannot_write(client, taxonomy):
    response = client.post("/api/v1/topics/", {"slug": "x"}, content_type="application/json")

    assert response.status_code in {401, 403, 405}


def test_schema_and_docs_are_published(client, db):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/topics/" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


def test_region_detail_by_slug(client, region):
    data = client.get("/api/v1/regions/testville/", {"lang": "de"}).json()

    assert data["name"] == "Teststadt"
    assert data["source_language"] == "de"


@pytest.mark.parametrize("page", ["two", "0", "-1", "1.5", "9" * 30])
def test_a_page_number_that_is_none_is_a_400_naming_it(client, taxonomy, page):
    response = client.get("/api/v1/topics/", {"page": page, "lang": "de"})

    assert response.status_code == 400
    assert response.json() == {"page": ["„page“ muss eine ganze Zahl von 1 bis 2147483647 sein."]}


def test_a_page_after_the_last_is_not_found(client, taxonomy):
    assert client.get("/api/v1/topics/", {"page": "2"}).status_code == 404
    assert client.get("/api/v1/topics/", {"page": "last"}).status_code == 200
