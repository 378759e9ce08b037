"""Public API of the document catalogue, per language."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from apps.core.api import LANG_PARAMETER
from apps.core.conditional import ContentVersionConditionalMixin
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.procedures import queries, services
from apps.procedures.models import Connector, Document, DurationUnit, Procedure
from apps.speech.api import ReadAloudSerializer, read_aloud_data


class DocumentSerializer(ReaderVersionSerializer):
    name = VersionText()
    description = VersionText(help_text="Markdown")
    where_to_get = VersionText(help_text="Markdown")
    original_name = serializers.SerializerMethodField(help_text="Name in the source language.")
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    produced_by = serializers.SerializerMethodField(
        help_text="Slugs of the published procedures that give you this document."
    )

    class Meta:
        model = Document
        fields = [
            "id", "slug", "language", "is_fallback", "name", "original_name", "description",
            "where_to_get", "topics", "produced_by", "source_changed_at",
        ]  # fmt: skip

    def get_original_name(self, document) -> str:
        return document.source_name()

    def get_produced_by(self, document) -> list[str]:
        return [procedure.slug for procedure in document.produced_by.all()]


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class DocumentViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer
    queryset = Document.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        topic = self.request.query_params.get("topic", "")
        documents = queries.documents_by_name(self.request.region, get_language(), topic=topic)
        return queries.with_producers(documents).prefetch_related("topics")


# --- procedures --------------------------------------------------------------------------------


def _cost_totals(totals) -> list[dict]:
    return [
        {"currency": currency, "low": f"{span.low:.2f}", "high": f"{span.high:.2f}"}
        for currency, span in totals.costs.items()
    ]


def _duration_totals(totals) -> dict | None:
    if totals.minutes is None:
        return None
    return {"low": totals.minutes.low, "high": totals.minutes.high}


class CostTotalSerializer(serializers.Serializer):
    currency = serializers.CharField()
    low = serializers.CharField(help_text='The cheapest way through, e.g. "0.00".')
    high = serializers.CharField(help_text="The dearest way through.")


class DurationTotalSerializer(serializers.Serializer):
    low = serializers.IntegerField(help_text="Minutes.")
    high = serializers.IntegerField(help_text="Minutes.")


class ProcedureSummarySerializer(ReaderVersionSerializer):
    """A procedure in a list: its texts and totals, without its steps."""

    is_outdated = serializers.SerializerMethodField(help_text="The original changed since.")
    title = VersionText()
    summary = VersionText(help_text="Who it is for.")
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    user_types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    total_cost = serializers.SerializerMethodField(
        help_text="Per currency, the cheapest and the dearest way through the steps."
    )
    total_minutes = serializers.SerializerMethodField(help_text="Shortest and longest, in minutes.")

    class Meta:
        model = Procedure
        fields = [
            "id", "slug", "language", "is_fallback", "is_outdated", "title", "summary", "topics",
            "user_types", "total_cost", "total_minutes", "source_changed_at",
        ]  # fmt: skip

    def _totals(self, procedure):
        return services.totals(list(procedure.steps.all()))

    def get_is_outdated(self, procedure) -> bool:
        return self.version(procedure).is_outdated

    @extend_schema_field(CostTotalSerializer(many=True))
    def get_total_cost(self, procedure) -> list[dict]:
        return _cost_totals(self._totals(procedure))

    @extend_schema_field(DurationTotalSerializer(allow_null=True))
    def get_total_minutes(self, procedure) -> dict | None:
        return _duration_totals(self._totals(procedure))


# What procedure_detail() returns, for the schema (the detail is built without a serializer, from
# the same reads as the page; tests/api/test_schema_fuzz.py holds the two together).


class StepDurationSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=DurationUnit.choices)


class StepTipSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Slug of the organisation giving the tip.")
    language = serializers.CharField(help_text="Language the tip is in.")
    text = serializers.CharField()
    is_original = serializers.BooleanField(
        help_text="Not yet translated into the requested language: the original is given."
    )


class StepSerializer(serializers.Serializer):
    uid = serializers.CharField()
    number = serializers.IntegerField(help_text="Steps joined by and/or share a number.")
    connector = serializers.ChoiceField(choices=Connector.choices)
    optional = serializers.BooleanField()
    language = serializers.CharField(help_text="Language the step's texts are in.")
    title = serializers.CharField()
    body = serializers.CharField(help_text="Markdown")
    cost = serializers.CharField(allow_null=True, help_text='E.g. "25.00"; null: no cost given.')
    cost_max = serializers.CharField(allow_null=True, help_text="Set when the fee depends.")
    currency = serializers.CharField()
    duration = StepDurationSerializer(allow_null=True)
    documents = serializers.ListField(child=serializers.CharField(), help_text="Document slugs.")
    place = serializers.CharField(allow_null=True, help_text="Slug of the office, if any.")
    online_url = serializers.CharField()
    leads_to = serializers.CharField(
        allow_null=True, help_text="Slug of the procedure this step consists of, if any."
    )
    tips = StepTipSerializer(many=True)


class RequiredDocumentSerializer(serializers.Serializer):
    document = serializers.CharField(help_text="Slug.")
    name = serializers.CharField()
    produced_by = serializers.ListField(
        child=serializers.CharField(), help_text="Slugs of the procedures that give it."
    )


class ProducedDocumentSerializer(serializers.Serializer):
    document = serializers.CharField(help_text="Slug.")
    name = serializers.CharField()
    needed_by = serializers.ListField(
        child=serializers.CharField(), help_text="Slugs of the procedures that need it."
    )


class ProcedureDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    language = serializers.CharField(help_text="Language the texts are in.")
    is_fallback = serializers.BooleanField(
        help_text="Not yet translated into the requested language: the texts are the original."
    )
    is_outdated = serializers.BooleanField(help_text="The original changed since.")
    is_machine = serializers.BooleanField(help_text="A machine translation.")
    title = serializers.CharField()
    summary = serializers.CharField(help_text="Who it is for.")
    body = serializers.CharField(help_text="Markdown")
    topics = serializers.ListField(child=serializers.CharField(), help_text="Topic slugs.")
    user_types = serializers.ListField(
        child=serializers.CharField(), help_text="Life situation slugs."
    )
    route_conditions = serializers.ListField(
        child=serializers.CharField(),
        help_text='Besides the life situations, for whom "My route" proposes it: "children", '
        '"looking_for_work", "learning_german" (empty: everybody in the situations).',
    )
    total_cost = CostTotalSerializer(many=True)
    total_minutes = DurationTotalSerializer(allow_null=True)
    steps = StepSerializer(many=True)
    requires = RequiredDocumentSerializer(many=True)
    produces = ProducedDocumentSerializer(many=True)
    source_changed_at = serializers.DateTimeField(allow_null=True)
    read_aloud = ReadAloudSerializer(allow_null=True)


def procedure_detail(page) -> dict:
    """A procedure page as data: the same reads as the page, and its topics."""
    version = page.version
    return {
        "id": page.procedure.pk,
        "slug": page.procedure.slug,
        "language": version.language.code,
        "is_fallback": version.is_fallback,
        "is_outdated": version.is_outdated,
        "is_machine": version.is_machine,
        "title": version.texts["title"],
        "summary": version.texts["summary"],
        "body": version.texts["body"],
        # The page shows no topics, so they are read here (one query) and not for every page.
        "topics": list(page.procedure.topics.values_list("slug", flat=True)),
        "user_types": [user_type.slug for user_type in page.procedure.user_types.all()],
        "route_conditions": list(page.procedure.route_conditions or []),
        "total_cost": _cost_totals(page.totals),
        "total_minutes": _duration_totals(page.totals),
        "steps": [
            {
                "uid": step.step.uid,
                "number": step.number,
                "connector": step.step.connector,
                "optional": step.step.optional,
                "language": step.language.code,
                "title": step.texts["title"],
                "body": step.texts["body"],
                "cost": None if step.step.cost is None else str(step.step.cost),
                "cost_max": None if step.step.cost_max is None else str(step.step.cost_max),
                "currency": step.step.currency,
                "duration": {"value": step.step.duration_value, "unit": step.step.duration_unit}
                if step.step.duration_value is not None and step.step.duration_unit
                else None,
                "documents": [document.slug for document, _ in step.documents],
                "place": step.place[0].slug if step.place else None,
                "online_url": step.step.online_url,
                "leads_to": step.leads_to[0].slug if step.leads_to else None,
                "tips": [
                    {
                        "organisation": tip.tip.organisation.slug,
                        "language": tip.language.code,
                        "text": tip.text,
                        "is_original": tip.is_original,
                    }
                    for tip in step.tips
                ],
            }
            for step in page.steps
        ],
        "requires": [
            {
                "document": need.document.slug,
                "name": need.version.texts["name"],
                "produced_by": [other.slug for other, _ in need.produced_by],
            }
            for need in page.documents
        ],
        "produces": [
            {
                "document": use.document.slug,
                "name": use.version.texts["name"],
                "needed_by": [other.slug for other, _ in use.needed_by],
            }
            for use in page.produces
        ],
        "source_changed_at": page.procedure.source_changed_at,
        "read_aloud": read_aloud_data(page.procedure, version),
    }


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(
        parameters=[LANG_PARAMETER],
        responses=ProcedureDetailSerializer,
        description="The procedure with its numbered steps, documents, offices, tips, and its "
        "requires/produces links to other procedures.",
    ),
)
class ProcedureViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProcedureSummarySerializer
    queryset = Procedure.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        return queries.procedures_by_title(
            self.request.region,
            get_language(),
            topic=params.get("topic", ""),
            user_type=params.get("situation", ""),
        ).prefetch_related("topics", "user_types", "steps")

    def retrieve(self, request, *args, **kwargs):
        page = queries.procedure_page(request.region, get_language(), kwargs["slug"])
        if page is None:
            raise Http404
        return Response(procedure_detail(page))
