"""The search and assistant API: what the results and answer pages show, for other apps (a
city's mobile app)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api import BAD_REQUEST, LANG_PARAMETER
from apps.search import assistant, queries, services
from apps.search.limits import too_many_questions
from apps.search.models import Kind


class FoundSerializer(serializers.Serializer):
    """What search results and the assistant's findings share: an item, where, in which language."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField()
    url = serializers.CharField(help_text="The page in the portal (a path).")
    language = serializers.CharField(
        source="language.code", help_text="The language the texts are in."
    )
    is_fallback = serializers.BooleanField(
        help_text="Not translated into the requested language: the original is given."
    )
    is_machine = serializers.BooleanField()
    is_outdated = serializers.BooleanField()


class ResultSerializer(FoundSerializer):
    heading = serializers.CharField(help_text="The step or section that matched, if any.")
    excerpt_html = serializers.CharField(
        source="excerpt", help_text="A short excerpt; matching words are in <mark>."
    )


class ResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Items found (of the chosen kind).")
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    query = serializers.CharField(help_text="The query as searched.")
    corrections = serializers.DictField(
        child=serializers.CharField(), help_text="Mistyped word → the spelling searched as well."
    )
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Items per kind.")
    results = ResultSerializer(many=True)


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()


TOO_MANY = _("You have asked many questions in a short time. Please wait a minute and ask again.")


def _page(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 5 else 1


class SearchView(APIView):
    """Search the region's published content in one language: procedures (and the step that
    matches), information, glossary terms, documents, courses and events, organisations and
    places, best first, one result per item."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, required=True, description="What to find."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Kind.values),
            OpenApiParameter("topic", OpenApiTypes.STR, description="A topic's slug."),
            OpenApiParameter("page", OpenApiTypes.INT),
            LANG_PARAMETER,
        ],
        responses={200: ResultsSerializer, 400: BAD_REQUEST},
    )
    def get(self, request):
        params = request.query_params
        results = queries.search(
            request.region,
            get_language(),
            params.get("q", ""),
            kind=params.get("kind", ""),
            topic=params.get("topic", ""),
            page=_page(params.get("page")),
        )
        if results.query.problem:
            return Response({"detail": results.query.problem}, status=status.HTTP_400_BAD_REQUEST)
        services.note_search(request.region, get_language(), results)

        def page_url(number: int) -> str:
            query = request.GET.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        data = {
            "count": results.total,
            "next": page_url(results.page + 1) if results.page < results.pages else None,
            "previous": page_url(results.page - 1) if results.page > 1 else None,
            "query": results.query.text,
            "corrections": results.corrections,
            "counts": results.counts,
            "results": results.results,
        }
        return Response(ResultsSerializer(data).data)


class PartSerializer(serializers.Serializer):
    heading = serializers.CharField(help_text="The step's title.")
    url = serializers.CharField(help_text="The step on the procedure's page (a path).")
    excerpt_html = serializers.CharField(source="excerpt")


class FindingSerializer(FoundSerializer):
    excerpt_html = serializers.CharField(
        source="excerpt", help_text="A short excerpt; the question's words are in <mark>."
    )
    steps = PartSerializer(
        source="parts", many=True, help_text="For a procedure: the steps that answer."
    )


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField(help_text="The question as understood.")
    answered = serializers.BooleanField(
        help_text="False: nothing on the portal fits; `helpers` are organisations to ask."
    )
    message = serializers.CharField(allow_blank=True, help_text="What to tell the person.")
    procedures = FindingSerializer(many=True)
    explanation = FindingSerializer(allow_null=True, help_text="The key word's explanation.")
    further = FindingSerializer(many=True, help_text="Information, documents, places.")
    courses = FindingSerializer(many=True)
    organisations = FindingSerializer(many=True)
    helpers = FindingSerializer(many=True)


class AssistantView(APIView):
    """Answer a question, in any of the region's languages, from the portal's published
    content: the procedures to follow with the steps that matter, the key word's glossary
    explanation, further reading, courses and the organisations that help — each a link with
    an excerpt. It finds content written in another language too. It never writes text of its
    own; when nothing fits, `answered` is false and `helpers` names organisations to ask.
    Limited per address (HTTP 429)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, required=True, description="The question (500 letters)."
            ),
            LANG_PARAMETER,
        ],
        responses={200: AnswerSerializer, 400: BAD_REQUEST, 429: ProblemSerializer},
    )
    def get(self, request):
        region, code = request.region, get_language()
        if too_many_questions(request):
            return Response({"detail": str(TOO_MANY)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        answer = assistant.ask(region, code, request.query_params.get("q", ""))
        if answer.question.problem:
            return Response({"detail": answer.question.problem}, status=status.HTTP_400_BAD_REQUEST)
        if not answer.answered:
            services.record_unanswered(region, code, answer.normalised)
        data = {
            "question": answer.question.text,
            "answered": answer.answered,
            "message": "" if answer.answered else str(assistant.NO_ANSWER),
            "procedures": answer.procedures,
            "explanation": answer.explanation,
            "further": answer.further,
            "courses": answer.courses,
            "organisations": answer.organisations,
            "helpers": answer.helpers,
        }
        return Response(AnswerSerializer(data).data)
