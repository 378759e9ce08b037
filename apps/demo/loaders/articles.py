"""The demo articles. Two gaps are deliberate, so the workflow shows: ``tenant-rights`` has a
Russian translation of an older original (outdated), and ``broadcasting-fee`` has no Urdu
version (missing)."""

from __future__ import annotations

from apps.articles.models import Article
from apps.core.models import Region, Topic, UserType
from apps.demo.loaders.data import pks_by_slug, read_data, read_overlays
from apps.demo.loaders.publishing import Newsroom, Texts, entry_translation, publish_entries
from apps.editorial import services as workflow

FIELDS = ("title", "summary", "body")


def load_articles(region: Region) -> None:
    """Publish the demo articles and their translations through the real workflow."""
    newsroom = Newsroom(region)
    overlays = read_overlays("articles")
    topics = pks_by_slug(Topic, region)
    user_types = pks_by_slug(UserType, region)
    source = region.source_language

    def settings(entry: dict) -> dict:
        return {
            "kind": entry["kind"],
            "topics": [topics[slug] for slug in entry["topics"]],
            "user_types": [user_types[slug] for slug in entry["user_types"]],
            "valid_from": entry["valid_from"],
            "valid_until": entry["valid_until"],
        }

    def create(entry: dict, values: dict) -> Article:
        earlier = {
            field: value[source] for field, value in entry.get("earlier_original", {}).items()
        }
        article = newsroom.publish_new(Article, slug=entry["slug"], values={**values, **earlier})
        if earlier:
            # Translated from the earlier original, which is then revised: so it is outdated.
            for language in entry.get("outdated_languages", []):
                newsroom.translate(article, language, overlays[language][entry["slug"]])
            article.refresh_from_db()
            newsroom.revise(article, workflow.revision_data(Article, values))
        return article

    def translation(entry: dict, language: str) -> Texts | None:
        gaps = [*entry.get("outdated_languages", []), *entry.get("missing_languages", [])]
        if language in gaps:
            return None
        return entry_translation(entry, language, FIELDS, overlays)

    publish_entries(
        newsroom,
        Article,
        read_data("articles.json")["articles"],
        fields=FIELDS,
        settings=settings,
        create=create,
        translation=translation,
    )
