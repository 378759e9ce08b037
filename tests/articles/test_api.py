"""The articles API: per language, honest about translation state, cheap to revalidate."""

import pytest
from rest_framework.authtoken.models import Token


def test_articles_in_the_requested_language_with_their_state(client, publish_article, translate):
    translated = publish_article(title="Übersetzt")
    translate(translated, "ar", title="مترجم")
    publish_article(title="Nur Deutsch")

    data = client.get("/api/v1/articles/", {"lang": "ar"}).json()

    by_title = {article["title"]: article for article in data["results"]}
    assert by_title["مترجم"]["language"] == "ar"
    assert by_title["مترجم"]["translation"] == {
        "requested": "ar",
        "is_fallback": False,
        "is_machine": False,
        "is_outdated": False,
    }
    assert by_title["Nur Deutsch"]["language"] == "de"
    assert by_title["Nur Deutsch"]["translation"]["is_fallback"] is True
    assert "<h2>Termin</h2>" in by_title["Nur Deutsch"]["body_html"]
    assert "title_de" not in by_title["Nur Deutsch"]


def test_outdated_translations_are_flagged(client, publish_article, translate, people, revise):
    article = publish_article()
    translate(article, "uk")
    revise(article, title="Neu")

    data = client.get(f"/api/v1/articles/{article.slug}/", headers={"accept-language": "uk"}).json()

    assert data["translation"]["is_outdated"] is True
    assert data["source_changed_at"]


def test_etag_and_last_modified_are_honoured(client, publish_article, people, revise):
    article = publish_article()
    first = client.get("/api/v1/articles/", {"lang": "de"})
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert (
        client.get("/api/v1/articles/", {"lang": "de"}, headers={"if-none-match": etag}).status_code
        == 304
    )
    assert (
        client.get(
            "/api/v1/articles/", {"lang": "de"}, headers={"if-modified-since": last_modified}
        ).status_code
        == 304
    )
    # Another language is another representation.
    assert (
        client.get("/api/v1/articles/", {"lang": "ar"}, headers={"if-none-match": etag}).status_code
        == 200
    )

    revise(article, title="Geändert")
    changed = client.get("/api/v1/articles/", {"lang": "de"}, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def staff(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def test_staff_query_coverage_queue_and_item_workflow(client, publish_article, translate, people):
    article = publish_article()
    translate(article, "ar")

    coverage = client.get(
        "/api/v1/editorial/coverage/", {"language": "ar"}, **staff(people["translator"])
    ).json()
    assert coverage["results"][0]["states"] == {"ar": "published"}
    assert coverage["summary"]["ar"]["published"] == 1

    queue = client.get("/api/v1/editorial/queue/", **staff(people["translator"])).json()
    assert {(entry["id"], entry["language"], entry["state"]) for entry in queue} == {
        (article.pk, "uk", "missing")
    }

    item = client.get(
        f"/api/v1/editorial/items/articles.article/{article.pk}/", **staff(people["editor"])
    ).json()
    assert item["status"] == "published"
    assert [revision["state"] for revision in item["revisions"]] == ["published"]
    assert item["translations"]["ar"] == "published"
    assert item["audit"][0]["action"] == "translation_published"


def test_staff_api_is_closed_to_the_public_and_to_ngos(client, publish_article, people):
    publish_article()

    assert client.get("/api/v1/editorial/coverage/").status_code == 401
    assert (
        client.get("/api/v1/editorial/coverage/", **staff(people["ngo_admin"])).status_code == 403
    )


def test_staff_compare_two_revisions(client, publish_article, revise, people):
    article = revise(publish_article(title="Alt"), title="Neu")
    url = f"/api/v1/editorial/items/articles.article/{article.pk}/compare/"

    changes = client.get(url, {"a": 1, "b": 2}, **staff(people["editor"])).json()

    title = next(change for change in changes if change["field"] == "title")
    assert title == {"field": "title", "changed": True, "html": "<del>Alt</del><ins>Neu</ins>"}
    assert client.get(url, {"a": 1, "b": 9}, **staff(people["editor"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "parameter"),
    [({"a": "99999999999999999999", "b": "1"}, "a"), ({"a": "1", "b": "zwei"}, "b")],
)
def test_staff_compare_answers_400_for_numbers_that_are_no_revisions(
    client, publish_article, people, query, parameter
):
    article = publish_article()
    url = f"/api/v1/editorial/items/articles.article/{article.pk}/compare/"

    response = client.get(url, query, **staff(people["editor"]))

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_staff_coverage_answers_400_for_an_impossible_page(client, people):
    response = client.get(
        "/api/v1/editorial/coverage/", {"page": "9" * 30}, **staff(people["editor"])
    )

    assert response.status_code == 400
    assert list(response.json()) == ["page"]
