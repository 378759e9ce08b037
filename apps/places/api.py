"""Public API of places (offices and other addresses), per language."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.core.api import LANG_PARAMETER
from apps.editorial.presentation import language_version
from apps.places.models import Place
from apps.places.queries import places_for_reader


class OpeningIntervalSerializer(serializers.Serializer):
    day = serializers.IntegerField(help_text="0 is Monday.")
    opens = serializers.CharField(help_text="HH:MM, local time of the region.")
    closes = serializers.CharField()


class PlaceSerializer(serializers.ModelSerializer):
    language = serializers.SerializerMethodField(help_text="Language the texts are in.")
    is_fallback = serializers.SerializerMethodField(help_text="Not yet translated: source text.")
    name = serializers.SerializerMethodField()
    directions = serializers.SerializerMethodField(help_text="Markdown")
    opening_hours = OpeningIntervalSerializer(many=True)

    class Meta:
        model = Place
        fields = [
            "id", "slug", "language", "is_fallback", "name", "directions", "street", "postcode",
            "city", "latitude", "longitude", "phone", "email", "website", "appointment_url",
            "wheelchair_accessible", "opening_hours",
        ]  # fmt: skip

    def _version(self, place):
        cache = self.context.setdefault("_versions", {})
        if place.pk not in cache:
            cache[place.pk] = language_version(place, get_language())
        return cache[place.pk]

    def get_language(self, place) -> str:
        return self._version(place).language.code

    def get_is_fallback(self, place) -> bool:
        return self._version(place).is_fallback

    def get_name(self, place) -> str:
        return self._version(place).texts["name"]

    def get_directions(self, place) -> str:
        return self._version(place).texts["directions"]


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlaceSerializer
    queryset = Place.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return places_for_reader(self.request.region, get_language())
