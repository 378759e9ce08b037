"""Public API of events: each with its dates expanded over a bounded period, and registration
with the same checks as the portal's form (one service function behind both)."""

from __future__ import annotations

import datetime as dt

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
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.events import queries, services
from apps.events.models import Event
from apps.events.services import too_many_registrations

FROM = OpenApiParameter(
    "from",
    OpenApiTypes.DATE,
    description="First day (default: today). Dates lie between 2000-01-01 and 2099-12-31; "
    "others are answered with 400.",
)
TO = OpenApiParameter(
    "to", OpenApiTypes.DATE, description="Last day (default: 90 days on; at most 366 days on)."
)


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
    place = serializers.SlugRelatedField(slug_field="slug", read_only=True)
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
    language = serializers.ChoiceField(choices=languages.CODES, required=False)
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


def _period(request) -> tuple[dt.datetime, dt.datetime]:
    zone = request.region.zone
    today = timezone.now().astimezone(zone).date()
    start_day = params.day(request.query_params.get("from"), parameter="from", default=today)
    end_day = params.day(
        request.query_params.get("to"), parameter="to", default=start_day + dt.timedelta(days=90)
    )
    if end_day < start_day:
        raise ValidationError({"to": _("The end date is before the start date.")})
    if end_day - start_day > queries.MAX_RANGE:
        raise ValidationError({"to": _("Ask for at most 366 days at a time.")})
    start = dt.datetime.combine(start_day, dt.time(), zone)
    end = dt.datetime.combine(end_day + dt.timedelta(days=1), dt.time(), zone)
    return max(start, timezone.now()) if start_day == today else start, end


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, FROM, TO]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, FROM, TO]),
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Current events and courses with their dates in a period (``?from=&to=``)."""

    serializer_class = EventSerializer
    queryset = Event.objects.none()  # for the schema
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return queries.events_for_reader(self.request.region, get_language()).prefetch_related(
            "topics", "user_types"
        )

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["dates"] = getattr(self, "_dates", {})
        return context

    def _with_dates(self, events: list[Event]) -> None:
        start, end = _period(self.request)
        self._dates = {}
        for listing in queries.listings(events, get_language(), start=start, end=end):
            self._dates.setdefault(listing.event.pk, []).append(listing)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
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
