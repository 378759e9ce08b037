"""Public API of events: each with its dates expanded over a bounded period, and registration
with the same checks as the portal's form (one service function behind both)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.core import languages, params
from apps.core.api import LANG_PARAMETER
from apps.core.conditional import ContentVersionConditionalMixin
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.events import queries, services
from apps.events.limits import too_many_registrations
from apps.events.models import Event, EventKind

FROM = OpenApiParameter(
    "from",
    OpenApiTypes.DATE,
    description="First day (default: today; never before today). Dates lie between 2000-01-01 "
    "and 2099-12-31; others are answered with 400.",
)
TO = OpenApiParameter(
    "to",
    OpenApiTypes.DATE,
    description=f"Last day (default: {queries.DEFAULT_DAYS} days on; "
    f"at most {queries.MAX_DAYS} days on).",
)
#: The filters of the events page, under the same names.
FILTERS = [
    OpenApiParameter("topic", str, description="Topic slug (includes its subtopics)"),
    OpenApiParameter("situation", str, description="User type slug"),
    OpenApiParameter(
        "language", str, enum=list(languages.PRIMARY_CODES), description="Language of instruction"
    ),
    OpenApiParameter("kind", str, enum=EventKind.values),
    OpenApiParameter("organisation", str, description="Organisation slug"),
    OpenApiParameter("free", bool, description="Free of charge only"),
    OpenApiParameter("childcare", bool, description="With childcare only"),
    OpenApiParameter("accessible", bool, description="Step-free access only"),
]
#: How long an events answer may be revalidated as current (see ``EventViewSet.time_bucket``).
EVENTS_ETAG_SECONDS = 300

_FLAGS = ("free", "childcare", "accessible")


class DateSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    cancelled = serializers.BooleanField()
    places_left = serializers.IntegerField(allow_null=True, help_text="null: unlimited.")


class EventSerializer(ReaderVersionSerializer):
    title = VersionText()
    summary = VersionText()
    description = VersionText(help_text="Markdown")
    target_group = VersionText()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    place = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="null: online only."
    )
    topics = serializers.SlugRelatedField(slug_field="slug", read_only=True, many=True)
    user_types = serializers.SlugRelatedField(slug_field="slug", read_only=True, many=True)
    dates = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "slug", "language", "is_fallback", "kind", "title", "summary", "description",
            "target_group", "organisation", "place", "online_url", "languages_of_instruction",
            "cost", "currency", "childcare", "wheelchair_accessible", "capacity",
            "registration_mode", "registration_url", "topics", "user_types", "starts_at",
            "duration_minutes", "rrule", "dates",
        ]  # fmt: skip

    @extend_schema_field(DateSerializer(many=True))
    def get_dates(self, event) -> list[dict]:
        listed = self.context.get("dates", {}).get(event.pk, [])
        return [
            {
                "starts_at": listing.date.starts_at,
                "ends_at": listing.date.ends_at,
                "cancelled": listing.cancelled,
                "places_left": listing.places_left,
            }
            for listing in listed
        ]


class RegistrationSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(help_text="One of the event's dates.")
    name = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=languages.PRIMARY_CODES, required=False)
    consent = serializers.BooleanField(
        help_text="The person agrees that the organisers use their data for this event."
    )

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise ValidationError(_("Please agree, so that we may keep your registration."))
        return value


class RegistrationResultSerializer(serializers.Serializer):
    status = serializers.CharField()
    cancel_token = serializers.CharField()


def _period(request) -> queries.Window:
    """The window of the events page for ``?from=&to=``; a period too long is refused."""
    zone = request.region.zone
    first = params.day(request.query_params.get("from"), parameter="from", default=None)
    last = params.day(request.query_params.get("to"), parameter="to", default=None)
    asked_from = first or timezone.now().astimezone(zone).date()
    if last and last < asked_from:
        raise ValidationError({"to": [_("The end date is before the start date.")]})
    if last and queries.too_long(asked_from, last):
        # The number is queries.MAX_DAYS.
        raise ValidationError({"to": [_("Ask for at most 366 days at a time.")]})
    return queries.window(zone, first=first, last=last)


def _filters(request) -> queries.Filters:
    """The filters of the query; a kind, language or yes/no that cannot be is a 400 naming it."""
    query = request.query_params
    return queries.Filters.from_values(
        {
            **{name: query.get(name, "") for name in ("topic", "situation", "organisation")},
            "kind": params.choice(query.get("kind"), parameter="kind", choices=EventKind.values),
            "language": params.choice(
                query.get("language"), parameter="language", choices=languages.PRIMARY_CODES
            ),
            **{name: params.flag(query.get(name), parameter=name) for name in _FLAGS},
        }
    )


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, FROM, TO, *FILTERS]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, FROM, TO]),
)
class EventViewSet(ContentVersionConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Current events and courses with their dates in a period (``?from=&to=``), filtered as
    on the events page; the dates are the page's (apps.events.queries.window)."""

    serializer_class = EventSerializer
    queryset = Event.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def time_bucket(self, request) -> str:
        # Dates drop out of the answer as they end, without any change to the data: the tag
        # moves on every few minutes too, so a client revalidating gets them dropped soon.
        return str(int(timezone.now().timestamp()) // EVENTS_ETAG_SECONDS)

    def get_queryset(self):
        filters = _filters(self.request) if self.action == "list" else queries.Filters()
        return queries.events_for_reader(
            self.request.region, get_language(), filters
        ).prefetch_related("topics", "user_types")

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["dates"] = getattr(self, "_dates", {})
        return context

    def _with_dates(self, events: list[Event]) -> None:
        period = _period(self.request)
        self._dates = {}
        for listing in queries.listings(events, get_language(), start=period.start, end=period.end):
            self._dates.setdefault(listing.event.pk, []).append(listing)

    def list(self, request, *args, **kwargs):
        language = _filters(request).language
        queryset = self.filter_queryset(self.get_queryset())
        if language:  # languages of instruction are a list: chosen here, as on the page
            queryset = [event for event in queryset if queries.speaks(event, language)]
        page = self.paginate_queryset(queryset)
        events = list(page if page is not None else queryset)
        self._with_dates(events)
        serializer = self.get_serializer(events, many=True)
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        event = self.get_object()
        self._with_dates([event])
        return Response(self.get_serializer(event).data)

    @extend_schema(request=RegistrationSerializer, responses={201: RegistrationResultSerializer})
    @action(detail=True, methods=["post"], url_path="registrations", permission_classes=[AllowAny])
    def register(self, request, slug=None):
        """Register a person for one date (no account). Same rules as the portal's form."""
        event = self.get_object()
        if too_many_registrations(request):
            raise Throttled(detail=_("Too many registrations from your connection."))
        payload = RegistrationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        starts_at = data["starts_at"]
        try:
            registration = services.register(
                event=event,
                starts_at=starts_at,
                name=data["name"],
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                language=data.get("language") or get_language(),
                base_url=request.build_absolute_uri("/"),
            )
        except services.RegistrationError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        return Response(
            {"status": registration.status, "cancel_token": services.cancel_token(registration)},
            status=status.HTTP_201_CREATED,
        )
