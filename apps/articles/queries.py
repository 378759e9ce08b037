"""Reads of articles for migrants and staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.articles.models import Article
from apps.core.queries import about_topic, for_situation
from apps.editorial.models import ItemStatus
from apps.translation.reader import LanguageVersion, language_version, with_reader_translation
from apps.translation.reading import Reading, readings, untranslated


def visible_to_migrants(region, *, today: dt.date | None = None) -> QuerySet[Article]:
    """Published articles whose validity period includes today."""
    today = today or timezone.localdate()
    return Article.objects.filter(region=region, status=ItemStatus.PUBLISHED).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
    )


def for_reader(
    region, code: str, *, topic: str = "", user_type: str = "", kind: str = ""
) -> QuerySet[Article]:
    """Articles for a migrant reading in ``code``, filtered as the list page allows, the latest
    first: the pages and the API."""
    articles = visible_to_migrants(region)
    if topic:
        # A parent topic includes its subtopics.
        articles = articles.filter(about_topic(topic))
    if user_type:
        # Articles for everybody have no user type; they concern every situation.
        articles = articles.filter(for_situation(user_type))
    if kind:
        articles = articles.filter(kind=kind)
    return with_reader_translation(
        articles.distinct().select_related("region").order_by("-published_at", "-pk"), code
    )


def article_list(
    region, code: str, *, topic: str = "", user_type: str = "", kind: str = ""
) -> list[Reading]:
    """The article list, each article with the texts the reader is shown."""
    articles = for_reader(region, code, topic=topic, user_type=user_type, kind=kind)
    return readings(articles, code)


def articles_about(region, code: str, topic: str) -> list[Article]:
    """The topic page's information: the article list's for ``?topic=``, without their
    translations (the page reads those of all its sections in one query, see core.topics)."""
    return untranslated(for_reader(region, code, topic=topic))


def latest(region, code: str, count: int) -> list[Reading]:
    return readings(for_reader(region, code)[:count], code)


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    version: LanguageVersion  # the version shown: the reader's, or the original when asked
    reader_version: LanguageVersion  # the reader's language version


def article_page(region, code: str, slug: str, *, original: bool = False) -> ArticlePage | None:
    """The article ``slug`` as a reader of ``code`` sees it (in the original language when
    ``original``). The page keeps what it renders from it (migrant.kept.KeptContentMixin)."""
    article = (
        for_reader(region, code)
        .select_related("organisation")
        .prefetch_related("topics")
        .filter(slug=slug)
        .first()
    )
    if article is None:
        return None
    reader_version = language_version(article, code)
    version = language_version(article, region.source_language) if original else reader_version
    return ArticlePage(article=article, version=version, reader_version=reader_version)
