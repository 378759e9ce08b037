"""Public API of the document catalogue, per language."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.core.api import LANG_PARAMETER
from apps.editorial.presentation import language_version
from apps.procedures.models import Document
from apps.procedures.queries import documents_for_reader


class DocumentSerializer(serializers.ModelSerializer):
    language = serializers.SerializerMethodField(help_text="Language the texts are in.")
    is_fallback = serializers.SerializerMethodField(help_text="Not yet translated: source text.")
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField(help_text="Markdown")
    where_to_get = serializers.SerializerMethodField(help_text="Markdown")
    original_name = serializers.SerializerMethodField(help_text="Name in the source language.")
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Document
        fields = [
            "id", "slug", "language", "is_fallback", "name", "original_name", "description",
            "where_to_get", "topics", "source_changed_at",
        ]  # fmt: skip

    def _version(self, document):
        cache = self.context.setdefault("_versions", {})
        if document.pk not in cache:
            cache[document.pk] = language_version(document, get_language())
        return cache[document.pk]

    def get_language(self, document) -> str:
        return self._version(document).language.code

    def get_is_fallback(self, document) -> bool:
        return self._version(document).is_fallback

    def get_name(self, document) -> str:
        return self._version(document).texts["name"]

    def get_description(self, document) -> str:
        return self._version(document).texts["description"]

    def get_where_to_get(self, document) -> str:
        return self._version(document).texts["where_to_get"]

    def get_original_name(self, document) -> str:
        return document.source_name()


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer
    queryset = Document.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        topic = self.request.query_params.get("topic", "")
        return documents_for_reader(
            self.request.region, get_language(), topic=topic
        ).prefetch_related("topics")
