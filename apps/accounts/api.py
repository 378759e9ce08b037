"""API for organisations and for the signed-in person's own roles.

Reading organisations is public. Writing needs a token (or session) and the same permissions as
the workspaces (apps/accounts/rules.py): region administrators change any organisation of their
region, an NGO's own people change its profile. People and memberships are never exposed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts import queries
from apps.accounts.models import Organisation
from apps.accounts.rules import PERMISSIONS
from apps.core import languages, text
from apps.core.api import LANG_PARAMETER, TranslatedSerializer
from apps.core.conditional import ContentVersionConditionalMixin
from apps.core.models import Region


class ObjectRulePermission(BasePermission):
    """Read for everyone; write when the user holds ``view.write_permission`` on the object."""

    public_read = True  # the schema documents reads as open to anonymous callers

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or request.user.has_perm(view.write_permission, obj)


class OrganisationSerializer(TranslatedSerializer):
    """Texts are read and written in the request's language (``?lang=`` or Accept-Language)."""

    region = serializers.SlugRelatedField(slug_field="slug", queryset=Region.objects.all())
    places = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    languages_spoken = serializers.ListField(
        child=serializers.ChoiceField(choices=languages.PRIMARY_CODES), required=False
    )

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
            "description",
            "services",
            "languages_spoken",
            "places",
        ]

    def validate_name(self, value: str) -> str:
        return text.clean_title(value)

    def validate(self, attrs: dict) -> dict:
        if self.instance is not None:
            # Region, kind and short name are fixed once an organisation exists.
            for field in ("region", "kind", "slug"):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise serializers.ValidationError({field: _("This cannot be changed.")})
        region = attrs.get("region") or self.instance.region
        slug = attrs.get("slug")
        if (
            slug
            and Organisation.objects.filter(region=region, slug=slug)
            .exclude(pk=getattr(self.instance, "pk", None))
            .exists()
        ):
            raise serializers.ValidationError(
                {"slug": _("This short name is already used in this region.")}
            )
        return attrs


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class OrganisationViewSet(
    ContentVersionConditionalMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    queryset = Organisation.objects.none()  # for the schema; get_queryset() reads the query
    serializer_class = OrganisationSerializer
    permission_classes = [ObjectRulePermission]
    write_permission = "accounts.change_organisation"
    filterset_fields = {"region__slug": ["exact"], "kind": ["exact"]}

    def get_queryset(self):
        return queries.active_organisations()

    def perform_create(self, serializer: OrganisationSerializer) -> None:
        region = serializer.validated_data["region"]
        if not self.request.user.has_perm("authority.manage_organisations", region):
            raise PermissionDenied(_("Only region administrators create organisations."))
        serializer.save()


class MembershipSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    organisation_kind = serializers.CharField(source="organisation.kind")
    region = serializers.CharField(source="organisation.region.slug")
    role = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField()
    memberships = MembershipSerializer(many=True)
    permissions = serializers.ListField(
        child=serializers.CharField(), help_text="Permissions held in the region served."
    )


class MeView(APIView):
    """Who am I, and what may I do here? For apps that show staff features."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        region = request.region
        memberships = queries.memberships_of(request.user)
        scopes = [region, *queries.ngos_of(request.user, region)] if region else []
        held = sorted(
            {name for name in PERMISSIONS for scope in scopes if request.user.has_perm(name, scope)}
        )
        data = {
            "email": request.user.email,
            "full_name": request.user.full_name,
            "memberships": memberships,
            "permissions": held,
        }
        return Response(MeSerializer(data).data)
