"""Choosing what goes into a translation file: states, a kind, a topic, or items one by one;
and being told when nothing matches instead of getting a broken file."""

from django.urls import reverse
from lxml import etree

from apps.articles.models import Article
from apps.translation.exchange.xliff import XLIFF_NS
from tests.conftest import article_data, publish_new

EXPORT = reverse("authority:translation_exchange")


def exported_ids(response) -> list[str]:
    assert response["Content-Disposition"].startswith("attachment;"), response.content[:2000]
    root = etree.fromstring(response.content)
    return [element.get("original") for element in root.iter(f"{{{XLIFF_NS}}}file")]


def test_nothing_to_export_is_said_not_downloaded(client, people, publish_article, translate):
    article = publish_article()
    translate(article, "ar")
    client.force_login(people["region_admin"])

    response = client.post(
        EXPORT, {"language": "ar", "file_format": "xliff", "include": ["outdated"]}
    )

    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "Nothing to export: no item matches what you chose." in response.content.decode()


def test_picked_items_are_exported_whatever_their_state(client, people, publish_article, translate):
    done, other = publish_article(title="Fertig"), publish_article(title="Offen")
    translate(done, "ar")
    client.force_login(people["region_admin"])
    page = client.get(EXPORT).content.decode()
    assert f'value="articles.article:{other.pk}"' in page

    response = client.post(
        EXPORT,
        {"language": "ar", "file_format": "xliff", "include": ["missing"],
         "items": [f"articles.article:{done.pk}"]},
    )  # fmt: skip

    assert exported_ids(response) == [f"articles.article/{done.pk}"]  # published in Arabic


def test_an_export_of_one_kind_on_one_topic(client, people, authority, region, taxonomy):
    housing = taxonomy["housing"]
    social = housing.children.get()
    on_topic = publish_new(
        Article, article_data(title="Wohnen", topics=[social.pk]), people, authority, region
    )
    publish_new(Article, article_data(title="Sonstiges"), people, authority, region)
    client.force_login(people["region_admin"])

    response = client.post(
        EXPORT,
        {"language": "ar", "file_format": "xliff", "include": ["missing"],
         "content_type": "articles.article", "topic": housing.pk},
    )  # fmt: skip

    assert exported_ids(response) == [f"articles.article/{on_topic.pk}"]


def test_choosing_neither_a_state_nor_an_item_is_explained(client, people, publish_article):
    publish_article()
    client.force_login(people["region_admin"])

    response = client.post(EXPORT, {"language": "ar", "file_format": "po"})

    assert "Choose at least one state, or pick items." in response.content.decode()
