"""Public API for information articles, per language, with the truth about each text's language.

Responses carry ETag and Last-Modified; a client sending If-None-Match / If-Modified-Since gets
304 when nothing changed.
"""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max
from django.utils.translation import get_language
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets

from apps.articles import queries
from apps.articles.models import Article
from apps.core.api import LANG_PARAMETER
from apps.core.conditional import ConditionalGetMixin
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.glossary.matching import explain, glossary_version
from apps.speech.queries import last_recorded


class ExplainedTermSerializer(serializers.Serializer):
    anchor = serializers.CharField(help_text="The data-term value of the marked occurrence.")
    slug = serializers.CharField()
    term = serializers.CharField()
    language = serializers.CharField()
    original = serializers.CharField(help_text="Source-language word, if shown beside.")
    definition_html = serializers.CharField()


class ExplainedSerializer(serializers.Serializer):
    body_html = serializers.CharField()
    terms = ExplainedTermSerializer(many=True)


class ArticleSerializer(ReaderVersionSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    user_types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    translation = serializers.SerializerMethodField()
    title = VersionText()
    summary = VersionText()
    body = VersionText(help_text="Markdown")
    body_html = serializers.SerializerMethodField(help_text="Sanitised HTML")
    image_alt = serializers.SerializerMethodField()
    explained = serializers.SerializerMethodField(
        help_text=(
            "Only with ?explain=terms: the body as HTML with the first occurrence of each glossary "
            'term marked as <a class="term" data-term="…">, and the explanations in the '
            "requested language."
        )
    )
    last_modified = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id", "slug", "region", "kind", "language", "translation", "title", "summary", "body",
            "body_html", "image", "image_alt", "topics", "user_types", "valid_from", "valid_until",
            "published_at", "source_changed_at", "last_modified", "explained",
        ]  # fmt: skip

    def get_translation(self, article) -> dict:
        version = self.version(article)
        return {
            "requested": version.requested.code,
            "is_fallback": version.is_fallback,
            "is_machine": version.is_machine,
            "is_outdated": version.is_outdated,
        }

    def get_body_html(self, article) -> str:
        return str(self.version(article).html["body"])

    def get_image_alt(self, article) -> str:
        return self.version(article).texts["image_alt"]

    @extend_schema_field(ExplainedSerializer(allow_null=True))
    def get_explained(self, article) -> dict | None:
        request = self.context.get("request")
        if request is None or request.query_params.get("explain") != "terms":
            return None
        version = self.version(article)
        result = explain(
            version.html["body"],
            region=article.region,
            text_language=version.language.code,
            reader_language=get_language(),
            prefix="body",
        )
        return {
            "body_html": str(result.html),
            "terms": [
                {
                    "anchor": note.anchor,
                    "slug": note.explanation.slug,
                    "term": note.explanation.term,
                    "language": note.explanation.language,
                    "original": note.explanation.original,
                    "definition_html": str(note.explanation.definition_html),
                }
                for note in result.notes
            ],
        }


TOPIC = OpenApiParameter("topic", str, description="Topic slug (includes its subtopics)")
SITUATION = OpenApiParameter("situation", str, description="User type slug")
KIND = OpenApiParameter("kind", str, enum=["guidance", "news"])
EXPLAIN = OpenApiParameter(
    "explain", str, enum=["terms"], description="Add the body with glossary terms marked."
)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, TOPIC, SITUATION, KIND, EXPLAIN]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, EXPLAIN]),
)
class ArticleViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ArticleSerializer
    queryset = Article.objects.none()  # for the schema; get_queryset() filters per request
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        return queries.for_reader(
            self.request.region,
            get_language(),
            topic=params.get("topic", ""),
            user_type=params.get("situation", ""),
            kind=params.get("kind", ""),
        ).prefetch_related("topics", "user_types")

    def conditional_state(self, request, *args, **kwargs):
        """(ETag, Last-Modified) from one cheap query, before serialising anything."""
        queryset = self.get_queryset()
        if "slug" in kwargs:
            queryset = queryset.filter(slug=kwargs["slug"])
        stats = queryset.order_by().aggregate(
            last=Max("updated_at"), ids=Max("pk"), count=Count("pk")
        )
        parts = (
            get_language(),
            request.get_full_path(),
            stats["last"],
            stats["ids"],
            stats["count"],
            glossary_version(self.request.region),  # explanations change with the glossary
            last_recorded(),  # and read_aloud when a recording is made after publication
        )
        key = "|".join(str(part) for part in parts)
        return hashlib.sha256(key.encode()).hexdigest()[:32], stats["last"]
