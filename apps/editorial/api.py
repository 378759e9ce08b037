"""Staff API of the workflow: what the authority workspace shows, for other tools to query.

Read-only; token or session authentication; scoped to the region being served and to the
caller's roles, with the same permission table as the workspace. Like the workspace pages, it
composes editorial and :mod:`apps.translation`, and is to move with them to a workspace kit.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core import params
from apps.editorial import diff, queries, workflow
from apps.editorial.registry import UnknownContentType, editorial_types, type_for_key
from apps.editorial.templatetags.editorial import source_title
from apps.translation import queries as translation_queries
from apps.translation.models import CoverageState


class StaffAPIView(APIView):
    """A view of the staff API; its route declares the permission it needs on the region."""

    permission_classes = [IsAuthenticated]
    permission_required: str | None = None  # given by the route (portal/api.py)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if (
            request.region is None
            or not self.permission_required
            or not request.user.has_perm(self.permission_required, request.region)
        ):
            raise PermissionDenied()

    def handle_exception(self, exc):
        if isinstance(exc, UnknownContentType):
            exc = NotFound(*exc.args)  # a type named in the URL or query that does not exist
        return super().handle_exception(exc)


class CoverageRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    source_changed_at = serializers.DateTimeField()
    states = serializers.DictField(child=serializers.ChoiceField(choices=CoverageState.choices))


class CoverageSerializer(serializers.Serializer):
    type = serializers.CharField()
    count = serializers.IntegerField()
    summary = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
    results = CoverageRowSerializer(many=True)


class CoverageView(StaffAPIView):
    """Translation state of every published item in every language (paginated, filterable)."""

    PAGE_SIZE = 200

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "type", OpenApiTypes.STR, description="Content type, e.g. articles.article"
            ),
            OpenApiParameter("language", OpenApiTypes.STR),
            OpenApiParameter("state", OpenApiTypes.STR, enum=CoverageState.values),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses=CoverageSerializer,
    )
    def get(self, request):
        region = request.region
        entry = type_for_key(request.query_params.get("type") or editorial_types()[0].key)
        selection = translation_queries.coverage(
            region,
            entry.model,
            language=request.query_params.get("language", ""),
            state=request.query_params.get("state", ""),
        )
        items, codes = selection.items, selection.codes
        page = params.positive_number(request.query_params.get("page"), parameter="page", default=1)
        rows = translation_queries.coverage_rows(
            items[(page - 1) * self.PAGE_SIZE : page * self.PAGE_SIZE], codes
        )
        data = {
            "type": entry.key,
            "count": items.count(),
            "summary": selection.summary,
            "results": [
                {
                    "id": row.item.pk,
                    "title": row.item.source_name(),
                    "source_changed_at": row.item.source_changed_at,
                    "states": dict(row.states),
                }
                for row in rows
            ],
        }
        return Response(CoverageSerializer(data).data)


class QueueEntrySerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    language = serializers.CharField()
    state = serializers.ChoiceField(choices=CoverageState.choices)


class QueueView(StaffAPIView):
    """What needs translating in the caller's languages, outdated first."""

    @extend_schema(responses=QueueEntrySerializer(many=True))
    def get(self, request):
        region = request.region
        codes = translation_queries.languages_for_translator(request.user, region)
        entries = translation_queries.translator_queue(region, codes)
        data = [
            {
                "type": entry.item._meta.label_lower,
                "id": entry.item.pk,
                "title": entry.item.source_name(),
                "language": entry.language,
                "state": entry.state,
            }
            for entry in entries
        ]
        return Response(QueueEntrySerializer(data, many=True).data)


class RevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    state = serializers.CharField()
    author = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    reviewed_by = serializers.CharField(allow_null=True)
    review_comment = serializers.CharField()
    restored_from = serializers.IntegerField(allow_null=True)


class AuditSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    language = serializers.CharField()
    revision = serializers.IntegerField(allow_null=True)
    comment = serializers.CharField()


class ItemWorkflowSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    source_language = serializers.CharField()
    source_changed_at = serializers.DateTimeField(allow_null=True)
    pending_revision = serializers.IntegerField(allow_null=True)
    actions = serializers.ListField(
        child=serializers.CharField(),
        help_text="The workflow steps the caller may take now (the workflow table's names).",
    )
    translations = serializers.DictField(child=serializers.CharField())
    revisions = RevisionSerializer(many=True)
    audit = AuditSerializer(many=True)


class ItemWorkflowView(StaffAPIView):
    """One item's workflow: status, revisions, translation states and audit trail."""

    @extend_schema(responses=ItemWorkflowSerializer)
    def get(self, request, type: str, pk: int):  # noqa: A002 - the URL's name
        entry = type_for_key(type)
        item = (
            entry.model.objects.filter(region=request.region, pk=pk)
            .select_related("region", "organisation")
            .first()
        )
        if item is None:
            raise NotFound()
        state = workflow.state_of(item)
        pending = state.pending
        codes = translation_queries.translation_targets(request.region)
        states = translation_queries.coverage_rows([item], codes)[0].states if codes else []

        def name(user):
            return str(user) if user else None

        data = {
            "type": entry.key,
            "id": item.pk,
            "title": source_title(item),
            "status": item.status,
            "source_language": item.source_language,
            "source_changed_at": item.source_changed_at,
            "pending_revision": pending.number if pending else None,
            "actions": [transition.name for transition in workflow.offered(state, request.user)],
            "translations": dict(states),
            "revisions": [
                {
                    "number": revision.number,
                    "state": revision.state,
                    "author": name(revision.author),
                    "created_at": revision.created_at,
                    "reviewed_by": name(revision.reviewed_by),
                    "review_comment": revision.review_comment,
                    "restored_from": revision.restored_from,
                }
                for revision in queries.revisions_of(item)
            ],
            "audit": [
                {
                    "at": event.at,
                    "actor": name(event.actor),
                    "action": event.action,
                    "language": event.language,
                    "revision": event.revision,
                    "comment": event.comment,
                }
                for event in queries.audit_trail(item, viewer=request.user)
            ],
        }
        return Response(ItemWorkflowSerializer(data).data)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    changed = serializers.BooleanField()
    html = serializers.CharField(
        help_text="Old and new text, removals in <del>, additions in <ins>"
    )


class CompareView(StaffAPIView):
    """What changed between two revisions of an item (``?a=1&b=3``), field by field."""

    @extend_schema(
        parameters=[
            OpenApiParameter("a", OpenApiTypes.INT, required=True, description="Older revision"),
            OpenApiParameter("b", OpenApiTypes.INT, required=True, description="Newer revision"),
        ],
        responses=FieldChangeSerializer(many=True),
    )
    def get(self, request, type: str, pk: int):  # noqa: A002 - the URL's name
        entry = type_for_key(type)
        item = entry.model.objects.filter(region=request.region, pk=pk).first()
        if item is None:
            raise NotFound()
        pair = queries.revision_pair(
            item, request.query_params.get("a"), request.query_params.get("b")
        )
        if pair is None:
            raise NotFound(_("No such revisions."))
        older, newer = pair
        changes = diff.diff_data(entry.model, older.data, newer.data)
        data = [
            {"field": change.label, "changed": change.changed, "html": change.html}
            for change in changes
        ]
        return Response(FieldChangeSerializer(data, many=True).data)
