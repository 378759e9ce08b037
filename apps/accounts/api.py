"""Public API for organisations. People and memberships are never exposed."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.accounts.models import Organisation
from apps.core.api import LANG_PARAMETER, TranslatedSerializer


class OrganisationSerializer(TranslatedSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "region",
            "slug",
            "kind",
            "language",
            "name",
            "email",
            "phone",
            "website",
            "address",
        ]


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organisation.objects.filter(is_active=True).select_related("region")
    serializer_class = OrganisationSerializer
    filterset_fields = {"region__slug": ["exact"], "kind": ["exact"]}
