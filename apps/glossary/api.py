"""Public glossary API, per language."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.core.api import LANG_PARAMETER
from apps.core.conditional import ContentVersionConditionalMixin
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.glossary.models import Term
from apps.glossary.queries import terms_for_reader


class TermSerializer(ReaderVersionSerializer):
    term = VersionText()
    variants = serializers.SerializerMethodField(help_text="Other forms that are recognised.")
    definition = VersionText(help_text="Markdown")
    definition_html = serializers.SerializerMethodField(help_text="Sanitised HTML")
    original = serializers.SerializerMethodField(help_text="The word in the source language.")
    related = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Term
        fields = [
            "id", "slug", "language", "is_fallback", "term", "variants", "definition",
            "definition_html", "original", "show_original", "related", "source_changed_at",
        ]  # fmt: skip

    def get_variants(self, term) -> list[str]:
        return [
            line.strip()
            for line in self.version(term).texts["variants"].splitlines()
            if line.strip()
        ]

    def get_definition_html(self, term) -> str:
        return str(self.version(term).html["definition"])

    def get_original(self, term) -> str:
        return term.source_text("term")


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class TermViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = TermSerializer
    queryset = Term.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return terms_for_reader(self.request.region, get_language())
