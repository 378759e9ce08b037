"""Public glossary API, per language."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.core.api import LANG_PARAMETER
from apps.editorial.presentation import language_version, with_reader_translation
from apps.glossary.models import Term
from apps.glossary.queries import published_terms


class TermSerializer(serializers.ModelSerializer):
    language = serializers.SerializerMethodField(help_text="Language the texts are in.")
    is_fallback = serializers.SerializerMethodField(help_text="Not yet translated: source text.")
    term = serializers.SerializerMethodField()
    variants = serializers.SerializerMethodField(help_text="Other forms that are recognised.")
    definition = serializers.SerializerMethodField(help_text="Markdown")
    definition_html = serializers.SerializerMethodField(help_text="Sanitised HTML")
    original = serializers.SerializerMethodField(help_text="The word in the source language.")
    related = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Term
        fields = [
            "id", "slug", "language", "is_fallback", "term", "variants", "definition",
            "definition_html", "original", "show_original", "related", "source_changed_at",
        ]  # fmt: skip

    def _version(self, term):
        cache = self.context.setdefault("_versions", {})
        if term.pk not in cache:
            cache[term.pk] = language_version(term, get_language())
        return cache[term.pk]

    def get_language(self, term) -> str:
        return self._version(term).language.code

    def get_is_fallback(self, term) -> bool:
        return self._version(term).is_fallback

    def get_term(self, term) -> str:
        return self._version(term).texts["term"]

    def get_variants(self, term) -> list[str]:
        return [
            line.strip()
            for line in self._version(term).texts["variants"].splitlines()
            if line.strip()
        ]

    def get_definition(self, term) -> str:
        return self._version(term).texts["definition"]

    def get_definition_html(self, term) -> str:
        return str(self._version(term).html["definition"])

    def get_original(self, term) -> str:
        return term.source_text("term")


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class TermViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TermSerializer
    queryset = Term.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        terms = published_terms(self.request.region).prefetch_related("related").order_by("slug")
        return with_reader_translation(terms, get_language())
