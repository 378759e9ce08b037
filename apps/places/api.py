"""Public API of places (offices and other addresses), per language."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.core.api import LANG_PARAMETER
from apps.core.conditional import ContentVersionConditionalMixin
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.places.models import Place
from apps.places.queries import places_by_name


class OpeningIntervalSerializer(serializers.Serializer):
    day = serializers.IntegerField(help_text="0 is Monday.")
    opens = serializers.CharField(help_text="HH:MM, local time of the region.")
    closes = serializers.CharField()


class PlaceSerializer(ReaderVersionSerializer):
    name = VersionText()
    directions = VersionText(help_text="Markdown")
    opening_hours = OpeningIntervalSerializer(many=True)

    class Meta:
        model = Place
        fields = [
            "id", "slug", "language", "is_fallback", "name", "directions", "street", "postcode",
            "city", "latitude", "longitude", "phone", "email", "website", "appointment_url",
            "wheelchair_accessible", "opening_hours",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class PlaceViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = PlaceSerializer
    queryset = Place.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return places_by_name(self.request.region, get_language())
