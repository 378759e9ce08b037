"""Public API for languages, regions and taxonomy. Texts come in the requested language."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core import languages
from apps.core.conditional import ContentVersionConditionalMixin
from apps.core.models import Region, Topic, UserType
from apps.core.params import InvalidParameter

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(languages.CODES),
    description="Language of the texts in the response (default: from Accept-Language).",
)


#: A 400 as the API gives it: what was wrong, in the reader's language, either as a whole
#: (``{"detail": "..."}``) or per parameter (``{"from": ["Choose a date between ..."]}``).
BAD_REQUEST = OpenApiResponse(
    response={
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description='What was wrong: {"detail": "…"}, or per parameter {"from": ["…"]}.',
)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, plus: a query parameter the endpoint cannot use is a 400 naming it, like
    any validation error (``{"from": ["Choose a date between ..."]}``)."""
    if isinstance(exc, InvalidParameter):
        exc = ValidationError({exc.parameter: [exc.message]})
    return drf_exception_handler(exc, context)


class LanguageSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text="English name")
    name_local = serializers.CharField(help_text="Name in the language itself")
    bidi = serializers.BooleanField(help_text="Written right to left")
    script = serializers.CharField(help_text="ISO 15924 script code")
    variant_of = serializers.CharField(
        help_text="For an easy-language version (e.g. `de-easy`): the language it is a simpler "
        "form of; empty for a language of its own."
    )
    tag = serializers.CharField(help_text="BCP 47 tag for `lang`/`hreflang` (`de` for `de-easy`)")


@extend_schema_view(list=extend_schema(summary="The languages Waypoint supports"))
class LanguageViewSet(ContentVersionConditionalMixin, viewsets.ViewSet):
    serializer_class = LanguageSerializer
    pagination_class = None

    def list(self, request):
        return Response(LanguageSerializer(languages.LANGUAGES, many=True).data)


class TranslatedSerializer(serializers.ModelSerializer):
    """Adds the language the texts are in; translated fields are listed explicitly."""

    language = serializers.SerializerMethodField()

    def get_language(self, obj) -> str:
        return get_language()


class RegionSerializer(TranslatedSerializer):
    class Meta:
        model = Region
        fields = [
            "slug",
            "language",
            "name",
            "portal_name",
            "source_language",
            "enabled_languages",
            "time_zone",
            "primary_colour",
            "logo",
            "contact_email",
            "contact_phone",
            "contact_address",
            "website",
        ]


class TopicSerializer(TranslatedSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parent = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="null: a main topic."
    )

    class Meta:
        model = Topic
        fields = [
            "id",
            "region",
            "slug",
            "language",
            "name",
            "description",
            "icon",
            "parent",
            "position",
        ]


class UserTypeSerializer(TranslatedSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = UserType
        fields = ["id", "region", "slug", "language", "name", "description", "position"]


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class RegionViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class TopicViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.select_related("region", "parent")
    serializer_class = TopicSerializer
    filterset_fields = {"region__slug": ["exact"], "parent__slug": ["exact", "isnull"]}


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class UserTypeViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    queryset = UserType.objects.select_related("region")
    serializer_class = UserTypeSerializer
    filterset_fields = {"region__slug": ["exact"]}
