"""The API of a signed-in migrant's own data (a city's app can build on it): the progress kept
with the account. Only the migrant's own session opens it; staff tokens and sessions do not."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication, CSRFCheck
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.editorial.models import ItemStatus
from apps.migrant_accounts import follows, saved, services
from apps.migrant_accounts.models import FollowKind
from apps.migrant_accounts.session import current_account
from apps.procedures.models import Procedure
from apps.translation.reader import language_version


class SignedInMigrant:
    """What DRF sees as ``request.user`` for a signed-in migrant (never a staff user)."""

    is_authenticated = True
    is_staff = False

    def __init__(self, account):
        self.account = account


class MigrantSessionAuthentication(BaseAuthentication):
    """The migrant's session cookie, with Django's CSRF check on writes (as DRF's own session
    authentication does)."""

    def authenticate(self, request):
        account = current_account(request._request)
        if account is None:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            check = CSRFCheck(lambda request: None)
            check.process_request(request._request)
            reason = check.process_view(request._request, None, (), {})
            if reason:
                raise PermissionDenied(_("The form was sent without its security token."))
        return SignedInMigrant(account), None

    def authenticate_header(self, request) -> str:
        return "Session"


class IsSignedInMigrant(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, SignedInMigrant)


class ProgressSerializer(serializers.Serializer):
    procedure = serializers.CharField(read_only=True, help_text="The procedure's slug.")
    title = serializers.CharField(read_only=True)
    ticks = serializers.ListField(
        child=serializers.CharField(max_length=90),
        max_length=services.MAX_TICKS,
        help_text='What is ticked: "step:<uid>" and "document:<slug>" of the procedure.',
    )
    steps = serializers.IntegerField(read_only=True, help_text="Steps of the procedure.")
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


class MigrantAPIView(APIView):
    authentication_classes = [MigrantSessionAuthentication]
    permission_classes = [IsSignedInMigrant]

    @property
    def account(self):
        return self.request.user.account


def _row(procedure, progress, code: str, steps: int | None = None) -> dict:
    return {
        "procedure": procedure.slug,
        "title": language_version(procedure, code).texts["title"],
        "ticks": progress.ticks if progress else [],
        "steps": procedure.steps.count() if steps is None else steps,
        "updated_at": progress.updated_at if progress else None,
    }


class ProgressListView(MigrantAPIView):
    @extend_schema(responses=ProgressSerializer(many=True), summary="My progress, per procedure")
    def get(self, request):
        code = get_language()
        rows = [
            _row(row["procedure"], row["progress"], code, row["steps"])
            for row in services.progress_overview(self.account, code)
            if row["progress"] is not None
        ]
        return Response(ProgressSerializer(rows, many=True).data)


class ProgressDetailView(MigrantAPIView):
    def procedure(self, slug: str) -> Procedure:
        return get_object_or_404(
            Procedure, region=self.account.region, slug=slug, status=ItemStatus.PUBLISHED
        )

    def progress(self, procedure):
        return self.account.progress.filter(procedure=procedure).first()

    @extend_schema(responses=ProgressSerializer, summary="My ticks in one procedure")
    def get(self, request, slug: str):
        procedure = self.procedure(slug)
        return Response(
            ProgressSerializer(_row(procedure, self.progress(procedure), get_language())).data
        )

    @extend_schema(
        request=ProgressSerializer, responses=ProgressSerializer, summary="Keep my ticks"
    )
    def put(self, request, slug: str):
        procedure = self.procedure(slug)
        serializer = ProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticks = services.valid_ticks(procedure, serializer.validated_data["ticks"])
        if ticks is None:
            raise ValidationError(
                {"ticks": [_("These are not steps or documents of this procedure.")]}
            )
        progress = services.save_progress(self.account, procedure, ticks)
        return Response(ProgressSerializer(_row(procedure, progress, get_language())).data)

    @extend_schema(responses={204: None}, summary="Forget my ticks in one procedure")
    def delete(self, request, slug: str):
        services.forget_progress(self.account, self.procedure(slug))
        return Response(status=204)


class MigrantSessionScheme(OpenApiAuthenticationExtension):
    """How the schema names the migrant's session: the session cookie of "My Waypoint"."""

    target_class = MigrantSessionAuthentication
    name = "migrantSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "A migrant's session after signing in by a one-time link (/<lang>/my/); "
            "writes also need the X-CSRFToken header.",
        }


class FollowSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FollowKind.choices)
    id = serializers.IntegerField(min_value=1, max_value=2**53)
    title = serializers.CharField(read_only=True)
    path = serializers.CharField(read_only=True, help_text="The followed page, in the language.")


class FollowListView(MigrantAPIView):
    @extend_schema(responses=FollowSerializer(many=True), summary="What I follow")
    def get(self, request):
        return Response(
            FollowSerializer(follows.followed(self.account, get_language()), many=True).data
        )

    @extend_schema(request=FollowSerializer, responses={201: FollowSerializer}, summary="Follow")
    def post(self, request):
        serializer = FollowSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kind, object_id = serializer.validated_data["kind"], serializer.validated_data["id"]
        if not follows.follow(self.account, kind, object_id):
            raise ValidationError({"id": [_("This cannot be followed.")]})
        row = next(
            r for r in follows.followed(self.account, get_language())
            if (r["kind"], r["id"]) == (kind, object_id)
        )  # fmt: skip
        return Response(FollowSerializer(row).data, status=201)


class FollowDetailView(MigrantAPIView):
    @extend_schema(responses={204: None}, summary="Stop following")
    def delete(self, request, kind: str, object_id: int):
        follows.unfollow(self.account, kind, object_id)
        return Response(status=204)


class SavedPageSerializer(serializers.Serializer):
    path = serializers.CharField(
        max_length=300,
        help_text="The page, in its language: a procedure, article, document, glossary term or "
        "the glossary (e.g. /ar/step-by-step/wohnung-anmelden/).",
    )
    language = serializers.CharField(read_only=True, help_text="The language of the page.")
    title = serializers.CharField(read_only=True)
    title_language = serializers.CharField(
        read_only=True, help_text="The language the title is in (the original's, if the page "
        "has no version in its language yet).",
    )  # fmt: skip
    saved_at = serializers.DateTimeField(read_only=True)


class SavedPageListView(MigrantAPIView):
    """The pages saved for offline reading: every device the person signs in on keeps them."""

    @extend_schema(responses=SavedPageSerializer(many=True), summary="My pages saved for offline")
    def get(self, request):
        return Response(SavedPageSerializer(saved.saved_pages(self.account), many=True).data)

    @extend_schema(
        request=SavedPageSerializer,
        responses={200: SavedPageSerializer, 201: SavedPageSerializer},
        summary="Save a page for offline",
    )
    def post(self, request):
        serializer = SavedPageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        path = serializer.validated_data["path"]
        existed = self.account.saved.filter(path=path).exists()
        try:
            page = saved.save(self.account, path)
        except saved.TooManySaved:
            raise ValidationError(
                {
                    "path": [
                        _("You can keep at most %(count)s saved pages. Remove one first.")
                        % {"count": saved.MAX_SAVED}
                    ]
                }
            ) from None
        if page is None:
            raise ValidationError({"path": [_("This page cannot be saved for offline.")]})
        return Response(SavedPageSerializer(page).data, status=200 if existed else 201)

    @extend_schema(
        parameters=[OpenApiParameter("path", str, required=True, description="The saved page.")],
        responses={204: None},
        summary="Remove a saved page",
    )
    def delete(self, request):
        path = request.query_params.get("path", "")
        if not path:
            raise ValidationError({"path": [_("Say which page to remove.")]})
        saved.forget(self.account, path)
        return Response(status=204)
